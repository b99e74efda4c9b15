import { CardFactory } from 'botbuilder';
import { normalizeCommandText } from '../../../domain/commands.js';
import { personKey } from '../../../domain/person.js';
import { formatDateTime, HQ_TIME_ZONE } from '../../../domain/time.js';
import { renderAnnouncementNoteCard } from '../../../cards/announcements.js';
import { personOf } from '../../../teams/activity.js';
import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import { SHARED_TEXTS } from '../../shared/texts.js';
import { cancelAnnouncement } from '../send.js';
import { sendComposeCard } from '../compose.js';
import { ANNOUNCEMENTS_TEXTS as T, audienceText } from '../texts.js';

/** "aviso" (compose card), "aviso lista", "aviso cancelar N" (UTIGyND; the guard checks the role). */
export function announceHandler(ctx: FeatureContext): CommandHandler {
  return async (context, request) => {
    const [first, ...rest] = request.args.trim().split(/\s+/).filter(Boolean);
    const sub = normalizeCommandText(first ?? '');
    if (sub === '') {
      await sendComposeCard(context);
      return;
    }
    const edition = await ctx.services.editions.getActive();
    if (!edition) {
      await context.sendActivity(SHARED_TEXTS.noEdition);
      return;
    }
    if (sub === 'cancelar') {
      const n = Number(rest[0]);
      if (rest.length !== 1 || !Number.isInteger(n) || n < 1) {
        await context.sendActivity(T.cancelUsage);
        return;
      }
      const doc = await ctx.services.announcements.byNumber(edition._id, n);
      if (!doc) {
        await context.sendActivity(T.notFound);
        return;
      }
      await context.sendActivity(await cancelAnnouncement(ctx, doc._id, personKey(personOf(context.activity))));
      return;
    }
    if (sub === 'lista') {
      const [docs, catalog] = await Promise.all([ctx.services.announcements.recent(edition._id, 15), ctx.services.catalogs.forEdition(edition._id)]);
      const lines = docs.map((d) =>
        T.listLine({
          number: d.number,
          title: d.title,
          state: d.state,
          audience: audienceText(d.audience, catalog),
          when: d.sentAt ? formatDateTime(d.sentAt, HQ_TIME_ZONE) : d.sendAt && d.state === 'scheduled' ? formatDateTime(d.sendAt, HQ_TIME_ZONE) : '',
        }),
      );
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(renderAnnouncementNoteCard({ title: T.listTitle, paragraphs: lines.length ? lines : [T.listEmpty] }))] });
      return;
    }
    await context.sendActivity(T.usage);
  };
}
