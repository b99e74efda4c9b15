import type { BarrierCategory } from '../../domain/barriers.js';

/**
 * Read ports the reports (group reports, the general report) and UTIGyND's status need from other features,
 * in the reports' own terms. EVERY port is optional: a feature that is not there yet (or not wired) is simply
 * absent, and the report or the status says "sin datos" for that part instead of failing.
 *
 * Adapters from the features' public services live in src/services/reporting/adapters/*.ts and are wired in
 * src/services/container.ts (Services.reportingSources). Reads are BATCHED per edition (optionally narrowed to
 * one group): never one query per member or per session, so the status stays fast on a full edition.
 *
 * People are named by personKey only; names are resolved by the reader from the member records when (and only
 * when) the reader is allowed to show them. Survey results arrive already aggregated and suppressed (k ≥ 5):
 * no port ever returns an individual survey answer.
 *
 * Owners: group reports / status ("D1") and the general report ("D2") read it; only ADD to this file.
 */

// ---------------------------------------------------------------------------------------------------------
// Sessions (group sessions and their minutes)
// ---------------------------------------------------------------------------------------------------------

export type SessionState = 'held' | 'scheduled' | 'cancelled';

/** One group session, as the reports see it. */
export interface ReportSession {
  /** Stable id of the session (for joins with its minutes). */
  sessionId: string;
  /** Group number (1-based), as in the group set. */
  group: number;
  state: SessionState;
  /** Start (held: when it took place; scheduled: when it will; cancelled: when it would have). */
  date: Date;
  /** Topic of the session as a readable title (from the work plan), if any. */
  topic?: string;
  /** Topic id in the temario (src/data/temario.json), if the session follows one. */
  topicId?: string;
  /** personKeys invited to the session (the group's members at the time). */
  invited: readonly string[];
  /** personKeys recorded as attending (empty for scheduled/cancelled sessions, or when not recorded). */
  attended: readonly string[];
}

/** One barrier noted in a session's minutes. */
export interface ReportBarrierNote {
  category: BarrierCategory;
  /** Free text as written in the minutes (no names expected; readers anonymize before publishing). */
  text: string;
}

/** The minutes (minuta) of one held session. */
export interface ReportMinutes {
  sessionId: string;
  group: number;
  /** Date of the session the minutes belong to. */
  date: Date;
  /** Topics covered, as readable titles. */
  topicsCovered: readonly string[];
  /** Agreements (acuerdos) reached. */
  agreements: readonly string[];
  /** Barriers recorded, by category. */
  barriers: readonly ReportBarrierNote[];
}

export interface SessionsSource {
  /** Every session of the edition (optionally only one group's), any state, oldest first. */
  listSessions(editionId: string, group?: number): Promise<ReportSession[]>;
  /** Every minutes record of the edition (optionally only one group's), oldest first. */
  listMinutes(editionId: string, group?: number): Promise<ReportMinutes[]>;
}

// ---------------------------------------------------------------------------------------------------------
// Meetings (Reunión Nacional / regional meetings)
// ---------------------------------------------------------------------------------------------------------

export type MeetingKind = 'nacional' | 'regional';

export interface ReportMeeting {
  meetingId: string;
  kind: MeetingKind;
  /** Readable title ("Reunión Nacional de apertura", "Reunión regional, circunscripción 3"). */
  title: string;
  date: Date;
  state: SessionState;
  /** Circunscripción or region label for regional meetings. */
  region?: string;
  /** Number of people invited. */
  invited: number;
  /** Number of people recorded as attending. */
  attended: number;
}

export interface MeetingsSource {
  /** Every national and regional meeting of the edition, oldest first. */
  listMeetings(editionId: string): Promise<ReportMeeting[]>;
}

// ---------------------------------------------------------------------------------------------------------
// Surveys (waves; aggregated results already suppressed)
// ---------------------------------------------------------------------------------------------------------

export interface ReportSurveyWave {
  /** Wave number: 1 (before the first session), 2 (end of the Red), 3 (four months later). */
  wave: number;
  label: string;
  opensAt?: Date;
  closesAt?: Date;
  /** People invited to answer. */
  invited: number;
  /** People who opened/started the questionnaire. */
  started: number;
  /** People who finished it. */
  finished: number;
}

/** One option's aggregate; `count` is null when suppressed (fewer than k answers in that cell). */
export interface ReportSurveyOptionCount {
  label: string;
  count: number | null;
}

/** Aggregated result of one question in one wave, already suppressed by the surveys feature. */
export interface ReportSurveyQuestionResult {
  questionId: string;
  text: string;
  kind: 'single' | 'multiple' | 'scale' | 'text';
  /** Answers counted; null when the whole question is suppressed. */
  n: number | null;
  /** True when the surveys feature suppressed this question (k rule): show "sin datos suficientes". */
  suppressed: boolean;
  /** For choice questions. */
  options?: readonly ReportSurveyOptionCount[];
  /** For scale questions: mean (null when suppressed). */
  mean?: number | null;
  /** Barrier category when the question belongs to the barriers block. */
  barrierCategory?: BarrierCategory;
  /** Barriers block: respondents who faced the category (null when suppressed); `mean` is then the mean effect (1–5). */
  faced?: number | null;
}

export interface ReportSurveyResults {
  wave: number;
  /** The k used for suppression (k ≥ 5). */
  k: number;
  questions: readonly ReportSurveyQuestionResult[];
}

export interface SurveysSource {
  /** Every wave of the edition with its response counts, in wave order. */
  listWaves(editionId: string): Promise<ReportSurveyWave[]>;
  /** Aggregated, suppressed results of one wave (undefined when the wave has none yet). */
  results(editionId: string, wave: number): Promise<ReportSurveyResults | undefined>;
}

// ---------------------------------------------------------------------------------------------------------
// Communication cases (open cases; anonymous barrier reports)
// ---------------------------------------------------------------------------------------------------------

/** An anonymous barrier report: no reporter identity ever crosses this port. */
export interface ReportAnonymousBarrier {
  category: BarrierCategory;
  description: string;
  createdAt: Date;
  /** Group, when the report was tied to one (never a person). */
  group?: number;
}

export interface CasesSource {
  /** Number of communication cases still open in the edition. */
  openCount(editionId: string): Promise<number>;
  /** Anonymous barrier reports of the edition, oldest first. */
  anonymousBarriers(editionId: string): Promise<ReportAnonymousBarrier[]>;
}

// ---------------------------------------------------------------------------------------------------------
// Group reports (provided by src/services/groupReports; read by the general report)
// ---------------------------------------------------------------------------------------------------------

export type GroupReportStateId = 'sin_iniciar' | 'borrador' | 'en_revision' | 'entregado' | 'devuelto' | 'aceptado';

/** The current version of one group's report, as the general report and the status read it. */
export interface ReportGroupReport {
  group: number;
  state: GroupReportStateId;
  version: number;
  summary: string;
  achievements: string;
  agreements: string;
  /** Barriers identified by the group, per category (only categories with text). */
  barriers: readonly ReportBarrierNote[];
  proposals: string;
  /** When it was delivered to UTIGyND (entregado), if it was. */
  deliveredAt?: Date;
  /** When UTIGyND accepted it, if it did. */
  acceptedAt?: Date;
  /** Name of the attachment, if any (the file itself stays in the file flow). */
  attachmentName?: string;
}

export interface GroupReportsSource {
  /** The current version of every group report of the edition that was started (sin iniciar = absent). */
  listReports(editionId: string): Promise<ReportGroupReport[]>;
}

// ---------------------------------------------------------------------------------------------------------
// The bundle
// ---------------------------------------------------------------------------------------------------------

/** Everything the reports and the status may read from other features; each part is optional. */
export interface ReportingSources {
  sessions?: SessionsSource;
  meetings?: MeetingsSource;
  surveys?: SurveysSource;
  cases?: CasesSource;
  groupReports?: GroupReportsSource;
}
