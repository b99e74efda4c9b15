import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import { downloadIncomingFile, incomingFileOf, type IncomingFileRef } from '../../../bot/files.js';
import type { Catalog } from '../../../domain/catalog.js';
import { personKey } from '../../../domain/person.js';
import type { Edition } from '../../../services/registration/index.js';
import { personOf } from '../../../teams/activity.js';
import { EDITIONS_TEXTS as T } from '../texts.js';

/** Largest catalog file accepted. */
export const CATALOG_MAX_BYTES = 512 * 1024;

function summaryOf(c: Catalog): string {
  const d = c.data;
  return T.catalogSummary({
    vocalias: d.vocalias.length,
    entidades: d.entidades.length,
    distritos: c.totalDistritos,
    circunscripciones: d.circunscripciones.length,
    ejes: d.ejesTematicos.length,
  });
}

/** "catalogo" with a .json attached: replaces the active edition's catalog (checked by the catalog service). */
async function replace(ctx: FeatureContext, active: Edition, file: IncomingFileRef, actor: string): Promise<string> {
  const logger = ctx.logger.child({ component: 'catalog' });
  const downloaded = await downloadIncomingFile(file, { mode: ctx.config.mode, extensions: ['json'], maxBytes: CATALOG_MAX_BYTES, logger });
  if (!downloaded.ok) return downloaded.message;
  let raw: unknown;
  try {
    raw = JSON.parse(downloaded.data.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    return T.catalogNotJson(downloaded.name);
  }
  const result = await ctx.services.catalogs.replace(active._id, raw, actor);
  if (!result.ok) return T.catalogRejected(active.nombre, result.errors);
  return T.catalogReplaced(active.nombre, result.catalog.data.version, summaryOf(result.catalog));
}

/** "catalogo restablecer": back to the project's catalog, unless registrations use keys it lacks. */
async function reset(ctx: FeatureContext, active: Edition, actor: string): Promise<string> {
  const catalogs = ctx.services.catalogs;
  const outcome = await catalogs.reset(active._id, actor);
  if (outcome === 'unchanged') return T.catalogAlreadyDefault(active.nombre);
  if (outcome !== 'reset') return T.catalogResetBlocked(outcome.broken);
  return T.catalogReset(active.nombre, catalogs.defaultCatalog.data.version);
}

/** "catalogo" alone: the active edition's catalog and how to replace it. */
async function show(ctx: FeatureContext, active: Edition): Promise<string> {
  const current = await ctx.services.catalogs.forEdition(active._id);
  const replaced = await ctx.services.catalogs.isReplaced(active._id);
  return T.catalogCurrent(active.nombre, current.data.version, replaced, summaryOf(current));
}

/** "catalogo": the INE catalog of the active edition: show, replace from an attached .json, or reset (UTIGyND). */
export function catalogHandler(ctx: FeatureContext): CommandHandler {
  return async (context, request) => {
    const active = await ctx.services.editions.getActive();
    if (!active) return void (await context.sendActivity(T.noEdition));
    const actor = personKey(personOf(context.activity));
    const file = incomingFileOf(context.activity);
    const sub = request.args.trim().toLowerCase();
    const reply = file
      ? await replace(ctx, active, file, actor)
      : sub === 'restablecer'
        ? await reset(ctx, active, actor)
        : sub
          ? T.catalogOptions
          : await show(ctx, active);
    await context.sendActivity(reply);
  };
}
