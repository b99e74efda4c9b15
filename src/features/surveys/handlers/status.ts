import { CardFactory } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import { renderSurveyReportCard, type SurveyReportBlock } from '../../../cards/surveys.js';
import { formatDateTime, HQ_TIME_ZONE } from '../../../domain/time.js';
import { suppressTable } from '../../../domain/surveys/suppression.js';
import type { BreakdownDimension, WaveNumber } from '../../../domain/surveys/types.js';
import { autoPlan } from '../notices.js';
import { activeEditionId } from '../support.js';
import { SURVEYS_TEXTS as T, WAVE_NAMES } from '../texts.js';

const DIMENSIONS: readonly Exclude<BreakdownDimension, 'group'>[] = ['vocalia', 'ambito', 'circunscripcion'];

/**
 * «encuestas» (UTIGyND): per wave its state, dates, invited, started, finished and response rate, and the rate by
 * vocalía, ámbito and circunscripción from the participation register (never from the answers). Cells with
 * fewer than k sent surveys, or that would let someone deduce such a cell, are withheld.
 */
export function surveysStatusHandler(ctx: FeatureContext): CommandHandler {
  return async (context) => {
    const editionId = await activeEditionId(ctx, context);
    if (!editionId) return;
    const edition = await ctx.services.editions.get(editionId);
    const surveys = ctx.services.surveys;
    const k = ctx.config.surveys.minCell;
    const [waves, plan, members] = await Promise.all([surveys.listWaves(editionId), autoPlan(ctx, editionId), ctx.services.members.list(editionId)]);
    const byKey = new Map(members.map((m) => [m.personKey, m]));
    const blocks: SurveyReportBlock[] = [];
    for (const n of [1, 2, 3] as const satisfies readonly WaveNumber[]) {
      const wave = waves.find((w) => w.wave === n);
      const lines: SurveyReportBlock['lines'] = [];
      if (!wave) {
        const auto = plan[n];
        lines.push({ text: T.waveNotOpened(auto ? formatDateTime(auto.opensAt, HQ_TIME_ZONE) : null), mono: false });
        blocks.push({ heading: WAVE_NAMES[n], lines });
        continue;
      }
      const register = await surveys.register(editionId, n);
      const invited = register.length;
      const finished = register.filter((r) => r.state === 'finished').length;
      const started = register.filter((r) => r.state !== 'invited').length;
      lines.push({ text: T.waveState(surveys.isAnswerable(wave), formatDateTime(wave.openedAt, HQ_TIME_ZONE), formatDateTime(wave.closedAt && wave.closedAt < wave.closesAt ? wave.closedAt : wave.closesAt, HQ_TIME_ZONE)), mono: false });
      lines.push({ text: T.waveCounts(invited, started, finished, invited ? T.percent(finished / invited) : '—'), mono: false });
      for (const dimension of DIMENSIONS) {
        const cells = new Map<string, { invited: number; finished: number }>();
        for (const r of register) {
          const m = byKey.get(r.personKey);
          const key = m ? String(m[dimension]) : '—';
          const cell = cells.get(key) ?? { invited: 0, finished: 0 };
          cell.invited++;
          if (r.state === 'finished') cell.finished++;
          cells.set(key, cell);
        }
        const entries = [...cells.entries()].sort(([a], [b]) => a.localeCompare(b, 'es'));
        // Columns: sent, not sent. A rate is shown only when both of its cells may be published.
        const table = suppressTable({ counts: entries.map(([, c]) => [c.finished, c.invited - c.finished]), k });
        lines.push({ text: T.rateBy(dimension), mono: false });
        entries.forEach(([key, c], i) => {
          const row = table.cells[i] ?? [];
          const status = row.includes('belowK') ? 'belowK' : row.find((x) => x !== 'ok');
          const text = status === undefined ? T.rateCell(key, c.finished, c.invited, T.percent(c.finished / c.invited)) : T.rateCellWithheld(key, c.invited, status === 'belowK' ? T.suppressed(k) : T.suppressedComplementary);
          lines.push({ text, mono: false });
        });
      }
      blocks.push({ heading: WAVE_NAMES[n], lines });
    }
    const card = renderSurveyReportCard({ title: T.statusTitle(edition?.nombre ?? editionId), intro: [T.statusIntro(k)], blocks, note: '' });
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  };
}
