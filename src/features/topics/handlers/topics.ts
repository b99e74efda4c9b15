import { CardFactory, type TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import type { Edition } from '../../../services/registration/editions.js';
import { isTopicsError } from '../../../services/topics/index.js';
import { refOf } from '../../../teams/activity.js';
import { announceClosed, announceOpened } from '../notices.js';
import { activeEdition, actorOf, parseClosing, parseScopeArgs, when, withTopicsErrors, type TopicsActor } from '../support.js';
import { TOPICS_TEXTS } from '../texts.js';
import { rankingCard, rankingGroup } from '../views.js';

const V = TOPICS_TEXTS.votes;
const R = TOPICS_TEXTS.ranking;

interface TopicsTurn {
  ctx: FeatureContext;
  context: TurnContext;
  edition: Edition;
  actor: TopicsActor;
  words: string[];
}

/**
 * The groups a command applies to. UTIGyND names them ("grupo N" or "todos"); a representante acts only on her
 * own group (named or not). Undefined after answering why not.
 */
async function groupsOf(t: TopicsTurn, scope: number | 'all' | undefined, usage: string): Promise<number[] | 'all' | undefined> {
  if (t.actor.admin) {
    if (scope === undefined) {
      await t.context.sendActivity(usage);
      return undefined;
    }
    return scope === 'all' ? 'all' : [scope];
  }
  const own = t.actor.repGroup;
  if (own === undefined) {
    await t.context.sendActivity(V.noRoleGroup);
    return undefined;
  }
  if (scope !== undefined && scope !== own) {
    await t.context.sendActivity(V.representanteOnlyOwn(own));
    return undefined;
  }
  return [own];
}

/** "temas votar [grupo N | todos] [cierre AAAA-MM-DD HH:MM]". */
async function open(t: TopicsTurn): Promise<void> {
  const args = parseScopeArgs(t.words);
  if (!args.ok) return void (await t.context.sendActivity(args.message));
  const groups = await groupsOf(t, args.scope, V.usage);
  if (!groups) return;
  const closing = parseClosing(args.closesText, t.actor.zone);
  if (!closing.ok) return void (await t.context.sendActivity(closing.message));
  const options = closing.value ? { closesAt: closing.value } : {};
  const result = await t.ctx.services.topics.topicVotes.openMany(t.edition._id, groups, options, { personKey: t.actor.key, admin: t.actor.admin });
  for (const vote of result.opened) await announceOpened(t.ctx, vote, refOf(t.context.activity));
  const lines: string[] = [];
  if (result.opened.length) lines.push(V.opened(result.opened.map((v) => v.group), when(closing.value, t.actor.zone)));
  if (result.refused.length) {
    if (result.opened.length === 0 && result.refused.length === 1) lines.push(result.refused[0]!.message);
    else lines.push([V.refusedHeader, ...result.refused.map((r) => V.refusedLine(r.group, r.message))].join('\n'));
  }
  await t.context.sendActivity(lines.join('\n\n'));
}

/** "temas cerrar [grupo N | todos]": closes, posts the ranking in each group's space and tells the representante. */
async function close(t: TopicsTurn): Promise<void> {
  const args = parseScopeArgs(t.words);
  if (!args.ok) return void (await t.context.sendActivity(args.message));
  if (args.closesText !== undefined) return void (await t.context.sendActivity(V.closeUsage));
  const groups = await groupsOf(t, args.scope, V.closeUsage);
  if (!groups) return;
  const votes = t.ctx.services.topics.topicVotes;
  let list: number[];
  if (groups === 'all') {
    const status = await votes.status(t.edition._id);
    list = status.filter((s) => s.vote?.state === 'open').map((s) => s.group);
    if (status.length === 0) return void (await t.context.sendActivity(TOPICS_TEXTS.noGroupsYet));
    if (list.length === 0) return void (await t.context.sendActivity(TOPICS_TEXTS.noOpenVotes));
  } else list = groups;
  const lines: string[] = [];
  for (const group of list) {
    try {
      const r = await votes.close(t.edition._id, group, { personKey: t.actor.key, admin: t.actor.admin });
      if (r.alreadyClosed) {
        lines.push(V.alreadyClosed(group));
        continue;
      }
      const { representante } = await announceClosed(t.ctx, r);
      lines.push(V.closed(group, r.turnout.ballots, r.turnout.eligible));
      if (!representante) lines.push(V.noRepresentanteYet(group));
    } catch (err) {
      if (list.length === 1 || !isTopicsError(err)) throw err;
      lines.push(V.refusedLine(group, err.message));
    }
  }
  await t.context.sendActivity(lines.join('\n\n'));
}

/** "temas estado": per group the state, turnout and ranking with ties (a representante sees her group). */
async function status(t: TopicsTurn): Promise<void> {
  const votes = t.ctx.services.topics.topicVotes;
  let groups: number[];
  if (t.actor.admin) {
    const count = await t.ctx.services.topics.membership.groupCount(t.edition._id);
    if (count === undefined) return void (await t.context.sendActivity(TOPICS_TEXTS.noGroupsYet));
    groups = Array.from({ length: count }, (_, i) => i + 1);
  } else if (t.actor.repGroup !== undefined) groups = [t.actor.repGroup];
  else return void (await t.context.sendActivity(V.noRoleGroup));
  const views = [];
  for (const group of groups) {
    const r = await votes.ranking(t.edition._id, group);
    views.push(rankingGroup(group, r ?? undefined, t.actor.zone));
  }
  const card = rankingCard(R.statusTitle(t.edition.nombre), views, t.actor.admin ? R.statusNote : TOPICS_TEXTS.estadoRepresentante(groups[0]!));
  await t.context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}

/**
 * "temas votar|cerrar|estado": UTIGyND for any group, the representante for her own group only. Both are
 * checked on the server (admin role; the representante's role from the elections service).
 */
export function topicsHandler(ctx: FeatureContext): CommandHandler {
  return async (context, request) => {
    const edition = await activeEdition(ctx, context);
    if (!edition) return;
    const actor = await actorOf(ctx, context, edition._id);
    const [sub = '', ...words] = request.args.trim().split(/\s+/).filter(Boolean);
    const t: TopicsTurn = { ctx, context, edition, actor, words };
    if (!actor.admin && actor.repGroup === undefined) {
      await ctx.guard.refused(actor.person, 'topics', 'command', request.args);
      return void (await context.sendActivity(V.noRoleGroup));
    }
    await withTopicsErrors(context, async () => {
      switch (sub.toLowerCase()) {
        case 'votar':
          return open(t);
        case 'cerrar':
          return close(t);
        case 'estado':
          return status(t);
        default:
          await context.sendActivity(TOPICS_TEXTS.topicsOptions);
      }
    });
  };
}
