import { BARRIER_CATEGORIES, type BarrierCategory } from '../barriers.js';
import { questionIndex } from './answers.js';
import { meanEstimate, meanFromSums, proportion } from './stats.js';
import { suppressTable, type CellStatus, type SuppressionResult } from './suppression.js';
import { DEFAULT_LIKERT_LABELS } from './texts.js';
import {
  BREAKDOWN_DIMENSIONS,
  DEFAULT_K,
  type Answers,
  type BarrierBlockAnswer,
  type BarrierCategoryResult,
  type BreakdownDimension,
  type BreakdownGroupResult,
  type CareerEventChange,
  type FreeTextResult,
  type Instrument,
  type MeanEstimate,
  type OptionResult,
  type PairedChange,
  type ProportionEstimate,
  type Question,
  type QuestionResult,
  type RespondentProfile,
  type StoredResponse,
  type Suppressible,
  type WaveComparison,
  type WaveNumber,
  type WaveResults,
} from './types.js';

/**
 * Aggregation of one wave's finished responses (issue 12), pure and streaming: `add()` each response once,
 * then `results()`. Every published figure is a count, share or mean over at least k respondents; cells
 * are suppressed with complementary suppression (suppression.ts) jointly over ALL breakdown dimensions, so
 * the overall result is identical whichever breakdown is asked for and no published figure of one view can
 * be subtracted from another to isolate fewer than k people.
 */

const NO_GROUP = 'sin_grupo';

interface QAcc {
  n: number;
  counts: Map<string, number>;
  sum: number;
  sumSq: number;
}

interface BAcc {
  n: number;
  faced: number;
  effectN: number;
  effectSum: number;
  effectSumSq: number;
}

/**
 * Where each statistic lives in an accumulator's Float64Array. Per question: [n, one count per option
 * (likert: values 1..5), sum, sumSq]; per barrier category: [n, faced, effectN, effectSum, effectSumSq].
 */
interface QSlot {
  base: number;
  values: string[];
  index: Map<string, number>;
}

class Layout {
  readonly q = new Map<string, QSlot>();
  readonly b = new Map<string, number>();
  readonly size: number;

  constructor(questions: readonly Question[]) {
    let at = 0;
    for (const q of questions) {
      if (q.type === 'barriers') {
        for (const c of BARRIER_CATEGORIES) {
          this.b.set(`${q.id}.${c}`, at);
          at += 5;
        }
        continue;
      }
      const values = q.type === 'likert' ? likertValues() : q.type === 'single' || q.type === 'multiple' ? (q.options ?? []).map((o) => o.value) : [];
      this.q.set(q.id, { base: at, values, index: new Map(values.map((v, i) => [v, i])) });
      at += 1 + values.length + 2;
    }
    this.size = at;
  }
}

class Acc {
  respondents = 0;
  readonly data: Float64Array;

  constructor(private readonly layout: Layout) {
    this.data = new Float64Array(layout.size);
  }

  /** Adds one encoded response (slots and increments). */
  apply(slots: readonly number[], incs: readonly number[]): void {
    this.respondents++;
    const d = this.data;
    for (let i = 0; i < slots.length; i++) d[slots[i] ?? 0]! += incs[i] ?? 0;
  }

  /** Read view of a question's statistics (results time only). */
  qget(id: string): QAcc | undefined {
    const slot = this.layout.q.get(id);
    if (!slot) return undefined;
    const d = this.data;
    const counts = new Map<string, number>();
    slot.values.forEach((v, i) => counts.set(v, d[slot.base + 1 + i] ?? 0));
    const tail = slot.base + 1 + slot.values.length;
    return { n: d[slot.base] ?? 0, counts, sum: d[tail] ?? 0, sumSq: d[tail + 1] ?? 0 };
  }

  bget(id: string, c: BarrierCategory): BAcc | undefined {
    const base = this.layout.b.get(`${id}.${c}`);
    if (base === undefined) return undefined;
    const d = this.data;
    return { n: d[base] ?? 0, faced: d[base + 1] ?? 0, effectN: d[base + 2] ?? 0, effectSum: d[base + 3] ?? 0, effectSumSq: d[base + 4] ?? 0 };
  }
}

/** Encodes a response once as (slot, increment) pairs, applied to every accumulator it belongs to. */
function encode(layout: Layout, questions: readonly Question[], answers: Answers, slots: number[], incs: number[]): void {
  slots.length = 0;
  incs.length = 0;
  const push = (slot: number, inc: number): void => {
    slots.push(slot);
    incs.push(inc);
  };
  for (const q of questions) {
    const v = answers[q.id];
    if (v === undefined) continue;
    if (q.type === 'barriers') {
      if (typeof v !== 'object' || Array.isArray(v)) continue;
      const block = v as BarrierBlockAnswer;
      for (const c of BARRIER_CATEGORIES) {
        const ans = block[c];
        const base = layout.b.get(`${q.id}.${c}`);
        if (!ans || base === undefined) continue;
        push(base, 1);
        if (ans.faced) {
          push(base + 1, 1);
          if (ans.effect !== undefined) {
            push(base + 2, 1);
            push(base + 3, ans.effect);
            push(base + 4, ans.effect * ans.effect);
          }
        }
      }
      continue;
    }
    const slot = layout.q.get(q.id);
    if (!slot) continue;
    const tail = slot.base + 1 + slot.values.length;
    switch (q.type) {
      case 'single': {
        const i = typeof v === 'string' ? slot.index.get(v) : undefined;
        if (i === undefined) break;
        push(slot.base, 1);
        push(slot.base + 1 + i, 1);
        break;
      }
      case 'multiple': {
        if (!Array.isArray(v)) break;
        push(slot.base, 1);
        for (const x of v) {
          const i = slot.index.get(x);
          if (i !== undefined) push(slot.base + 1 + i, 1);
        }
        break;
      }
      case 'likert':
      case 'number': {
        if (typeof v !== 'number') break;
        push(slot.base, 1);
        push(tail, v);
        push(tail + 1, v * v);
        if (q.type === 'likert') {
          const i = slot.index.get(String(v));
          if (i !== undefined) push(slot.base + 1 + i, 1);
        }
        break;
      }
      case 'shortText':
      case 'longText':
        if (typeof v === 'string') push(slot.base, 1);
        break;
    }
  }
}

/** A suppressible statistic: one table (columns) per row of a breakdown. */
interface Spec {
  key: string;
  /** Counts of one group for this statistic (one value per column). */
  counts: (acc: Acc) => number[];
  /** Spec (and column) whose suppression forces this one's rows / margin (effect depends on faced-yes). */
  dependsOn?: { key: string; col: number };
}

function likertValues(): string[] {
  return ['1', '2', '3', '4', '5'];
}

function specsOf(questions: readonly Question[]): Spec[] {
  const specs: Spec[] = [];
  for (const q of questions) {
    switch (q.type) {
      case 'single':
      case 'likert': {
        const values = q.type === 'likert' ? likertValues() : (q.options ?? []).map((o) => o.value);
        specs.push({ key: q.id, counts: (acc) => values.map((v) => acc.qget(q.id)?.counts.get(v) ?? 0) });
        break;
      }
      case 'multiple':
        for (const o of q.options ?? []) {
          specs.push({
            key: `${q.id}:${o.value}`,
            counts: (acc) => {
              const a = acc.qget(q.id);
              const c = a?.counts.get(o.value) ?? 0;
              return [c, (a?.n ?? 0) - c];
            },
          });
        }
        break;
      case 'number':
      case 'shortText':
      case 'longText':
        specs.push({ key: q.id, counts: (acc) => [acc.qget(q.id)?.n ?? 0] });
        break;
      case 'barriers':
        for (const c of BARRIER_CATEGORIES) {
          const faced = `${q.id}.${c}.faced`;
          specs.push({
            key: faced,
            counts: (acc) => {
              const a = acc.bget(q.id, c);
              return [a?.faced ?? 0, (a?.n ?? 0) - (a?.faced ?? 0)];
            },
          });
          specs.push({ key: `${q.id}.${c}.effect`, counts: (acc) => [acc.bget(q.id, c)?.effectN ?? 0], dependsOn: { key: faced, col: 0 } });
        }
        break;
    }
  }
  return specs;
}

const show = <T>(status: CellStatus | undefined, value: () => T): Suppressible<T> =>
  status === undefined || status === 'ok' ? { suppressed: false, value: value() } : { suppressed: true, reason: status };

export function profileKey(profile: RespondentProfile, dim: BreakdownDimension): string {
  switch (dim) {
    case 'vocalia':
      return profile.vocalia;
    case 'ambito':
      return profile.ambito;
    case 'circunscripcion':
      return String(profile.circunscripcion);
    case 'group':
      return profile.group === undefined ? NO_GROUP : String(profile.group);
  }
}

/** Result of the joint suppression: for each dimension ('all' included) and spec, the table statuses. */
type Dim = BreakdownDimension | 'all';

export interface WaveAggregateOptions {
  editionId: string;
  k?: number;
  by?: BreakdownDimension;
  invited?: number;
}

export class WaveAggregator {
  private readonly questions: Question[];
  private readonly layout: Layout;
  private readonly overall: Acc;
  private readonly slots: number[] = [];
  private readonly incs: number[] = [];
  private readonly textQuestions: Question[];
  private readonly groups = new Map<BreakdownDimension, Map<string, Acc>>();
  private readonly texts = new Map<string, string[]>();

  constructor(readonly instrument: Instrument) {
    this.questions = [...questionIndex(instrument).values()];
    this.layout = new Layout(this.questions);
    this.overall = new Acc(this.layout);
    this.textQuestions = this.questions.filter((q) => q.type === 'shortText' || q.type === 'longText' || q.type === 'barriers');
    for (const d of BREAKDOWN_DIMENSIONS) this.groups.set(d, new Map());
  }

  get respondents(): number {
    return this.overall.respondents;
  }

  add(response: StoredResponse): void {
    encode(this.layout, this.questions, response.answers, this.slots, this.incs);
    this.overall.apply(this.slots, this.incs);
    for (const d of BREAKDOWN_DIMENSIONS) {
      const key = profileKey(response.profile, d);
      const m = this.groups.get(d);
      if (!m) continue;
      let acc = m.get(key);
      if (!acc) {
        acc = new Acc(this.layout);
        m.set(key, acc);
      }
      acc.apply(this.slots, this.incs);
    }
    for (const q of this.textQuestions) {
      const v = response.answers[q.id];
      if ((q.type === 'shortText' || q.type === 'longText') && typeof v === 'string') this.pushText(q.id, v);
      if (q.type === 'barriers' && v && typeof v === 'object' && !Array.isArray(v)) {
        const block = v as BarrierBlockAnswer;
        for (const c of BARRIER_CATEGORIES) {
          const ex = block[c]?.example;
          if (ex) this.pushText(`${q.id}.${c}`, ex);
        }
      }
    }
  }

  private pushText(key: string, text: string): void {
    let list = this.texts.get(key);
    if (!list) {
      list = [];
      this.texts.set(key, list);
    }
    list.push(text);
  }

  /** Joint suppression over the overall table and every breakdown dimension (fixed point of the margins). */
  private suppressAll(k: number): Map<Dim, Map<string, SuppressionResult>> {
    const specs = specsOf(this.questions);
    const dims: Dim[] = ['all', ...BREAKDOWN_DIMENSIONS];
    const rowsOf = (d: Dim): Acc[] => (d === 'all' ? [this.overall] : [...(this.groups.get(d)?.entries() ?? [])].sort(([a], [b]) => compareKeys(a, b)).map(([, acc]) => acc));
    const respondentRows = new Map<Dim, Set<number>>();
    for (const d of dims) {
      const rows = rowsOf(d);
      const res = suppressTable({ counts: rows.map((a) => [a.respondents]), k });
      respondentRows.set(d, new Set(res.rows.map((s, i) => (s === 'ok' ? -1 : i)).filter((i) => i >= 0)));
    }
    const forced = new Map<string, Set<number>>(specs.map((s) => [s.key, new Set<number>()]));
    let out = new Map<Dim, Map<string, SuppressionResult>>();
    for (let pass = 0; pass < 6; pass++) {
      let changed = false;
      out = new Map();
      for (const d of dims) {
        const rows = rowsOf(d);
        const byKey = new Map<string, SuppressionResult>();
        for (const spec of specs) {
          const forcedRows = new Set(respondentRows.get(d) ?? []);
          const margin = forced.get(spec.key) ?? new Set<number>();
          if (spec.dependsOn) {
            const parent = byKey.get(spec.dependsOn.key);
            const col = spec.dependsOn.col;
            parent?.cells.forEach((row, r) => {
              if (row[col] !== 'ok') forcedRows.add(r);
            });
            if ((forced.get(spec.dependsOn.key) ?? new Set()).has(col) || (parent && parent.margin[col] !== 'ok')) margin.add(0);
          }
          const res = suppressTable({ counts: rows.map((acc) => spec.counts(acc)), k, forcedRows, forcedMargin: margin });
          byKey.set(spec.key, res);
          res.margin.forEach((s, c) => {
            if (s !== 'ok' && !margin.has(c)) {
              margin.add(c);
              changed = true;
            }
          });
          forced.set(spec.key, margin);
        }
        out.set(d, byKey);
      }
      if (!changed) break;
    }
    return out;
  }

  results(opts: WaveAggregateOptions): WaveResults {
    const k = opts.k ?? DEFAULT_K;
    const suppression = this.suppressAll(k);
    const all = suppression.get('all') ?? new Map<string, SuppressionResult>();
    const respondentsStatus: CellStatus = this.overall.respondents < k ? 'belowK' : 'ok';
    const result: WaveResults = {
      editionId: opts.editionId,
      wave: this.instrument.wave,
      instrumentId: this.instrument.id,
      instrumentVersion: this.instrument.version,
      k,
      respondents: show(respondentsStatus, () => this.overall.respondents),
      questions: this.questionResults(this.overall, all, 0),
      barriers: this.barrierResults(this.overall, all, 0),
      freeText: this.freeText(k, respondentsStatus === 'ok'),
    };
    if (opts.invited !== undefined) {
      result.invited = opts.invited;
      const invited = opts.invited;
      result.responseRate = show(respondentsStatus, () => (invited > 0 ? this.overall.respondents / invited : 0));
    }
    if (opts.by) {
      const dim = opts.by;
      const byKey = suppression.get(dim) ?? new Map<string, SuppressionResult>();
      const entries = [...(this.groups.get(dim)?.entries() ?? [])].sort(([a], [b]) => compareKeys(a, b));
      const resp = suppressTable({ counts: entries.map(([, acc]) => [acc.respondents]), k });
      const groups: BreakdownGroupResult[] = entries.map(([key, acc], r) => ({
        key,
        respondents: show(resp.rows[r], () => acc.respondents),
        questions: this.questionResults(acc, byKey, r),
        barriers: this.barrierResults(acc, byKey, r),
      }));
      result.breakdown = { dimension: dim, groups };
    }
    return result;
  }

  private questionResults(acc: Acc, tables: Map<string, SuppressionResult>, row: number): QuestionResult[] {
    const out: QuestionResult[] = [];
    const sectionOf = new Map<string, string>();
    for (const s of this.instrument.sections) for (const q of s.questions) sectionOf.set(q.id, s.id);
    for (const q of this.questions) {
      if (q.type === 'barriers') continue;
      const a = acc.qget(q.id);
      const n = a?.n ?? 0;
      const base: QuestionResult = { questionId: q.id, sectionId: sectionOf.get(q.id) ?? '', type: q.type, text: q.text, n: { suppressed: true, reason: 'belowK' } };
      if (q.type === 'single' || q.type === 'likert') {
        const t = tables.get(q.id);
        const rowStatus = t?.rows[row];
        base.n = show(rowStatus, () => n);
        const labels = q.type === 'likert' ? (q.likertLabels ?? DEFAULT_LIKERT_LABELS) : undefined;
        const options = q.type === 'likert' ? likertValues().map((v, i) => ({ value: v, label: labels?.[i] ?? v })) : (q.options ?? []);
        base.options = options.map((o, c): OptionResult => {
          const st = t?.cells[row]?.[c];
          const count = a?.counts.get(o.value) ?? 0;
          return { value: o.value, label: o.label, count: show(st, () => count), share: show(st, () => (n > 0 ? count / n : 0)) };
        });
        if (q.type === 'likert') base.mean = show(rowStatus, () => meanFromSums(n, a?.sum ?? 0, a?.sumSq ?? 0));
      } else if (q.type === 'multiple') {
        let rowStatus: CellStatus = 'ok';
        base.options = (q.options ?? []).map((o): OptionResult => {
          const t = tables.get(`${q.id}:${o.value}`);
          const rs = t?.rows[row] ?? 'belowK';
          if (rs !== 'ok') rowStatus = rs;
          const st = t?.cells[row]?.[0];
          const count = a?.counts.get(o.value) ?? 0;
          return { value: o.value, label: o.label, count: show(st, () => count), share: show(st, () => (n > 0 ? count / n : 0)) };
        });
        base.n = show(rowStatus, () => n);
      } else {
        const t = tables.get(q.id);
        const rowStatus = t?.rows[row];
        base.n = show(rowStatus, () => n);
        if (q.type === 'number') base.mean = show(rowStatus, () => meanFromSums(n, a?.sum ?? 0, a?.sumSq ?? 0));
      }
      out.push(base);
    }
    return out;
  }

  private barrierResults(acc: Acc, tables: Map<string, SuppressionResult>, row: number): BarrierCategoryResult[] {
    const out: BarrierCategoryResult[] = [];
    for (const q of this.questions) {
      if (q.type !== 'barriers') continue;
      for (const c of BARRIER_CATEGORIES) {
        const a = acc.bget(q.id, c);
        const faced = tables.get(`${q.id}.${c}.faced`);
        const effect = tables.get(`${q.id}.${c}.effect`);
        const n = a?.n ?? 0;
        out.push({
          questionId: q.id,
          category: c,
          n: show(faced?.rows[row] ?? 'belowK', () => n),
          faced: show(faced?.cells[row]?.[0] ?? 'belowK', (): ProportionEstimate => proportion(a?.faced ?? 0, n)),
          effect: show(effect?.cells[row]?.[0] ?? 'belowK', (): MeanEstimate => meanFromSums(a?.effectN ?? 0, a?.effectSum ?? 0, a?.effectSumSq ?? 0)),
        });
      }
    }
    return out;
  }

  /** Free-text answers without identity (sorted, so the order says nothing), only when at least k answered. */
  private freeText(k: number, published: boolean): FreeTextResult[] {
    const out: FreeTextResult[] = [];
    for (const q of this.questions) {
      if (q.type === 'shortText' || q.type === 'longText') {
        const list = this.texts.get(q.id) ?? [];
        out.push({ questionId: q.id, text: q.text, answers: published && list.length >= k ? { suppressed: false, value: [...list].sort(collate) } : { suppressed: true, reason: 'belowK' } });
      }
      if (q.type === 'barriers') {
        for (const c of BARRIER_CATEGORIES) {
          const list = this.texts.get(`${q.id}.${c}`) ?? [];
          out.push({
            questionId: q.id,
            category: c,
            text: q.text,
            answers: published && list.length >= k ? { suppressed: false, value: [...list].sort(collate) } : { suppressed: true, reason: 'belowK' },
          });
        }
      }
    }
    return out;
  }
}

const collator = new Intl.Collator('es-MX');
const collate = (a: string, b: string): number => collator.compare(a, b);

/** Numeric keys (circunscripción, group) in numeric order, others alphabetically. */
function compareKeys(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return collate(a, b);
}

/** Aggregates a list of responses in one go (tests and small sets). */
export function aggregateWave(instrument: Instrument, responses: Iterable<StoredResponse>, opts: WaveAggregateOptions): WaveResults {
  const agg = new WaveAggregator(instrument);
  for (const r of responses) agg.add(r);
  return agg.results(opts);
}

// ---------------------------------------------------------------------------------------------------------
// Paired comparison (linked respondents of two waves)
// ---------------------------------------------------------------------------------------------------------

export interface CompareOptions {
  editionId: string;
  k?: number;
}

interface PairItem {
  questionId: string;
  item?: string;
  text: string;
  value: (answers: Answers) => number | undefined;
}

function pairItems(from: Instrument, to: Instrument): PairItem[] {
  const toIndex = questionIndex(to);
  const items: PairItem[] = [];
  for (const q of questionIndex(from).values()) {
    const other = toIndex.get(q.id);
    if (!q.repeated || !other?.repeated || other.type !== q.type) continue;
    if (q.type === 'likert' || q.type === 'number') {
      items.push({ questionId: q.id, text: other.text, value: (a) => (typeof a[q.id] === 'number' ? (a[q.id] as number) : undefined) });
    } else if (q.type === 'barriers') {
      for (const c of BARRIER_CATEGORIES) {
        const get = (a: Answers) => (a[q.id] && typeof a[q.id] === 'object' && !Array.isArray(a[q.id]) ? (a[q.id] as BarrierBlockAnswer)[c] : undefined);
        items.push({ questionId: q.id, item: `${c}.faced`, text: other.text, value: (a) => { const x = get(a); return x ? (x.faced ? 1 : 0) : undefined; } });
        items.push({ questionId: q.id, item: `${c}.effect`, text: other.text, value: (a) => get(a)?.effect });
      }
    }
  }
  return items;
}

/**
 * Pre/post change on respondents who finished both waves (linked by the pseudonymous key). Below k pairs
 * everything is suppressed; the before/after means are also withheld when the wave's other respondents
 * (answered the wave but are not a pair) are fewer than k, since the wave's published figure minus the
 * pairs' figure would describe them.
 */
export function compareWaves(
  from: Instrument,
  to: Instrument,
  fromResponses: Iterable<StoredResponse>,
  toResponses: Iterable<StoredResponse>,
  opts: CompareOptions,
): WaveComparison {
  const k = opts.k ?? DEFAULT_K;
  const before = new Map<string, Answers>();
  for (const r of fromResponses) before.set(r.respondent, r.answers);
  const pairs: Array<[Answers, Answers]> = [];
  const afterAll: Answers[] = [];
  for (const r of toResponses) {
    afterAll.push(r.answers);
    const b = before.get(r.respondent);
    if (b) pairs.push([b, r.answers]);
  }
  const beforeAll = [...before.values()];
  const pairsOk = pairs.length >= k;
  const small = (others: number): boolean => others > 0 && others < k;

  // Each response's value for every item, computed once (NaN = not answered).
  const defs = pairItems(from, to);
  const valuesOf = (answers: Answers): Float64Array => {
    const out = new Float64Array(defs.length);
    for (let i = 0; i < defs.length; i++) out[i] = defs[i]?.value(answers) ?? Number.NaN;
    return out;
  };
  const beforeValues = new Map<Answers, Float64Array>(beforeAll.map((a) => [a, valuesOf(a)]));
  const afterValues = new Map<Answers, Float64Array>(afterAll.map((a) => [a, valuesOf(a)]));
  const answeredCount = (rows: Iterable<Float64Array>, i: number): number => {
    let n = 0;
    for (const row of rows) if (!Number.isNaN(row[i] ?? Number.NaN)) n++;
    return n;
  };

  const items: PairedChange[] = defs.map((it, i) => {
    const diffs: Array<[number, number]> = [];
    for (const [b, a] of pairs) {
      const vb = beforeValues.get(b)?.[i] ?? Number.NaN;
      const va = afterValues.get(a)?.[i] ?? Number.NaN;
      if (!Number.isNaN(vb) && !Number.isNaN(va)) diffs.push([vb, va]);
    }
    const n = diffs.length;
    const ok = pairsOk && n >= k;
    const answeredBefore = answeredCount(beforeValues.values(), i);
    const answeredAfter = answeredCount(afterValues.values(), i);
    const status: CellStatus = ok ? 'ok' : 'belowK';
    const change: PairedChange = {
      questionId: it.questionId,
      text: it.text,
      n: show(status, () => n),
      meanBefore: show(ok && small(answeredBefore - n) ? 'complementary' : status, () => meanEstimate(diffs.map(([b]) => b)).mean),
      meanAfter: show(ok && small(answeredAfter - n) ? 'complementary' : status, () => meanEstimate(diffs.map(([, a]) => a)).mean),
      change: show(status, () => meanEstimate(diffs.map(([b, a]) => a - b))),
    };
    if (it.item) change.item = it.item;
    return change;
  });

  const careerEvents: CareerEventChange[] = [];
  const toIndex = questionIndex(to);
  for (const q of questionIndex(from).values()) {
    const other = toIndex.get(q.id);
    if (q.type !== 'multiple' || !q.repeated || other?.type !== 'multiple') continue;
    const both = pairs.filter(([b, a]) => Array.isArray(b[q.id]) && Array.isArray(a[q.id]));
    const n = both.length;
    const answeredBefore = beforeAll.filter((a) => Array.isArray(a[q.id])).length;
    const answeredAfter = afterAll.filter((a) => Array.isArray(a[q.id])).length;
    for (const o of other.options ?? []) {
      const cb = both.filter(([b]) => (b[q.id] as string[]).includes(o.value)).length;
      const ca = both.filter(([, a]) => (a[q.id] as string[]).includes(o.value)).length;
      const cell = (count: number, others: number): CellStatus => {
        if (!pairsOk || n < k) return 'belowK';
        if (count < k || n - count < k) return 'belowK';
        return small(others) ? 'complementary' : 'ok';
      };
      careerEvents.push({
        questionId: q.id,
        value: o.value,
        label: o.label,
        n: show(pairsOk && n >= k ? 'ok' : 'belowK', () => n),
        before: show(cell(cb, answeredBefore - n), () => proportion(cb, n)),
        after: show(cell(ca, answeredAfter - n), () => proportion(ca, n)),
      });
    }
  }

  return {
    editionId: opts.editionId,
    fromWave: from.wave as WaveNumber,
    toWave: to.wave as WaveNumber,
    k,
    pairs: show(pairsOk ? 'ok' : 'belowK', () => pairs.length),
    items,
    careerEvents,
  };
}
