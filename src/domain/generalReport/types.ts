import type { BarrierCategory } from '../barriers.js';
import type { MemberStatus } from '../member.js';
import type { GroupAttribute } from '../groups/types.js';

/**
 * The general report for the Comisión de Igualdad de Género y No Discriminación (issue 13): what it is compiled
 * from (GeneralReportInput, plain data gathered by src/services/generalReport/) and what it contains
 * (GeneralReport, rendered to DOCX and XLSX by the same service). Pure data; no I/O. An optional part of the
 * input that is undefined means "that feature is not there" and its section says "sin datos".
 */

export interface KeyLabel {
  key: string;
  label: string;
}

export interface ReportCatalog {
  vocalias: readonly KeyLabel[];
  ambitos: readonly KeyLabel[];
  entidades: readonly (KeyLabel & { circunscripcion: number })[];
  /** Label "Circunscripción 1 (Guadalajara)"; the cabecera is a city, scrubbed from published texts. */
  circunscripciones: readonly (KeyLabel & { cabecera?: string })[];
  ejes: readonly KeyLabel[];
}

export interface ReportMember {
  /** MemberRecord._id (the key of the group assignment). */
  id: string;
  personKey: string;
  nombre: string;
  correo: string;
  status: MemberStatus;
  vocalia: string;
  ambito: string;
  entidad: string;
  circunscripcion: number;
  juntaKey: string;
  createdAt?: Date;
  withdrawnAt?: Date;
}

export interface ReportGroupSet {
  groupCount: number;
  /** Member id → group number (1-based). */
  assignment: Readonly<Record<string, number>>;
  /** Member ids who withdrew after the groups were confirmed. */
  removed: readonly string[];
}

export interface ReportRoleHolder {
  group: number;
  role: 'representante' | 'secretaria';
  personKey: string;
}

export interface ReportPlan {
  group: number;
  items: readonly { topicId: string; eje: string; titulo: string }[];
}

export interface ReportSessionIn {
  sessionId: string;
  group: number;
  state: 'held' | 'scheduled' | 'cancelled';
  date: Date;
  topic?: string;
  topicId?: string;
  invited: readonly string[];
  attended: readonly string[];
}

export interface ReportBarrierIn {
  category: BarrierCategory;
  text: string;
}

export interface ReportMinutesIn {
  sessionId: string;
  group: number;
  date: Date;
  topicsCovered: readonly string[];
  agreements: readonly string[];
  barriers: readonly ReportBarrierIn[];
}

export interface ReportMeetingIn {
  meetingId: string;
  kind: 'nacional' | 'regional';
  title: string;
  date: Date;
  state: 'held' | 'scheduled' | 'cancelled';
  region?: string;
  invited: number;
  attended: number;
}

export interface SurveyWaveIn {
  wave: number;
  label: string;
  opensAt?: Date;
  closesAt?: Date;
  invited: number;
  started: number;
  finished: number;
}

export interface SurveyQuestionIn {
  questionId: string;
  text: string;
  kind: 'single' | 'multiple' | 'scale' | 'text';
  n: number | null;
  suppressed: boolean;
  options?: readonly { label: string; count: number | null }[];
  mean?: number | null;
  barrierCategory?: BarrierCategory;
  /** Barriers block: respondents who faced the category (`mean` is then the mean effect, 1–5). */
  faced?: number | null;
}

export interface SurveyResultsIn {
  wave: number;
  k: number;
  questions: readonly SurveyQuestionIn[];
}

export interface AnonymousBarrierIn {
  category: BarrierCategory;
  description: string;
  createdAt: Date;
  group?: number;
}

export type GroupReportState = 'sin_iniciar' | 'borrador' | 'en_revision' | 'entregado' | 'devuelto' | 'aceptado';

export interface GroupReportIn {
  group: number;
  state: GroupReportState;
  version: number;
  summary: string;
  achievements: string;
  agreements: string;
  barriers: readonly ReportBarrierIn[];
  proposals: string;
  deliveredAt?: Date;
  acceptedAt?: Date;
  attachmentName?: string;
}

export interface GeneralReportInput {
  edition: {
    id: string;
    name: string;
    opensAt?: Date;
    closesAt?: Date;
    calendar: readonly { key: string; label: string; date: Date }[];
  };
  generatedAt: Date;
  catalog: ReportCatalog;
  /** Every registration of the edition, whatever its status (erased records excluded by the gatherer). */
  members: readonly ReportMember[];
  /** The confirmed group set; undefined while groups are not confirmed. */
  groups?: ReportGroupSet;
  holders: readonly ReportRoleHolder[];
  plans: readonly ReportPlan[];
  /** undefined: the sessions feature is not there. */
  sessions?: readonly ReportSessionIn[];
  minutes?: readonly ReportMinutesIn[];
  meetings?: readonly ReportMeetingIn[];
  surveys?: { waves: readonly SurveyWaveIn[]; results: readonly SurveyResultsIn[] };
  anonymousBarriers?: readonly AnonymousBarrierIn[];
  groupReports?: readonly GroupReportIn[];
}

// ---------------------------------------------------------------------------------------------------------
// The compiled report.

export interface CountRow {
  key: string;
  label: string;
  /** Validated registrations. */
  validated: number;
  pending: number;
  withdrawn: number;
  rejected: number;
  total: number;
}

export interface ParticipationSection {
  callDates: readonly { label: string; date: Date }[];
  opensAt?: Date;
  closesAt?: Date;
  totals: { total: number; validated: number; pending: number; rejected: number; withdrawn: number };
  byVocalia: CountRow[];
  byAmbito: CountRow[];
  byEntidad: CountRow[];
  byCircunscripcion: CountRow[];
}

export interface GroupRow {
  group: number;
  size: number;
  /** Balance measure of the group (see src/domain/groups/quality.ts): total excess over the four attributes. */
  totalExcess: number;
  excess: Record<GroupAttribute, number>;
  /** Members of one junta beyond what the group may hold. */
  clashCount: number;
  representante?: string;
  secretaria?: string;
}

export interface GroupsSection {
  count: number;
  members: number;
  minSize: number;
  maxSize: number;
  meanSize: number;
  excess: Record<GroupAttribute, number>;
  totalExcess: number;
  clashes: number;
  rows: GroupRow[];
  withBothRoles: number;
}

export interface MeetingRow {
  title: string;
  kind: 'nacional' | 'regional';
  date: Date;
  state: 'held' | 'scheduled' | 'cancelled';
  region?: string;
  invited: number;
  attended: number;
  /** attended / invited (0..1), undefined when nobody was invited. */
  rate?: number;
}

export interface SessionGroupRow {
  group: number;
  held: number;
  scheduled: number;
  cancelled: number;
  invited: number;
  attended: number;
  rate?: number;
}

export interface EjeRow {
  key: string;
  label: string;
  /** Topics of the eje in the groups' work plans. */
  planned: number;
  /** Held sessions on a topic of the eje. */
  sessionsHeld: number;
}

export interface ImplementationSection {
  /** undefined: meetings are not recorded by the bot (sin datos). */
  meetings?: MeetingRow[];
  /** undefined: sessions are not recorded by the bot (sin datos). */
  sessions?: { rows: SessionGroupRow[]; held: number; scheduled: number; cancelled: number; rate?: number };
  /** Empty when there are neither plans nor sessions. */
  ejes: EjeRow[];
}

export interface BarrierRow {
  category: BarrierCategory;
  minutes: number;
  groupReports: number;
  surveys: number;
  anonymous: number;
  total: number;
  /** total / grand total (0..1). */
  share: number;
}

export interface BarrierExample {
  category: BarrierCategory;
  source: 'minutes' | 'groupReport' | 'anonymous';
  /** Scrubbed text (no names, e-mails or places smaller than a circunscripción). */
  text: string;
}

export interface BarriersSection {
  rows: BarrierRow[];
  total: number;
  examples: BarrierExample[];
  /** Which sources were available. */
  sources: { minutes: boolean; groupReports: boolean; surveys: boolean; anonymous: boolean };
}

/** A value cell after the k rule: null when suppressed. */
export type Cell = number | null;

export interface SurveyQuestionOut {
  questionId: string;
  text: string;
  kind: 'single' | 'multiple' | 'scale' | 'text';
  n: Cell;
  suppressed: boolean;
  options: { label: string; count: Cell; share: Cell }[];
  mean: Cell;
  /** Barriers block: the category and how many faced it (null when suppressed or not given). */
  barrierCategory?: BarrierCategory;
  faced?: Cell;
}

export interface SurveyWaveOut {
  wave: number;
  label: string;
  opensAt?: Date;
  closesAt?: Date;
  invited: number;
  finished: number;
  rate?: number;
  k: number;
  questions: SurveyQuestionOut[];
}

export interface PrePostRow {
  questionId: string;
  text: string;
  kind: 'single' | 'multiple' | 'scale';
  barrierCategory?: BarrierCategory;
  /** Per wave in wave order: the mean (scale) or the share of the first option; null when suppressed/absent. */
  values: Cell[];
}

export interface SurveysSection {
  k: number;
  waves: SurveyWaveOut[];
  /** The waves compared (wave numbers), in order. */
  compared: number[];
  prePost: PrePostRow[];
}

export interface GroupReportOut {
  group: number;
  version: number;
  deliveredAt?: Date;
  acceptedAt?: Date;
  summary: string;
  achievements: string;
  agreements: string;
  barriers: { category: BarrierCategory; text: string }[];
  proposals: string;
  attachmentName?: string;
}

export interface ConclusionsSection {
  /** Per accepted report: achievements and agreements (conclusions) and proposals. */
  rows: { group: number; achievements: string; agreements: string; proposals: string }[];
  /** Report states by count (all groups), for the method section. */
  states: Partial<Record<GroupReportState, number>>;
}

export interface GeneralReport {
  edition: { id: string; name: string };
  generatedAt: Date;
  participation?: ParticipationSection;
  groups?: GroupsSection;
  implementation: ImplementationSection;
  barriers?: BarriersSection;
  surveys?: SurveysSection;
  conclusions?: ConclusionsSection;
  annex: GroupReportOut[];
}
