/**
 * Survey results benchmark (issue 12): 50,000 synthetic respondents answer the default instruments of waves
 * 1 and 2 (linked: the same pseudonymous keys), then we time the wave results (with a breakdown by vocalía,
 * which runs the joint suppression over every dimension), the paired comparison and the XLSX export.
 * Target: results + XLSX < 5 s. `runSurveyResultsBench()` is called by bench/survey.ts (C2) which prints the
 * figures next to its own; alone:
 *
 *   npx tsx bench/surveyResults.ts [--n 50000]
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadDefaultInstrument } from '../src/data/surveys/index.js';
import { BARRIER_CATEGORIES } from '../src/domain/barriers.js';
import { isVisible } from '../src/domain/surveys/answers.js';
import type { Answers, BarrierBlockAnswer, EffectScore, Instrument, StoredResponse, SurveyResponseReader, SurveyResultsBenchFigures, WaveNumber } from '../src/domain/surveys/types.js';
import { buildComparison, buildWaveResults } from '../src/services/surveys/results.js';
import { exportWaveXlsx } from '../src/services/surveys/export.js';

/** Small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCALIAS = ['VE', 'VS', 'VRFE', 'VOE', 'VCEyEC'];
const TEXTS = ['Mayor confianza para coordinar a mi equipo.', 'Conocí colegas de otras entidades.', 'Me animé a presentar el concurso.', 'Las sesiones coincidieron con el proceso electoral.'];

/** Valid answers to an instrument (visibility respected, required questions answered). */
export function syntheticAnswers(instrument: Instrument, rnd: () => number): Answers {
  const answers: Answers = {};
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  for (const s of instrument.sections) {
    for (const q of s.questions) {
      if (!isVisible(instrument, q.id, answers)) continue;
      if (!q.required && rnd() < 0.3) continue;
      switch (q.type) {
        case 'single':
          answers[q.id] = pick(q.options ?? []).value;
          break;
        case 'multiple': {
          const opts = q.options ?? [];
          const max = q.maxSelected ?? opts.length;
          const chosen = opts.filter(() => rnd() < 0.35).slice(0, max).map((o) => o.value);
          answers[q.id] = chosen.length ? chosen : [pick(opts).value];
          break;
        }
        case 'likert':
          answers[q.id] = 1 + Math.floor(rnd() * 5);
          break;
        case 'number': {
          const min = q.min ?? 0;
          const max = Math.min(q.max ?? 10, min + 10);
          answers[q.id] = min + Math.floor(rnd() * (max - min + 1));
          break;
        }
        case 'shortText':
        case 'longText':
          answers[q.id] = pick(TEXTS);
          break;
        case 'barriers': {
          const block: BarrierBlockAnswer = {};
          for (const c of BARRIER_CATEGORIES) {
            const faced = rnd() < 0.4;
            block[c] = faced ? { faced, effect: (1 + Math.floor(rnd() * 5)) as EffectScore, ...(rnd() < 0.1 ? { example: pick(TEXTS) } : {}) } : { faced };
          }
          answers[q.id] = block;
          break;
        }
      }
    }
  }
  return answers;
}

/** n synthetic finished responses per wave, linked across waves by the respondent key. */
export function syntheticResponses(instrument: Instrument, n: number, seed = 12): StoredResponse[] {
  const rnd = prng(seed + instrument.wave * 7919);
  const profileRnd = prng(seed);
  const out: StoredResponse[] = [];
  for (let i = 0; i < n; i++) {
    const g = Math.floor(profileRnd() * 15) + 1;
    out.push({
      respondent: `resp-${i.toString(16).padStart(8, '0')}`,
      answers: syntheticAnswers(instrument, rnd),
      profile: { vocalia: VOCALIAS[i % VOCALIAS.length] ?? 'VE', ambito: i % 3 === 0 ? 'JLE' : 'JDE', circunscripcion: 1 + (i % 5), group: g },
    });
  }
  return out;
}

/** A reader port over in-memory responses (the survey store's port, for the bench and tests). */
export function memoryReader(byWave: Partial<Record<WaveNumber, readonly StoredResponse[]>>): SurveyResponseReader {
  return {
    async *responses(_editionId: string, wave: WaveNumber) {
      for (const r of byWave[wave] ?? []) yield r;
    },
  };
}

export async function runSurveyResultsBench(opts: { respondents?: number } = {}): Promise<SurveyResultsBenchFigures> {
  const n = opts.respondents ?? 50_000;
  const w1 = loadDefaultInstrument(1);
  const w2 = loadDefaultInstrument(2);
  let t = performance.now();
  const reader = memoryReader({ 1: syntheticResponses(w1, n), 2: syntheticResponses(w2, n) });
  const generateMs = performance.now() - t;

  const cpuMs = (since: NodeJS.CpuUsage): number => {
    const u = process.cpuUsage(since);
    return (u.user + u.system) / 1000;
  };
  t = performance.now();
  let cpu = process.cpuUsage();
  const results = await buildWaveResults(reader, 'bench', w1, { by: 'vocalia', invited: n });
  const resultsMs = performance.now() - t;
  const resultsCpuMs = cpuMs(cpu);
  if (results.respondents.suppressed || results.respondents.value !== n) throw new Error('bench: unexpected respondent count');

  t = performance.now();
  await buildComparison(reader, 'bench', w1, w2);
  const comparisonMs = performance.now() - t;

  t = performance.now();
  cpu = process.cpuUsage();
  const xlsx = await exportWaveXlsx(reader, 'bench', w1);
  const xlsxMs = performance.now() - t;
  const xlsxCpuMs = cpuMs(cpu);

  return { respondents: n, generateMs, resultsMs, comparisonMs, xlsxMs, xlsxBytes: xlsx.length, totalMs: resultsMs + xlsxMs, resultsCpuMs, xlsxCpuMs };
}

/** One line per figure, for bench/survey.ts and the standalone run. */
export function formatSurveyResultsFigures(f: SurveyResultsBenchFigures): string {
  const ms = (x: number): string => `${Math.round(x)} ms`;
  return [
    `survey results: ${f.respondents} synthetic respondents (generated in ${ms(f.generateMs)})`,
    `  results wave 1 (por vocalía, joint suppression): ${ms(f.resultsMs)}${f.resultsCpuMs !== undefined ? ` (cpu ${ms(f.resultsCpuMs)})` : ''}`,
    `  comparison wave 1 → 2 (linked pairs):          ${ms(f.comparisonMs)}`,
    `  XLSX export wave 1: ${ms(f.xlsxMs)}${f.xlsxCpuMs !== undefined ? ` (cpu ${ms(f.xlsxCpuMs)})` : ''}, ${(f.xlsxBytes / 1024 / 1024).toFixed(1)} MB`,
    `  results + XLSX: ${ms(f.totalMs)} (target < 5000 ms) ${f.totalMs < 5000 ? 'OK' : 'OVER TARGET'}`,
  ].join('\n');
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const { values } = parseArgs({ options: { n: { type: 'string', default: '50000' } } });
  const figures = await runSurveyResultsBench({ respondents: Number(values.n) });
  console.log(formatSurveyResultsFigures(figures));
}
