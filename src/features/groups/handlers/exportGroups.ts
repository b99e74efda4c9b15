import type { TurnContext } from 'botbuilder';
import { writeTableFile } from '../../../services/rosterFile.js';
import type { FeatureContext } from '../../feature.js';
import { activeEdition, memberLine, placedMembers, validatedMembers } from '../support.js';
import { GROUPS_TEXTS } from '../texts.js';

/**
 * "grupos exportar" and the proposal card's "exportar" button (verb exportGroups): the groups as an Excel
 * file, offered through the Teams file consent flow. The caller has checked the role (ctx.guard).
 */
export function exportGroupsHandler(ctx: FeatureContext) {
  return async (context: TurnContext): Promise<void> => {
    const edition = await activeEdition(ctx, context);
    if (!edition) return;
    const set = await ctx.services.groups.get(edition._id);
    if (!set) {
      await context.sendActivity(GROUPS_TEXTS.nothingToExport);
      return;
    }
    const texts = GROUPS_TEXTS.export;
    const catalog = await ctx.services.catalogs.forEdition(edition._id);
    const rows = placedMembers(set, await validatedMembers(ctx, edition._id))
      .map((m) => ({ m, group: set.assignment[m._id]!, l: memberLine(m, catalog) }))
      .sort((a, b) => a.group - b.group || a.m.nombre.localeCompare(b.m.nombre, 'es'))
      .map(({ m, group, l }) => [group, m.nombre, m.correo, l.vocalia, texts.ambito[m.ambito], l.entidad, m.distrito ?? '']);
    const data = await writeTableFile('xlsx', [...texts.headers], rows, { sheetName: texts.sheetName(edition._id) });
    await ctx.files.offer(context, {
      name: texts.fileName(edition._id, set.state),
      data,
      description: texts.description(edition._id, set.state),
    });
  };
}
