import type { TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import { personKey } from '../../../domain/person.js';
import { describeCall, endOfDay, parseCalendarDate, startOfDay } from '../../../domain/registration.js';
import { EditionError, type Edition } from '../../../services/registration/index.js';
import { personOf } from '../../../teams/activity.js';
import { calendarLines } from '../../shared/calendarText.js';
import { EDITIONS_TEXTS as T } from '../texts.js';
import { inviteToCall } from './callInvite.js';

type Say = (text: string) => Promise<void>;
type Sub = (ctx: FeatureContext, e: Edition, args: readonly string[], actor: string, context: TurnContext) => Promise<string | void>;

/** "convocatoria estado": the window, the counts by status, the roster, open change requests and the calendar. */
const status: Sub = async (ctx, e) => {
  const s = ctx.services;
  const counts = await s.members.countByStatus(e._id);
  const hasRoster = await s.roster.hasRoster(e._id);
  const changes = await s.changes.listOpen(e._id);
  return [
    T.status.title(e.nombre, e._id),
    describeCall(s.editions.state(e)),
    T.status.counts(counts),
    hasRoster ? T.status.rosterLoaded : T.status.rosterMissing,
    T.status.openChanges(changes.length),
    e.calendar.length ? T.status.calendar(calendarLines(e.calendar)) : T.status.noCalendar,
  ].join('\n\n');
};

/** "convocatoria abrir": opens the call now. */
const open: Sub = async (ctx, active, _args, actor) => {
  const e = await ctx.services.editions.openNow(active._id, actor);
  return T.opened(describeCall(ctx.services.editions.state(e)));
};

/** "convocatoria cerrar": closes the call now. */
const close: Sub = async (ctx, active, _args, actor) => {
  const e = await ctx.services.editions.closeNow(active._id, actor);
  return T.closed(describeCall(ctx.services.editions.state(e)));
};

/** "convocatoria fechas AAAA-MM-DD AAAA-MM-DD": the window, whole days in central Mexico time. */
const dates: Sub = async (ctx, active, [a = '', b = ''], actor) => {
  const from = parseCalendarDate(a);
  const to = parseCalendarDate(b);
  if (!from || !to) return T.datesUsage;
  const e = await ctx.services.editions.setWindow(active._id, startOfDay(from), endOfDay(to), actor);
  return T.datesSet(describeCall(ctx.services.editions.state(e)));
};

/** "convocatoria difundir": the invitation to everyone the bot knows without a registration (./callInvite.ts). */
const broadcast: Sub = (ctx, e, _args, actor, context) => inviteToCall(ctx, context, e, actor);

const SUBS: Record<string, Sub> = { estado: status, abrir: open, cerrar: close, fechas: dates, difundir: broadcast };

/** "convocatoria": the call for registration of the active edition (UTIGyND). */
export function callHandler(ctx: FeatureContext): CommandHandler {
  return async (context: TurnContext, request) => {
    const [sub = 'estado', ...rest] = request.args.split(/\s+/).filter(Boolean);
    const say: Say = async (text) => void (await context.sendActivity(text));
    const active = await ctx.services.editions.getActive();
    if (!active) return say(T.noEdition);
    const run = Object.hasOwn(SUBS, sub.toLowerCase()) ? SUBS[sub.toLowerCase()] : undefined;
    if (!run) return say(T.callOptions);
    try {
      const reply = await run(ctx, active, rest, personKey(personOf(context.activity)), context);
      if (reply) await say(reply);
    } catch (err) {
      if (err instanceof EditionError) return say(err.message);
      throw err;
    }
  };
}
