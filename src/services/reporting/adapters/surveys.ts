import type { Instrument, Suppressible, WaveNumber } from '../../../domain/surveys/types.js';
import type { SurveyService } from '../../surveys/index.js';
import { buildWaveResults } from '../../surveys/results.js';
import type { ReportSurveyQuestionResult, ReportSurveyResults, SurveysSource } from '../sources.js';
import { REPORTING_TEXTS } from '../texts.js';

/**
 * SurveysSource from the surveys feature (src/services/surveys/): its waves with the participation counts, and
 * each wave's aggregated results as built by the surveys feature itself (buildWaveResults: k-suppression done
 * there). Only aggregates cross this port; free-text answers are not passed on.
 */
const val = <T>(s: Suppressible<T>): T | null => (s.suppressed ? null : s.value);

export function surveysSource(surveys: Pick<SurveyService, 'listWaves' | 'counts' | 'frozenOf' | 'responses'>): SurveysSource {
  return {
    async listWaves(editionId) {
      const waves = await surveys.listWaves(editionId);
      return Promise.all(
        waves.map(async (w) => {
          const c = await surveys.counts(editionId, w.wave);
          return { wave: w.wave, label: REPORTING_TEXTS.waveLabel(w.wave), opensAt: w.openedAt, closesAt: w.closesAt, invited: c.invited, started: c.started, finished: c.finished };
        }),
      );
    },
    async results(editionId, wave) {
      const doc = (await surveys.listWaves(editionId)).find((w) => w.wave === wave);
      if (!doc) return undefined;
      const instrument: Instrument = surveys.frozenOf(doc).instrument;
      const r = await buildWaveResults(surveys, editionId, instrument);
      const questions: ReportSurveyQuestionResult[] = [];
      for (const q of r.questions) {
        if (q.type === 'shortText' || q.type === 'longText') continue;
        const n = val(q.n);
        questions.push({
          questionId: q.questionId,
          text: q.text,
          kind: q.type === 'single' ? 'single' : q.type === 'multiple' ? 'multiple' : 'scale',
          n,
          suppressed: n === null,
          ...(q.options ? { options: q.options.map((o) => ({ label: o.label, count: val(o.count) })) } : {}),
          ...(q.mean ? { mean: q.mean.suppressed ? null : q.mean.value.mean } : {}),
        });
      }
      for (const b of r.barriers) {
        const n = val(b.n);
        const faced = b.faced.suppressed ? null : b.faced.value.count;
        questions.push({
          questionId: `${b.questionId}.${b.category}`,
          text: b.category,
          kind: 'scale',
          n,
          suppressed: n === null || faced === null,
          mean: b.effect.suppressed ? null : b.effect.value.mean,
          faced,
          barrierCategory: b.category,
        });
      }
      const out: ReportSurveyResults = { wave: wave as WaveNumber, k: r.k, questions };
      return out;
    },
  };
}
