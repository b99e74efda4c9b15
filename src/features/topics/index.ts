import { z } from 'zod';
import type { Feature, FeatureContext } from '../feature.js';
import { defineSubmitHandler } from '../../bot/submitRouter.js';
import { VERBS } from '../../cards/verbs.js';
import { PLAN_LIMITS } from '../../domain/topics/index.js';
import { topicVoteCloseJob } from './closeJob.js';
import { ballotSubmitHandler } from './handlers/ballot.js';
import { planHandler, planSubmitHandler, type PlanPayload } from './handlers/plan.js';
import { temarioHandler } from './handlers/temario.js';
import { topicsHandler } from './handlers/topics.js';

/** A card's text field, bounded; never trusted beyond its shape (the services validate the content). */
const field = z.string().max(2000).optional();
const ballotSchema = z.object({ verb: z.literal(VERBS.topicVoteSubmit), voteId: z.string().min(1).max(200), picks: z.string().max(10_000).optional() });
const rowFields = Object.fromEntries(Array.from({ length: PLAN_LIMITS.maxItems }, (_, i) => [`topic${i}`, `goal${i}`, `month${i}`].map((k) => [k, field] as const)).flat());
const planSchema = z.object({
  verb: z.literal(VERBS.workPlanSubmit),
  editionId: z.string().min(1).max(64),
  group: z.number().int().min(1).max(10_000),
  mode: z.enum(['confirm', 'change']),
  revision: z.number().int().min(0).max(1_000_000),
  ...rowFields,
});

/**
 * Temario, topic votes and work plans (issue 10).
 * - "temario" (everyone): the edition's temario by eje; UTIGyND replaces it with an attached .json (validated row
 *   by row) or "temario restablecer" (handlers/temario.ts).
 * - "temas votar|cerrar|estado" (UTIGyND for any group, a representante for her own; handlers/topics.ts): each
 *   member gets her ballot card 1:1 (handlers/ballot.ts answers it and updates it in place); the closing time is a
 *   durable job (closeJob.ts); results go to the group's space and the representante (notices.ts).
 * - "plan", "plan grupo N", "plan confirmar", "plan cambiar" (handlers/plan.ts): the group's work plan, built and
 *   changed by the representante on a card; confirmations and changes are audited by the service and posted in
 *   the group's space.
 * Texts: ./texts.ts; card data: ./views.ts; cards: src/cards/topics.ts (templates in cards/topics/). Services:
 * ctx.services.topics (src/services/topics/, domain in src/domain/topics/), roles from ctx.services.elections.
 * Tests: test/topics/feature*.test.ts.
 */
export function createTopicsFeature(ctx: FeatureContext): Feature {
  return {
    name: 'topics',
    routes: [
      { commandId: 'temario', handle: temarioHandler(ctx) },
      { commandId: 'topics', handle: topicsHandler(ctx) },
      { commandId: 'workPlan', handle: planHandler(ctx) },
    ],
    submitHandlers: [
      defineSubmitHandler({ verb: VERBS.topicVoteSubmit, schema: ballotSchema, handle: ballotSubmitHandler(ctx) }),
      defineSubmitHandler({ verb: VERBS.workPlanSubmit, schema: planSchema, handle: (context, p) => planSubmitHandler(ctx)(context, p as PlanPayload) }),
    ],
    jobHandlers: [topicVoteCloseJob(ctx)],
  };
}
