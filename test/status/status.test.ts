import { describe, expect, it } from 'vitest';
import { computeGroupStatus, computeNetworkStatus, type StatusInputs, type StatusSession } from '../../src/domain/status/index.js';
import { networkCard, networkSections } from '../../src/features/status/views.js';
import { StatusService } from '../../src/services/status/index.js';
import type { MemberRecord } from '../../src/domain/member.js';
import type { Edition } from '../../src/services/registration/editions.js';
import { cardText } from '../elections/featureSupport.js';

const NOW = new Date('2027-03-01T18:00:00Z');
const DAY = 86_400_000;
const ZONE = 'America/Mexico_City';

/** A worst case for the card: every stage behind, every list long. */
function inputs(groups: number, over: Partial<StatusInputs> = {}): StatusInputs {
  const sessions: StatusSession[] = [];
  for (let g = 1; g <= groups; g++)
    for (let i = 0; i < 12; i++)
      sessions.push({ group: g, state: i < 6 ? 'held' : i < 10 ? 'scheduled' : 'cancelled', date: new Date(NOW.getTime() - (60 - i) * DAY), invited: Array.from({ length: 36 }, (_, k) => `p${g}-${k}`), attended: Array.from({ length: 20 }, (_, k) => `p${g}-${k}`) });
  return {
    now: NOW,
    window: { opensAt: new Date('2026-10-01T00:00:00Z'), closesAt: new Date('2026-11-15T00:00:00Z') },
    calendar: Array.from({ length: 12 }, (_, i) => ({ key: `etapa-${i}`, label: `Etapa del calendario con un nombre largo número ${i}`, date: new Date(NOW.getTime() + (i - 6) * 20 * DAY) })),
    members: Array.from({ length: groups * 36 }, (_, i) => ({ status: i % 17 === 0 ? 'pending' : i % 23 === 0 ? 'withdrawn' : 'validated' })),
    groups: { count: groups, linked: new Set([1, 2]) },
    holders: [{ group: 1, role: 'representante' }],
    plans: new Set([1]),
    sessions,
    waves: [
      { wave: 1, label: 'Primera oleada', invited: 498, started: 300, finished: 250 },
      { wave: 2, label: 'Segunda oleada', invited: 498, started: 10, finished: 0 },
    ],
    reports: new Map([[1, 'entregado']]),
    reportsDue: new Date(NOW.getTime() - DAY),
    casesOpen: 4,
    deliveries: { failing: 12, retrying: 3 },
    ...over,
  };
}

describe('network status figures', () => {
  it('counts every stage and names the groups behind', () => {
    const s = computeNetworkStatus(inputs(4));
    expect(s.call).toMatchObject({ validated: 129, pending: 9, withdrawn: 6, rejected: 0 });
    expect(s.call.state.kind).toBe('closed');
    expect(s.groups).toEqual({ count: 4, unlinked: [3, 4] });
    expect(s.elections!.complete).toBe(0);
    expect(s.elections!.missing[0]).toEqual({ group: 1, roles: ['secretaria'] });
    expect(s.plans).toEqual({ confirmed: 1, missing: [2, 3, 4] });
    expect(s.sessions).toMatchObject({ held: 24, scheduled: 16, cancelled: 8, inactive: [1, 2, 3, 4] });
    expect(s.sessions!.attendanceRate).toBeCloseTo(20 / 36);
    expect(s.surveys![0]!.rate).toBeCloseTo(250 / 498);
    expect(s.reports).toMatchObject({ notDelivered: [2, 3, 4], overdue: true, states: ['entregado', 'sin_iniciar', 'sin_iniciar', 'sin_iniciar'] });
    expect(s.reports!.byState.entregado).toBe(1);
    expect(s.cases).toEqual({ open: 4 });
  });

  it('says «sin datos» for the parts whose feature is absent, and leaves out cases', () => {
    const { sessions: _s, waves: _w, casesOpen: _c, deliveries: _d, ...rest } = inputs(3);
    const s = computeNetworkStatus(rest);
    expect(s.sessions).toBeUndefined();
    expect(s.surveys).toBeUndefined();
    expect(s.cases).toBeUndefined();
    const text = cardText(networkCard(s, 'Red 2026', NOW, ZONE));
    expect(text.match(/Sin datos/g)!.length).toBeGreaterThanOrEqual(3);
    expect(text).not.toContain('Casos de comunicación');
  });

  it('says what to do next when a stage is behind, with the command to use', () => {
    const sections = networkSections(computeNetworkStatus(inputs(5)), ZONE);
    const next = Object.fromEntries(sections.map((x) => [x.heading, x.next]));
    expect(next['2. Grupos']).toBe('3 grupos sin espacio vinculado (grupos 3, 4 y 5): use **vincular grupo N** en el canal o chat del grupo.');
    expect(next['1. Convocatoria']).toContain('**pendientes**');
    expect(next['3. Elecciones']).toContain('**cargo asignar**');
    expect(next['7. Informes de grupo']).toContain('**informes**');
    expect(next['9. Envíos']).toContain('**envios**');
  });

  it('keeps the card under 28 KB for 50 groups in the worst case', () => {
    const card = networkCard(computeNetworkStatus(inputs(50)), 'Red de Coaching para Mujeres del SPEN 2026', NOW, ZONE);
    const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
    expect(bytes).toBeLessThan(28 * 1024);
    expect(cardText(card)).toContain('y 36 más');
  });

  it('computes one group: attendance per member, roles, plan and report', () => {
    const g = computeGroupStatus({
      group: 2,
      members: [
        { personKey: 'b', nombre: 'Beatriz' },
        { personKey: 'a', nombre: 'Adriana' },
      ],
      holders: [{ personKey: 'a', role: 'secretaria' }],
      sessions: [
        { group: 2, state: 'held', date: NOW, invited: ['a', 'b'], attended: ['a'] },
        { group: 2, state: 'held', date: new Date(NOW.getTime() - DAY), invited: ['a', 'b'], attended: ['a', 'b'] },
        { group: 2, state: 'scheduled', date: NOW, invited: ['a', 'b'], attended: [] },
        { group: 3, state: 'held', date: NOW, invited: ['x'], attended: ['x'] },
      ],
      plan: ['Liderazgo'],
      report: 'borrador',
    });
    expect(g.members).toEqual([
      { nombre: 'Adriana', role: 'secretaria', attended: 2, invited: 2 },
      { nombre: 'Beatriz', attended: 1, invited: 2 },
    ]);
    expect(g.sessions).toMatchObject({ held: 2, scheduled: 1, cancelled: 0, attendanceRate: 0.75 });
  });
});

describe('StatusService with absent ports', () => {
  it('reads in batch and returns «sin datos» parts as undefined', async () => {
    const edition = { _id: 'e', nombre: 'Red', active: true, calendar: [], createdAt: NOW, createdBy: 'x', updatedAt: NOW } as Edition;
    const members = [{ _id: 'e:1', personKey: 'k1', nombre: 'Ana', status: 'validated' }] as MemberRecord[];
    let reads = 0;
    const count = <T>(v: T) => {
      reads++;
      return Promise.resolve(v);
    };
    const svc = new StatusService({
      editions: { get: () => count(edition) },
      members: { list: () => count(members) },
      groups: { confirmedSet: () => count({ groupCount: 1, assignment: { 'e:1': 1 }, removed: [] }), listSpaces: () => count([]) },
      holders: { holdersOf: () => count([]) },
      plans: { list: () => count([]) },
      reports: { currentByGroup: () => count(new Map()) },
      sources: {},
      clock: () => NOW,
    });
    const snap = (await svc.network('e'))!;
    expect(reads).toBe(7);
    expect(snap.status.sessions).toBeUndefined();
    expect(snap.status.surveys).toBeUndefined();
    expect(snap.status.deliveries).toBeUndefined();
    const g = (await svc.group('e', 1))!;
    expect(g.members).toEqual([{ nombre: 'Ana' }]);
    expect(g.sessions).toBeUndefined();
    expect(await svc.group('e', 2)).toBeUndefined();
  });
});
