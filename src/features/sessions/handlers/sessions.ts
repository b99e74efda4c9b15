import { CardFactory, type TurnContext } from 'botbuilder';
import type { CommandRequest } from '../../../../dialogs/mainDialog.js';
import { renderSessionListCard } from '../../../cards/sessions.js';
import { parseOffset, percent } from '../../../domain/sessions/index.js';
import { personKey } from '../../../domain/person.js';
import { formatDateTime, HQ_TIME_ZONE } from '../../../domain/time.js';
import { isSessionError, type SessionSummary } from '../../../services/sessions/index.js';
import { cmd } from '../../commands.js';
import type { FeatureContext } from '../../feature.js';
import { activeEditionId, actorOf, parseTargetArgs } from '../support.js';
import { SESSION_ERRORS, SESSIONS_TEXTS as T } from '../texts.js';
import { topicOf, whenIn } from '../views.js';

/**
 * "sesiones [grupo G]": her group's past and upcoming sessions with answers and attendance (UTIGyND names the
 * group). "sesiones estado" (UTIGyND): per group held, scheduled, cancelled, average attendance, groups idle for
 * 30 days flagged. "sesiones recordatorios [24h 1h]" (UTIGyND): the edition's reminder offsets.
 */
export function sessionsHandler(ctx: FeatureContext) {
  return async (context: TurnContext, request: CommandRequest): Promise<void> => {
    const editionId = await activeEditionId(ctx, context);
    if (!editionId) return;
    const [first, ...rest] = request.args.split(/\s+/).filter(Boolean);
    const sub = first?.toLowerCase();
    if (sub === 'estado' || sub === 'recordatorios') {
      const person = await ctx.guard.check(context, `sessions ${sub}`, 'command', request.args);
      if (!person) return;
      if (sub === 'estado') await status(ctx, context, editionId);
      else await reminders(ctx, context, editionId, personKey(person), rest);
      return;
    }
    const parsed = parseTargetArgs(request.args.split(/\s+/).filter(Boolean));
    if ('error' in parsed) {
      await context.sendActivity(parsed.error);
      return;
    }
    const actor = await actorOf(ctx, context, editionId);
    let group = parsed.group;
    const membership = await ctx.services.topics.membership.groupOf(editionId, actor.key);
    const ownGroup = actor.roles[0]?.group ?? (membership.ok ? membership.group : undefined);
    if (group !== undefined && group !== ownGroup && !actor.admin) {
      await context.sendActivity(ownGroup === undefined ? T.notInGroup : T.notYourGroup(ownGroup));
      return;
    }
    group ??= ownGroup;
    if (group === undefined) {
      await context.sendActivity(actor.admin ? T.adminNeedsGroup(cmd('sessions', undefined, 'grupo 3')) : T.notInGroup);
      return;
    }
    const summaries = await ctx.services.sessions.sessionsOf(editionId, group);
    const now = ctx.clock();
    const line = (x: SessionSummary) => [T.lineHead(x.session.number, whenIn(x.session, actor.zone), topicOf(x.session))];
    const upcoming = summaries.filter((x) => x.session.state === 'scheduled' && x.session.startsAt > now);
    const past = summaries.filter((x) => x.session.state === 'scheduled' && x.session.startsAt <= now).reverse();
    const cancelled = summaries.filter((x) => x.session.state === 'cancelled');
    const section = (heading: string, items: SessionSummary[], detail: (x: SessionSummary) => string[]) => ({ heading, lines: items.length ? items.flatMap((x) => [...line(x), ...detail(x)]) : [T.noneYet] });
    const card = renderSessionListCard({
      title: T.listTitle(group),
      intro: T.listIntro(summaries.length),
      sections: [
        section(T.upcoming, upcoming, (x) => [T.lineUpcoming(x.counts.yes, x.counts.no, x.counts.noAnswer)]),
        section(T.past, past, (x) => [T.linePast(x.attended, x.counts.invited, percent(x.attended, x.counts.invited), x.hasMinutes)]),
        ...(cancelled.length ? [section(T.cancelledSection, cancelled, () => [])] : []),
      ],
      note: actor.admin || actor.roles.length > 0 ? T.listNote : '',
    });
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  };
}

async function status(ctx: FeatureContext, context: TurnContext, editionId: string): Promise<void> {
  const edition = await ctx.services.editions.get(editionId);
  const rows = await ctx.services.sessions.statusOfEdition(editionId);
  if (rows.length === 0) {
    await context.sendActivity(T.statusNoGroups);
    return;
  }
  const card = renderSessionListCard({
    title: T.statusTitle(edition?.nombre ?? editionId),
    intro: T.statusIntro(rows.length, rows.filter((r) => r.flagged).length),
    sections: rows.map((r) => ({
      heading: T.statusHeading(r.group, r.flagged),
      lines: [T.statusLine(r.held, r.scheduled, r.cancelled), T.statusAttendance(r.averageAttendance), T.statusLast(r.lastHeldAt ? formatDateTime(r.lastHeldAt, HQ_TIME_ZONE) : null)],
    })),
    note: '',
  });
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}

async function reminders(ctx: FeatureContext, context: TurnContext, editionId: string, actor: string, words: string[]): Promise<void> {
  if (words.length === 0) {
    await context.sendActivity(T.remindersNow(await ctx.services.sessions.reminderOffsets(editionId)));
    return;
  }
  const offsets = words.map(parseOffset);
  if (offsets.some((o) => o === undefined)) {
    await context.sendActivity(SESSION_ERRORS.badOffsets);
    return;
  }
  try {
    const set = await ctx.services.sessions.setReminderOffsets(editionId, offsets as number[], actor);
    await context.sendActivity(T.remindersSet(set));
  } catch (err) {
    if (!isSessionError(err)) throw err;
    await context.sendActivity(SESSION_ERRORS[err.code]);
  }
}
