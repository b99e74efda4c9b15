import { CardFactory, type TurnContext } from 'botbuilder';
import { renderCaseNoteCard } from '../../../cards/cases.js';
import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import { activeEditionId, mayWrite, personalOnly, replaceCard, refusalText } from '../support.js';
import { CASES_TEXTS as T } from '../texts.js';
import { barrierCard } from '../views.js';
import { isCaseError } from '../../../services/cases/index.js';

/** "barrera": the anonymous report card. */
export function barrierHandler(ctx: FeatureContext): CommandHandler {
  return async (context) => {
    if (!(await activeEditionId(ctx, context))) return;
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(barrierCard())] });
  };
}

export interface BarrierPayload {
  category?: string | undefined;
  description?: string | undefined;
  example?: string | undefined;
}

/**
 * "Enviar de forma anónima": stores the category, her texts and the day, nothing about her (the service keeps no
 * person, pseudonym, activity id or time). Refusals are logged with their code only, without any user id.
 * The card becomes a thank-you note so it cannot be sent twice.
 */
export function barrierSubmit(ctx: FeatureContext): (context: TurnContext, p: BarrierPayload) => Promise<void> {
  return async (context, p) => {
    if (!(await personalOnly(context)) || !(await mayWrite(ctx, context))) return;
    const editionId = await activeEditionId(ctx, context);
    if (!editionId) return;
    try {
      await ctx.services.cases.barriers.report(editionId, { category: p.category ?? '', description: p.description ?? '', ...(p.example !== undefined ? { example: p.example } : {}) });
    } catch (err) {
      const text = refusalText(err);
      ctx.logger.warn({ what: 'barrier', code: isCaseError(err) ? err.code : 'unknown' }, 'barrier report refused');
      await context.sendActivity(text);
      return;
    }
    await replaceCard(ctx, context, renderCaseNoteCard({ title: T.barrier.thanksTitle, paragraphs: [T.barrier.thanks] }));
    await context.sendActivity(T.barrier.thanks);
  };
}
