import { CardFactory } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import type { WaveNumber } from '../../../domain/surveys/types.js';
import { buildComparison } from '../../../services/surveys/results.js';
import { comparisonCards } from '../reportViews.js';
import { parseWave } from '../support.js';
import { SURVEYS_TEXTS as T } from '../texts.js';
import type { AdminTurn } from './turn.js';

/**
 * «encuesta comparar [A B]»: pre/post change of the repeated items among the members who sent both waves
 * (linked by the respondent key), with 95% intervals and suppression below k. Without waves: the latest two
 * waves opened (1 → 2, or 1 → 3 when wave 3 exists).
 */
export async function compareCommand(ctx: FeatureContext, t: AdminTurn): Promise<void> {
  const surveys = ctx.services.surveys;
  const opened = (await surveys.listWaves(t.editionId)).map((w) => w.wave);
  let from: WaveNumber | undefined;
  let to: WaveNumber | undefined;
  if (t.words.length === 0) {
    from = 1;
    to = opened.includes(3) ? 3 : 2;
  } else {
    from = parseWave(t.words[0]);
    to = parseWave(t.words[1]);
    if (!from || !to || from === to || t.words.length > 2) {
      await t.context.sendActivity(T.compareUsage);
      return;
    }
    if (from > to) [from, to] = [to, from];
  }
  const [a, b] = await Promise.all([surveys.getWave(t.editionId, from), surveys.getWave(t.editionId, to)]);
  if (!a || !b) {
    await t.context.sendActivity(T.compareNeedsWaves);
    return;
  }
  const comparison = await buildComparison(surveys, t.editionId, surveys.frozenOf(a).instrument, surveys.frozenOf(b).instrument, { k: ctx.config.surveys.minCell });
  for (const card of comparisonCards(comparison)) await t.context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}
