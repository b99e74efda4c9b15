import type { Answers, RespondentProfile, WaveNumber } from '../../domain/surveys/types.js';

/** Collections of the surveys (issue 12). */
export const SURVEY_WAVES_COLLECTION = 'surveyWaves';
export const SURVEY_INSTRUMENTS_COLLECTION = 'surveyInstruments';
export const SURVEY_ANSWERS_COLLECTION = 'surveyAnswers';
export const SURVEY_PARTICIPATION_COLLECTION = 'surveyParticipation';

export type WaveState = 'open' | 'closed';

/**
 * One wave of an edition (_id "<editionId>:<wave>"), created when it opens. The instrument is copied into the
 * wave when it opens and never changes afterwards (answers always refer to the questions they were given for).
 */
export interface WaveDoc {
  _id: string;
  editionId: string;
  wave: WaveNumber;
  state: WaveState;
  openedAt: Date;
  closesAt: Date;
  closedAt?: Date;
  /** personKey of who opened it, or "sistema" for the calendar's job. */
  openedBy: string;
  closedBy?: string;
  instrumentId: string;
  instrumentVersion: string;
  /** The instrument as JSON (frozen). */
  instrumentJson: string;
  /** Hours before closing when unfinished members are reminded. */
  reminderHours: number[];
  /** Members invited when it opened (the denominator of the response rate). */
  invited: number;
}

/** A replacement instrument for a wave of an edition, uploaded before the wave opens (_id "<editionId>:<wave>"). */
export interface InstrumentDoc {
  _id: string;
  editionId: string;
  wave: WaveNumber;
  instrumentId: string;
  version: string;
  instrumentJson: string;
  by: string;
  at: Date;
}

/**
 * A respondent's answers to a wave (_id "<editionId>:<wave>:<respondent>"). Only the pseudonymous respondent key,
 * never the person; no timestamps (they could be matched with the participation register); the profile holds
 * only vocalía, ámbito, circunscripción and group (never name, email, entidad or district).
 */
export interface AnswerDoc {
  _id: string;
  editionId: string;
  wave: WaveNumber;
  respondent: string;
  answers: Answers;
  profile: RespondentProfile;
  /** The page she was last shown ("revision" for the review page). */
  cursor: string;
  submitted: boolean;
  /** Optimistic concurrency: bumped by every write. */
  rev: number;
}

export type ParticipationState = 'invited' | 'started' | 'finished';

/**
 * Who was invited, who started and who finished a wave (_id "<editionId>:<wave>:<personKey>"): for reminders and
 * response rates only. Never holds an answer or the respondent key.
 */
export interface ParticipationDoc {
  _id: string;
  editionId: string;
  wave: WaveNumber;
  personKey: string;
  state: ParticipationState;
  invitedAt: Date;
  startedAt?: Date;
  finishedAt?: Date;
}

/** The page id of the review page (never a section id: sections cannot contain "~"). */
export const REVIEW_PAGE = '~revision';
