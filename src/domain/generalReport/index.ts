/** The general report for the Comisión (issue 13): pure compilation of its figures. */
export * from './types.js';
export { compileGeneralReport, isEmptyReport, type CompileOptions } from './compile.js';
export { createScrubber, type ScrubPlaceholders, type Scrubber } from './anonymize.js';
export { effectiveK, MIN_K, prePost, suppressQuestion, suppressWave } from './suppression.js';
