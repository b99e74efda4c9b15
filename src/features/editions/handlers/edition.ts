import type { TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import { personKey } from '../../../domain/person.js';
import { parseCalendarDate, startOfDay } from '../../../domain/registration.js';
import { EditionError } from '../../../services/registration/index.js';
import { personOf } from '../../../teams/activity.js';
import { calendarLines } from '../../shared/calendarText.js';
import { EDITIONS_TEXTS as T } from '../texts.js';

type Say = (text: string) => Promise<void>;
type Sub = (ctx: FeatureContext, args: readonly string[], actor: string, say: Say) => Promise<void>;

/** "edicion lista": every edition, the active one marked. */
const list: Sub = async (ctx, _args, _actor, say) => {
  const all = await ctx.services.editions.list();
  if (all.length === 0) return say(T.noEditions);
  await say(T.editionList(all.map((e) => T.editionLine(e._id, e.nombre, !!e.active))));
};

/** "edicion crear <id> [nombre]". */
const create: Sub = async (ctx, [id, ...name], actor, say) => {
  if (!id) return say(T.createUsage);
  const s = ctx.services;
  const e = await s.editions.create({ id, ...(name.length ? { nombre: name.join(' ') } : {}), catalogVersion: s.catalogs.defaultCatalog.data.version }, actor);
  await say(T.created(e._id, e.nombre));
};

/** "edicion activar <id>". */
const activate: Sub = async (ctx, [id], actor, say) => {
  if (!id) return say(T.activateUsage);
  const e = await ctx.services.editions.activate(id, actor);
  await say(T.activated(e.nombre));
};

/** "edicion etapa AAAA-MM-DD <nombre>": adds or moves a stage of the active edition's calendar. */
const stage: Sub = async (ctx, [dateText = '', ...label], actor, say) => {
  const active = await ctx.services.editions.getActive();
  if (!active) return say(T.noEdition);
  const date = parseCalendarDate(dateText);
  if (!date || label.length === 0) return say(T.stageUsage);
  const e = await ctx.services.editions.setStage(active._id, label.join(' '), startOfDay(date), actor);
  await say(T.calendarUpdated(e.nombre, calendarLines(e.calendar)));
};

/** "edicion quitar-etapa <nombre>". */
const removeStage: Sub = async (ctx, rest, actor, say) => {
  const active = await ctx.services.editions.getActive();
  if (!active) return say(T.noEdition);
  if (rest.length === 0) return say(T.removeStageUsage);
  const e = await ctx.services.editions.removeStage(active._id, rest.join(' '), actor);
  await say(T.calendarUpdated(e.nombre, calendarLines(e.calendar)));
};

const SUBS: Record<string, Sub> = { lista: list, crear: create, activar: activate, etapa: stage, 'quitar-etapa': removeStage };

/** "edicion": editions of the network and the calendar of the active one (UTIGyND). */
export function editionHandler(ctx: FeatureContext): CommandHandler {
  return async (context: TurnContext, request) => {
    const [sub = 'lista', ...rest] = request.args.split(/\s+/).filter(Boolean);
    const say: Say = async (text) => void (await context.sendActivity(text));
    const run = Object.hasOwn(SUBS, sub.toLowerCase()) ? SUBS[sub.toLowerCase()] : undefined;
    if (!run) return say(T.editionOptions);
    try {
      await run(ctx, rest, personKey(personOf(context.activity)), say);
    } catch (err) {
      if (err instanceof EditionError) return say(err.message);
      throw err;
    }
  };
}
