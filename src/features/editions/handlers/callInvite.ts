import type { TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import { renderInvitationCard } from '../../../cards/editions.js';
import { calendarItems } from '../../../cards/shared.js';
import { describeCall, upcomingStages } from '../../../domain/registration.js';
import type { ConversationDoc } from '../../../services/conversations.js';
import { AUDIT_ACTIONS, type Edition } from '../../../services/registration/index.js';
import { refOf } from '../../../teams/activity.js';
import { EDITIONS_TEXTS as T } from '../texts.js';

/**
 * "convocatoria difundir": sends the invitation card (durably, through the notifier) to every person with a
 * personal chat with the bot and no registration in the edition, once per person (broadcast
 * `invitation:<edition>`), audits it and answers the counts. Returns nothing: it answers by itself.
 */
export async function inviteToCall(ctx: FeatureContext, context: TurnContext, e: Edition, actor: string): Promise<void> {
  const s = ctx.services;
  if (!s.editions.isOpen(e)) {
    await context.sendActivity(T.inviteClosed(describeCall(s.editions.state(e))));
    return;
  }
  const registered = new Set((await s.members.list(e._id)).map((m) => m.personKey));
  const chats = await s.conversations.listActivePersonal();
  const card = renderInvitationCard({
    editionName: e.nombre,
    windowText: describeCall(s.editions.state(e)),
    calendar: calendarItems(upcomingStages(e.calendar, ctx.clock())),
    supportContact: ctx.config.supportContact,
    privacyNoticeUrl: ctx.config.privacyNoticeUrl,
  });
  const recipients = chats
    .filter((c): c is ConversationDoc & { personKey: string } => !!c.personKey && c.personKey.startsWith('aad:') && !registered.has(c.personKey))
    .map((c) => ({
      personKey: c.personKey,
      ...(c.ref.user?.id ? { userId: c.ref.user.id } : {}),
      ...(c.ref.user?.name ? { name: c.ref.user.name } : {}),
      message: { cards: [card] },
    }));
  const unique = [...new Map(recipients.map((r) => [r.personKey, r])).values()];
  if (unique.length === 0) {
    await context.sendActivity(T.inviteNobody);
    return;
  }
  const result = await s.notifier.notifyPeople({
    broadcastId: `invitation:${e._id}`,
    kind: 'registrationInvitation',
    title: T.inviteTitle(e.nombre),
    startedBy: refOf(context.activity),
    recipients: unique,
  });
  await s.audit.append({ actor, action: AUDIT_ACTIONS.callInvite, target: e._id, editionId: e._id, details: { ...result } });
  await context.sendActivity(T.inviteSent(result));
}
