import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { CardJson } from '../../cards/render.js';
import { questionIndex } from '../../domain/surveys/index.js';
import type { AnswerError, Instrument, WaveNumber } from '../../domain/surveys/types.js';
import { SurveyError } from '../../services/surveys/index.js';
import type { FeatureContext } from '../feature.js';
import { SHARED_TEXTS } from '../shared/texts.js';
import { SURVEY_ERRORS, SURVEYS_TEXTS as T } from './texts.js';

/** The active edition's id, or undefined after saying there is none. */
export async function activeEditionId(ctx: FeatureContext, context: TurnContext): Promise<string | undefined> {
  const edition = await ctx.services.editions.getActive();
  if (!edition) await context.sendActivity(SHARED_TEXTS.noEdition);
  return edition?._id;
}

/** "1", "2" or "3" as a wave number. */
export function parseWave(word: string | undefined): WaveNumber | undefined {
  return word === '1' || word === '2' || word === '3' ? (Number(word) as WaveNumber) : undefined;
}

/** The Spanish of a refusal of the survey service (answer problems named by question); other errors rethrown. */
export function refusalText(err: unknown, instrument?: Instrument): string {
  if (!(err instanceof SurveyError)) throw err;
  if (err.code === 'invalidAnswers' && err.detail.errors?.length) return T.invalidAnswers(answerProblems(err.detail.errors, instrument));
  if (err.code === 'invalidInstrument' && err.detail.problems?.length) return T.instrumentErrors(err.detail.problems);
  return SURVEY_ERRORS[err.code];
}

/** At most five problems, each naming the question as she reads it. */
export function answerProblems(errors: readonly AnswerError[], instrument?: Instrument): string[] {
  const index = instrument ? questionIndex(instrument) : undefined;
  return errors.slice(0, 5).map((e) => {
    const q = index?.get(e.questionId);
    return q ? T.answerProblem(q.text, e.code) : T.unknownInput;
  });
}

/**
 * Replaces the card she pressed (the submit's replyToId) with `card`, or sends it as a new message when that
 * is not possible (no id, or Teams refuses the update).
 */
export async function showCard(ctx: FeatureContext, context: TurnContext, card: CardJson): Promise<void> {
  const cardId = context.activity.replyToId;
  if (typeof cardId === 'string' && cardId !== '') {
    try {
      await context.updateActivity({ id: cardId, type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
      return;
    } catch (err) {
      ctx.logger.warn({ error: err instanceof Error ? err.message : String(err) }, 'survey card not updated in place');
    }
  }
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}
