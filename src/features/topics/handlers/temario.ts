import { CardFactory, type TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import { downloadIncomingFile, incomingFileOf, type IncomingFileRef } from '../../../bot/files.js';
import { renderTemarioCard } from '../../../cards/topics.js';
import { personKey } from '../../../domain/person.js';
import type { Edition } from '../../../services/registration/editions.js';
import { personOf } from '../../../teams/activity.js';
import { activeEdition } from '../support.js';
import { TOPICS_TEXTS } from '../texts.js';

const T = TOPICS_TEXTS.temario;

/** Largest temario file accepted. */
export const TEMARIO_MAX_BYTES = 256 * 1024;

/** "temario" with a .json attached (UTIGyND): replaces the active edition's temario, validated row by row. */
async function replace(ctx: FeatureContext, edition: Edition, file: IncomingFileRef, actor: string): Promise<string> {
  const logger = ctx.logger.child({ component: 'temario' });
  const downloaded = await downloadIncomingFile(file, { mode: ctx.config.mode, extensions: ['json'], maxBytes: TEMARIO_MAX_BYTES, logger });
  if (!downloaded.ok) return downloaded.message;
  let raw: unknown;
  try {
    raw = JSON.parse(downloaded.data.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    return T.notJson(downloaded.name);
  }
  const result = await ctx.services.topics.temarios.replace(edition._id, raw, actor);
  if (!result.ok) return T.rejected(edition.nombre, result.errors);
  return T.replaced(edition.nombre, result.temario.topics.length);
}

async function reset(ctx: FeatureContext, edition: Edition, actor: string): Promise<string> {
  const outcome = await ctx.services.topics.temarios.reset(edition._id, actor);
  if (outcome === 'frozen') return T.noteAdmin(true);
  return outcome === 'unchanged' ? T.alreadyDefault(edition.nombre) : T.reset(edition.nombre);
}

async function show(ctx: FeatureContext, context: TurnContext, edition: Edition, admin: boolean): Promise<void> {
  const info = await ctx.services.topics.temarios.info(edition._id);
  const t = info.temario;
  await context.sendActivity({
    attachments: [
      CardFactory.adaptiveCard(
        renderTemarioCard({
          title: T.title(edition.nombre),
          subtitle: (info.replaced ? T.subtitleReplaced : T.subtitleDefault)(t.version, t.topics.length, t.ejes.length),
          ejes: t.grouped().map((g) => ({ nombre: g.eje.nombre, topics: g.topics.map((x) => ({ titulo: x.titulo, descripcion: x.descripcion })) })),
          note: admin ? T.noteAdmin(info.frozen) : T.noteMember,
        }),
      ),
    ],
  });
}

/**
 * "temario": everyone sees the active edition's temario grouped by eje. UTIGyND replaces it by attaching a
 * .json file to the command, or goes back to the project's with "temario restablecer" (role checked by the
 * admin guard, refusals audited).
 */
export function temarioHandler(ctx: FeatureContext): CommandHandler {
  return async (context, request) => {
    const edition = await activeEdition(ctx, context);
    if (!edition) return;
    const file = incomingFileOf(context.activity);
    const sub = request.args.trim().toLowerCase();
    if (!file && !sub) {
      await show(ctx, context, edition, await ctx.services.roles.isAdmin(personOf(context.activity)));
      return;
    }
    if (!file && sub !== 'restablecer') {
      await context.sendActivity(T.options);
      return;
    }
    const admin = await ctx.guard.check(context, 'temario', 'command', request.args);
    if (!admin) return;
    const actor = personKey(admin);
    await context.sendActivity(file ? await replace(ctx, edition, file, actor) : await reset(ctx, edition, actor));
  };
}
