import { describe, expect, it } from 'vitest';
import { loadDefaultInstrument } from '../../src/data/surveys/index.js';
import { BARRIER_CATEGORIES } from '../../src/domain/barriers.js';
import {
  barrierInputIdFor,
  inputIdFor,
  isVisible,
  mergePageAnswers,
  missingRequired,
  pruneHidden,
  readPageInputs,
  validateAnswers,
} from '../../src/domain/surveys/answers.js';
import { parseInstrument } from '../../src/domain/surveys/instrument.js';
import { paginate } from '../../src/domain/surveys/pagination.js';
import type { AnswerErrorCode, BarrierBlockAnswer, Instrument } from '../../src/domain/surveys/types.js';
import { smallInstrument } from './domainFixtures.js';

function instrument(): Instrument {
  const raw = smallInstrument();
  // A second level: «subsub» shows only when «sub» (itself shown only for red) is answered «si».
  (raw.sections as Array<{ questions: unknown[] }>)[1]!.questions.splice(1, 0,
    { id: 'sub', type: 'single', text: 'Sub', required: true, options: [{ value: 'si', label: 'Sí' }, { value: 'no', label: 'No' }], showIf: { questionId: 'color', equals: 'rojo' } },
    { id: 'subsub', type: 'longText', text: 'Sub-sub', required: true, maxLength: 50, showIf: { questionId: 'sub', equals: 'si' } },
  );
  const r = parseInstrument(raw);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.instrument;
}

const fullBlock = (): BarrierBlockAnswer => Object.fromEntries(BARRIER_CATEGORIES.map((c, i) => [c, i % 2 ? { faced: true, effect: 3 } : { faced: false }]));

describe('conditional visibility', () => {
  const inst = instrument();
  it.each([
    [{}, 'por_que', false],
    [{ color: 'rojo' }, 'por_que', true],
    [{ color: 'azul' }, 'por_que', false],
    [{ color: 'rojo', sub: 'si' }, 'subsub', true],
    // Two levels: «subsub» depends on «sub», which is hidden when the color is not red.
    [{ color: 'azul', sub: 'si' }, 'subsub', false],
    [{ color: 'rojo', sub: 'no' }, 'subsub', false],
    [{}, 'nivel', true],
  ])('answers %j → %s visible: %s', (answers, id, visible) => {
    expect(isVisible(inst, id, answers)).toBe(visible);
  });

  it('pruneHidden drops answers to questions hidden by a changed answer, following chains', () => {
    expect(pruneHidden(inst, { color: 'azul', por_que: 'x', sub: 'si', subsub: 'y', nivel: 3 })).toEqual({ color: 'azul', nivel: 3 });
  });
});

describe('answer validation (forged values)', () => {
  const inst = instrument();
  it.each<[string, Record<string, unknown>, AnswerErrorCode, string?]>([
    ['unknown question id', { fantasma: 'x' }, 'unknownQuestion'],
    ['value outside the options', { color: 'verde' }, 'notAnOption'],
    ['wrong type for single', { color: 3 }, 'wrongType'],
    ['likert out of range', { nivel: 6 }, 'outOfRange'],
    ['likert not an integer', { nivel: 2.5 }, 'outOfRange'],
    ['number out of range', { anios: 41 }, 'outOfRange'],
    ['number not an integer', { anios: 3.5 }, 'notInteger'],
    ['number as text', { anios: 'tres' }, 'wrongType'],
    ['10,000-character text', { color: 'rojo', por_que: 'x'.repeat(10_000) }, 'tooLong'],
    ['answer to a hidden question', { color: 'azul', por_que: 'porque sí' }, 'hiddenQuestion'],
    ['barrier category that does not exist', { barreras: { inventada: { faced: true, effect: 2 } } }, 'notAnOption', 'inventada'],
    ['barrier effect out of range', { barreras: { culturales: { faced: true, effect: 9 } } }, 'outOfRange', 'culturales.effect'],
    ['barrier effect without having faced it', { barreras: { culturales: { faced: false, effect: 2 } } }, 'inconsistent', 'culturales.effect'],
    ['barrier example too long', { barreras: { culturales: { faced: true, effect: 2, example: 'x'.repeat(1001) } } }, 'tooLong', 'culturales.example'],
    ['barrier faced not a boolean', { barreras: { culturales: { faced: 'sí' } } }, 'wrongType', 'culturales.faced'],
  ])('%s', (_name, answers, code, field) => {
    const r = validateAnswers(inst, answers);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toContainEqual(expect.objectContaining({ code, ...(field ? { field } : {}) }));
  });

  it('accepts valid answers and normalizes texts and choice order', () => {
    const r = validateAnswers(inst, { color: 'rojo', por_que: '  me gusta  ', nivel: 4, anios: 12, barreras: fullBlock() });
    expect(r).toEqual({ ok: true, answers: { color: 'rojo', por_que: 'me gusta', nivel: 4, anios: 12, barreras: fullBlock() } });
  });

  it('refuses ids outside the page scope', () => {
    const r = validateAnswers(inst, { nivel: 3 }, { scope: ['color', 'por_que'] });
    expect(r.ok ? [] : r.errors).toEqual([{ questionId: 'nivel', code: 'unknownQuestion' }]);
  });

  it('judges visibility on the stored answers (context) overlaid with the page', () => {
    expect(validateAnswers(inst, { sub: 'si' }, { scope: ['sub', 'subsub'], context: { color: 'rojo' } }).ok).toBe(true);
    const hidden = validateAnswers(inst, { sub: 'si' }, { scope: ['sub', 'subsub'], context: { color: 'azul' } });
    expect(hidden.ok ? [] : hidden.errors).toEqual([{ questionId: 'sub', code: 'hiddenQuestion' }]);
  });

  it('complete: required visible questions, and the whole barrier block (effect when faced)', () => {
    const block = fullBlock();
    delete block.politicas;
    (block.educativas as { effect?: number }).effect = undefined;
    const r = validateAnswers(inst, { color: 'rojo', nivel: 3, anios: 2, barreras: block }, { complete: true });
    expect(r.ok ? [] : r.errors).toEqual(
      expect.arrayContaining([
        { questionId: 'sub', code: 'required' },
        { questionId: 'barreras', code: 'required', field: 'politicas.faced' },
        { questionId: 'barreras', code: 'required', field: 'educativas.effect' },
      ]),
    );
    expect(missingRequired(inst, { color: 'azul', nivel: 3, anios: 2, barreras: fullBlock() })).toEqual([]);
    expect(missingRequired(inst, { color: 'rojo', nivel: 3, anios: 2, barreras: fullBlock() })).toEqual(['sub']);
  });
});

describe('card inputs and page merge', () => {
  const inst = loadDefaultInstrument(1);
  const pages = paginate(inst, () => 1000);
  const page = (id: string) => pages.find((p) => p.id === id)!;

  it('reads choice sets, numbers, toggles and the barrier block from card inputs', () => {
    const raw: Record<string, unknown> = { verb: 'survey.next', [inputIdFor('anios_spen')]: '12', [inputIdFor('anios_cargo')]: 3, [inputIdFor('forma_ocupacion')]: 'titular' };
    const r = readPageInputs(inst, page('trayectoria'), raw);
    expect(r).toEqual({ ok: true, answers: { anios_spen: 12, anios_cargo: 3, forma_ocupacion: 'titular' } });

    const b: Record<string, unknown> = {};
    for (const c of BARRIER_CATEGORIES) b[barrierInputIdFor('barreras', c, 'faced')] = 'false';
    b[barrierInputIdFor('barreras', 'politicas', 'faced')] = 'true';
    b[barrierInputIdFor('barreras', 'politicas', 'effect')] = '4';
    b[barrierInputIdFor('barreras', 'politicas', 'example')] = '  Un ejemplo  ';
    // Effect left on a category answered "no" is ignored (the input stays on the card).
    b[barrierInputIdFor('barreras', 'culturales', 'effect')] = '5';
    const rb = readPageInputs(inst, page('barreras'), b);
    expect(rb.ok).toBe(true);
    if (rb.ok) {
      const block = rb.answers.barreras as BarrierBlockAnswer;
      expect(block.politicas).toEqual({ faced: true, effect: 4, example: 'Un ejemplo' });
      expect(block.culturales).toEqual({ faced: false });
    }
  });

  it('multi-select comes as "a,b"', () => {
    const r = readPageInputs(inst, page('trayectoria_eventos'), { [inputIdFor('eventos_carrera')]: 'capacitacion,concurso_participo' });
    expect(r).toEqual({ ok: true, answers: { eventos_carrera: ['concurso_participo', 'capacitacion'] } });
  });

  it('refuses inputs of another page and out-of-range values', () => {
    const r = readPageInputs(inst, page('trayectoria'), { [inputIdFor('exp_principal')]: 'liderazgo', [inputIdFor('anios_spen')]: '99' });
    expect(r.ok ? [] : r.errors).toEqual(expect.arrayContaining([{ questionId: 'exp_principal', code: 'unknownQuestion' }, { questionId: 'anios_spen', code: 'outOfRange' }]));
  });

  it('refuses a conditional page whose condition does not hold', () => {
    const r = readPageInputs(inst, page('trayectoria_eventos#2'), { [inputIdFor('concursos_numero')]: '2' }, { eventos_carrera: ['capacitacion'] });
    expect(r.ok ? [] : r.errors).toEqual([{ questionId: 'concursos_numero', code: 'hiddenQuestion' }]);
  });

  it('merging a page replaces its answers and drops answers hidden by the change', () => {
    const stored = { eventos_carrera: ['concurso_participo'], concursos_numero: 2, anios_spen: 4 };
    const merged = mergePageAnswers(inst, stored, page('trayectoria_eventos'), { eventos_carrera: ['ninguno'] });
    expect(merged).toEqual({ anios_spen: 4, eventos_carrera: ['ninguno'] });
  });
});
