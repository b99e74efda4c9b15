import { describe, expect, it } from 'vitest';
import { meanEstimate, meanFromSums, pairedChange, proportion, tCritical, wilsonInterval } from '../../src/domain/surveys/stats.js';
import { suppressTable } from '../../src/domain/surveys/suppression.js';

describe('confidence intervals (checked by hand)', () => {
  it('Wilson 95% for 3 of 10', () => {
    // p = 0.3, z = 1.959964, z² = 3.841459, z²/n = 0.3841459, denominator = 1.3841459
    // center = (0.3 + 3.841459/20) / 1.3841459 = 0.4920729 / 1.3841459 = 0.355506
    // half = (1.959964 / 1.3841459) · √(0.3·0.7/10 + 3.841459/400) = 1.416005 · √0.0306036 = 1.416005 · 0.174939 = 0.247715
    // → [0.1078, 0.6032] (the textbook value for 3/10).
    const ci = wilsonInterval(3, 10);
    expect(ci.lower).toBeCloseTo(0.1078, 4);
    expect(ci.upper).toBeCloseTo(0.6032, 4);
  });

  it('Wilson 95% for 6 of 12 is symmetric around 0.5', () => {
    // half = (1.959964/1.3201288) · √(0.25/12 + 3.841459/576) = 1.484676 · √0.0275025 = 1.484676 · 0.165839 = 0.246217
    const p = proportion(6, 12);
    expect(p.share).toBe(0.5);
    expect(p.ci.lower).toBeCloseTo(0.2538, 4);
    expect(p.ci.upper).toBeCloseTo(0.7462, 4);
  });

  it('Wilson stays inside [0, 1] at the extremes', () => {
    expect(wilsonInterval(0, 5).lower).toBe(0);
    expect(wilsonInterval(5, 5).upper).toBe(1);
    // 0 of 5: upper = z²/n / (1 + z²/n) · … = 0.434 (textbook).
    expect(wilsonInterval(0, 5).upper).toBeCloseTo(0.4345, 4);
  });

  it('t critical values (tables): df 4 → 2.7764, df 7 → 2.3646, df 30 → 2.0423', () => {
    expect(tCritical(4)).toBeCloseTo(2.776445, 5);
    expect(tCritical(7)).toBeCloseTo(2.364624, 5);
    expect(tCritical(30)).toBeCloseTo(2.042272, 5);
  });

  it('mean with t interval of 2,4,4,4,5,5,7,9', () => {
    // mean = 40/8 = 5; squared deviations 9,1,1,1,0,0,4,16 = 32; s² = 32/7 = 4.571429; s = 2.138090
    // se = 2.138090/√8 = 0.755929; t(0.975, 7) = 2.364624; half = 1.787493 → [3.2125, 6.7875]
    const m = meanEstimate([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(m.mean).toBe(5);
    expect(m.sd).toBeCloseTo(2.13809, 5);
    expect(m.ci?.lower).toBeCloseTo(3.2125, 4);
    expect(m.ci?.upper).toBeCloseTo(6.7875, 4);
    // Same from running sums: Σx = 40, Σx² = 232.
    const s = meanFromSums(8, 40, 232);
    expect(s.sd).toBeCloseTo(m.sd, 10);
    expect(s.ci?.lower).toBeCloseTo(3.2125, 4);
  });

  it('paired change (before 3,2,4,3,1 → after 4,4,4,5,2)', () => {
    // differences 1,2,0,2,1: mean 1.2; squared deviations .04,.64,1.44,.64,.04 = 2.8; s² = 0.7; s = 0.836660
    // se = √(0.7/5) = 0.374166; t(0.975, 4) = 2.776445; half = 0.374166 · 2.776445 = 1.038852 → [0.16115, 2.23885]
    const c = pairedChange([[3, 4], [2, 4], [4, 4], [3, 5], [1, 2]]);
    expect(c.n).toBe(5);
    expect(c.mean).toBeCloseTo(1.2, 10);
    expect(c.ci?.lower).toBeCloseTo(0.16115, 4);
    expect(c.ci?.upper).toBeCloseTo(2.23885, 4);
  });

  it('no interval below two values', () => {
    expect(meanEstimate([3]).ci).toBeUndefined();
    expect(meanEstimate([]).n).toBe(0);
  });
});

describe('k-suppression with complementary suppression (k = 5)', () => {
  it('everything is suppressed when the total is below k', () => {
    const r = suppressTable({ counts: [[2, 2]], k: 5 });
    expect(r.grand).toBe('belowK');
    expect(r.cells[0]).toEqual(['belowK', 'belowK']);
  });

  it('yes/no 18 / 2: the small cell and its complement (total − 18 = 2) are both withheld', () => {
    const r = suppressTable({ counts: [[18, 2]], k: 5 });
    expect(r.cells[0]).toEqual(['complementary', 'belowK']);
    expect(r.margin).toEqual(['complementary', 'belowK']);
  });

  it('one row 10, 7, 3, 0: the small cells hold 3 < k together, so the next smallest (7) is withheld too', () => {
    const r = suppressTable({ counts: [[10, 7, 3, 0]], k: 5 });
    expect(r.cells[0]).toEqual(['ok', 'complementary', 'belowK', 'belowK']);
  });

  it('one row 9, 8, 6: nothing to suppress', () => {
    const r = suppressTable({ counts: [[9, 8, 6]], k: 5 });
    expect(r.cells[0]).toEqual(['ok', 'ok', 'ok']);
  });

  it('breakdown: a small group is protected by suppressing another group, and columns are protected too', () => {
    // Groups (rows) A = [6, 6] (12), B = [6, 2] (8), C = [3, 1] (4); k = 5.
    // C has 4 < 5 → suppressed; the suppressed rows would hold 4 < 5 (grand 24 − A 12 − B 8 = 4) → B (8, the
    // smallest published row) is suppressed as well. Column 1 then hides B1 + C1 = 3 < 5 people (overall 9 −
    // A1) → A1 is withheld, and row A then hides a single cell (12 − A0) → A0 is withheld as well.
    const r = suppressTable({ counts: [[6, 6], [6, 2], [3, 1]], k: 5 });
    expect(r.rows).toEqual(['ok', 'complementary', 'belowK']);
    expect(r.cells[0]).toEqual(['complementary', 'complementary']);
    expect(r.margin).toEqual(['ok', 'ok']);
    expect(r.grand).toBe('ok');
  });

  it('no published cell can be recovered by subtraction (property check on random tables)', () => {
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let t = 0; t < 300; t++) {
      const R = 1 + rnd(4);
      const C = 2 + rnd(3);
      const counts = Array.from({ length: R }, () => Array.from({ length: C }, () => rnd(12)));
      const r = suppressTable({ counts, k: 5 });
      if (r.grand !== 'ok') continue;
      // Along each published row: suppressed cells are 0 or ≥ 2 and hold ≥ k together.
      counts.forEach((row, i) => {
        if (r.rows[i] !== 'ok') return;
        const hidden = row.filter((_, c) => r.cells[i]![c] !== 'ok');
        if (hidden.length) {
          expect(hidden.length).toBeGreaterThanOrEqual(2);
          expect(hidden.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(5);
        }
        row.forEach((v, c) => {
          if (r.cells[i]![c] === 'ok') expect(v).toBeGreaterThanOrEqual(5);
        });
      });
      // Suppressed rows hold ≥ k together.
      const hiddenRows = counts.filter((_, i) => r.rows[i] !== 'ok');
      if (hiddenRows.length) expect(hiddenRows.flat().reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(5);
      // Along each published column total (R > 1).
      if (R > 1) {
        for (let c = 0; c < C; c++) {
          if (r.margin[c] !== 'ok') continue;
          const hidden = counts.map((row, i) => [row[c] ?? 0, r.cells[i]![c]] as const).filter(([, s]) => s !== 'ok');
          if (hidden.length) {
            expect(hidden.length).toBeGreaterThanOrEqual(2);
            expect(hidden.reduce((a, [v]) => a + v, 0)).toBeGreaterThanOrEqual(5);
          }
        }
      }
    }
  });

  it('a forced margin (from another breakdown) is withheld and protected', () => {
    const r = suppressTable({ counts: [[9, 8, 6]], k: 5, forcedMargin: new Set([2]) });
    expect(r.cells[0]?.filter((s) => s !== 'ok').length).toBe(2);
    expect(r.margin[2]).not.toBe('ok');
  });
});
