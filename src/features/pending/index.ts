import { z } from 'zod';
import type { Feature, FeatureContext } from '../feature.js';
import { defineSubmitHandler } from '../../bot/submitRouter.js';
import { VERBS } from '../../cards/verbs.js';
import { pendingHandler } from './handlers/pending.js';
import { approveHandler } from './handlers/approve.js';
import { rejectHandler } from './handlers/reject.js';
import { changeApplyHandler } from './handlers/changeApply.js';
import { changeDismissHandler } from './handlers/changeDismiss.js';

export { QUEUE_LIMIT } from './handlers/pending.js';

/**
 * Pending (UTIGyND): "pendientes", the queue card of registrations to validate, change requests and the
 * same vocalía registered twice in one junta, and its buttons (approve, reject, apply or dismiss a change),
 * each of which tells the member through the notifier (./notifyDecision.ts). Commands in ./commands.ts,
 * texts in ./texts.ts, one handler per command or verb in ./handlers/. Card: renderPendingQueueCard in
 * src/cards/pending.ts (cards/pending/pendingQueue.json). Domain rules: src/domain/registration.ts
 * (junta conflicts), src/domain/member.ts. Services: ctx.services.members, .changes, .editions, .catalogs,
 * .roster, .notifier. Tests: test/registration/admin.test.ts.
 */
export function createPendingFeature(ctx: FeatureContext): Feature {
  const id = z.string().min(1).max(300);
  return {
    name: 'pending',
    routes: [{ commandId: 'pending', handle: ctx.guard.command('pending', pendingHandler(ctx)) }],
    submitHandlers: [
      defineSubmitHandler({
        verb: VERBS.regApprove,
        schema: z.object({ verb: z.literal(VERBS.regApprove), memberId: id }),
        handle: ctx.guard.verb(VERBS.regApprove, approveHandler(ctx)),
      }),
      defineSubmitHandler({
        verb: VERBS.regReject,
        schema: z.looseObject({ verb: z.literal(VERBS.regReject), memberId: id, reasonId: z.string().regex(/^motivo_\d{1,3}$/) }),
        handle: ctx.guard.verb(VERBS.regReject, rejectHandler(ctx)),
      }),
      defineSubmitHandler({
        verb: VERBS.regChangeApply,
        schema: z.object({ verb: z.literal(VERBS.regChangeApply), requestId: id }),
        handle: ctx.guard.verb(VERBS.regChangeApply, changeApplyHandler(ctx)),
      }),
      defineSubmitHandler({
        verb: VERBS.regChangeDismiss,
        schema: z.object({ verb: z.literal(VERBS.regChangeDismiss), requestId: id }),
        handle: ctx.guard.verb(VERBS.regChangeDismiss, changeDismissHandler(ctx)),
      }),
    ],
  };
}
