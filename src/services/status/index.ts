import { computeGroupStatus, computeNetworkStatus, type GroupStatus, type NetworkStatus, type StatusSession } from '../../domain/status/index.js';
import { STAGE_KEYS, stageDate } from '../../domain/stages.js';
import type { MemberRecord } from '../../domain/member.js';
import type { ReportState } from '../../domain/groupReports/index.js';
import type { ReportingSources } from '../reporting/sources.js';
import type { Edition } from '../registration/editions.js';
import type { BroadcastStatus } from '../delivery/types.js';

/**
 * Gathers what «estado» shows with a handful of BATCH reads per edition (members, group set, spaces, role
 * holders, work plans, sessions, survey waves, reports, cases, deliveries — each one query, in parallel) and
 * hands them to the pure computation (src/domain/status/). Never one read per member or per group.
 */
export interface StatusDeps {
  editions: { get(editionId: string): Promise<Edition | null> };
  members: { list(editionId: string): Promise<MemberRecord[]> };
  groups: {
    confirmedSet(editionId: string): Promise<{ groupCount: number; assignment: Readonly<Record<string, number>>; removed: readonly string[] } | null>;
    listSpaces(editionId: string): Promise<{ group: number }[]>;
  };
  holders: { holdersOf(editionId: string, group?: number): Promise<{ group: number; role: 'representante' | 'secretaria'; personKey: string }[]> };
  plans: { list(editionId: string): Promise<{ group: number; items: { titulo: string }[] }[]> };
  reports: { currentByGroup(editionId: string): Promise<Map<number, { state: ReportState; version: number }>> };
  sources: ReportingSources;
  delivery?: { status(broadcastId?: string, options?: { limit?: number }): Promise<BroadcastStatus[]> };
  clock: () => Date;
}

export interface StatusSnapshot {
  edition: Edition;
  status: NetworkStatus;
}

export class StatusService {
  constructor(private readonly deps: StatusDeps) {}

  async network(editionId: string): Promise<StatusSnapshot | undefined> {
    const d = this.deps;
    const edition = await d.editions.get(editionId);
    if (!edition) return undefined;
    const [members, set, spaces, holders, plans, sessions, waves, reports, casesOpen, broadcasts] = await Promise.all([
      d.members.list(editionId),
      d.groups.confirmedSet(editionId),
      d.groups.listSpaces(editionId),
      d.holders.holdersOf(editionId),
      d.plans.list(editionId),
      d.sources.sessions?.listSessions(editionId),
      d.sources.surveys?.listWaves(editionId),
      d.reports.currentByGroup(editionId),
      d.sources.cases?.openCount(editionId),
      d.delivery?.status(undefined, { limit: 100 }),
    ]);
    const due = stageDate(edition.calendar, STAGE_KEYS.reportsDue);
    const status = computeNetworkStatus({
      now: d.clock(),
      window: { ...(edition.opensAt ? { opensAt: edition.opensAt } : {}), ...(edition.closesAt ? { closesAt: edition.closesAt } : {}) },
      calendar: edition.calendar,
      members,
      ...(set ? { groups: { count: set.groupCount, linked: new Set(spaces.map((s) => s.group)) } } : {}),
      holders,
      plans: new Set(plans.map((p) => p.group)),
      ...(sessions ? { sessions: sessions as StatusSession[] } : {}),
      ...(waves ? { waves } : {}),
      reports: new Map([...reports].map(([g, r]) => [g, r.state])),
      ...(due ? { reportsDue: due } : {}),
      ...(casesOpen !== undefined ? { casesOpen } : {}),
      ...(broadcasts ? { deliveries: deliveriesOf(broadcasts) } : {}),
    });
    return { edition, status };
  }

  /** One group's status, or undefined when the groups are not confirmed or the number is out of range. */
  async group(editionId: string, group: number): Promise<GroupStatus | undefined> {
    const d = this.deps;
    const set = await d.groups.confirmedSet(editionId);
    if (!set || group < 1 || group > set.groupCount) return undefined;
    const [members, holders, plans, sessions, reports] = await Promise.all([
      d.members.list(editionId),
      d.holders.holdersOf(editionId, group),
      d.plans.list(editionId),
      d.sources.sessions?.listSessions(editionId, group),
      d.reports.currentByGroup(editionId),
    ]);
    const removed = new Set(set.removed);
    const inGroup = members.filter((m) => m.status === 'validated' && set.assignment[m._id] === group && !removed.has(m._id));
    const plan = plans.find((p) => p.group === group);
    const report = reports.get(group);
    return computeGroupStatus({
      group,
      members: inGroup.map((m) => ({ personKey: m.personKey, nombre: m.nombre })),
      holders,
      ...(sessions ? { sessions: sessions as StatusSession[] } : {}),
      ...(plan ? { plan: plan.items.map((i) => i.titulo) } : {}),
      report: report?.state ?? 'sin_iniciar',
      ...(report ? { reportVersion: report.version } : {}),
    });
  }
}

function deliveriesOf(broadcasts: readonly BroadcastStatus[]): { failing: number; retrying: number } {
  let failing = 0;
  let retrying = 0;
  for (const b of broadcasts) {
    failing += (b.counts.failed ?? 0) + (b.counts.blocked ?? 0);
    retrying += b.retrying;
  }
  return { failing, retrying };
}
