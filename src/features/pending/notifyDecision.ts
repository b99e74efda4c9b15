import type { FeatureContext } from '../feature.js';
import type { MemberRecord } from '../../domain/member.js';
import type { NotifyResult } from '../../services/notifier.js';
import { PENDING_TEXTS as T } from './texts.js';

/** The decision a notice announces: each one has its own broadcast (see decisionBroadcastId). */
export type DecisionEvent =
  | { kind: 'approved' }
  | { kind: 'rejected' }
  | { kind: 'changeApplied'; requestId: string }
  | { kind: 'changeDismissed'; requestId: string };

/**
 * The broadcast id of a decision notice, derived from the event it announces: a registration decided at a
 * given time, or one change request resolved. Never shared between two events (a shared id makes the outbox
 * drop the second notice as already queued), and stable for one event (a repeated call queues nothing new).
 */
export function decisionBroadcastId(m: Pick<MemberRecord, '_id' | 'decidedAt'>, event: DecisionEvent, now: Date): string {
  switch (event.kind) {
    case 'approved':
      return `registro-validado:${m._id}:${(m.decidedAt ?? now).getTime()}`;
    case 'rejected':
      return `registro-rechazado:${m._id}:${(m.decidedAt ?? now).getTime()}`;
    case 'changeApplied':
      return `cambio-aplicado:${event.requestId}`;
    case 'changeDismissed':
      return `cambio-descartado:${event.requestId}`;
  }
}

/**
 * Tells a member, in her personal chat and durably (through the notifier), what the UTIGyND decided about
 * her registration or her change request. Returns what the outbox did (queued, or waiting for her to open
 * the app), which is what the answer to the administrator must say: it is never "delivered" yet.
 */
export function notifyDecision(ctx: FeatureContext, m: MemberRecord, event: DecisionEvent, text: string): Promise<NotifyResult> {
  return ctx.services.notifier.notifyPeople({
    broadcastId: decisionBroadcastId(m, event, ctx.clock()),
    kind: 'registrationDecision',
    title: T.noticeTitle[event.kind](m.nombre),
    recipients: [{ personKey: m.personKey, ...(m.userId ? { userId: m.userId } : {}), ...(m.nombre ? { name: m.nombre } : {}), message: { text } }],
  });
}
