import { describe, expect, it } from 'vitest';
import { memoryReader } from '../../bench/surveyResults.js';
import { BARRIER_CATEGORIES } from '../../src/domain/barriers.js';
import { parseInstrument } from '../../src/domain/surveys/instrument.js';
import type { BarrierBlockAnswer, Instrument, StoredResponse, Suppressible, WaveResults } from '../../src/domain/surveys/types.js';
import { buildComparison, buildWaveResults } from '../../src/services/surveys/results.js';
import { smallInstrument } from './domainFixtures.js';

function instrument(wave: 1 | 2): Instrument {
  const r = parseInstrument({ ...smallInstrument(), wave, id: `prueba${wave}` });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.instrument;
}

const NIVEL = [1, 2, 3, 4, 5, 5, 4, 4, 3, 3, 2, 1];
const EFFECTS = [1, 2, 3, 4, 5, 5];

/**
 * 12 respondents r0..r11. Vocalía VE: r0..r6 (7), VS: r7..r11 (5). Group 1: r0..r5, group 2: r6..r10, r11
 * without group. Color: rojo r0..r8 (9), azul r9..r11 (3). «por_que» written by r0..r4 (5 texts). Nivel as
 * NIVEL. Barrier «culturales» faced by r0..r5 with effects EFFECTS; the other categories by nobody.
 */
function responses(): StoredResponse[] {
  return NIVEL.map((nivel, i) => {
    const barreras: BarrierBlockAnswer = Object.fromEntries(BARRIER_CATEGORIES.map((c) => [c, { faced: false }]));
    if (i < 6) barreras.culturales = { faced: true, effect: EFFECTS[i] as 1 | 2 | 3 | 4 | 5, ...(i === 0 ? { example: 'Un solo ejemplo' } : {}) };
    return {
      respondent: `clave-secreta-${i}`,
      answers: { color: i < 9 ? 'rojo' : 'azul', ...(i < 5 ? { por_que: `Razón ${String.fromCharCode(69 - i)}` } : {}), nivel, anios: 10, barreras },
      profile: { vocalia: i < 7 ? 'VE' : 'VS', ambito: i < 6 ? 'JLE' : 'JDE', circunscripcion: 1, ...(i < 6 ? { group: 1 } : i < 11 ? { group: 2 } : {}) },
    };
  });
}

const value = <T>(s: Suppressible<T> | undefined): T => {
  if (!s || s.suppressed) throw new Error(`suppressed: ${JSON.stringify(s)}`);
  return s.value;
};
const question = (r: WaveResults | { questions: WaveResults['questions'] }, id: string) => r.questions.find((q) => q.questionId === id)!;
const barrier = (r: { barriers: WaveResults['barriers'] }, c: string) => r.barriers.find((b) => b.category === c)!;

describe('wave results', () => {
  it('counts respondents and the response rate', async () => {
    const r = await buildWaveResults(memoryReader({ 1: responses() }), 'ed', instrument(1), { invited: 24 });
    expect(value(r.respondents)).toBe(12);
    expect(value(r.responseRate)).toBe(0.5);
  });

  it('Likert mean with its 95% t interval (by hand)', async () => {
    // Σx = 37, Σx² = 135, n = 12: mean 3.083333; SS = 135 − 37²/12 = 20.916667; s² = 1.901515; s = 1.378954
    // se = 0.398070; t(0.975, 11) = 2.200985; half = 0.876146 → [2.2072, 3.9595]
    const r = await buildWaveResults(memoryReader({ 1: responses() }), 'ed', instrument(1));
    const mean = value(question(r, 'nivel').mean);
    expect(mean.mean).toBeCloseTo(3.083333, 5);
    expect(mean.ci?.lower).toBeCloseTo(2.2072, 4);
    expect(mean.ci?.upper).toBeCloseTo(3.9595, 4);
    // Every Likert value was chosen by fewer than 5 people: the distribution is withheld, the mean is not.
    expect(question(r, 'nivel').options?.every((o) => o.count.suppressed)).toBe(true);
  });

  it('a closed question 9 / 3: «azul» is below k and «rojo» would give it away (12 − 9): both withheld', async () => {
    const r = await buildWaveResults(memoryReader({ 1: responses() }), 'ed', instrument(1));
    const color = question(r, 'color');
    expect(value(color.n)).toBe(12);
    expect(color.options?.map((o) => [o.value, o.count.suppressed ? o.count.reason : o.count.value])).toEqual([
      ['rojo', 'complementary'],
      ['azul', 'belowK'],
    ]);
  });

  it('barrier block: share that faced it (Wilson) and mean effect (t), by hand', async () => {
    // culturales: 6 of 12 → 0.5, Wilson [0.2538, 0.7462]. Effects 1,2,3,4,5,5: mean 20/6 = 3.333333,
    // SS = 80 − 400/6 = 13.333333, s² = 2.666667, s = 1.632993, se = 0.666667, t(0.975, 5) = 2.570582,
    // half = 1.713721 → [1.6196, 5.0471].
    const r = await buildWaveResults(memoryReader({ 1: responses() }), 'ed', instrument(1));
    const cult = barrier(r, 'culturales');
    const faced = value(cult.faced);
    expect(faced.share).toBe(0.5);
    expect(faced.ci.lower).toBeCloseTo(0.2538, 4);
    expect(faced.ci.upper).toBeCloseTo(0.7462, 4);
    const effect = value(cult.effect);
    expect(effect.mean).toBeCloseTo(3.333333, 5);
    expect(effect.ci?.lower).toBeCloseTo(1.6196, 4);
    expect(effect.ci?.upper).toBeCloseTo(5.0471, 4);
    // Nobody faced «educativas»: 0 of 12 is a cell below k, withheld with its complement.
    expect(barrier(r, 'educativas').faced.suppressed).toBe(true);
  });

  it('free text without identity, only from k answers up; barrier examples below k are withheld', async () => {
    const r = await buildWaveResults(memoryReader({ 1: responses() }), 'ed', instrument(1));
    const texts = r.freeText.find((f) => f.questionId === 'por_que')!;
    // Sorted, so the order says nothing about who wrote what.
    expect(value(texts.answers)).toEqual(['Razón A', 'Razón B', 'Razón C', 'Razón D', 'Razón E']);
    expect(JSON.stringify(r)).not.toContain('clave-secreta');
    expect(r.freeText.find((f) => f.category === 'culturales')?.answers.suppressed).toBe(true);

    const four = responses().map((x, i) => (i === 4 ? { ...x, answers: { ...x.answers, por_que: undefined as unknown as string } } : x));
    for (const x of four) if (x.answers.por_que === undefined) delete x.answers.por_que;
    const r4 = await buildWaveResults(memoryReader({ 1: four }), 'ed', instrument(1));
    expect(r4.freeText.find((f) => f.questionId === 'por_que')?.answers).toEqual({ suppressed: true, reason: 'belowK' });
  });

  it('breakdown by group: a group below k is withheld, and the next smallest with it (so the total cannot reveal it)', async () => {
    const r = await buildWaveResults(memoryReader({ 1: responses() }), 'ed', instrument(1), { by: 'group' });
    const groups = r.breakdown!.groups;
    expect(groups.map((g) => [g.key, g.respondents.suppressed ? g.respondents.reason : g.respondents.value])).toEqual([
      ['1', 6],
      ['2', 'complementary'],
      ['sin_grupo', 'belowK'],
    ]);
    // Everything inside a withheld group is withheld.
    expect(question(groups[1]!, 'nivel').mean?.suppressed).toBe(true);
    expect(value(question(groups[0]!, 'nivel').mean).n).toBe(6);
  });

  it('the overall figures are the same whichever breakdown is asked for', async () => {
    const reader = memoryReader({ 1: responses() });
    const plain = await buildWaveResults(reader, 'ed', instrument(1));
    for (const by of ['vocalia', 'ambito', 'circunscripcion', 'group'] as const) {
      const withBy = await buildWaveResults(reader, 'ed', instrument(1), { by });
      expect(withBy.questions).toEqual(plain.questions);
      expect(withBy.barriers).toEqual(plain.barriers);
    }
  });

  it('below k respondents nothing is published', async () => {
    const r = await buildWaveResults(memoryReader({ 1: responses().slice(0, 4) }), 'ed', instrument(1), { by: 'vocalia' });
    expect(r.respondents).toEqual({ suppressed: true, reason: 'belowK' });
    expect(JSON.stringify(r.questions)).not.toContain('"suppressed":false');
    expect(JSON.stringify(r.barriers)).not.toContain('"suppressed":false');
  });
});

describe('paired comparison', () => {
  /** Wave 2: r0..r5 answer again with nivel 2,3,3,5,5,5 (before 1,2,3,4,5,5). */
  function wave2(n = 6): StoredResponse[] {
    const after = [2, 3, 3, 5, 5, 5];
    return responses()
      .slice(0, n)
      .map((x, i) => ({ ...x, answers: { ...x.answers, nivel: after[i]! } }));
  }

  it('mean change on linked pairs with its 95% interval (by hand)', async () => {
    // differences 1,1,0,1,0,0: mean 0.5; SS = 6 · 0.25 = 1.5; s² = 0.3; s = 0.547723; se = 0.223607;
    // t(0.975, 5) = 2.570582; half = 0.574801 → [−0.0748, 1.0748].
    const c = await buildComparison(memoryReader({ 1: responses(), 2: wave2() }), 'ed', instrument(1), instrument(2));
    expect(value(c.pairs)).toBe(6);
    const nivel = c.items.find((i) => i.questionId === 'nivel')!;
    expect(value(nivel.n)).toBe(6);
    const change = value(nivel.change);
    expect(change.mean).toBeCloseTo(0.5, 10);
    expect(change.ci?.lower).toBeCloseTo(-0.0748, 4);
    expect(change.ci?.upper).toBeCloseTo(1.0748, 4);
    expect(value(nivel.meanBefore)).toBeCloseTo(20 / 6, 10);
    expect(value(nivel.meanAfter)).toBeCloseTo(23 / 6, 10);
    // Barrier items are compared per category.
    expect(c.items.some((i) => i.item === 'culturales.faced')).toBe(true);
  });

  it('fewer than k pairs: suppressed', async () => {
    const c = await buildComparison(memoryReader({ 1: responses(), 2: wave2(4) }), 'ed', instrument(1), instrument(2));
    expect(c.pairs).toEqual({ suppressed: true, reason: 'belowK' });
    expect(c.items.every((i) => i.change.suppressed)).toBe(true);
  });

  it('the before mean is withheld when the unpaired respondents of that wave are fewer than k', async () => {
    // Wave 1: 8 respondents, 6 paired → the 2 others could be isolated as (wave mean · 8 − pairs mean · 6) / 2.
    const c = await buildComparison(memoryReader({ 1: responses().slice(0, 8), 2: wave2() }), 'ed', instrument(1), instrument(2));
    const nivel = c.items.find((i) => i.questionId === 'nivel')!;
    expect(nivel.meanBefore).toEqual({ suppressed: true, reason: 'complementary' });
    expect(nivel.change.suppressed).toBe(false);
  });
});
