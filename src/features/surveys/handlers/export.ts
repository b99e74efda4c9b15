import type { FeatureContext } from '../../feature.js';
import { scopeOf } from '../../../teams/activity.js';
import { formatDateTime, formatFileTimestamp, HQ_TIME_ZONE } from '../../../domain/time.js';
import { exportWaveXlsx } from '../../../services/surveys/export.js';
import { SURVEY_AUDIT } from '../../../services/surveys/index.js';
import { SHARED_TEXTS } from '../../shared/texts.js';
import { parseWave } from '../support.js';
import { SURVEY_ERRORS, SURVEYS_TEXTS as T } from '../texts.js';
import type { AdminTurn } from './turn.js';

/**
 * «encuesta exportar 1|2|3»: an Excel file with one anonymous row per respondent (a pseudonym derived from the
 * respondent key, never the key, and no name, email, entidad or district) and a codebook sheet, offered with
 * the file consent flow in the personal chat. Audited.
 */
export async function exportCommand(ctx: FeatureContext, t: AdminTurn): Promise<void> {
  if (scopeOf(t.context.activity) !== 'personal') {
    await t.context.sendActivity(SHARED_TEXTS.personalChatOnly);
    return;
  }
  const wave = parseWave(t.words[0]);
  if (!wave) {
    await t.context.sendActivity(T.needWave);
    return;
  }
  const surveys = ctx.services.surveys;
  const doc = await surveys.getWave(t.editionId, wave);
  if (!doc) {
    await t.context.sendActivity(SURVEY_ERRORS.noWave);
    return;
  }
  const { finished } = await surveys.counts(t.editionId, wave);
  if (finished === 0) {
    await t.context.sendActivity(T.exportEmpty(wave));
    return;
  }
  const data = await exportWaveXlsx(surveys, t.editionId, surveys.frozenOf(doc).instrument, { k: ctx.config.surveys.minCell, pseudonymOf: (r) => surveys.keys.pseudonym(r) });
  const now = ctx.clock();
  const name = T.exportFileName(t.editionId, wave, formatFileTimestamp(now, HQ_TIME_ZONE));
  await ctx.services.audit.append({ actor: t.actor, action: SURVEY_AUDIT.export, target: doc._id, editionId: t.editionId, details: { fileName: name, respondents: finished } });
  await ctx.files.offer(t.context, { name, data, description: T.exportDescription(wave, formatDateTime(now, HQ_TIME_ZONE)) });
}
