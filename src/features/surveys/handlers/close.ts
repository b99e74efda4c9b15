import type { FeatureContext } from '../../feature.js';
import { cancelWaveJobs } from '../notices.js';
import { parseWave } from '../support.js';
import { SURVEYS_TEXTS as T } from '../texts.js';
import type { AdminTurn } from './turn.js';

/** «encuesta cerrar 1|2|3»: stops answering now; its pending reminders and closing job are cancelled. */
export async function closeCommand(ctx: FeatureContext, t: AdminTurn): Promise<void> {
  const wave = parseWave(t.words[0]);
  if (!wave) {
    await t.context.sendActivity(T.needWave);
    return;
  }
  const { closed, wave: doc } = await ctx.services.surveys.closeWave(t.editionId, wave, t.actor);
  if (!closed || !doc) {
    await t.context.sendActivity(T.notOpenToClose(wave));
    return;
  }
  await cancelWaveJobs(ctx, doc._id);
  const counts = await ctx.services.surveys.counts(t.editionId, wave);
  await t.context.sendActivity(T.closedNow(wave, counts.finished));
}
