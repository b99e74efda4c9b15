import { BARRIER_CATEGORIES, isBarrierCategory, type BarrierCategory } from '../barriers.js';
import {
  BARRIER_EXAMPLE_MAX_LENGTH,
  LONG_TEXT_MAX,
  SHORT_TEXT_MAX,
  type AnswerCheck,
  type AnswerError,
  type AnswerValue,
  type Answers,
  type BarrierBlockAnswer,
  type BarrierCategoryAnswer,
  type BarrierField,
  type EffectScore,
  type Instrument,
  type Page,
  type Question,
  type RawPageInputs,
} from './types.js';

/**
 * Answers (issue 12): conditional visibility, validation of untrusted values (forged card payloads), merging
 * a page into the stored answers, and reading Adaptive Card inputs. Pure.
 */

const indexCache = new WeakMap<Instrument, Map<string, Question>>();

/** Question id → question, cached per instrument object. */
export function questionIndex(instrument: Instrument): Map<string, Question> {
  let m = indexCache.get(instrument);
  if (!m) {
    m = new Map();
    for (const s of instrument.sections) for (const q of s.questions) m.set(q.id, q);
    indexCache.set(instrument, m);
  }
  return m;
}

export function maxLengthOf(q: Question): number {
  return q.maxLength ?? (q.type === 'longText' ? LONG_TEXT_MAX : SHORT_TEXT_MAX);
}

function matches(value: AnswerValue | undefined, expected: string | number): boolean {
  if (value === undefined) return false;
  if (Array.isArray(value)) return typeof expected === 'string' && value.includes(expected);
  return value === expected;
}

/** Whether the question is shown given the answers: its condition holds and the question it depends on is shown. */
export function isVisible(instrument: Instrument, questionId: string, answers: Answers): boolean {
  const index = questionIndex(instrument);
  let q = index.get(questionId);
  // Conditions only point to earlier questions (validated), so the chain ends; the guard bounds it anyway.
  for (let depth = 0; q && depth <= index.size; depth++) {
    const cond = q.showIf;
    if (!cond) return true;
    const value = answers[cond.questionId];
    const ok = cond.equals !== undefined ? matches(value, cond.equals) : (cond.in ?? []).some((v) => matches(value, v));
    if (!ok) return false;
    q = index.get(cond.questionId);
  }
  return false;
}

/** Removes answers to questions hidden by the other answers (in order, so chains are followed). */
export function pruneHidden(instrument: Instrument, answers: Answers): Answers {
  const out: Answers = {};
  for (const s of instrument.sections) {
    for (const q of s.questions) {
      const v = answers[q.id];
      if (v !== undefined && isVisible(instrument, q.id, out)) out[q.id] = v;
    }
  }
  return out;
}

/** Stored answers with a page's questions replaced by the page's answers; answers now hidden are dropped. */
export function mergePageAnswers(instrument: Instrument, stored: Answers, page: Page, pageAnswers: Answers): Answers {
  const onPage = new Set(page.questionIds);
  const merged: Answers = {};
  for (const [k, v] of Object.entries(stored)) if (!onPage.has(k)) merged[k] = v;
  for (const [k, v] of Object.entries(pageAnswers)) if (onPage.has(k)) merged[k] = v;
  return pruneHidden(instrument, merged);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks one value against its question. Returns the normalized value (texts trimmed), `undefined` for an
 * empty answer (blank text, no choice), or the errors.
 */
function checkValue(q: Question, raw: unknown, errors: AnswerError[]): AnswerValue | undefined {
  const err = (code: AnswerError['code'], field?: string): undefined => {
    errors.push(field ? { questionId: q.id, code, field } : { questionId: q.id, code });
    return undefined;
  };
  if (raw === undefined || raw === null) return undefined;
  switch (q.type) {
    case 'single': {
      if (typeof raw !== 'string') return err('wrongType');
      if (raw === '') return undefined;
      return (q.options ?? []).some((o) => o.value === raw) ? raw : err('notAnOption');
    }
    case 'multiple': {
      if (!Array.isArray(raw) || raw.some((x) => typeof x !== 'string')) return err('wrongType');
      const values = raw as string[];
      if (values.length === 0) return undefined;
      if (new Set(values).size !== values.length) return err('wrongType');
      if (values.some((v) => !(q.options ?? []).some((o) => o.value === v))) return err('notAnOption');
      if (values.length > (q.maxSelected ?? q.options?.length ?? 0)) return err('outOfRange');
      // Stored in the order of the options.
      return (q.options ?? []).map((o) => o.value).filter((v) => values.includes(v));
    }
    case 'likert': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return err('wrongType');
      if (!Number.isInteger(raw) || raw < 1 || raw > 5) return err('outOfRange');
      return raw;
    }
    case 'number': {
      if (typeof raw !== 'number' || !Number.isFinite(raw)) return err('wrongType');
      if (q.integer && !Number.isInteger(raw)) return err('notInteger');
      if (raw < (q.min ?? -Infinity) || raw > (q.max ?? Infinity)) return err('outOfRange');
      return raw;
    }
    case 'shortText':
    case 'longText': {
      if (typeof raw !== 'string') return err('wrongType');
      const t = raw.trim();
      if (t === '') return undefined;
      return t.length > maxLengthOf(q) ? err('tooLong') : t;
    }
    case 'barriers':
      return checkBarrierBlock(q, raw, errors);
  }
}

function checkBarrierBlock(q: Question, raw: unknown, errors: AnswerError[]): BarrierBlockAnswer | undefined {
  const before = errors.length;
  const err = (code: AnswerError['code'], field?: string): void => {
    errors.push(field ? { questionId: q.id, code, field } : { questionId: q.id, code });
  };
  if (!isRecord(raw)) {
    err('wrongType');
    return undefined;
  }
  const out: BarrierBlockAnswer = {};
  for (const [key, entry] of Object.entries(raw)) {
    if (!isBarrierCategory(key)) {
      err('notAnOption', key);
      continue;
    }
    if (entry === undefined || entry === null) continue;
    if (!isRecord(entry)) {
      err('wrongType', key);
      continue;
    }
    const unknown = Object.keys(entry).filter((k) => k !== 'faced' && k !== 'effect' && k !== 'example');
    if (unknown.length) err('wrongType', `${key}.${unknown[0]}`);
    const { faced, effect, example } = entry;
    if (faced === undefined) {
      if (effect !== undefined || (typeof example === 'string' && example.trim() !== '')) err('required', `${key}.faced`);
      continue;
    }
    if (typeof faced !== 'boolean') {
      err('wrongType', `${key}.faced`);
      continue;
    }
    const answer: BarrierCategoryAnswer = { faced };
    if (effect !== undefined) {
      if (typeof effect !== 'number' || !Number.isFinite(effect)) err('wrongType', `${key}.effect`);
      else if (!Number.isInteger(effect) || effect < 1 || effect > 5) err('outOfRange', `${key}.effect`);
      else if (!faced) err('inconsistent', `${key}.effect`);
      else answer.effect = effect as EffectScore;
    }
    if (example !== undefined) {
      if (typeof example !== 'string') err('wrongType', `${key}.example`);
      else {
        const t = example.trim();
        if (t.length > BARRIER_EXAMPLE_MAX_LENGTH) err('tooLong', `${key}.example`);
        else if (t !== '' && !faced) err('inconsistent', `${key}.example`);
        else if (t !== '') answer.example = t;
      }
    }
    out[key] = answer;
  }
  if (errors.length > before) return undefined;
  return Object.keys(out).length ? out : undefined;
}

/** Required parts of a barrier block that are missing: every category answered, effect when faced. */
function barrierBlockMissing(q: Question, value: BarrierBlockAnswer): AnswerError[] {
  const out: AnswerError[] = [];
  for (const c of BARRIER_CATEGORIES) {
    const a = value[c];
    if (!a) out.push({ questionId: q.id, code: 'required', field: `${c}.faced` });
    else if (a.faced && a.effect === undefined) out.push({ questionId: q.id, code: 'required', field: `${c}.effect` });
  }
  return out;
}

/**
 * Validates untrusted answers. `scope` restricts the ids accepted (e.g. the questions of the page being
 * saved; others are `unknownQuestion`). Visibility is judged on `context` (the stored answers) overlaid with
 * the valid new answers; answering a hidden question is `hiddenQuestion`. With `complete`, every visible
 * required question (of the scope, or of the instrument without scope) must be answered.
 */
export function validateAnswers(
  instrument: Instrument,
  answers: Record<string, unknown>,
  opts: { scope?: readonly string[]; complete?: boolean; context?: Answers } = {},
): AnswerCheck {
  const index = questionIndex(instrument);
  const scope = opts.scope ? new Set(opts.scope) : undefined;
  const errors: AnswerError[] = [];
  const clean: Answers = {};
  const cleared = new Set<string>();
  if (!isRecord(answers)) return { ok: false, errors: [{ questionId: '', code: 'wrongType' }] };
  for (const [id, raw] of Object.entries(answers)) {
    const q = index.get(id);
    if (!q || (scope && !scope.has(id))) {
      errors.push({ questionId: id, code: 'unknownQuestion' });
      continue;
    }
    const value = checkValue(q, raw, errors);
    if (value !== undefined) clean[id] = value;
    else cleared.add(id);
  }
  // Visibility on the stored answers overlaid with this submission (cleared ids removed).
  const view: Answers = {};
  for (const [k, v] of Object.entries(opts.context ?? {})) if (!cleared.has(k) && !(scope?.has(k) ?? false)) view[k] = v;
  Object.assign(view, clean);
  for (const id of Object.keys(clean)) {
    if (!isVisible(instrument, id, view)) errors.push({ questionId: id, code: 'hiddenQuestion' });
  }
  if (opts.complete) {
    const ids = scope ? [...scope] : [...index.keys()];
    for (const id of ids) {
      const q = index.get(id);
      if (!q || !isVisible(instrument, id, view)) continue;
      const v = view[id];
      if (q.required && v === undefined) errors.push({ questionId: id, code: 'required' });
      else if (q.required && q.type === 'barriers' && v !== undefined && isRecord(v)) errors.push(...barrierBlockMissing(q, v as BarrierBlockAnswer));
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, answers: clean };
}

/** Visible required questions (whole instrument) still without a complete answer. */
export function missingRequired(instrument: Instrument, answers: Answers): string[] {
  const out: string[] = [];
  for (const q of questionIndex(instrument).values()) {
    if (!q.required || !isVisible(instrument, q.id, answers)) continue;
    const v = answers[q.id];
    if (v === undefined) out.push(q.id);
    else if (q.type === 'barriers' && isRecord(v) && barrierBlockMissing(q, v as BarrierBlockAnswer).length) out.push(q.id);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Adaptive Card inputs
// ---------------------------------------------------------------------------------------------------------

const INPUT_PREFIX = 'q_';

/** Input id of a question on the answering card. */
export function inputIdFor(questionId: string): string {
  return `${INPUT_PREFIX}${questionId}`;
}

/** Input id of one field of one barrier category. */
export function barrierInputIdFor(questionId: string, category: BarrierCategory, field: BarrierField): string {
  return `${INPUT_PREFIX}${questionId}__${category}__${field}`;
}

const TRUE_WORDS = new Set(['true', 'si', 'sí', 'yes', '1']);
const FALSE_WORDS = new Set(['false', 'no', '0']);

function toNumber(raw: unknown): unknown {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string') {
    const t = raw.trim();
    if (t === '') return undefined;
    const n = Number(t);
    return Number.isFinite(n) ? n : raw;
  }
  return raw;
}

function toBoolean(raw: unknown): unknown {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'string') {
    const t = raw.trim().toLowerCase();
    if (t === '') return undefined;
    if (TRUE_WORDS.has(t)) return true;
    if (FALSE_WORDS.has(t)) return false;
  }
  return raw;
}

/**
 * Card submission → answers for the page's questions, validated (scope = the page, visibility judged with
 * `context`, the stored answers). Any `q_…` input that is not a question of the page is `unknownQuestion`;
 * other keys (verb, card ids) are ignored.
 */
export function readPageInputs(instrument: Instrument, page: Page, raw: RawPageInputs, context: Answers = {}): AnswerCheck {
  const index = questionIndex(instrument);
  const onPage = new Set(page.questionIds);
  const values: Record<string, unknown> = {};
  const errors: AnswerError[] = [];
  const known = new Set<string>();
  for (const id of page.questionIds) {
    const q = index.get(id);
    if (!q) continue;
    if (q.type === 'barriers') {
      const block: Record<string, Record<string, unknown>> = {};
      for (const c of BARRIER_CATEGORIES) {
        const entry: Record<string, unknown> = {};
        for (const f of ['faced', 'effect', 'example'] as const) {
          const key = barrierInputIdFor(id, c, f);
          known.add(key);
          const v = raw[key];
          const converted = f === 'faced' ? toBoolean(v) : f === 'effect' ? toNumber(v) : v;
          if (converted !== undefined && !(typeof converted === 'string' && converted.trim() === '')) entry[f] = converted;
        }
        // A category answered "no" leaves effect/example inputs visible on the card: ignore them.
        if (entry.faced === false) {
          delete entry.effect;
          delete entry.example;
        }
        if (Object.keys(entry).length) block[c] = entry;
      }
      if (Object.keys(block).length) values[id] = block;
      continue;
    }
    const key = inputIdFor(id);
    known.add(key);
    const v = raw[key];
    if (v === undefined || v === null) continue;
    switch (q.type) {
      case 'multiple':
        values[id] = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v;
        break;
      case 'likert':
      case 'number':
        values[id] = toNumber(v);
        break;
      default:
        values[id] = v;
    }
  }
  for (const key of Object.keys(raw)) {
    if (!key.startsWith(INPUT_PREFIX) || known.has(key)) continue;
    const qid = key.slice(INPUT_PREFIX.length).split('__')[0] ?? key;
    if (!onPage.has(qid)) errors.push({ questionId: qid, code: 'unknownQuestion' });
    else errors.push({ questionId: qid, code: 'wrongType', field: key });
  }
  const checked = validateAnswers(instrument, values, { scope: page.questionIds, context });
  if (!checked.ok) errors.push(...checked.errors);
  return errors.length ? { ok: false, errors } : checked;
}
