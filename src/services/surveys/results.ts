import { WaveAggregator, compareWaves } from '../../domain/surveys/aggregate.js';
import type { Instrument, ResultsOptions, StoredResponse, SurveyResponseReader, WaveComparison, WaveResults } from '../../domain/surveys/types.js';

/**
 * Result views of the surveys (issue 12), built from the finished responses read through the reader port
 * (C2's survey store implements it). Aggregation, suppression and statistics are the pure domain code
 * (src/domain/surveys/aggregate.ts); this file only streams the responses into it. Results carry no
 * respondent keys: free-text answers appear without identity and only when at least k people wrote one.
 */

/** One wave's results: closed questions, barrier block, free text ≥ k, optional breakdown. */
export async function buildWaveResults(reader: SurveyResponseReader, editionId: string, instrument: Instrument, opts: ResultsOptions = {}): Promise<WaveResults> {
  const agg = new WaveAggregator(instrument);
  for await (const r of reader.responses(editionId, instrument.wave)) agg.add(r);
  return agg.results({ editionId, ...opts });
}

async function collect(iterable: AsyncIterable<StoredResponse>): Promise<StoredResponse[]> {
  const out: StoredResponse[] = [];
  for await (const r of iterable) out.push(r);
  return out;
}

/** Pre/post change of the repeated items on respondents who finished both waves (`from` earlier than `to`). */
export async function buildComparison(reader: SurveyResponseReader, editionId: string, from: Instrument, to: Instrument, opts: { k?: number } = {}): Promise<WaveComparison> {
  const [a, b] = from.wave <= to.wave ? [from, to] : [to, from];
  const [before, after] = await Promise.all([collect(reader.responses(editionId, a.wave)), collect(reader.responses(editionId, b.wave))]);
  return compareWaves(a, b, before, after, { editionId, ...(opts.k !== undefined ? { k: opts.k } : {}) });
}
