import type { FeatureContext } from '../../feature.js';
import { downloadIncomingFile, incomingFileOf } from '../../../bot/files.js';
import { allQuestions } from '../../../domain/surveys/index.js';
import { parseWave, refusalText } from '../support.js';
import { SURVEYS_TEXTS as T } from '../texts.js';
import type { AdminTurn } from './turn.js';

/** Largest instrument file accepted. */
export const INSTRUMENT_MAX_BYTES = 512 * 1024;

/**
 * «encuesta instrumento 1|2|3»: shows the instrument the wave will use; with a .json attached, replaces it for
 * the active edition before the wave opens (validated; every error named by its path). Frozen once it opened.
 */
export async function instrumentCommand(ctx: FeatureContext, t: AdminTurn): Promise<void> {
  const wave = parseWave(t.words[0]);
  if (!wave) {
    await t.context.sendActivity(T.needWave);
    return;
  }
  const surveys = ctx.services.surveys;
  const file = incomingFileOf(t.context.activity);
  if (!file) {
    const opened = await surveys.getWave(t.editionId, wave);
    const { instrument, replaced } = opened ? { instrument: surveys.frozenOf(opened).instrument, replaced: false } : await surveys.pendingInstrument(t.editionId, wave);
    await t.context.sendActivity(T.instrumentShow(wave, instrument.title, instrument.version, replaced, surveys.pagesOf(instrument).length));
    return;
  }
  const downloaded = await downloadIncomingFile(file, { mode: ctx.config.mode, extensions: ['json'], maxBytes: INSTRUMENT_MAX_BYTES, logger: ctx.logger.child({ component: 'surveys' }) });
  if (!downloaded.ok) {
    await t.context.sendActivity(downloaded.message);
    return;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(downloaded.data.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    await t.context.sendActivity(T.instrumentBadJson(err instanceof Error ? err.message.slice(0, 120) : 'JSON'));
    return;
  }
  try {
    const instrument = await surveys.replaceInstrument(t.editionId, wave, raw, t.actor);
    await t.context.sendActivity(T.instrumentReplaced(wave, instrument.title, instrument.version, allQuestions(instrument).length));
  } catch (err) {
    await t.context.sendActivity(refusalText(err));
  }
}
