import { CardFactory, type TurnContext } from 'botbuilder';
import { renderCaseNoteCard } from '../../../cards/cases.js';
import { personOf } from '../../../teams/activity.js';
import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import { notifyStaffNew } from '../notices.js';
import { activeEditionId, mayWrite, me, personalOnly, replaceCard, withCaseErrors } from '../support.js';
import { CASES_TEXTS as T } from '../texts.js';
import { contactCard } from '../views.js';

export interface ContactPayload {
  formId: string;
  subject?: string | undefined;
  category?: string | undefined;
  message?: string | undefined;
}

/** "contactar": the card to write to UTIGyND. */
export function contactHandler(ctx: FeatureContext): CommandHandler {
  return async (context) => {
    if (!(await activeEditionId(ctx, context))) return;
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(contactCard())] });
  };
}

/** Her name for staff: the one of her registration, else the one Teams gives. */
async function nameOf(ctx: FeatureContext, context: TurnContext, editionId: string, key: string): Promise<string | undefined> {
  return (await ctx.services.members.get(editionId, key))?.nombre ?? personOf(context.activity).name;
}

/**
 * The contact card's "Enviar": opens a consulta as the activity's person (never a field of the card), gives her
 * the folio and sends the case card 1:1 to every administrator. Blank or too long texts and unknown categories
 * are refused (nothing saved); the same card pressed again gives the same folio.
 */
export function contactSubmit(ctx: FeatureContext): (context: TurnContext, p: ContactPayload) => Promise<void> {
  return async (context, p) => {
    if (!(await personalOnly(context)) || !(await mayWrite(ctx, context))) return;
    const editionId = await activeEditionId(ctx, context);
    if (!editionId) return;
    await withCaseErrors(ctx, context, 'contact', async () => {
      const key = me(context);
      const person = personOf(context.activity);
      const name = await nameOf(ctx, context, editionId, key);
      const { doc, created } = await ctx.services.cases.cases.open({
        editionId,
        kind: 'consulta',
        personKey: key,
        userId: person.userId,
        ...(name ? { name } : {}),
        subject: p.subject ?? '',
        category: p.category ?? '',
        text: p.message ?? '',
        formId: p.formId,
      });
      if (!created) {
        await context.sendActivity(T.contact.alreadySent(doc.folio));
        return;
      }
      await notifyStaffNew(ctx, doc);
      const text = T.contact.created(doc.folio);
      await replaceCard(ctx, context, renderCaseNoteCard({ title: T.contact.sentTitle, paragraphs: [text] }));
      await context.sendActivity(text);
    });
  };
}

export { nameOf };
