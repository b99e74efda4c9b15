import type { CardJson } from '../../cards/render.js';
import { renderSurveyReportCard, type SurveyReportBlock } from '../../cards/surveys.js';
import type { BarrierCategoryResult, BreakdownDimension, MeanEstimate, ProportionEstimate, QuestionResult, Suppressible, WaveComparison, WaveResults } from '../../domain/surveys/types.js';
import { isBarrierCategory } from '../../domain/barriers.js';
import { BARRIER_LABELS } from '../../texts/barriers.js';
import { SURVEYS_TEXTS as T } from './texts.js';

/**
 * Results and comparisons as report cards (UTIGyND). Distributions are compact text bars in a fixed-width font
 * (Teams shows them in every client, light or dark, without images). Long reports are split into several
 * cards, each well under Teams' ~28 KB.
 */

const CARD_BUDGET = 20_000;
const BAR_WIDTH = 10;

export function bar(share: number): string {
  const filled = Math.max(0, Math.min(BAR_WIDTH, Math.round(share * BAR_WIDTH)));
  return `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
}

function withheld<V>(x: Suppressible<V>, k: number): string | null {
  if (!x.suppressed) return null;
  return x.reason === 'belowK' ? T.suppressed(k) : T.suppressedComplementary;
}

const shown = <V>(x: Suppressible<V>, k: number, fmt: (v: V) => string): string => withheld(x, k) ?? fmt((x as { value: V }).value);

const meanText = (m: MeanEstimate): string => T.meanCi(m.mean, m.ci?.lower, m.ci?.upper);
const shareText = (p: ProportionEstimate): string => T.percentCi(p.share, p.ci.lower, p.ci.upper);

function questionBlock(q: QuestionResult, k: number): SurveyReportBlock {
  const lines: SurveyReportBlock['lines'] = [{ text: T.nLine(shown(q.n, k, String)), mono: false }];
  for (const o of q.options ?? []) {
    const w = withheld(o.share, k) ?? withheld(o.count, k);
    lines.push({ text: w ? `${'·'.repeat(BAR_WIDTH)} ${o.label}: ${w}` : `${bar((o.share as { value: number }).value)} ${T.percent((o.share as { value: number }).value)} ${o.label}`, mono: true });
  }
  if (q.mean) lines.push({ text: T.meanLine(shown(q.mean, k, meanText)), mono: false });
  return { heading: q.text, lines };
}

function barrierBlock(barriers: readonly BarrierCategoryResult[], k: number): SurveyReportBlock | undefined {
  if (barriers.length === 0) return undefined;
  return {
    heading: T.barriersHeading,
    lines: barriers.map((b) => ({ text: T.barrierResult(BARRIER_LABELS[b.category], shown(b.faced, k, shareText), shown(b.effect, k, meanText)), mono: false })),
  };
}

/** Splits blocks into cards of at most CARD_BUDGET bytes (each with the title; the intro and note on the first and last). */
export function reportCards(title: string, intro: string[], blocks: SurveyReportBlock[], note: string): CardJson[] {
  const cards: CardJson[] = [];
  let current: SurveyReportBlock[] = [];
  const render = (bs: SurveyReportBlock[], first: boolean, last: boolean): CardJson => renderSurveyReportCard({ title, intro: first ? intro : [], blocks: bs, note: last ? note : '' });
  for (const b of blocks) {
    const candidate = [...current, b];
    if (current.length > 0 && Buffer.byteLength(JSON.stringify(render(candidate, cards.length === 0, true))) > CARD_BUDGET) {
      cards.push(render(current, cards.length === 0, false));
      current = [b];
    } else current = candidate;
  }
  cards.push(render(current, cards.length === 0, true));
  return cards;
}

/** «encuesta resultados N [por …]» as cards. */
export function resultsCards(r: WaveResults): CardJson[] {
  const k = r.k;
  const rate = r.responseRate ? withheld(r.responseRate, k) ?? T.percent((r.responseRate as { value: number }).value) : null;
  const intro = [T.resultsRespondents(shown(r.respondents, k, String), r.invited, rate)];
  if (r.breakdown) intro.push(T.resultsBy(r.breakdown.dimension));
  const blocks: SurveyReportBlock[] = [];
  if (r.breakdown) {
    const dimension: BreakdownDimension = r.breakdown.dimension;
    for (const g of r.breakdown.groups) {
      const lines: SurveyReportBlock['lines'] = [];
      for (const q of g.questions) {
        if (q.mean) lines.push({ text: `${q.text}: ${shown(q.mean, k, meanText)}`, mono: false });
        else if (q.options) {
          for (const o of q.options) lines.push({ text: `${q.text} · ${o.label}: ${shown(o.share, k, (v) => T.percent(v))}`, mono: false });
        }
      }
      for (const b of g.barriers) lines.push({ text: T.barrierResult(BARRIER_LABELS[b.category], shown(b.faced, k, shareText), shown(b.effect, k, meanText)), mono: false });
      blocks.push({ heading: T.groupHeading(dimension, g.key, shown(g.respondents, k, String)), lines });
    }
  } else {
    for (const q of r.questions) blocks.push(questionBlock(q, k));
    const b = barrierBlock(r.barriers, k);
    if (b) blocks.push(b);
    for (const f of r.freeText) {
      blocks.push({ heading: f.answers.suppressed ? T.freeTextSuppressed(f.text, k) : T.freeTextHeading(f.text, f.answers.value.length), lines: [] });
    }
  }
  return reportCards(T.resultsTitle(r.wave), intro, blocks, T.resultsNote(k));
}

/** A barrier sub-item ("culturales.faced") in Spanish: «Barreras · Culturales (la enfrentó)». */
function itemLabel(text: string, item: string): string {
  const [category, field] = item.split('.');
  const label = isBarrierCategory(category) ? BARRIER_LABELS[category] : category ?? item;
  return T.barrierItem(text, label, field === 'effect' ? 'effect' : 'faced');
}

/** «encuesta comparar» as cards. */
export function comparisonCards(c: WaveComparison): CardJson[] {
  const k = c.k;
  const blocks: SurveyReportBlock[] = [];
  const items = c.items.map((i) => ({
    text: T.compareItem(
      i.item ? itemLabel(i.text, i.item) : i.text,
      shown(i.meanBefore, k, (v) => v.toFixed(2)),
      shown(i.meanAfter, k, (v) => v.toFixed(2)),
      shown(i.change, k, meanText),
      shown(i.n, k, String),
    ),
    mono: false,
  }));
  blocks.push({ heading: T.itemsHeading, lines: items.length ? items : [{ text: T.noItems, mono: false }] });
  if (c.careerEvents.length) {
    blocks.push({
      heading: T.careerHeading,
      lines: c.careerEvents.map((e) => ({ text: T.careerItem(e.label, shown(e.before, k, shareText), shown(e.after, k, shareText), shown(e.n, k, String)), mono: false })),
    });
  }
  return reportCards(T.compareTitle(c.fromWave, c.toWave), [T.comparePairs(shown(c.pairs, k, String))], blocks, T.resultsNote(k));
}
