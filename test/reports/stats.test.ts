import { describe, expect, it } from 'vitest';
import { loadDefaultCatalog } from '../../src/data/defaultCatalog.js';
import type { MemberStatus } from '../../src/domain/member.js';
import { computeRegistrationStats, nonZeroByCount, percent, UNKNOWN_KEY } from '../../src/services/reports/stats.js';
import { renderStatsCard } from '../../src/cards/reports.js';

const catalog = loadDefaultCatalog();

function m(status: MemberStatus, vocalia: string, ambito: 'JLE' | 'JDE', entidad: string, circunscripcion: number) {
  return { status, vocalia, ambito, entidad, circunscripcion };
}

describe('registration statistics (pure aggregation)', () => {
  const members = [
    m('validated', 'VE', 'JLE', '09', 4),
    m('validated', 'VS', 'JDE', '09', 4),
    m('pending', 'VS', 'JDE', '14', 1),
    m('pending', 'VRFE', 'JDE', '19', 2),
    m('withdrawn', 'VE', 'JDE', '14', 1),
    m('rejected', 'VOE', 'JLE', '30', 3),
    m('rejected', 'VOE', 'JLE', '30', 3),
  ];
  const s = computeRegistrationStats(members, catalog);
  const count = (buckets: { key: string; count: number }[], key: string) => buckets.find((b) => b.key === key)?.count;

  it('counts every status, in a fixed order, zeros included', () => {
    expect(s.total).toBe(7);
    expect(s.byStatus.map((b) => [b.key, b.count])).toEqual([
      ['validated', 2],
      ['pending', 2],
      ['rejected', 2],
      ['withdrawn', 1],
    ]);
    expect(s.byStatus.map((b) => b.label)).toEqual(['Validada', 'Pendiente de validación', 'Rechazada', 'Dada de baja']);
  });

  it('breaks down only current registrations (validated and pending)', () => {
    expect(s.current).toBe(4);
    expect(count(s.byVocalia, 'VS')).toBe(2);
    expect(count(s.byVocalia, 'VE')).toBe(1); // the withdrawn VE is not counted
    expect(count(s.byVocalia, 'VOE')).toBe(0); // both VOE were rejected
    expect(count(s.byAmbito, 'JLE')).toBe(1);
    expect(count(s.byAmbito, 'JDE')).toBe(3);
    expect(count(s.byEntidad, '09')).toBe(2);
    expect(count(s.byEntidad, '30')).toBe(0);
    expect(count(s.byCircunscripcion, '4')).toBe(2);
    expect(count(s.byCircunscripcion, '3')).toBe(0);
    for (const buckets of [s.byVocalia, s.byAmbito, s.byEntidad, s.byCircunscripcion]) {
      expect(buckets.reduce((sum, b) => sum + b.count, 0)).toBe(s.current);
    }
  });

  it('lists catalog entries in catalog order with their names', () => {
    expect(s.byVocalia.map((b) => b.key)).toEqual(catalog.data.vocalias.map((v) => v.clave));
    expect(s.byEntidad).toHaveLength(32);
    expect(s.byEntidad.find((b) => b.key === '09')?.label).toBe(catalog.entidad('09')?.nombre);
    expect(s.byCircunscripcion.map((b) => b.label)[0]).toMatch(/^Circunscripción 1 \(Guadalajara\)$/);
  });

  it('counts values outside the catalog as "Sin dato" so totals add up', () => {
    const odd = computeRegistrationStats([m('validated', 'XX', 'JDE', '99', 9), m('pending', 'VE', 'JLE', '01', 2)], catalog);
    expect(count(odd.byVocalia, UNKNOWN_KEY)).toBe(1);
    expect(count(odd.byEntidad, UNKNOWN_KEY)).toBe(1);
    expect(count(odd.byCircunscripcion, UNKNOWN_KEY)).toBe(1);
    expect(odd.byAmbito.find((b) => b.key === UNKNOWN_KEY)).toBeUndefined();
    expect(odd.byVocalia.reduce((sum, b) => sum + b.count, 0)).toBe(2);
  });

  it('handles an empty edition', () => {
    const empty = computeRegistrationStats([], catalog);
    expect(empty.total).toBe(0);
    expect(empty.byStatus.every((b) => b.count === 0)).toBe(true);
    expect(percent(0, 0)).toBe(0);
    expect(nonZeroByCount(empty.byEntidad)).toEqual([]);
  });

  it('orders non-zero buckets by count, ties in catalog order', () => {
    expect(nonZeroByCount(s.byEntidad).map((b) => b.key)).toEqual(['09', '14', '19']);
  });
});

describe('statistics card', () => {
  it('draws bars proportional to the largest group and states every number in text', () => {
    const s = computeRegistrationStats(
      [m('validated', 'VE', 'JLE', '09', 4), m('validated', 'VE', 'JLE', '09', 4), m('validated', 'VE', 'JLE', '09', 4), m('pending', 'VS', 'JDE', '14', 1)],
      catalog,
    );
    const card = renderStatsCard({ editionName: '2026', generatedAt: '01/03/2026, 10:00', stats: s });
    const json = JSON.stringify(card);
    expect(json).toContain('Validada: 3 (75 %)');
    expect(json).toContain('Pendiente de validación: 1 (25 %)');
    expect(json).toContain('Rechazada: 0 (0 %)');
    // Bars: 100 units for the largest group, 33 for a third of it; none for zero.
    const widths: number[][] = [];
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === 'object') {
        const o = n as { type?: string; columns?: { width: unknown }[] };
        if (o.type === 'ColumnSet' && o.columns) widths.push(o.columns.map((c) => Number(c.width)));
        Object.values(o).forEach(walk);
      }
    };
    walk(card.body);
    expect(widths[0]).toEqual([100]);
    expect(widths[1]).toEqual([33, 67]);
    expect(json).toMatch(/Ciudad de México[^"]*","value":"3 \(75 %\)"/);
  });
});
