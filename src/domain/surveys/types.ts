/**
 * CONTRACT of the surveys domain (issue 12) for src/services/surveys and src/features/surveys.
 * Types and function signatures here are stable: they are only ever added to, never changed or removed.
 * Implementations live next to this file (instrument.ts, answers.ts, pagination.ts, stats.ts, aggregate.ts)
 * and are re-exported by src/domain/surveys/index.ts; the result views and the XLSX export live in
 * src/services/surveys/results.ts and src/services/surveys/export.ts. Pure types: no I/O.
 */
import type { BarrierCategory } from '../barriers.js';

// ---------------------------------------------------------------------------------------------------------
// Instruments
// ---------------------------------------------------------------------------------------------------------

/** 1 = línea base (before the first group session), 2 = cierre (end of the network), 3 = seguimiento (+4 months). */
export type WaveNumber = 1 | 2 | 3;
export const WAVES: readonly WaveNumber[] = [1, 2, 3];

export type QuestionType = 'single' | 'multiple' | 'likert' | 'number' | 'shortText' | 'longText' | 'barriers';
export const QUESTION_TYPES: readonly QuestionType[] = ['single', 'multiple', 'likert', 'number', 'shortText', 'longText', 'barriers'];

/** Question types whose answers are aggregated as counts (closed questions). */
export const CLOSED_TYPES: readonly QuestionType[] = ['single', 'multiple', 'likert'];

export interface QuestionOption {
  /** Stable machine value stored in the answers (lower-case id, e.g. "concurso"). */
  value: string;
  /** Spanish label shown to the member. */
  label: string;
}

/**
 * Show the question only when an earlier question's answer matches. `equals` matches a single/likert/number
 * answer exactly or a multiple-choice answer that contains the value; `in` matches any of the values.
 * Exactly one of `equals` / `in` is given. The referenced question must come earlier in the instrument and
 * may itself be conditional (chains are followed: a question whose condition refers to a hidden question is
 * hidden).
 */
export interface ShowIf {
  questionId: string;
  equals?: string | number;
  in?: Array<string | number>;
}

/** The five labels of a Likert scale, for values 1..5 in order. */
export type LikertLabels = [string, string, string, string, string];

export interface Question {
  /** Unique in the instrument; lower-case letters, digits and "_" (e.g. "comp_liderazgo"). */
  id: string;
  type: QuestionType;
  text: string;
  help?: string;
  required: boolean;
  /** single / multiple: the choices (values unique). */
  options?: QuestionOption[];
  /** multiple: at most this many choices (default: all). */
  maxSelected?: number;
  /** likert: labels for 1..5 (default DEFAULT_LIKERT_LABELS). */
  likertLabels?: LikertLabels;
  /** number: inclusive bounds (required for number questions) and whether only integers are accepted. */
  min?: number;
  max?: number;
  integer?: boolean;
  /** shortText / longText: maximum characters (default 200 / 2000; never above 4000). Barrier examples: 1000. */
  maxLength?: number;
  showIf?: ShowIf;
  /**
   * True for items measured in several waves (competences, career events, barrier block): same id, type and
   * option values in every wave where they appear, so pre/post change can be measured on linked respondents.
   */
  repeated?: boolean;
}

export interface Section {
  id: string;
  title: string;
  /** Optional short introduction shown at the top of the section's first page. */
  intro?: string;
  questions: Question[];
}

export interface Instrument {
  /** Instrument id, e.g. "rcmspen-ola1". */
  id: string;
  wave: WaveNumber;
  /** Version string (e.g. "2026.1"); a replaced instrument must carry a different version. */
  version: string;
  title: string;
  /** Text shown in the invitation and on the first page. */
  intro?: string;
  sections: Section[];
}

export type InstrumentParseResult = { ok: true; instrument: Instrument } | { ok: false; errors: string[] };

// ---------------------------------------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------------------------------------

/** Effect of a barrier on her career: 1 (nada) .. 5 (muchísimo). */
export type EffectScore = 1 | 2 | 3 | 4 | 5;

/** One category of the barrier block. `effect` is given (required) only when faced; never when not faced. */
export interface BarrierCategoryAnswer {
  faced: boolean;
  effect?: EffectScore;
  /** Optional free-text example (only when faced), at most BARRIER_EXAMPLE_MAX_LENGTH characters. */
  example?: string;
}

/** Answer to a `barriers` question: one entry per category of BARRIER_CATEGORIES (all eight when complete). */
export type BarrierBlockAnswer = Partial<Record<BarrierCategory, BarrierCategoryAnswer>>;

/**
 * single / shortText / longText → string; multiple → string[] (option values, no duplicates);
 * likert → 1..5; number → number; barriers → BarrierBlockAnswer.
 */
export type AnswerValue = string | string[] | number | BarrierBlockAnswer;

/** A respondent's answers: question id → value. Unanswered (or hidden) questions are absent. */
export type Answers = Record<string, AnswerValue>;

export type AnswerErrorCode =
  /** The id is not a question of the instrument (or not of the page being saved). */
  | 'unknownQuestion'
  /** The question is hidden given the other answers (its showIf does not hold). */
  | 'hiddenQuestion'
  /** The value has the wrong shape for the question type. */
  | 'wrongType'
  /** A choice value that is not one of the options (or a barrier category that does not exist). */
  | 'notAnOption'
  /** Number/Likert/effect outside its range, or more choices than allowed. */
  | 'outOfRange'
  /** A number question that only accepts integers got a fraction. */
  | 'notInteger'
  /** Text longer than maxLength. */
  | 'tooLong'
  /** Required question (or required part of a barrier block) without an answer. */
  | 'required'
  /** Barrier category answered "no" but with an effect or example. */
  | 'inconsistent';

export interface AnswerError {
  questionId: string;
  code: AnswerErrorCode;
  /** Barrier category or sub-field when relevant, e.g. "politicas.effect". */
  field?: string;
}

export type AnswerCheck = { ok: true; answers: Answers } | { ok: false; errors: AnswerError[] };

// ---------------------------------------------------------------------------------------------------------
// Card inputs (Adaptive Card Input.* ids ↔ answers). Optional helpers for the answering card.
// ---------------------------------------------------------------------------------------------------------

/**
 * Raw card submission data: Input.ChoiceSet (single → "value", isMultiSelect → "a,b"), Input.Number
 * (number or numeric string), Input.Text (string), Input.Toggle ("true"/"false"). Ids are built with
 * `inputIdFor(questionId)` and `barrierInputIdFor(questionId, category, 'faced'|'effect'|'example')`.
 */
export type RawPageInputs = Record<string, unknown>;

export type BarrierField = 'faced' | 'effect' | 'example';

// ---------------------------------------------------------------------------------------------------------
// Pagination
// ---------------------------------------------------------------------------------------------------------

/** A page of the answering flow: consecutive questions of one section. */
export interface Page {
  /** Stable page id within an instrument version: `${sectionId}` or `${sectionId}#${part}` (part ≥ 2). */
  id: string;
  sectionId: string;
  sectionTitle: string;
  /** Section intro, only on the section's first part. */
  intro?: string;
  /** 1-based part of the section and the number of parts it was split into. */
  part: number;
  parts: number;
  questionIds: string[];
}

/** What a size estimator sees: the page and its questions (as they would be rendered, before visibility). */
export interface PageDraft {
  instrument: Instrument;
  sectionId: string;
  sectionTitle: string;
  intro?: string;
  questions: Question[];
}

/** Returns the size in bytes of the rendered card of a page (C2 passes its template renderer). */
export type PageSizeEstimator = (draft: PageDraft) => number;

export interface PaginateOptions {
  /** Maximum bytes per rendered page (default PAGE_BYTE_BUDGET, well under Teams' ~28 KB). */
  maxBytes?: number;
  /** Maximum questions per page (default MAX_QUESTIONS_PER_PAGE). */
  maxQuestions?: number;
}

/** "Página 2 de 5" data, counted over the pages visible with the answers so far (the review page excluded). */
export interface Progress {
  /** 1-based number of the current page among the visible pages. */
  pageNumber: number;
  pageCount: number;
  isFirst: boolean;
  isLast: boolean;
  /** Ids of the previous / next visible pages (undefined at the ends; after the last comes the review). */
  previousPageId?: string;
  nextPageId?: string;
  /** Questions answered among the visible ones, and how many visible ones there are. */
  answered: number;
  visibleQuestions: number;
}

/** One line of the review page. `display` holds the option labels / numbers / texts, ready for a card. */
export interface ReviewItem {
  questionId: string;
  sectionId: string;
  pageId: string;
  text: string;
  answered: boolean;
  required: boolean;
  /** Labels of the answer (one per chosen option; number and Likert as "4 – De acuerdo"; text as given). */
  display: string[];
  /** For barrier blocks: one line per category (category id, faced, effect) for the feature to word. */
  barriers?: Array<{ category: BarrierCategory; faced?: boolean; effect?: EffectScore; hasExample: boolean }>;
}

export interface ReviewData {
  items: ReviewItem[];
  /** Required visible questions without an answer (sending is refused while not empty). */
  missingRequired: string[];
  complete: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// Aggregation, statistics and results
// ---------------------------------------------------------------------------------------------------------

/** Profile attached to a stored response (no name, email, entidad or district ever). */
export interface RespondentProfile {
  vocalia: string;
  ambito: string;
  circunscripcion: number;
  /** Group number in the edition, when she belongs to one. */
  group?: number;
}

/** One finished response, as read from storage by the reader port. `respondent` is the pseudonymous key. */
export interface StoredResponse {
  respondent: string;
  answers: Answers;
  profile: RespondentProfile;
}

/**
 * Port C2 implements over the survey store: the FINISHED responses of an edition's wave (each respondent
 * once). Results and exports read only through it.
 */
export interface SurveyResponseReader {
  responses(editionId: string, wave: WaveNumber): AsyncIterable<StoredResponse>;
}

export type BreakdownDimension = 'vocalia' | 'ambito' | 'circunscripcion' | 'group';
export const BREAKDOWN_DIMENSIONS: readonly BreakdownDimension[] = ['vocalia', 'ambito', 'circunscripcion', 'group'];

/** Why a cell is not published: fewer than k respondents, or it would let someone recover a small cell. */
export type SuppressionReason = 'belowK' | 'complementary';

export interface ConfidenceInterval {
  lower: number;
  upper: number;
  /** 0.95 */
  level: number;
}

export interface ProportionEstimate {
  /** Respondents who answered the item. */
  n: number;
  count: number;
  /** count / n in [0, 1]. */
  share: number;
  /** Wilson score interval. */
  ci: ConfidenceInterval;
}

export interface MeanEstimate {
  n: number;
  mean: number;
  /** Sample standard deviation (n-1); 0 when n = 1. */
  sd: number;
  /** t-based interval; undefined when n < 2. */
  ci?: ConfidenceInterval;
}

/** A published value or the reason it is withheld. */
export type Suppressible<T> = { suppressed: false; value: T } | { suppressed: true; reason: SuppressionReason };

export interface OptionResult {
  value: string;
  label: string;
  /** Respondents who chose it (multiple: share over respondents of the question, so shares may add over 1). */
  count: Suppressible<number>;
  share: Suppressible<number>;
}

export interface QuestionResult {
  questionId: string;
  sectionId: string;
  type: QuestionType;
  text: string;
  /** Respondents who answered it (suppressed below k). */
  n: Suppressible<number>;
  /** single / multiple / likert: one per option (Likert: values "1".."5" with their labels). */
  options?: OptionResult[];
  /** likert / number: mean with 95% t interval. */
  mean?: Suppressible<MeanEstimate>;
}

export interface BarrierCategoryResult {
  questionId: string;
  category: BarrierCategory;
  /** Respondents who answered the category (yes or no). */
  n: Suppressible<number>;
  /** Share that faced it, with a 95% Wilson interval. */
  faced: Suppressible<ProportionEstimate>;
  /** Mean effect (1–5) among those who faced it, with a 95% t interval. */
  effect: Suppressible<MeanEstimate>;
}

export interface FreeTextResult {
  questionId: string;
  /** For barrier blocks: the category whose examples these are. */
  category?: BarrierCategory;
  text: string;
  /** The answers, shuffled/sorted without identity, only when at least k people answered. */
  answers: Suppressible<string[]>;
}

/** Results restricted to one value of a breakdown dimension ("JLE", "3", "Organización Electoral"...). */
export interface BreakdownGroupResult {
  key: string;
  respondents: Suppressible<number>;
  questions: QuestionResult[];
  barriers: BarrierCategoryResult[];
}

export interface WaveResults {
  editionId: string;
  wave: WaveNumber;
  instrumentId: string;
  instrumentVersion: string;
  k: number;
  /** Finished responses (published only when ≥ k). */
  respondents: Suppressible<number>;
  /** Invited members when the caller knows them. */
  invited?: number;
  /** finished / invited, when invited is known and respondents are published. */
  responseRate?: Suppressible<number>;
  questions: QuestionResult[];
  barriers: BarrierCategoryResult[];
  freeText: FreeTextResult[];
  breakdown?: { dimension: BreakdownDimension; groups: BreakdownGroupResult[] };
}

export interface PairedChange {
  questionId: string;
  /** Sub-item for barrier blocks: "<category>.faced" or "<category>.effect". */
  item?: string;
  text: string;
  /** Linked pairs with an answer in both waves. */
  n: Suppressible<number>;
  meanBefore: Suppressible<number>;
  meanAfter: Suppressible<number>;
  /** Mean of (after − before) with a 95% t interval. */
  change: Suppressible<MeanEstimate>;
}

export interface CareerEventChange {
  questionId: string;
  value: string;
  label: string;
  /** Linked pairs who answered the career-event question in both waves. */
  n: Suppressible<number>;
  /** Share reporting the event before (earlier wave) and after (later wave). */
  before: Suppressible<ProportionEstimate>;
  after: Suppressible<ProportionEstimate>;
}

export interface WaveComparison {
  editionId: string;
  fromWave: WaveNumber;
  toWave: WaveNumber;
  k: number;
  /** Respondents who finished both waves (linked by the pseudonymous key). */
  pairs: Suppressible<number>;
  items: PairedChange[];
  careerEvents: CareerEventChange[];
}

export interface ResultsOptions {
  /** Minimum cell size (default DEFAULT_K = 5). */
  k?: number;
  by?: BreakdownDimension;
  invited?: number;
}

// ---------------------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------------------

export interface ExportOptions {
  k?: number;
  /** Pseudonym shown in the export for a stored respondent key (default: derived hash, never the key). */
  pseudonymOf?: (respondent: string) => string;
}

// ---------------------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------------------

export const DEFAULT_K = 5;
/** Teams' card size limit is about 28 KB; pages are cut to stay well under it. */
export const CARD_SIZE_LIMIT = 28_000;
export const PAGE_BYTE_BUDGET = 18_000;
export const MAX_QUESTIONS_PER_PAGE = 8;
export const SHORT_TEXT_MAX = 200;
export const LONG_TEXT_MAX = 2000;
export const TEXT_MAX_LIMIT = 4000;
export const BARRIER_EXAMPLE_MAX_LENGTH = 1000;

// ---------------------------------------------------------------------------------------------------------
// Function signatures (implemented in the files named; imported from src/domain/surveys/index.ts or the
// services). Listed here so the contract is readable in one place.
// ---------------------------------------------------------------------------------------------------------

export interface SurveysDomainApi {
  /** instrument.ts: zod + semantic checks; every error names its path ("sections[1].questions[3].options: …"). */
  parseInstrument(raw: unknown): InstrumentParseResult;
  /** instrument.ts: repeated items identical across waves (errors as strings naming wave and question). */
  checkInstrumentSet(instruments: readonly Instrument[]): string[];
  /** instrument.ts: a replacement for a wave keeps the same wave, a new version and every repeated item. */
  checkReplacement(current: Instrument, candidate: Instrument): string[];
  /** instrument.ts */
  allQuestions(instrument: Instrument): Question[];
  findQuestion(instrument: Instrument, questionId: string): Question | undefined;

  /** answers.ts: is the question shown given the answers (follows showIf chains). */
  isVisible(instrument: Instrument, questionId: string, answers: Answers): boolean;
  /** answers.ts: validates forged/untrusted values. `scope` restricts accepted ids (a page); `complete` checks required. */
  validateAnswers(instrument: Instrument, answers: Record<string, unknown>, opts?: { scope?: readonly string[]; complete?: boolean; context?: Answers }): AnswerCheck;
  /** answers.ts: stored answers + a page's answers (replacing that page's questions), hidden answers dropped. */
  mergePageAnswers(instrument: Instrument, stored: Answers, page: Page, pageAnswers: Answers): Answers;
  /** answers.ts: removes answers to questions hidden by the other answers. */
  pruneHidden(instrument: Instrument, answers: Answers): Answers;
  /** answers.ts: card inputs → answers for a page's questions (then run validateAnswers). */
  readPageInputs(instrument: Instrument, page: Page, raw: RawPageInputs, context?: Answers): AnswerCheck;
  /** answers.ts: visible required questions (whole instrument) still unanswered or incomplete. */
  missingRequired(instrument: Instrument, answers: Answers): string[];
  inputIdFor(questionId: string): string;
  barrierInputIdFor(questionId: string, category: BarrierCategory, field: BarrierField): string;

  /** pagination.ts */
  paginate(instrument: Instrument, estimate: PageSizeEstimator, opts?: PaginateOptions): Page[];
  visiblePages(instrument: Instrument, pages: readonly Page[], answers: Answers): Page[];
  /** Visible questions of a page. */
  pageQuestions(instrument: Instrument, page: Page, answers: Answers): Question[];
  progress(instrument: Instrument, pages: readonly Page[], currentPageId: string, answers: Answers): Progress | undefined;
  reviewData(instrument: Instrument, pages: readonly Page[], answers: Answers): ReviewData;
}

/** Signatures of the service functions (src/services/surveys/results.ts, export.ts) and the data loader. */
export interface SurveysResultsApi {
  /** results.ts: result view of one wave (closed questions, barrier block, free text ≥ k, optional breakdown). */
  buildWaveResults(reader: SurveyResponseReader, editionId: string, instrument: Instrument, opts?: ResultsOptions): Promise<WaveResults>;
  /** results.ts: pre/post change on linked respondents of two waves (repeated items, career events). */
  buildComparison(reader: SurveyResponseReader, editionId: string, from: Instrument, to: Instrument, opts?: { k?: number }): Promise<WaveComparison>;
  /** export.ts: XLSX (sheet "Respuestas": one anonymous row per respondent; sheet "Libro de códigos"). */
  exportWaveXlsx(reader: SurveyResponseReader, editionId: string, instrument: Instrument, opts?: ExportOptions): Promise<Buffer>;
  /** src/data/surveys/index.ts: the shipped default instrument of a wave (validated once, cached). */
  loadDefaultInstrument(wave: WaveNumber): Instrument;
}

/** bench/surveyResults.ts: `runSurveyResultsBench({ respondents: 50_000 })` resolves to these figures. */
export interface SurveyResultsBenchFigures {
  respondents: number;
  /** Time to generate the synthetic responses (not part of the target). */
  generateMs: number;
  resultsMs: number;
  comparisonMs: number;
  xlsxMs: number;
  xlsxBytes: number;
  /** resultsMs + xlsxMs (target < 5000). */
  totalMs: number;
  /** CPU time of this process for results and XLSX (wall time also counts other processes on a loaded machine). */
  resultsCpuMs?: number;
  xlsxCpuMs?: number;
}
