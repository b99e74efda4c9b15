import type { Cell, PrePostRow, SurveyQuestionIn, SurveyQuestionOut, SurveyResultsIn, SurveyWaveIn, SurveyWaveOut } from './types.js';

/**
 * The k rule of the surveys (k ≥ 5), applied again by the general report whatever the surveys feature sent:
 * no cell with fewer than k answers is ever shown (zero included: an empty cell says as much about the others
 * as a cell of one), a question answered by fewer than k people is suppressed whole, and when exactly one
 * option of a question with a shown total would be suppressed, the smallest other shown option is suppressed
 * too, so no hidden count can be derived by subtraction. Pure.
 */

export const MIN_K = 5;

/** The k to use: the surveys feature's own, never less than 5. */
export const effectiveK = (k: number | undefined): number => Math.max(MIN_K, Number.isFinite(k) ? Math.ceil(k!) : MIN_K);

const below = (v: number | null | undefined, k: number): boolean => v === null || v === undefined || !Number.isFinite(v) || v < k;

export function suppressQuestion(q: SurveyQuestionIn, k: number): SurveyQuestionOut {
  const whole = q.suppressed || below(q.n, k);
  const n: Cell = whole ? null : q.n;
  const options = (q.options ?? []).map((o) => ({ label: o.label, count: whole || below(o.count, k) ? null : o.count }));
  // Single-choice and scale options add up to n: one hidden cell could be recovered by subtraction.
  if (!whole && (q.kind === 'single' || q.kind === 'scale')) {
    const hidden = options.filter((o) => o.count === null).length;
    if (hidden === 1) {
      const shown = options.filter((o) => o.count !== null).sort((a, b) => a.count! - b.count!);
      if (shown[0]) shown[0].count = null;
    }
  }
  const withShares = options.map((o) => ({ ...o, share: o.count !== null && n !== null && n > 0 ? o.count / n : null }));
  const mean: Cell = whole || q.mean === undefined || q.mean === null || !Number.isFinite(q.mean) ? null : q.mean;
  const out: SurveyQuestionOut = { questionId: q.questionId, text: q.text, kind: q.kind, n, suppressed: whole, options: withShares, mean };
  if (q.barrierCategory) {
    out.barrierCategory = q.barrierCategory;
    // Those who faced it and those who did not (n − faced) are both cells: each must reach k.
    out.faced = whole || q.faced === undefined || below(q.faced, k) || below(n! - q.faced!, k) ? null : q.faced;
  }
  return out;
}

export function suppressWave(wave: SurveyWaveIn, results: SurveyResultsIn | undefined): SurveyWaveOut {
  const k = effectiveK(results?.k);
  const rate = wave.invited > 0 ? wave.finished / wave.invited : undefined;
  return {
    wave: wave.wave,
    label: wave.label,
    ...(wave.opensAt ? { opensAt: wave.opensAt } : {}),
    ...(wave.closesAt ? { closesAt: wave.closesAt } : {}),
    invited: wave.invited,
    finished: wave.finished,
    ...(rate !== undefined ? { rate } : {}),
    k,
    questions: (results?.questions ?? []).map((q) => suppressQuestion(q, k)),
  };
}

/**
 * Pre/post comparison: every question asked in at least two waves, with its mean (scale questions) or the
 * share of its first option (choice questions) per wave; null where suppressed or not asked.
 */
export function prePost(waves: readonly SurveyWaveOut[]): { compared: number[]; rows: PrePostRow[] } {
  const withQuestions = waves.filter((w) => w.questions.length > 0);
  const compared = withQuestions.map((w) => w.wave);
  const byId = new Map<string, { text: string; kind: PrePostRow['kind']; barrierCategory: SurveyQuestionOut['barrierCategory']; values: Map<number, Cell> }>();
  for (const w of withQuestions) {
    for (const q of w.questions) {
      if (q.kind === 'text') continue;
      const entry = byId.get(q.questionId) ?? { text: q.text, kind: q.kind, barrierCategory: q.barrierCategory, values: new Map<number, Cell>() };
      const value: Cell = q.kind === 'scale' ? q.mean : (q.options[0]?.share ?? null);
      entry.values.set(w.wave, value);
      byId.set(q.questionId, entry);
    }
  }
  const rows: PrePostRow[] = [];
  for (const [questionId, e] of byId) {
    if (e.values.size < 2) continue;
    rows.push({ questionId, text: e.text, kind: e.kind, ...(e.barrierCategory ? { barrierCategory: e.barrierCategory } : {}), values: compared.map((wave) => e.values.get(wave) ?? null) });
  }
  return { compared, rows };
}
