import type { SuppressionReason } from './types.js';

/**
 * Cell suppression of a two-way table of counts (issue 12): rows are the groups of a breakdown (vocalía,
 * ámbito, circunscripción, group; a single row without breakdown), columns the categories of one statistic
 * (the options of a question; for a yes/no item the two columns "yes" and "no"). Published are the cells,
 * the row totals, the column totals (the margin: the overall result) and the grand total.
 *
 * Rules, applied until nothing changes (suppression only grows, so it ends):
 * 1. grand total < k: everything is suppressed;
 * 2. a row whose total is < k is suppressed whole (primary); if the suppressed rows together hold fewer than
 *    k respondents, the smallest published row is suppressed too (else "total minus the published rows"
 *    would reveal them);
 * 3. a cell < k in a published row is suppressed (primary, zeros included);
 * 4. in a published row, one suppressed cell alone, or suppressed cells adding to fewer than k, could be
 *    recovered as "row total minus the other cells": the smallest published cell of the row is suppressed
 *    (complementary);
 * 5. the same along each published column total (the overall count of a category minus the groups that
 *    show it): another cell of the column is suppressed, or, when none is left, the column total;
 * 6. the same along the margin row (the grand total minus the published column totals).
 * A column total can also be forced suppressed (`forcedMargin`) so that the overall result is the same in
 * every breakdown (a cell suppressed for one breakdown is suppressed for all).
 */

export type CellStatus = 'ok' | SuppressionReason;

export interface SuppressionInput {
  /** counts[row][col] (every row has the same number of columns). */
  counts: readonly (readonly number[])[];
  k: number;
  /** Column totals that must be suppressed (from other breakdowns). */
  forcedMargin?: ReadonlySet<number>;
  /** Rows that must be suppressed whole (e.g. groups suppressed at the respondent level). */
  forcedRows?: ReadonlySet<number>;
}

export interface SuppressionResult {
  cells: CellStatus[][];
  rows: CellStatus[];
  margin: CellStatus[];
  grand: CellStatus;
}

export function suppressTable(input: SuppressionInput): SuppressionResult {
  const { counts, k } = input;
  const R = counts.length;
  const C = R > 0 ? (counts[0]?.length ?? 0) : 0;
  const at = (r: number, c: number): number => counts[r]?.[c] ?? 0;
  const rowT = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const colT = Array.from({ length: C }, (_, c) => counts.reduce((a, row) => a + (row[c] ?? 0), 0));
  const grandT = rowT.reduce((a, b) => a + b, 0);

  const cells: CellStatus[][] = counts.map((row) => row.map((): CellStatus => 'ok'));
  const rows: CellStatus[] = counts.map((): CellStatus => 'ok');
  const margin: CellStatus[] = colT.map((): CellStatus => 'ok');
  let grand: CellStatus = 'ok';

  if (grandT < k) {
    return {
      cells: cells.map((row) => row.map((): CellStatus => 'belowK')),
      rows: rows.map((): CellStatus => 'belowK'),
      margin: margin.map((): CellStatus => 'belowK'),
      grand: 'belowK',
    };
  }

  const suppressRow = (r: number, reason: SuppressionReason): void => {
    rows[r] = reason;
    const row = cells[r];
    if (row) for (let c = 0; c < C; c++) if (row[c] === 'ok') row[c] = reason;
  };

  // Rule 2: rows.
  for (let r = 0; r < R; r++) {
    if (input.forcedRows?.has(r)) suppressRow(r, 'complementary');
    else if ((rowT[r] ?? 0) < k) suppressRow(r, 'belowK');
  }
  const protectRows = (): boolean => {
    let changed = false;
    for (;;) {
      const suppressed = rows.map((s, r) => (s === 'ok' ? -1 : r)).filter((r) => r >= 0);
      if (suppressed.length === 0) return changed;
      const held = suppressed.reduce((a, r) => a + (rowT[r] ?? 0), 0);
      if (held >= k && suppressed.length > 1) return changed;
      if (held >= k && suppressed.length === 1) return changed; // one row holding ≥ k is publishable anyway
      const candidates = rows.map((s, r) => (s === 'ok' ? r : -1)).filter((r) => r >= 0);
      if (candidates.length === 0) return changed;
      candidates.sort((a, b) => (rowT[a] ?? 0) - (rowT[b] ?? 0) || a - b);
      suppressRow(candidates[0] ?? 0, 'complementary');
      changed = true;
    }
  };
  protectRows();

  // Rule 3: small cells in published rows.
  for (let r = 0; r < R; r++) {
    if (rows[r] !== 'ok') continue;
    const row = cells[r];
    if (!row) continue;
    for (let c = 0; c < C; c++) if (at(r, c) < k) row[c] = 'belowK';
  }

  /** Suppressed members of a line with fewer than 2 members or holding < k need one more suppression. */
  const needsMore = (values: number[]): boolean => values.length > 0 && (values.length === 1 || values.reduce((a, b) => a + b, 0) < k);

  for (let guard = 0; guard < (R + 1) * (C + 1) + 2; guard++) {
    let changed = protectRows();
    // Rule 4: along published rows.
    for (let r = 0; r < R; r++) {
      if (rows[r] !== 'ok') continue;
      const row = cells[r];
      if (!row) continue;
      const supp: number[] = [];
      for (let c = 0; c < C; c++) if (row[c] !== 'ok') supp.push(at(r, c));
      if (!needsMore(supp)) continue;
      let best = -1;
      for (let c = 0; c < C; c++) if (row[c] === 'ok' && (best < 0 || at(r, c) < at(r, best))) best = c;
      if (best >= 0) row[best] = 'complementary';
      else suppressRow(r, 'complementary');
      changed = true;
    }
    // Rule 5: along published column totals.
    for (let c = 0; c < C; c++) {
      if (input.forcedMargin?.has(c) && margin[c] === 'ok') {
        margin[c] = 'complementary';
        changed = true;
      }
      if (margin[c] !== 'ok' || R <= 1) continue;
      const supp: number[] = [];
      for (let r = 0; r < R; r++) if (cells[r]?.[c] !== 'ok') supp.push(at(r, c));
      if (!needsMore(supp)) continue;
      let best = -1;
      for (let r = 0; r < R; r++) if (rows[r] === 'ok' && cells[r]?.[c] === 'ok' && (best < 0 || at(r, c) < at(best, c))) best = r;
      const row = best >= 0 ? cells[best] : undefined;
      if (row) row[c] = 'complementary';
      else margin[c] = 'complementary';
      changed = true;
    }
    // With a single row, the margin IS that row: keep them identical.
    if (R === 1) {
      for (let c = 0; c < C; c++) {
        const cell = cells[0]?.[c];
        if (cell && cell !== 'ok' && margin[c] === 'ok') {
          margin[c] = cell;
          changed = true;
        } else if (margin[c] !== 'ok' && cell === 'ok') {
          const row = cells[0];
          if (row) row[c] = margin[c] ?? 'complementary';
          changed = true;
        }
      }
    } else {
      // Rule 6: along the margin row (grand total published).
      const supp: number[] = [];
      for (let c = 0; c < C; c++) if (margin[c] !== 'ok') supp.push(colT[c] ?? 0);
      if (needsMore(supp)) {
        let best = -1;
        for (let c = 0; c < C; c++) if (margin[c] === 'ok' && (best < 0 || (colT[c] ?? 0) < (colT[best] ?? 0))) best = c;
        if (best >= 0) {
          margin[best] = 'complementary';
          changed = true;
        }
      }
      // A margin cell < k is itself a small cell.
      for (let c = 0; c < C; c++) {
        if (margin[c] === 'ok' && (colT[c] ?? 0) < k) {
          margin[c] = 'belowK';
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  if (grandT < k) grand = 'belowK';
  return { cells, rows, margin, grand };
}
