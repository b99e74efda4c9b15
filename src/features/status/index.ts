import type { Feature, FeatureContext } from '../feature.js';
import { statusHandler } from './handlers/status.js';

/**
 * UTIGyND's status of the whole network (issue 13).
 * Command (admin guard): «estado» — one card, stage by stage along the edition calendar: call, groups and
 * spaces, elections, plans, sessions and attendance, surveys, group reports, communication cases, failing
 * deliveries, each with what to do next when behind; «estado grupo N» — members, roles, attendance per member,
 * plan and report; «estado exportar» — the same as XLSX (export.ts, exceljs) through the file consent flow.
 * Handler: handlers/status.ts; sections and cards: views.ts; words: ./commands.ts; texts: ./texts.ts.
 * Card: src/cards/status.ts (cards/status/statusOverview.json). Figures: src/domain/status/ (pure) and
 * src/services/status/ (ctx.services.status: batch reads, parts from ctx.services.reportingSources are optional
 * and shown as «sin datos» when absent). Tests: test/status/; timing: bench/statusTiming.ts.
 */
export function createStatusFeature(ctx: FeatureContext): Feature {
  return {
    name: 'status',
    routes: [{ commandId: 'status', handle: ctx.guard.command('status', statusHandler(ctx)) }],
  };
}
