import { CardFactory } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import type { BreakdownDimension } from '../../../domain/surveys/types.js';
import { buildWaveResults } from '../../../services/surveys/results.js';
import { resultsCards } from '../reportViews.js';
import { parseWave } from '../support.js';
import { SURVEY_ERRORS, SURVEYS_TEXTS as T } from '../texts.js';
import type { AdminTurn } from './turn.js';

const BY: Record<string, BreakdownDimension> = { vocalia: 'vocalia', ambito: 'ambito', circunscripcion: 'circunscripcion' };

/**
 * «encuesta resultados 1|2|3 [por vocalia|ambito|circunscripcion]»: response rate, each closed question's
 * distribution as text bars, the barrier block with 95% intervals; only aggregates of at least k respondents.
 */
export async function resultsCommand(ctx: FeatureContext, t: AdminTurn): Promise<void> {
  const [waveWord, por, dim, ...extra] = t.words.map((w) => w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase());
  const wave = parseWave(waveWord);
  if (!wave) {
    await t.context.sendActivity(T.needWave);
    return;
  }
  const by = por === undefined ? undefined : por === 'por' && dim !== undefined && extra.length === 0 ? (BY[dim] ?? null) : null;
  if (by === null) {
    await t.context.sendActivity(T.badBreakdown);
    return;
  }
  const surveys = ctx.services.surveys;
  const doc = await surveys.getWave(t.editionId, wave);
  if (!doc) {
    await t.context.sendActivity(SURVEY_ERRORS.noWave);
    return;
  }
  const results = await buildWaveResults(surveys, t.editionId, surveys.frozenOf(doc).instrument, { k: ctx.config.surveys.minCell, invited: doc.invited, ...(by ? { by } : {}) });
  for (const card of resultsCards(results)) await t.context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}
