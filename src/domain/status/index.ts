import { callState, type CallState } from '../registration.js';
import { REPORT_STATES, isDelivered, type ReportState } from '../groupReports/index.js';

/**
 * UTIGyND's status of the whole network (issue 13, «estado»): pure figures from batch reads, one function for
 * the network and one for a group. Parts whose feature is absent are undefined (the card says «sin datos»).
 * Everything is computed in one pass over arrays and maps (no per-member lookups), so a full edition takes
 * milliseconds once read.
 */
export const INACTIVE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export type MemberState = 'validated' | 'pending' | 'rejected' | 'withdrawn';
export type ElectedRoleId = 'representante' | 'secretaria';

export interface StatusSession {
  group: number;
  state: 'held' | 'scheduled' | 'cancelled';
  date: Date;
  invited: readonly string[];
  attended: readonly string[];
}

export interface StatusWave {
  wave: number;
  label: string;
  invited: number;
  started: number;
  finished: number;
}

export interface StatusInputs {
  now: Date;
  window: { opensAt?: Date; closesAt?: Date };
  calendar: readonly { key: string; label: string; date: Date }[];
  members: readonly { status: MemberState }[];
  /** undefined while the groups are not confirmed. */
  groups?: { count: number; linked: ReadonlySet<number> };
  holders: readonly { group: number; role: ElectedRoleId }[];
  /** Groups with a confirmed work plan. */
  plans: ReadonlySet<number>;
  sessions?: readonly StatusSession[];
  waves?: readonly StatusWave[];
  reports: ReadonlyMap<number, ReportState>;
  reportsDue?: Date;
  casesOpen?: number;
  /** Failed or blocked messages among the recent broadcasts (undefined: no delivery engine here). */
  deliveries?: { failing: number; retrying: number };
}

export interface NetworkStatus {
  call: { state: CallState; validated: number; pending: number; rejected: number; withdrawn: number };
  stages: { label: string; date: Date; past: boolean }[];
  groups?: { count: number; unlinked: number[] };
  elections?: { complete: number; missing: { group: number; roles: ElectedRoleId[] }[] };
  plans?: { confirmed: number; missing: number[] };
  sessions?: { held: number; scheduled: number; cancelled: number; inactive: number[]; attendanceRate: number | null };
  surveys?: { wave: number; label: string; invited: number; finished: number; rate: number | null }[];
  reports?: { byState: Record<ReportState, number>; notDelivered: number[]; due?: Date; overdue: boolean; /** Group n's state at index n-1. */ states: ReportState[] };
  cases?: { open: number };
  deliveries?: { failing: number; retrying: number };
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

export function computeNetworkStatus(input: StatusInputs): NetworkStatus {
  const counts = { validated: 0, pending: 0, rejected: 0, withdrawn: 0 };
  for (const m of input.members) counts[m.status]++;
  const out: NetworkStatus = {
    call: { state: callState(input.window, input.now), ...counts },
    stages: [...input.calendar].sort((a, b) => a.date.getTime() - b.date.getTime()).map((s) => ({ label: s.label, date: s.date, past: s.date.getTime() <= input.now.getTime() })),
  };
  if (input.casesOpen !== undefined) out.cases = { open: input.casesOpen };
  if (input.deliveries) out.deliveries = { ...input.deliveries };
  const g = input.groups;
  if (!g) return out;
  const all = range(g.count);
  out.groups = { count: g.count, unlinked: all.filter((n) => !g.linked.has(n)) };

  const roles = new Map<number, Set<ElectedRoleId>>();
  for (const h of input.holders) {
    if (h.group < 1 || h.group > g.count) continue;
    (roles.get(h.group) ?? roles.set(h.group, new Set()).get(h.group)!).add(h.role);
  }
  const missing = all.flatMap((n) => {
    const held = roles.get(n);
    const lack = (['representante', 'secretaria'] as const).filter((r) => !held?.has(r));
    return lack.length > 0 ? [{ group: n, roles: [...lack] }] : [];
  });
  out.elections = { complete: g.count - missing.length, missing };
  out.plans = { confirmed: all.filter((n) => input.plans.has(n)).length, missing: all.filter((n) => !input.plans.has(n)) };

  if (input.sessions) {
    let held = 0;
    let scheduled = 0;
    let cancelled = 0;
    let invited = 0;
    let attended = 0;
    const lastHeld = new Map<number, number>();
    const since = input.now.getTime() - INACTIVE_DAYS * DAY_MS;
    for (const s of input.sessions) {
      if (s.state === 'held') {
        held++;
        invited += s.invited.length;
        attended += s.attended.length;
        lastHeld.set(s.group, Math.max(lastHeld.get(s.group) ?? 0, s.date.getTime()));
      } else if (s.state === 'scheduled') scheduled++;
      else cancelled++;
    }
    out.sessions = { held, scheduled, cancelled, inactive: all.filter((n) => (lastHeld.get(n) ?? 0) < since), attendanceRate: invited > 0 ? attended / invited : null };
  }
  if (input.waves) out.surveys = input.waves.map((w) => ({ wave: w.wave, label: w.label, invited: w.invited, finished: w.finished, rate: w.invited > 0 ? w.finished / w.invited : null }));

  const byState = Object.fromEntries(REPORT_STATES.map((s) => [s, 0])) as Record<ReportState, number>;
  for (const n of all) byState[input.reports.get(n) ?? 'sin_iniciar']++;
  const notDelivered = all.filter((n) => !isDelivered(input.reports.get(n) ?? 'sin_iniciar'));
  out.reports = { byState, notDelivered, states: all.map((n) => input.reports.get(n) ?? 'sin_iniciar'), ...(input.reportsDue ? { due: input.reportsDue } : {}), overdue: !!input.reportsDue && input.reportsDue.getTime() < input.now.getTime() && notDelivered.length > 0 };
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// One group

export interface GroupStatusInputs {
  group: number;
  members: readonly { personKey: string; nombre: string }[];
  holders: readonly { personKey: string; role: ElectedRoleId }[];
  sessions?: readonly StatusSession[];
  plan?: readonly string[];
  report: ReportState;
  reportVersion?: number;
}

export interface GroupStatus {
  group: number;
  members: { nombre: string; role?: ElectedRoleId; attended?: number; invited?: number }[];
  sessions?: { held: number; scheduled: number; cancelled: number; lastHeld?: Date; attendanceRate: number | null };
  plan?: readonly string[];
  report: ReportState;
  reportVersion?: number;
}

export function computeGroupStatus(input: GroupStatusInputs): GroupStatus {
  const roleOf = new Map(input.holders.map((h) => [h.personKey, h.role]));
  let per: Map<string, { attended: number; invited: number }> | undefined;
  let sessions: GroupStatus['sessions'];
  if (input.sessions) {
    per = new Map();
    let held = 0;
    let scheduled = 0;
    let cancelled = 0;
    let inv = 0;
    let att = 0;
    let last: number | undefined;
    for (const s of input.sessions) {
      if (s.group !== input.group) continue;
      if (s.state === 'scheduled') scheduled++;
      else if (s.state === 'cancelled') cancelled++;
      else {
        held++;
        last = Math.max(last ?? 0, s.date.getTime());
        const attended = new Set(s.attended);
        for (const k of s.invited) {
          const e = per.get(k) ?? { attended: 0, invited: 0 };
          e.invited++;
          if (attended.has(k)) e.attended++;
          per.set(k, e);
        }
        inv += s.invited.length;
        att += s.attended.length;
      }
    }
    sessions = { held, scheduled, cancelled, ...(last !== undefined ? { lastHeld: new Date(last) } : {}), attendanceRate: inv > 0 ? att / inv : null };
  }
  return {
    group: input.group,
    members: [...input.members]
      .sort((a, b) => a.nombre.localeCompare(b.nombre, 'es'))
      .map((m) => {
        const role = roleOf.get(m.personKey);
        const a = per?.get(m.personKey);
        return { nombre: m.nombre, ...(role ? { role } : {}), ...(per ? { attended: a?.attended ?? 0, invited: a?.invited ?? 0 } : {}) };
      }),
    ...(sessions ? { sessions } : {}),
    ...(input.plan ? { plan: input.plan } : {}),
    report: input.report,
    ...(input.reportVersion !== undefined ? { reportVersion: input.reportVersion } : {}),
  };
}
