import { renderStatusCard, type StatusSectionView } from '../../cards/status.js';
import type { CardJson } from '../../cards/render.js';
import { REPORT_STATES } from '../../domain/groupReports/index.js';
import { INACTIVE_DAYS, type GroupStatus, type NetworkStatus } from '../../domain/status/index.js';
import { formatDate, formatDateTime } from '../../domain/time.js';
import { STATUS_TEXTS as T } from './texts.js';

/** The network's status as sections (card and export share them): heading, lines, what to do next. */
export function networkSections(s: NetworkStatus, zone: string): StatusSectionView[] {
  const out: StatusSectionView[] = [];
  const call = s.call.state;
  const callLine =
    call.kind === 'notScheduled'
      ? T.call.notScheduled
      : call.kind === 'notYetOpen'
        ? T.call.notYetOpen(formatDate(call.opensAt, zone))
        : call.kind === 'open'
          ? T.call.open(call.closesAt ? formatDateTime(call.closesAt, zone) : undefined)
          : T.call.closed(formatDate(call.closedAt, zone));
  out.push({
    heading: T.call.heading,
    lines: [callLine, T.call.registrations(s.call.validated, s.call.pending, s.call.rejected, s.call.withdrawn)],
    next: s.call.pending > 0 ? T.call.nextPending(s.call.pending) : call.kind === 'notScheduled' ? T.call.nextSchedule : '',
  });
  out.push({
    heading: T.calendar.heading,
    lines: s.stages.length > 0 ? s.stages.map((st) => T.calendar.stage(st.label, formatDate(st.date, zone), st.past)) : [T.calendar.none],
    next: '',
  });
  if (!s.groups) {
    out.push({ heading: T.groups.heading, lines: [T.groups.notConfirmed], next: T.groups.nextConfirm });
  } else {
    const g = s.groups;
    out.push({ heading: T.groups.heading, lines: [T.groups.line(g.count, g.count - g.unlinked.length)], next: g.unlinked.length > 0 ? T.groups.nextLink(g.unlinked) : '' });
    const e = s.elections!;
    out.push({ heading: T.elections.heading, lines: [T.elections.line(e.complete, g.count)], next: e.missing.length > 0 ? T.elections.nextMissing(e.missing) : '' });
    const p = s.plans!;
    out.push({ heading: T.plans.heading, lines: [T.plans.line(p.confirmed, g.count)], next: p.missing.length > 0 ? T.plans.nextMissing(p.missing) : '' });
    const se = s.sessions;
    out.push(
      se
        ? { heading: T.sessions.heading, lines: [T.sessions.line(se.held, se.scheduled, se.cancelled), T.sessions.attendance(se.attendanceRate)], next: se.inactive.length > 0 ? T.sessions.nextInactive(se.inactive, INACTIVE_DAYS) : '' }
        : { heading: T.sessions.heading, lines: [T.noData], next: '' },
    );
  }
  out.push(
    s.surveys
      ? { heading: T.surveys.heading, lines: s.surveys.length > 0 ? s.surveys.map((w) => T.surveys.wave(w.label, w.finished, w.invited, w.rate)) : [T.surveys.none], next: '' }
      : { heading: T.surveys.heading, lines: [T.noData], next: '' },
  );
  if (s.reports) {
    const r = s.reports;
    const parts = REPORT_STATES.filter((st) => r.byState[st] > 0).map((st) => T.reports.part(r.byState[st], st));
    out.push({
      heading: T.reports.heading,
      lines: [T.reports.byState(parts), r.due ? T.reports.due(formatDate(r.due, zone)) : T.reports.noDue],
      next: r.overdue ? T.reports.nextOverdue(r.notDelivered) : r.notDelivered.length > 0 && r.due ? T.reports.nextPending(r.notDelivered) : '',
    });
  }
  if (s.cases) out.push({ heading: T.cases.heading, lines: [T.cases.line(s.cases.open)], next: '' });
  out.push(
    s.deliveries
      ? { heading: T.deliveries.heading, lines: [T.deliveries.line(s.deliveries.failing, s.deliveries.retrying)], next: s.deliveries.failing > 0 ? T.deliveries.next : '' }
      : { heading: T.deliveries.heading, lines: [T.deliveries.noEngine], next: '' },
  );
  return out;
}

export function networkCard(s: NetworkStatus, editionName: string, now: Date, zone: string): CardJson {
  return renderStatusCard({ title: T.title(editionName), subtitle: T.subtitle(formatDateTime(now, zone)), sections: networkSections(s, zone), note: T.note });
}

export function groupCard(g: GroupStatus, editionName: string, now: Date, zone: string): CardJson {
  const G = T.group;
  const sections: StatusSectionView[] = [
    { heading: G.membersHeading(g.members.length), lines: g.members.length > 0 ? g.members.map((m) => G.member(m.nombre, m.role, m.attended, m.invited)) : [G.noMembersNote], next: '' },
    {
      heading: G.sessionsHeading,
      lines: [g.sessions ? G.sessionsLine(g.sessions.held, g.sessions.scheduled, g.sessions.cancelled, g.sessions.lastHeld ? formatDate(g.sessions.lastHeld, zone) : undefined, g.sessions.attendanceRate) : T.noData],
      next: '',
    },
    { heading: G.planHeading, lines: [g.plan ? G.plan(g.plan) : G.planNone], next: '' },
    { heading: G.reportHeading, lines: [G.report(T.reportStateLabel(g.report), g.reportVersion)], next: '' },
  ];
  return renderStatusCard({ title: G.title(g.group, editionName), subtitle: T.subtitle(formatDateTime(now, zone)), sections, note: '' });
}
