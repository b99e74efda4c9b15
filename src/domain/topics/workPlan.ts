import { z } from 'zod';
import type { ValidationIssue } from './temario.js';
import type { RankedTopic } from './voting.js';
import type { YearMonth } from './months.js';
import { PLAN_TEXTS as P, planWhere } from './texts.js';

/**
 * A group's work plan (issue 10): the topics it chose, in the order it will address them, each with a goal
 * and a tentative month within the edition's six months. Built by the representante from the ranking of
 * the group's topic vote. Pure: validation, suggestion and the difference between two versions.
 */

export const PLAN_LIMITS = {
  maxItems: 12,
  goalMin: 5,
  goalMax: 300,
} as const;

/** One topic of a plan as the representante sends it. */
export interface PlanItemDraft {
  topicId: string;
  goal: string;
  month: YearMonth;
}

export interface WorkPlanDraft {
  items: PlanItemDraft[];
}

/** What a plan needs of a topic (the topics of the group's vote). */
export interface PlanTopic {
  id: string;
  eje: string;
  titulo: string;
}

/** A validated item: the draft plus the topic's eje and title at the time (a plan stays readable). */
export interface PlanItem extends PlanItemDraft {
  eje: string;
  titulo: string;
}

export interface PlanContext {
  /** Topics a plan may include (those of the group's vote, in temario order). */
  topics: readonly PlanTopic[];
  /** The edition's months, in order (editionMonths). */
  months: readonly YearMonth[];
  /** How a month is written in messages ("enero de 2027"); "2027-01" when absent. */
  formatMonth?: (month: YearMonth) => string;
}

export type PlanCheck = { ok: true; items: PlanItem[] } | { ok: false; issues: ValidationIssue[]; errors: string[] };

const draftSchema = z.object({ items: z.array(z.unknown()) });

/**
 * Validates a draft: 1..12 items, each a topic of the vote (no repeats), a goal of 5..300 characters and a
 * month of the edition, months never going back (the order is the order in which topics are addressed).
 * Every item is checked; each problem names the item and its path («items.2.goal»).
 */
export function validateWorkPlan(raw: unknown, ctx: PlanContext): PlanCheck {
  const issues: ValidationIssue[] = [];
  const fail = (): PlanCheck => ({ ok: false, issues, errors: issues.map((i) => i.message) });
  const frame = draftSchema.safeParse(raw);
  if (!frame.success) {
    issues.push({ path: 'items', message: P.notObject });
    return fail();
  }
  const rows = frame.data.items;
  if (rows.length === 0) issues.push({ path: 'items', message: P.noItems });
  if (rows.length > PLAN_LIMITS.maxItems) issues.push({ path: 'items', message: P.tooManyItems(PLAN_LIMITS.maxItems) });
  if (issues.length) return fail();

  const topics = new Map(ctx.topics.map((t) => [t.id, t]));
  const monthIndex = new Map(ctx.months.map((m, i) => [m, i]));
  const fmt = ctx.formatMonth ?? ((m: YearMonth) => m);
  const firstMonth = ctx.months[0];
  const lastMonth = ctx.months[ctx.months.length - 1];
  const firstIndexOf = new Map<string, number>();
  const items: PlanItem[] = [];
  let prev: { index: number; month: number } | undefined;

  rows.forEach((row, i) => {
    const add = (field: string, message: string, titulo?: string) => issues.push({ path: `items.${i}${field ? `.${field}` : ''}`, message: `${planWhere(i, titulo)}: ${message}` });
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      add('', P.rowNotObject);
      return;
    }
    const { topicId, goal, month } = row as Record<string, unknown>;
    const topic = typeof topicId === 'string' ? topics.get(topicId.trim()) : undefined;
    const titulo = topic?.titulo;
    let ok = true;
    if (!topic) {
      add('topicId', P.unknownTopic);
      ok = false;
    } else {
      const seen = firstIndexOf.get(topic.id);
      if (seen !== undefined) {
        add('topicId', P.duplicateTopic(seen), titulo);
        ok = false;
      } else firstIndexOf.set(topic.id, i);
    }
    const goalText = typeof goal === 'string' ? goal.trim().replace(/\s+/g, ' ') : '';
    if (goalText === '') {
      add('goal', P.goalMissing, titulo);
      ok = false;
    } else if (goalText.length < PLAN_LIMITS.goalMin) {
      add('goal', P.goalTooShort(PLAN_LIMITS.goalMin), titulo);
      ok = false;
    } else if (goalText.length > PLAN_LIMITS.goalMax) {
      add('goal', P.goalTooLong(PLAN_LIMITS.goalMax), titulo);
      ok = false;
    }
    const monthText = typeof month === 'string' ? month.trim() : '';
    const mi = monthIndex.get(monthText);
    if (monthText === '') {
      add('month', P.monthMissing, titulo);
      ok = false;
    } else if (mi === undefined) {
      add('month', firstMonth && lastMonth ? P.monthOutside(fmt(firstMonth), fmt(lastMonth)) : P.monthMissing, titulo);
      ok = false;
    } else {
      if (prev && mi < prev.month) {
        add('month', P.monthBackwards(prev.index), titulo);
        ok = false;
      }
      prev = { index: i, month: mi };
    }
    if (ok && topic) items.push({ topicId: topic.id, eje: topic.eje, titulo: topic.titulo, goal: goalText, month: monthText });
  });
  return issues.length ? fail() : { ok: true, items };
}

/**
 * A starting draft for the plan card: the given ranked topics (normally topChoices(...).chosen) in ranking
 * order, spread evenly over the months, goals empty for the representante to write.
 */
export function suggestPlan(chosen: readonly Pick<RankedTopic, 'id'>[], months: readonly YearMonth[]): PlanItemDraft[] {
  const n = Math.min(chosen.length, PLAN_LIMITS.maxItems);
  if (months.length === 0) return [];
  return chosen.slice(0, n).map((t, i) => ({ topicId: t.id, goal: '', month: months[Math.floor((i * months.length) / n)]! }));
}

export interface PlanDiff {
  added: string[];
  removed: string[];
  /** Topics kept whose goal, month or position changed. */
  changed: { topicId: string; fields: ('goal' | 'month' | 'position')[] }[];
}

/** What changed between two versions of a plan (by topic id). */
export function diffPlans(before: readonly PlanItemDraft[], after: readonly PlanItemDraft[]): PlanDiff {
  const b = new Map(before.map((it, i) => [it.topicId, { it, i }]));
  const a = new Map(after.map((it, i) => [it.topicId, { it, i }]));
  const keptBefore = before.filter((it) => a.has(it.topicId)).map((it) => it.topicId);
  const keptAfter = after.filter((it) => b.has(it.topicId)).map((it) => it.topicId);
  const changed: PlanDiff['changed'] = [];
  for (const [id, { it }] of a) {
    const old = b.get(id);
    if (!old) continue;
    const fields: ('goal' | 'month' | 'position')[] = [];
    if (old.it.goal !== it.goal) fields.push('goal');
    if (old.it.month !== it.month) fields.push('month');
    if (keptBefore.indexOf(id) !== keptAfter.indexOf(id)) fields.push('position');
    if (fields.length) changed.push({ topicId: id, fields });
  }
  return {
    added: after.filter((it) => !b.has(it.topicId)).map((it) => it.topicId),
    removed: before.filter((it) => !a.has(it.topicId)).map((it) => it.topicId),
    changed,
  };
}

/** True when the diff has no change at all. */
export function isEmptyDiff(d: PlanDiff): boolean {
  return d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0;
}
