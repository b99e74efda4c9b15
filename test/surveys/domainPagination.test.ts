import { describe, expect, it } from 'vitest';
import { loadDefaultInstruments } from '../../src/data/surveys/index.js';
import { oversizedPages, paginate, progress, reviewData, visiblePages } from '../../src/domain/surveys/pagination.js';
import { CARD_SIZE_LIMIT, PAGE_BYTE_BUDGET, type Instrument, type PageDraft, type Question } from '../../src/domain/surveys/types.js';

/**
 * A deliberately pessimistic estimator standing in for the card renderer: 2 KB of card chrome plus each
 * question serialized 4 times (labels, ids, choices), and 8 × 1.5 KB for a barrier block.
 */
const estimate = (d: PageDraft): number =>
  2000 + (d.intro?.length ?? 0) * 2 + d.questions.reduce((n, q) => n + (q.type === 'barriers' ? 12_000 : JSON.stringify(q).length * 4), 0);

function bigSection(n: number): Instrument {
  const questions: Question[] = Array.from({ length: n }, (_, i) => ({
    id: `q${i}`,
    type: 'single',
    text: `Pregunta ${i} `.repeat(20),
    required: false,
    options: Array.from({ length: 6 }, (_, j) => ({ value: `o${j}`, label: `Opción ${j} `.repeat(5) })),
  }));
  return { id: 'grande', wave: 1, version: '1', title: 'Grande', sections: [{ id: 's', title: 'S', questions }] };
}

describe('pagination', () => {
  it.each(loadDefaultInstruments().map((i) => [i.wave, i] as const))('wave %s: every page stays under the budget (well under 28 KB)', (_w, inst) => {
    const pages = paginate(inst, estimate);
    expect(oversizedPages(inst, pages, estimate, PAGE_BYTE_BUDGET)).toEqual([]);
    expect(PAGE_BYTE_BUDGET).toBeLessThan(CARD_SIZE_LIMIT * 0.7);
    // Every question appears exactly once, in order.
    expect(pages.flatMap((p) => p.questionIds)).toEqual(inst.sections.flatMap((s) => s.questions.map((q) => q.id)));
  });

  it('splits a section that is too big into parts with stable ids', () => {
    const inst = bigSection(12);
    const pages = paginate(inst, estimate, { maxBytes: 12_000 });
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.map((p) => p.id)).toEqual(pages.map((_, i) => (i === 0 ? 's' : `s#${i + 1}`)));
    expect(pages.every((p) => p.parts === pages.length)).toBe(true);
    expect(oversizedPages(inst, pages, estimate, 12_000)).toEqual([]);
  });

  it('caps the questions per page', () => {
    const pages = paginate(bigSection(12), () => 0, { maxQuestions: 5 });
    expect(pages.map((p) => p.questionIds.length)).toEqual([5, 5, 2]);
  });

  it('starts a new page before a question that depends on an answer of the same page', () => {
    const [w1] = loadDefaultInstruments() as [Instrument];
    const pages = paginate(w1, estimate);
    const events = pages.filter((p) => p.sectionId === 'trayectoria_eventos');
    expect(events.map((p) => p.questionIds)).toEqual([['eventos_carrera'], ['concursos_numero']]);
  });
});

describe('progress and review', () => {
  const [w1] = loadDefaultInstruments() as [Instrument];
  const pages = paginate(w1, estimate);

  it('counts only visible pages: the conditional page appears when its condition holds', () => {
    const without = visiblePages(w1, pages, { eventos_carrera: ['capacitacion'] });
    const withIt = visiblePages(w1, pages, { eventos_carrera: ['concurso_participo'] });
    expect(withIt.length).toBe(without.length + 1);
    // "Página 2 de N"
    const p = progress(w1, pages, 'trayectoria', {});
    expect(p).toMatchObject({ pageNumber: 2, pageCount: without.length, isFirst: false, isLast: false, previousPageId: 'expectativas', nextPageId: 'trayectoria_eventos' });
    // The page after the events is the conditional one only when it is visible.
    expect(progress(w1, pages, 'trayectoria_eventos', { eventos_carrera: ['concurso_participo'] })?.nextPageId).toBe('trayectoria_eventos#2');
    expect(progress(w1, pages, 'trayectoria_eventos', { eventos_carrera: ['capacitacion'] })?.nextPageId).toBe('competencias_liderazgo');
    expect(progress(w1, pages, 'trayectoria_eventos#2', { eventos_carrera: ['capacitacion'] })).toBeUndefined();
    const last = progress(w1, pages, 'barreras', {});
    expect(last).toMatchObject({ isLast: true, pageNumber: without.length });
  });

  it('review lists visible answers with labels and what is still missing', () => {
    const review = reviewData(w1, pages, { exp_principal: 'liderazgo', anios_spen: 7, comp_lid_decisiones: 4, eventos_carrera: ['capacitacion'] });
    const item = (id: string) => review.items.find((i) => i.questionId === id);
    expect(item('exp_principal')?.display).toEqual(['Fortalecer mi liderazgo']);
    expect(item('comp_lid_decisiones')?.display).toEqual(['4 – De acuerdo']);
    expect(item('anios_spen')?.display).toEqual(['7']);
    expect(item('concursos_numero')).toBeUndefined();
    expect(item('barreras')?.barriers).toHaveLength(8);
    expect(review.complete).toBe(false);
    expect(review.missingRequired).toContain('barreras');
    expect(review.missingRequired).not.toContain('exp_principal');
  });
});
