import { z } from 'zod';
import { INSTRUMENT_TEXTS as T, instrumentPath } from './texts.js';
import {
  QUESTION_TYPES,
  TEXT_MAX_LIMIT,
  type Instrument,
  type InstrumentParseResult,
  type Question,
  type QuestionType,
  type ShowIf,
} from './types.js';

/**
 * Instrument files (issue 12): structure checked with zod, then the rules zod cannot express (unique ids,
 * per-type fields, showIf pointing to an earlier question with a possible value). Every error names its path
 * as written in the file («sections[1].questions[3].options: …»). Nothing is accepted unless all is valid.
 */

export const QUESTION_ID_RE = /^[a-z][a-z0-9_]{0,59}$/;
export const INSTRUMENT_LIMITS = {
  maxSections: 20,
  maxQuestionsPerSection: 40,
  maxOptions: 30,
  textMax: 600,
  titleMax: 200,
  labelMax: 200,
  maxErrors: 25,
} as const;

const id = z.string().regex(QUESTION_ID_RE);
const text = (max: number) => z.string().trim().min(1).max(max);
const scalar = z.union([z.string().min(1).max(120), z.number()]);

const optionSchema = z.strictObject({ value: id, label: text(INSTRUMENT_LIMITS.labelMax) });

const showIfSchema = z.strictObject({
  questionId: id,
  equals: scalar.optional(),
  in: z.array(scalar).min(1).max(INSTRUMENT_LIMITS.maxOptions).optional(),
});

const questionSchema = z.strictObject({
  id,
  type: z.enum(QUESTION_TYPES as [QuestionType, ...QuestionType[]]),
  text: text(INSTRUMENT_LIMITS.textMax),
  help: text(INSTRUMENT_LIMITS.textMax).optional(),
  required: z.boolean(),
  options: z.array(optionSchema).max(INSTRUMENT_LIMITS.maxOptions).optional(),
  maxSelected: z.number().int().min(1).optional(),
  likertLabels: z.tuple([text(80), text(80), text(80), text(80), text(80)]).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  integer: z.boolean().optional(),
  maxLength: z.number().int().min(1).max(TEXT_MAX_LIMIT).optional(),
  showIf: showIfSchema.optional(),
  repeated: z.boolean().optional(),
});

const sectionSchema = z.strictObject({
  id,
  title: text(INSTRUMENT_LIMITS.titleMax),
  intro: text(INSTRUMENT_LIMITS.textMax).optional(),
  questions: z.array(questionSchema).min(1).max(INSTRUMENT_LIMITS.maxQuestionsPerSection),
});

export const instrumentSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_-]{0,59}$/),
  wave: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  version: text(40),
  title: text(INSTRUMENT_LIMITS.titleMax),
  intro: text(INSTRUMENT_LIMITS.textMax).optional(),
  sections: z.array(sectionSchema).min(1).max(INSTRUMENT_LIMITS.maxSections),
});

type ZodIssue = z.core.$ZodIssue;

/** A Spanish message for a zod issue (the path is added by the caller). */
function issueMessage(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return T.required;
      if (issue.expected === 'string') return T.notText;
      if (issue.expected === 'number') return T.notNumber;
      if (issue.expected === 'boolean') return T.notBoolean;
      if (issue.expected === 'array' || issue.expected === 'tuple') return T.notList;
      if (issue.expected === 'object') return T.notObject;
      return T.wrongType(String(issue.expected));
    case 'too_small':
      if (issue.origin === 'string') return T.tooShortText(Number(issue.minimum));
      if (issue.origin === 'array') return T.tooFew(Number(issue.minimum));
      return T.tooSmall(Number(issue.minimum));
    case 'too_big':
      if (issue.origin === 'string') return T.tooLongText(Number(issue.maximum));
      if (issue.origin === 'array') return T.tooMany(Number(issue.maximum));
      return T.tooBig(Number(issue.maximum));
    case 'invalid_format':
      return T.badId;
    case 'invalid_value':
      return T.badValue(issue.values);
    case 'unrecognized_keys':
      return T.unknownKeys(issue.keys);
    case 'invalid_union':
      return T.invalid;
    default:
      return issue.message || T.invalid;
  }
}

function capErrors(errors: string[]): string[] {
  if (errors.length <= INSTRUMENT_LIMITS.maxErrors) return errors;
  return [...errors.slice(0, INSTRUMENT_LIMITS.maxErrors), T.moreErrors(errors.length - INSTRUMENT_LIMITS.maxErrors)];
}

/** Validates an instrument file (parsed JSON). */
export function parseInstrument(raw: unknown): InstrumentParseResult {
  const parsed = instrumentSchema.safeParse(raw);
  if (!parsed.success) {
    // Union branches report the same path twice; keep the first message per path.
    const seen = new Set<string>();
    const errors: string[] = [];
    for (const issue of parsed.error.issues) {
      const p = instrumentPath(issue.path);
      const line = T.at(p, issueMessage(issue));
      if (seen.has(line)) continue;
      seen.add(line);
      errors.push(line);
    }
    return { ok: false, errors: capErrors(errors) };
  }
  const instrument = parsed.data as Instrument;
  const errors = semanticErrors(instrument);
  return errors.length ? { ok: false, errors: capErrors(errors) } : { ok: true, instrument };
}

const CHOICE_TYPES: readonly QuestionType[] = ['single', 'multiple'];
const TEXT_TYPES: readonly QuestionType[] = ['shortText', 'longText'];

function semanticErrors(instrument: Instrument): string[] {
  const errors: string[] = [];
  const add = (path: readonly PropertyKey[], message: string): void => {
    errors.push(T.at(instrumentPath(path), message));
  };
  const sectionIds = new Map<string, string>();
  const questionAt = new Map<string, { path: string; question: Question; order: number }>();
  const allIds = new Set(allQuestions(instrument).map((q) => q.id));
  let order = 0;
  instrument.sections.forEach((section, s) => {
    const sp = ['sections', s];
    const firstSection = sectionIds.get(section.id);
    if (firstSection) add([...sp, 'id'], T.duplicateSectionId(section.id, firstSection));
    else sectionIds.set(section.id, instrumentPath(sp));
    section.questions.forEach((q, i) => {
      const qp = [...sp, 'questions', i];
      const first = questionAt.get(q.id);
      if (first) add([...qp, 'id'], T.duplicateQuestionId(q.id, first.path));
      checkQuestionFields(q, qp, add);
      if (q.showIf) checkShowIf(q, q.showIf, [...qp, 'showIf'], questionAt, allIds, add);
      if (!first) questionAt.set(q.id, { path: instrumentPath(qp), question: q, order: order++ });
    });
  });
  return errors;
}

function checkQuestionFields(q: Question, qp: readonly PropertyKey[], add: (path: readonly PropertyKey[], message: string) => void): void {
  const isChoice = CHOICE_TYPES.includes(q.type);
  if (isChoice) {
    if (!q.options || q.options.length < 2) add([...qp, 'options'], T.optionsRequired);
    else {
      const values = new Set<string>();
      q.options.forEach((o, j) => {
        if (values.has(o.value)) add([...qp, 'options', j, 'value'], T.duplicateOption(o.value));
        values.add(o.value);
      });
    }
  } else if (q.options !== undefined) add([...qp, 'options'], T.optionsNotAllowed(q.type));
  if (q.maxSelected !== undefined) {
    if (q.type !== 'multiple') add([...qp, 'maxSelected'], T.onlyFor('maxSelected', '«multiple»'));
    else if (q.options && q.maxSelected > q.options.length) add([...qp, 'maxSelected'], T.maxSelected(q.options.length));
  }
  if (q.likertLabels !== undefined && q.type !== 'likert') add([...qp, 'likertLabels'], T.onlyFor('likertLabels', '«likert»'));
  if (q.type === 'number') {
    if (q.min === undefined || q.max === undefined) add(qp, T.numberBounds);
    else if (q.min >= q.max) add([...qp, 'min'], T.minAboveMax);
  } else {
    for (const f of ['min', 'max', 'integer'] as const) if (q[f] !== undefined) add([...qp, f], T.onlyFor(f, '«number»'));
  }
  if (q.maxLength !== undefined && !TEXT_TYPES.includes(q.type)) add([...qp, 'maxLength'], T.onlyFor('maxLength', '«shortText» o «longText»'));
}

function checkShowIf(
  q: Question,
  showIf: ShowIf,
  path: readonly PropertyKey[],
  earlier: ReadonlyMap<string, { question: Question }>,
  allIds: ReadonlySet<string>,
  add: (path: readonly PropertyKey[], message: string) => void,
): void {
  const hasEquals = showIf.equals !== undefined;
  const hasIn = showIf.in !== undefined;
  if (hasEquals === hasIn) add(path, T.showIfOneOf);
  if (showIf.questionId === q.id) {
    add([...path, 'questionId'], T.showIfSelf);
    return;
  }
  const target = earlier.get(showIf.questionId)?.question;
  if (!target) {
    add([...path, 'questionId'], allIds.has(showIf.questionId) ? T.showIfNotEarlier(showIf.questionId) : T.showIfUnknown(showIf.questionId));
    return;
  }
  if (target.type === 'barriers' || TEXT_TYPES.includes(target.type)) {
    add([...path, 'questionId'], T.showIfBadTarget(target.type));
    return;
  }
  const values: Array<string | number> = [...(hasEquals ? [showIf.equals as string | number] : []), ...(showIf.in ?? [])];
  for (const v of values) {
    if (!isPossibleValue(target, v)) add([...path, hasEquals ? 'equals' : 'in'], T.showIfBadValue(v, target.id));
  }
}

/** Whether `v` can be an answer (or, for multiple, one chosen value) of the question. */
function isPossibleValue(q: Question, v: string | number): boolean {
  switch (q.type) {
    case 'single':
    case 'multiple':
      return typeof v === 'string' && (q.options ?? []).some((o) => o.value === v);
    case 'likert':
      return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5;
    case 'number':
      return typeof v === 'number' && v >= (q.min ?? -Infinity) && v <= (q.max ?? Infinity);
    default:
      return false;
  }
}

/** All questions in order. */
export function allQuestions(instrument: Instrument): Question[] {
  return instrument.sections.flatMap((s) => s.questions);
}

export function findQuestion(instrument: Instrument, questionId: string): Question | undefined {
  for (const s of instrument.sections) for (const q of s.questions) if (q.id === questionId) return q;
  return undefined;
}

/** Section id of each question id. */
export function sectionOf(instrument: Instrument): Map<string, string> {
  const m = new Map<string, string>();
  for (const s of instrument.sections) for (const q of s.questions) m.set(q.id, s.id);
  return m;
}

/** What must be identical for a repeated item: type, option values, range. Empty when the same. */
function repeatedDifference(a: Question, b: Question): string | undefined {
  if (a.type !== b.type) return T.whatType;
  const va = (a.options ?? []).map((o) => o.value).join('|');
  const vb = (b.options ?? []).map((o) => o.value).join('|');
  if (va !== vb) return T.whatOptions;
  if (a.min !== b.min || a.max !== b.max) return T.whatRange;
  return undefined;
}

/**
 * Cross-wave check of a set of instruments (one per wave): a question id that appears in several waves and
 * is marked `repeated` in any of them must be marked in all and be identical (type, option values, range).
 */
export function checkInstrumentSet(instruments: readonly Instrument[]): string[] {
  const errors: string[] = [];
  const waves = new Set<number>();
  for (const i of instruments) {
    if (waves.has(i.wave)) errors.push(T.duplicateWave(i.wave));
    waves.add(i.wave);
  }
  const seen = new Map<string, { wave: number; question: Question }>();
  const sorted = [...instruments].sort((a, b) => a.wave - b.wave);
  for (const instrument of sorted) {
    for (const q of allQuestions(instrument)) {
      const first = seen.get(q.id);
      if (!first) {
        seen.set(q.id, { wave: instrument.wave, question: q });
        continue;
      }
      const repeatedA = first.question.repeated === true;
      const repeatedB = q.repeated === true;
      if (repeatedA !== repeatedB) {
        errors.push(T.repeatedFlagMismatch(q.id, first.wave, instrument.wave));
        continue;
      }
      if (!repeatedA) continue;
      const diff = repeatedDifference(first.question, q);
      if (diff) errors.push(T.repeatedMismatch(q.id, first.wave, instrument.wave, diff));
    }
  }
  return errors;
}

/** A replacement instrument for a wave: same wave, new version, every repeated item kept identical. */
export function checkReplacement(current: Instrument, candidate: Instrument): string[] {
  const errors: string[] = [];
  if (candidate.wave !== current.wave) errors.push(T.replacementWave(current.wave, candidate.wave));
  if (candidate.version === current.version) errors.push(T.replacementVersion(current.version));
  for (const q of allQuestions(current)) {
    if (!q.repeated) continue;
    const c = findQuestion(candidate, q.id);
    if (!c) {
      errors.push(T.replacementMissing(q.id));
      continue;
    }
    const diff = c.repeated ? repeatedDifference(q, c) : undefined;
    if (!c.repeated) errors.push(T.repeatedFlagMismatch(q.id, current.wave, candidate.wave));
    else if (diff) errors.push(T.repeatedMismatch(q.id, current.wave, candidate.wave, diff));
  }
  return errors;
}
