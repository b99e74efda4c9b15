import type { FeatureContext } from '../feature.js';
import type { MemberRecord } from '../../domain/member.js';

/**
 * Tells a member, in her personal chat and durably (through the notifier), what the UTIGyND decided about
 * her registration or her change request. One broadcast per decision: `registration-decision:<member>:<time>`.
 */
export async function notifyDecision(ctx: FeatureContext, m: MemberRecord, text: string): Promise<void> {
  await ctx.services.notifier.notifyPeople({
    broadcastId: `registration-decision:${m._id}:${(m.decidedAt ?? ctx.clock()).getTime()}`,
    kind: 'registrationDecision',
    recipients: [{ personKey: m.personKey, ...(m.userId ? { userId: m.userId } : {}), ...(m.nombre ? { name: m.nombre } : {}), message: { text } }],
  });
}
