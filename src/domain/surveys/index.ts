/** Surveys domain (issue 12): instruments, answers, pagination, statistics and aggregation. Contract: types.ts. */
export * from './types.js';
export * from './instrument.js';
export * from './answers.js';
export * from './pagination.js';
export * from './stats.js';
export { DEFAULT_LIKERT_LABELS, EFFECT_LABELS, ANSWER_DISPLAY_TEXTS } from './texts.js';
export * from './suppression.js';
export * from './aggregate.js';
