import { describe, expect, it } from 'vitest';
import { loadDefaultInstrument } from '../../src/data/surveys/index.js';
import * as domain from '../../src/domain/surveys/index.js';
import type { SurveysDomainApi, SurveysResultsApi } from '../../src/domain/surveys/types.js';
import { exportWaveXlsx } from '../../src/services/surveys/export.js';
import { buildComparison, buildWaveResults } from '../../src/services/surveys/results.js';

/**
 * The contract of src/domain/surveys/types.ts (what src/services/surveys and src/features/surveys code
 * against): `tsc` checks that every implementation has the signature the contract lists.
 */
describe('surveys contract', () => {
  const api: SurveysDomainApi = {
    parseInstrument: domain.parseInstrument,
    checkInstrumentSet: domain.checkInstrumentSet,
    checkReplacement: domain.checkReplacement,
    allQuestions: domain.allQuestions,
    findQuestion: domain.findQuestion,
    isVisible: domain.isVisible,
    validateAnswers: domain.validateAnswers,
    mergePageAnswers: domain.mergePageAnswers,
    pruneHidden: domain.pruneHidden,
    readPageInputs: domain.readPageInputs,
    missingRequired: domain.missingRequired,
    inputIdFor: domain.inputIdFor,
    barrierInputIdFor: domain.barrierInputIdFor,
    paginate: domain.paginate,
    visiblePages: domain.visiblePages,
    pageQuestions: domain.pageQuestions,
    progress: domain.progress,
    reviewData: domain.reviewData,
  };
  const services: SurveysResultsApi = { buildWaveResults, buildComparison, exportWaveXlsx, loadDefaultInstrument };

  it.each(Object.entries({ ...api, ...services }))('%s is implemented', (_name, fn) => {
    expect(typeof fn).toBe('function');
  });

  it('input ids are stable (cards in members’ chats keep working across releases)', () => {
    expect(domain.inputIdFor('anios_spen')).toBe('q_anios_spen');
    expect(domain.barrierInputIdFor('barreras', 'politicas', 'effect')).toBe('q_barreras__politicas__effect');
  });
});
