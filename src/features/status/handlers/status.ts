import { CardFactory, type TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import { normalizeCommandText } from '../../../domain/commands.js';
import { formatFileTimestamp, HQ_TIME_ZONE } from '../../../domain/time.js';
import { SHARED_TEXTS } from '../../shared/texts.js';
import { statusWorkbook } from '../export.js';
import { STATUS_TEXTS as T } from '../texts.js';
import { groupCard, networkCard } from '../views.js';

/**
 * «estado» (UTIGyND; the admin guard checked the role): the whole network on one card; «estado grupo N»: one
 * group; «estado exportar»: the same as an Excel file through the file consent flow. Dates in headquarters' time.
 */
export function statusHandler(ctx: FeatureContext): CommandHandler {
  return async (context: TurnContext, request) => {
    const edition = await ctx.services.editions.getActive();
    if (!edition) return void (await context.sendActivity(SHARED_TEXTS.noEdition));
    const [first = '', second] = request.args.trim().split(/\s+/).filter(Boolean);
    const sub = normalizeCommandText(first);
    const zone = HQ_TIME_ZONE;
    const now = ctx.clock();
    if (sub === 'grupo') {
      const set = await ctx.services.groups.confirmedSet(edition._id);
      if (!set) return void (await context.sendActivity(T.group.noGroups));
      if (!second) return void (await context.sendActivity(T.group.usage));
      const n = Number(second);
      const g = Number.isInteger(n) ? await ctx.services.status.group(edition._id, n) : undefined;
      if (!g) return void (await context.sendActivity(T.group.badGroup(set.groupCount)));
      return void (await context.sendActivity({ attachments: [CardFactory.adaptiveCard(groupCard(g, edition.nombre, now, zone))] }));
    }
    if (sub && sub !== 'exportar') return void (await context.sendActivity(T.usage));
    const snapshot = await ctx.services.status.network(edition._id);
    if (!snapshot) return void (await context.sendActivity(SHARED_TEXTS.noEdition));
    if (sub === 'exportar') {
      if (context.activity.conversation?.conversationType && context.activity.conversation.conversationType !== 'personal') return void (await context.sendActivity(SHARED_TEXTS.personalChatOnly));
      const data = await statusWorkbook(snapshot.status, zone);
      await ctx.files.offer(context, { name: T.export.fileName(edition._id, formatFileTimestamp(now, zone)), data, description: T.export.description(edition.nombre) });
      return;
    }
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(networkCard(snapshot.status, edition.nombre, now, zone))] });
  };
}
