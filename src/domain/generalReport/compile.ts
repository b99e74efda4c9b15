import { BARRIER_CATEGORIES, type BarrierCategory } from '../barriers.js';
import { computeQuality } from '../groups/quality.js';
import type { GroupMember } from '../groups/types.js';
import type { MemberStatus } from '../member.js';
import { createScrubber, type ScrubPlaceholders, type Scrubber } from './anonymize.js';
import { effectiveK, prePost, suppressWave } from './suppression.js';
import type {
  BarrierExample,
  BarrierRow,
  BarriersSection,
  ConclusionsSection,
  CountRow,
  EjeRow,
  GeneralReport,
  GeneralReportInput,
  GroupReportOut,
  GroupReportState,
  GroupRow,
  GroupsSection,
  ImplementationSection,
  KeyLabel,
  MeetingRow,
  ParticipationSection,
  ReportMember,
  SessionGroupRow,
  SurveyQuestionIn,
  SurveysSection,
} from './types.js';

/**
 * Compiles the general report's figures from plain data (issue 13). Pure: the service gathers the input
 * (src/services/generalReport/gather.ts) and renders the result. A section whose source is missing is left
 * undefined (the renderer writes "sin datos"); counts of a present source may be zero.
 */

export interface CompileOptions {
  /** Placeholders for scrubbed text (from the texts module). */
  placeholders: ScrubPlaceholders;
  /** Barrier examples per category (default 2). */
  examplesPerCategory?: number;
  /** Longest example, in characters (default 280). */
  exampleLength?: number;
  /** Labels of "no" answers in the surveys' barrier questions: those options do not count as mentions. */
  negativeAnswers?: readonly string[];
}

const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();

const UNKNOWN = '__sin_dato__';
const MAX_GROUPS_WITHOUT_SET = 5_000;

function countRows(members: readonly ReportMember[], keyOf: (m: ReportMember) => string, known: readonly KeyLabel[], unknownLabel: string): CountRow[] {
  const rows = new Map<string, CountRow>(known.map((k) => [k.key, { key: k.key, label: k.label, validated: 0, pending: 0, withdrawn: 0, rejected: 0, total: 0 }]));
  for (const m of members) {
    const key = keyOf(m);
    let row = rows.get(key);
    if (!row) {
      row = rows.get(UNKNOWN) ?? { key: UNKNOWN, label: unknownLabel, validated: 0, pending: 0, withdrawn: 0, rejected: 0, total: 0 };
      rows.set(UNKNOWN, row);
    }
    row[m.status]++;
    row.total++;
  }
  return [...rows.values()];
}

function participation(input: GeneralReportInput, unknownLabel: string): ParticipationSection | undefined {
  const { members, edition, catalog } = input;
  if (members.length === 0 && !edition.opensAt && !edition.closesAt && edition.calendar.length === 0) return undefined;
  const totals = { total: members.length, validated: 0, pending: 0, rejected: 0, withdrawn: 0 } satisfies Record<MemberStatus | 'total', number>;
  for (const m of members) totals[m.status]++;
  return {
    callDates: [...edition.calendar].sort((a, b) => a.date.getTime() - b.date.getTime()).map((s) => ({ label: s.label, date: s.date })),
    ...(edition.opensAt ? { opensAt: edition.opensAt } : {}),
    ...(edition.closesAt ? { closesAt: edition.closesAt } : {}),
    totals,
    byVocalia: countRows(members, (m) => m.vocalia, catalog.vocalias, unknownLabel),
    byAmbito: countRows(members, (m) => m.ambito, catalog.ambitos, unknownLabel),
    byEntidad: countRows(members, (m) => m.entidad, catalog.entidades, unknownLabel),
    byCircunscripcion: countRows(members, (m) => String(m.circunscripcion), catalog.circunscripciones, unknownLabel),
  };
}

/** Members counted in the groups: validated, assigned to an existing group and not removed. */
function groupedMembers(input: GeneralReportInput): { members: GroupMember[]; groupOf: Map<string, number> } {
  const set = input.groups!;
  const removed = new Set(set.removed);
  const members: GroupMember[] = [];
  const groupOf = new Map<string, number>();
  for (const m of input.members) {
    const g = set.assignment[m.id];
    if (g === undefined || removed.has(m.id) || m.status !== 'validated' || !Number.isInteger(g) || g < 1 || g > set.groupCount) continue;
    members.push({ id: m.id, vocalia: m.vocalia, ambito: m.ambito, entidad: m.entidad, circunscripcion: m.circunscripcion, juntaKey: m.juntaKey });
    groupOf.set(m.id, g);
  }
  return { members, groupOf };
}

function groupsSection(input: GeneralReportInput): GroupsSection | undefined {
  const set = input.groups;
  if (!set || set.groupCount < 1) return undefined;
  const { members, groupOf } = groupedMembers(input);
  const quality = computeQuality(members, { groupCount: set.groupCount, groupOf });
  const nameOf = new Map(input.members.map((m) => [m.personKey, m.nombre]));
  const roles = new Map<number, { representante?: string; secretaria?: string }>();
  for (const h of input.holders) {
    const name = nameOf.get(h.personKey);
    if (!name) continue;
    const entry = roles.get(h.group) ?? {};
    entry[h.role] = name;
    roles.set(h.group, entry);
  }
  const rows: GroupRow[] = quality.groups.map((g) => ({
    group: g.group,
    size: g.size,
    totalExcess: g.totalExcess,
    excess: { ...g.excess },
    clashCount: g.clashCount,
    ...roles.get(g.group),
  }));
  const sizes = rows.map((r) => r.size);
  return {
    count: set.groupCount,
    members: members.length,
    minSize: sizes.length ? sizes.reduce((a, b) => Math.min(a, b)) : 0,
    maxSize: sizes.length ? sizes.reduce((a, b) => Math.max(a, b)) : 0,
    meanSize: sizes.length ? members.length / sizes.length : 0,
    excess: { ...quality.totals.excess },
    totalExcess: quality.totals.totalExcess,
    clashes: quality.totals.clashes,
    rows,
    withBothRoles: rows.filter((r) => r.representante && r.secretaria).length,
  };
}

const rateOf = (attended: number, invited: number): number | undefined => (invited > 0 ? attended / invited : undefined);

function implementation(input: GeneralReportInput): ImplementationSection {
  const meetings: MeetingRow[] | undefined = input.meetings?.map((m) => {
    const rate = m.state === 'held' ? rateOf(m.attended, m.invited) : undefined;
    return {
      title: m.title,
      kind: m.kind,
      date: m.date,
      state: m.state,
      ...(m.region ? { region: m.region } : {}),
      invited: m.invited,
      attended: m.attended,
      ...(rate !== undefined ? { rate } : {}),
    };
  });

  let sessions: ImplementationSection['sessions'];
  if (input.sessions) {
    // One row per group of the confirmed set (sessions of unknown groups are left out); without a set, up to the
    // highest group seen, bounded.
    const count = input.groups?.groupCount ?? Math.min(MAX_GROUPS_WITHOUT_SET, input.sessions.reduce((max, s) => (Number.isInteger(s.group) && s.group > max ? s.group : max), 0));
    const rows: SessionGroupRow[] = Array.from({ length: count }, (_, i) => ({ group: i + 1, held: 0, scheduled: 0, cancelled: 0, invited: 0, attended: 0 }));
    for (const s of input.sessions) {
      const row = rows[s.group - 1];
      if (!row) continue;
      row[s.state]++;
      if (s.state === 'held') {
        row.invited += s.invited.length;
        row.attended += s.attended.length;
      }
    }
    for (const r of rows) {
      const rate = rateOf(r.attended, r.invited);
      if (rate !== undefined) r.rate = rate;
    }
    const invited = rows.reduce((a, r) => a + r.invited, 0);
    const attended = rows.reduce((a, r) => a + r.attended, 0);
    const rate = rateOf(attended, invited);
    sessions = {
      rows,
      held: rows.reduce((a, r) => a + r.held, 0),
      scheduled: rows.reduce((a, r) => a + r.scheduled, 0),
      cancelled: rows.reduce((a, r) => a + r.cancelled, 0),
      ...(rate !== undefined ? { rate } : {}),
    };
  }

  // Topics per eje: planned topics (work plans) and held sessions on them.
  const ejeOfTopic = new Map<string, string>();
  const planned = new Map<string, number>();
  for (const p of input.plans) {
    for (const item of p.items) {
      ejeOfTopic.set(item.topicId, item.eje);
      planned.set(item.eje, (planned.get(item.eje) ?? 0) + 1);
    }
  }
  const held = new Map<string, number>();
  for (const s of input.sessions ?? []) {
    if (s.state !== 'held' || !s.topicId) continue;
    const eje = ejeOfTopic.get(s.topicId);
    if (eje) held.set(eje, (held.get(eje) ?? 0) + 1);
  }
  const known = new Set(input.catalog.ejes.map((e) => e.key));
  const ejes: EjeRow[] =
    planned.size === 0 && held.size === 0
      ? []
      : [
          ...input.catalog.ejes.map((e) => ({ key: e.key, label: e.label, planned: planned.get(e.key) ?? 0, sessionsHeld: held.get(e.key) ?? 0 })),
          ...[...new Set([...planned.keys(), ...held.keys()])].filter((k) => !known.has(k)).map((k) => ({ key: k, label: k, planned: planned.get(k) ?? 0, sessionsHeld: held.get(k) ?? 0 })),
        ];
  return { ...(meetings ? { meetings } : {}), ...(sessions ? { sessions } : {}), ejes };
}

/** Mentions of a barrier category in a survey question: answers that are not a "no". */
function surveyMentions(q: SurveyQuestionIn, k: number, negative: ReadonlySet<string>): number {
  if (q.suppressed || q.n === null || q.n < k) return 0;
  if (q.faced !== undefined) return q.faced !== null && q.faced >= k && q.n - q.faced >= k ? q.faced : 0;
  if ((q.kind === 'single' || q.kind === 'multiple') && q.options?.length) {
    return q.options.filter((o) => !negative.has(fold(o.label)) && o.count !== null && o.count >= k).reduce((a, o) => a + o.count!, 0);
  }
  return q.n;
}

function truncate(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

function barriersSection(input: GeneralReportInput, scrubber: Scrubber, opts: CompileOptions): BarriersSection | undefined {
  const sources = {
    minutes: input.minutes !== undefined,
    groupReports: input.groupReports !== undefined,
    surveys: input.surveys !== undefined,
    anonymous: input.anonymousBarriers !== undefined,
  };
  if (!sources.minutes && !sources.groupReports && !sources.surveys && !sources.anonymous) return undefined;
  const rows = new Map<BarrierCategory, BarrierRow>(
    BARRIER_CATEGORIES.map((c) => [c, { category: c, minutes: 0, groupReports: 0, surveys: 0, anonymous: 0, total: 0, share: 0 }]),
  );
  const candidates: BarrierExample[] = [];
  for (const m of input.minutes ?? []) {
    for (const b of m.barriers) {
      const row = rows.get(b.category);
      if (!row) continue;
      row.minutes++;
      if (b.text.trim()) candidates.push({ category: b.category, source: 'minutes', text: b.text });
    }
  }
  // Only reports that reached UTIGyND count (delivered or accepted); drafts may still change.
  for (const r of input.groupReports ?? []) {
    if (r.state !== 'entregado' && r.state !== 'aceptado') continue;
    for (const b of r.barriers) {
      const row = rows.get(b.category);
      if (!row || !b.text.trim()) continue;
      row.groupReports++;
      candidates.push({ category: b.category, source: 'groupReport', text: b.text });
    }
  }
  const negative = new Set((opts.negativeAnswers ?? []).map(fold));
  for (const res of input.surveys?.results ?? []) {
    const k = effectiveK(res.k);
    for (const q of res.questions) {
      if (!q.barrierCategory) continue;
      const row = rows.get(q.barrierCategory);
      if (row) row.surveys += surveyMentions(q, k, negative);
    }
  }
  for (const a of input.anonymousBarriers ?? []) {
    const row = rows.get(a.category);
    if (!row) continue;
    row.anonymous++;
    if (a.description.trim()) candidates.push({ category: a.category, source: 'anonymous', text: a.description });
  }
  let total = 0;
  for (const r of rows.values()) {
    r.total = r.minutes + r.groupReports + r.surveys + r.anonymous;
    total += r.total;
  }
  for (const r of rows.values()) r.share = total > 0 ? r.total / total : 0;

  const perCategory = opts.examplesPerCategory ?? 2;
  const max = opts.exampleLength ?? 280;
  const taken = new Map<BarrierCategory, number>();
  const seen = new Set<string>();
  const examples: BarrierExample[] = [];
  for (const c of candidates) {
    const n = taken.get(c.category) ?? 0;
    if (n >= perCategory) continue;
    const text = truncate(scrubber.scrub(c.text), max);
    if (!text || seen.has(fold(text))) continue;
    seen.add(fold(text));
    taken.set(c.category, n + 1);
    examples.push({ ...c, text });
  }
  examples.sort((a, b) => BARRIER_CATEGORIES.indexOf(a.category) - BARRIER_CATEGORIES.indexOf(b.category));
  return { rows: [...rows.values()], total, examples, sources };
}

function surveysSection(input: GeneralReportInput): SurveysSection | undefined {
  const s = input.surveys;
  if (!s || s.waves.length === 0) return undefined;
  const byWave = new Map(s.results.map((r) => [r.wave, r]));
  const waves = [...s.waves].sort((a, b) => a.wave - b.wave).map((w) => suppressWave(w, byWave.get(w.wave)));
  const { compared, rows } = prePost(waves);
  return { k: Math.max(...waves.map((w) => w.k)), waves, compared, prePost: rows };
}

function accepted(input: GeneralReportInput, scrubber: Scrubber): GroupReportOut[] {
  return (input.groupReports ?? [])
    .filter((r) => r.state === 'aceptado')
    .sort((a, b) => a.group - b.group)
    .map((r) => ({
      group: r.group,
      version: r.version,
      ...(r.deliveredAt ? { deliveredAt: r.deliveredAt } : {}),
      ...(r.acceptedAt ? { acceptedAt: r.acceptedAt } : {}),
      summary: scrubber.scrub(r.summary),
      achievements: scrubber.scrub(r.achievements),
      agreements: scrubber.scrub(r.agreements),
      barriers: r.barriers.filter((b) => b.text.trim()).map((b) => ({ category: b.category, text: scrubber.scrub(b.text) })),
      proposals: scrubber.scrub(r.proposals),
      ...(r.attachmentName ? { attachmentName: r.attachmentName } : {}),
    }));
}

function conclusions(input: GeneralReportInput, annex: readonly GroupReportOut[]): ConclusionsSection | undefined {
  if (!input.groupReports) return undefined;
  const states: Partial<Record<GroupReportState, number>> = {};
  for (const r of input.groupReports) states[r.state] = (states[r.state] ?? 0) + 1;
  const groupCount = input.groups?.groupCount ?? 0;
  const started = new Set(input.groupReports.map((r) => r.group)).size;
  if (groupCount > started) states.sin_iniciar = (states.sin_iniciar ?? 0) + groupCount - started;
  return {
    rows: annex.map((r) => ({ group: r.group, achievements: r.achievements, agreements: r.agreements, proposals: r.proposals })),
    states,
  };
}

/**
 * Names the scrubber removes: every member of the edition. Places: entidades and the circunscripciones'
 * cabeceras (cities), which are smaller than a circunscripción.
 */
function scrubberFor(input: GeneralReportInput, placeholders: ScrubPlaceholders): Scrubber {
  return createScrubber(
    input.members.map((m) => m.nombre),
    [...input.catalog.entidades.map((e) => e.label), ...input.catalog.circunscripciones.flatMap((c) => (c.cabecera ? [c.cabecera] : []))],
    placeholders,
  );
}

export function compileGeneralReport(input: GeneralReportInput, opts: CompileOptions & { unknownLabel: string }): GeneralReport {
  const scrubber = scrubberFor(input, opts.placeholders);
  const annex = accepted(input, scrubber);
  const participationSection = participation(input, opts.unknownLabel);
  const groups = groupsSection(input);
  const barriers = barriersSection(input, scrubber, opts);
  const surveys = surveysSection(input);
  const conclusionsSection = conclusions(input, annex);
  return {
    edition: { id: input.edition.id, name: input.edition.name },
    generatedAt: input.generatedAt,
    ...(participationSection ? { participation: participationSection } : {}),
    ...(groups ? { groups } : {}),
    implementation: implementation(input),
    ...(barriers ? { barriers } : {}),
    ...(surveys ? { surveys } : {}),
    ...(conclusionsSection ? { conclusions: conclusionsSection } : {}),
    annex,
  };
}

/** True when the report has nothing to show at all (no registrations, groups, sessions, surveys or reports). */
export function isEmptyReport(r: GeneralReport): boolean {
  return (
    (r.participation?.totals.total ?? 0) === 0 &&
    !r.groups &&
    !r.implementation.sessions?.rows.some((x) => x.held + x.scheduled + x.cancelled > 0) &&
    !r.implementation.meetings?.length &&
    (r.barriers?.total ?? 0) === 0 &&
    !r.surveys?.waves.length &&
    r.annex.length === 0
  );
}
