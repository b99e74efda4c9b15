import { CardFactory, type TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import { replacePressedCard } from '../../shared/replaceCard.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import type { CardJson } from '../../../cards/render.js';
import { PLAN_LIMITS, type PlanItemDraft } from '../../../domain/topics/index.js';
import { TOPICS_SERVICE_TEXTS } from '../../../services/topics/index.js';
import type { Edition } from '../../../services/registration/editions.js';
import { ejeNames, postPlan } from '../notices.js';
import { activeEdition, actorOf, withTopicsErrors, type TopicsActor } from '../support.js';
import { TOPICS_TEXTS } from '../texts.js';
import { planEditCard, planViewCard } from '../views.js';

const P = TOPICS_TEXTS.plan;

const send = (context: TurnContext, card: CardJson) => context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });

async function showPlan(ctx: FeatureContext, context: TurnContext, edition: Edition, group: number, actor: TopicsActor): Promise<void> {
  const plan = await ctx.services.topics.workPlans.get(edition._id, group);
  if (!plan) return void (await context.sendActivity(P.noPlan(group)));
  const note = actor.repGroup === group ? P.repNote : '';
  await send(context, planViewCard(plan, actor.zone, await ejeNames(ctx, edition._id), '', note));
}

/** "plan confirmar": the card prefilled from the closed vote's ranking (workPlans.suggest). */
async function confirmCard(ctx: FeatureContext, context: TurnContext, edition: Edition, group: number): Promise<void> {
  const plans = ctx.services.topics.workPlans;
  if (await plans.get(edition._id, group)) return void (await context.sendActivity(TOPICS_SERVICE_TEXTS.planExists(group)));
  const s = await plans.suggest(edition._id, group);
  const tie = s.top.tiedAtCutoff.length ? P.tiedAtCutoff(s.top.tiedAtCutoff.map((e) => e.titulo)) : '';
  await send(context, planEditCard({ editionId: edition._id, group, mode: 'confirm', revision: 0, vote: s.vote, ranking: s.ranking, months: s.months, items: s.items, introExtra: tie }));
}

/** "plan cambiar": the same card with the confirmed plan. */
async function changeCard(ctx: FeatureContext, context: TurnContext, edition: Edition, group: number): Promise<void> {
  const { workPlans, topicVotes } = ctx.services.topics;
  const plan = await workPlans.get(edition._id, group);
  if (!plan) return void (await context.sendActivity(TOPICS_SERVICE_TEXTS.noPlan(group)));
  const latest = await topicVotes.latest(edition._id, group);
  const source = await topicVotes.ranking(edition._id, group, { voteId: latest?.state === 'closed' ? latest._id : plan.voteId });
  if (!source) return void (await context.sendActivity(TOPICS_SERVICE_TEXTS.noVote(group)));
  const months = await workPlans.monthsOf(edition._id);
  await send(context, planEditCard({ editionId: edition._id, group, mode: 'change', revision: plan.revision, vote: source.vote, ranking: source.ranking, months, items: plan.items }));
}

/**
 * "plan": a member sees her group's work plan; UTIGyND any group's ("plan grupo N"). "plan confirmar" and
 * "plan cambiar": the representante's card to build or change her group's plan (the role is checked on the
 * server, here and again when the card is sent).
 */
export function planHandler(ctx: FeatureContext): CommandHandler {
  return async (context, request) => {
    const edition = await activeEdition(ctx, context);
    if (!edition) return;
    const actor = await actorOf(ctx, context, edition._id);
    const [sub = '', ...rest] = request.args.trim().toLowerCase().split(/\s+/).filter(Boolean);
    await withTopicsErrors(context, async () => {
      if (sub === 'confirmar' || sub === 'cambiar') {
        if (actor.repGroup === undefined) return void (await context.sendActivity(P.notRepresentante));
        return sub === 'confirmar' ? confirmCard(ctx, context, edition, actor.repGroup) : changeCard(ctx, context, edition, actor.repGroup);
      }
      if (sub === 'grupo' || /^\d+$/.test(sub)) {
        const n = sub === 'grupo' ? rest[0] : sub;
        if (!(await ctx.guard.check(context, 'workPlan', 'command', request.args))) return;
        const count = await ctx.services.topics.membership.groupCount(edition._id);
        if (count === undefined) return void (await context.sendActivity(TOPICS_TEXTS.noGroupsYet));
        const group = Number(n);
        if (!n || !Number.isInteger(group) || group < 1 || group > count) return void (await context.sendActivity(TOPICS_SERVICE_TEXTS.badGroup(count)));
        return showPlan(ctx, context, edition, group, actor);
      }
      if (sub) return void (await context.sendActivity(TOPICS_TEXTS.planOptions));
      const who = await ctx.services.topics.membership.groupOf(edition._id, actor.key);
      if (who.ok) return showPlan(ctx, context, edition, who.group, actor);
      await context.sendActivity(actor.admin ? P.adminUsage : who.reason === 'noGroups' ? TOPICS_TEXTS.noGroupsYet : P.notMember);
    });
  };
}

export interface PlanPayload {
  editionId: string;
  group: number;
  mode: 'confirm' | 'change';
  revision: number;
  [field: string]: unknown;
}

/** The rows of the card as a draft: rows with neither topic nor goal are dropped; the order is the card's. */
export function draftOf(p: PlanPayload): { items: PlanItemDraft[] } {
  const items: PlanItemDraft[] = [];
  for (let i = 0; i < PLAN_LIMITS.maxItems; i++) {
    const str = (k: string) => (typeof p[k] === 'string' ? (p[k] as string).trim() : '');
    const topicId = str(`topic${i}`);
    const goal = str(`goal${i}`);
    const month = str(`month${i}`);
    if (!topicId && !goal) continue;
    items.push({ topicId, goal, month });
  }
  return { items };
}

/**
 * The plan card's button: confirms the first plan or saves a change (the service checks that she is the
 * group's representante, that the vote closed, every row, and — for a change — that nobody changed the plan
 * since her card was made). The card is then replaced in place with the plan, which is posted in the group's
 * space; a change is announced there with what changed.
 */
export function planSubmitHandler(ctx: FeatureContext): (context: TurnContext, payload: PlanPayload) => Promise<void> {
  return async (context, p) => {
    const edition = await activeEdition(ctx, context);
    if (!edition) return;
    if (edition._id !== p.editionId) return void (await context.sendActivity(P.staleEdition));
    const actor = await actorOf(ctx, context, edition._id);
    const plans = ctx.services.topics.workPlans;
    const draft = draftOf(p);
    await withTopicsErrors(context, async () => {
      let text: string;
      if (p.mode === 'confirm') {
        const plan = await plans.confirm(edition._id, p.group, draft, actor.key);
        await postPlan(ctx, plan);
        await replaceCard(ctx, context, planViewCard(plan, actor.zone, await ejeNames(ctx, edition._id), P.confirmed, P.repNote));
        text = P.confirmed;
      } else {
        const change = await plans.change(edition._id, p.group, draft, actor.key, { expectedRevision: p.revision });
        if (change.plan.revision === change.before.revision) text = P.unchanged;
        else {
          await postPlan(ctx, change.plan, change);
          await replaceCard(ctx, context, planViewCard(change.plan, actor.zone, await ejeNames(ctx, edition._id), P.changed, P.repNote));
          text = P.changed;
        }
      }
      await context.sendActivity(text);
    });
  };
}

async function replaceCard(ctx: FeatureContext, context: TurnContext, card: CardJson): Promise<void> {
  await replacePressedCard(context, card, ctx.logger, 'work plan card');
}
