export { SurveyService, SurveyError, SURVEY_AUDIT, SURVEY_SYSTEM_ACTOR, waveIdOf, type SurveyErrorCode, type SurveyServiceDeps, type SurveyView, type SavePageInput, type WaveCounts } from './service.js';
export { RespondentKeys } from './keys.js';
export * from './types.js';
