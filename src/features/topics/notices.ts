import type { ConversationRef } from '../../domain/conversationRef.js';
import { HQ_TIME_ZONE } from '../../domain/time.js';
import type { TopicRanking } from '../../domain/topics/index.js';
import type { NotifyResult } from '../../services/notifier.js';
import type { Turnout, TopicVoteDoc, WorkPlanDoc, PlanChange } from '../../services/topics/index.js';
import type { FeatureContext } from '../feature.js';
import { groupMembers, when, zoneOf } from './support.js';
import { TOPICS_TEXTS } from './texts.js';
import { ballotCard, planViewCard, rankingCard, rankingGroup, type EjeNames } from './views.js';

/**
 * Notices of the topics feature, all through the durable notifier. Broadcast ids are derived from the event
 * (the vote's id, the plan's id and revision), so a re-run (a retried job, a repeated command) never sends
 * anything twice and a new event (a new round, a new revision) always sends.
 */

const V = TOPICS_TEXTS.votes;
const R = TOPICS_TEXTS.ranking;
const P = TOPICS_TEXTS.plan;

export const topicBroadcastIds = {
  ballots: (voteId: string) => `temas-boletas:${voteId}`,
  spaceOpened: (voteId: string) => `temas-abierta-espacio:${voteId}`,
  spaceResult: (voteId: string) => `temas-resultado-espacio:${voteId}`,
  representante: (voteId: string) => `temas-resultado-representante:${voteId}`,
  plan: (planId: string, revision: number) => `plan-trabajo:${planId}:r${revision}`,
} as const;

export async function ejeNames(ctx: FeatureContext, editionId: string): Promise<EjeNames> {
  const catalog = await ctx.services.catalogs.forEdition(editionId);
  return new Map(catalog.data.ejesTematicos.map((e) => [e.clave, e.nombre]));
}

/** Each member of the vote's group gets her ballot card 1:1; the group's space is told the vote opened. */
export async function announceOpened(ctx: FeatureContext, vote: TopicVoteDoc, startedBy?: ConversationRef): Promise<NotifyResult> {
  const [members, ejes] = await Promise.all([groupMembers(ctx, vote.editionId, vote.group), ejeNames(ctx, vote.editionId)]);
  const recipients = await Promise.all(
    members.map(async (m) => ({
      personKey: m.personKey,
      userId: m.userId,
      name: m.nombre,
      message: { cards: [ballotCard(vote, undefined, await zoneOf(ctx, vote.editionId, m), ejes)] },
    })),
  );
  const result = await ctx.services.notifier.notifyPeople({
    broadcastId: topicBroadcastIds.ballots(vote._id),
    kind: 'topic-vote-ballot',
    title: V.broadcastTitle(vote.group),
    ...(startedBy ? { startedBy } : {}),
    recipients,
  });
  const space = await ctx.services.groups.spaceOf(vote.editionId, vote.group);
  if (space) {
    await ctx.services.notifier.notifyConversation({
      broadcastId: topicBroadcastIds.spaceOpened(vote._id),
      kind: 'topic-vote-opened',
      title: V.broadcastTitle(vote.group),
      ref: space.ref,
      message: { text: V.spaceOpened(vote.group, vote.maxPicks, when(vote.closesAt, HQ_TIME_ZONE)) },
    });
  }
  return result;
}

/**
 * After a vote closed: the ranking in the group's space and, to the group's representante, that she can build
 * the plan. Returns whether the group has a representante.
 */
export async function announceClosed(ctx: FeatureContext, result: { vote: TopicVoteDoc; ranking: TopicRanking; turnout: Turnout }): Promise<{ representante: boolean }> {
  const { vote } = result;
  const space = await ctx.services.groups.spaceOf(vote.editionId, vote.group);
  if (space) {
    await ctx.services.notifier.notifyConversation({
      broadcastId: topicBroadcastIds.spaceResult(vote._id),
      kind: 'topic-vote-result',
      title: V.broadcastTitle(vote.group),
      ref: space.ref,
      message: { cards: [rankingCard(R.resultTitle(vote.group), [rankingGroup(vote.group, result, HQ_TIME_ZONE)], R.spaceNote)] },
    });
  }
  const holders = await ctx.services.elections.holdersOf(vote.editionId, vote.group);
  const rep = holders.find((h) => h.role === 'representante');
  if (!rep) return { representante: false };
  const member = await ctx.services.members.get(vote.editionId, rep.personKey);
  await ctx.services.notifier.notifyPeople({
    broadcastId: topicBroadcastIds.representante(vote._id),
    kind: 'topic-vote-representante',
    title: R.repBroadcastTitle(vote.group),
    recipients: [{ personKey: rep.personKey, ...(member ? { userId: member.userId, name: member.nombre } : {}), message: { text: R.repNotice(vote.group) } }],
  });
  return { representante: true };
}

/** Posts the plan in the group's space (on confirmation and on each change, with what changed). */
export async function postPlan(ctx: FeatureContext, plan: WorkPlanDoc, change?: PlanChange): Promise<void> {
  const space = await ctx.services.groups.spaceOf(plan.editionId, plan.group);
  if (!space) return;
  const ejes = await ejeNames(ctx, plan.editionId);
  let note = P.spaceConfirmedNote(plan.group);
  if (change) {
    const title = (id: string) => [...change.before.items, ...plan.items].find((it) => it.topicId === id)?.titulo ?? id;
    note = P.spaceChangedNote(plan.group, P.diff(change.diff.added.map(title), change.diff.removed.map(title), change.diff.changed.map((c) => title(c.topicId))));
  }
  await ctx.services.notifier.notifyConversation({
    broadcastId: topicBroadcastIds.plan(plan._id, plan.revision),
    kind: 'work-plan',
    title: P.broadcastTitle(plan.group),
    ref: space.ref,
    message: { cards: [planViewCard(plan, HQ_TIME_ZONE, ejes, '', note)] },
  });
}
