import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENT_FILES, loadDefaultInstrument, loadDefaultInstruments } from '../../src/data/surveys/index.js';
import { BARRIER_CATEGORIES } from '../../src/domain/barriers.js';
import { allQuestions, checkInstrumentSet, checkReplacement, parseInstrument } from '../../src/domain/surveys/instrument.js';
import type { Instrument, Question } from '../../src/domain/surveys/types.js';
import { smallInstrument } from './domainFixtures.js';

type Mutator = (raw: ReturnType<typeof smallInstrument>) => void;
const sections = (raw: Record<string, unknown>) => raw.sections as Array<{ id: string; questions: Array<Record<string, unknown>> }>;
const q = (raw: Record<string, unknown>, s: number, i: number): Record<string, unknown> => sections(raw)[s]!.questions[i]!;

describe('instrument validation', () => {
  it('accepts a valid instrument', () => {
    const r = parseInstrument(smallInstrument());
    expect(r.ok).toBe(true);
  });

  it.each<[string, Mutator, string]>([
    ['options missing on a single-choice question', (r) => delete q(r, 0, 0).options, 'sections[0].questions[0].options: '],
    ['options on a likert question', (r) => (q(r, 1, 0).options = [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }]), 'sections[1].questions[0].options: '],
    ['duplicate option value', (r) => ((q(r, 0, 0).options as Array<{ value: string }>)[1]!.value = 'rojo'), 'sections[0].questions[0].options[1].value: '],
    ['duplicate question id across sections', (r) => (q(r, 1, 1).id = 'color'), 'sections[1].questions[1].id: la pregunta «color» ya existe en sections[0].questions[0]'],
    ['duplicate section id', (r) => (sections(r)[1]!.id = 'uno'), 'sections[1].id: '],
    ['unknown type', (r) => (q(r, 1, 1).type = 'fecha'), 'sections[1].questions[1].type: '],
    ['bad id', (r) => (q(r, 0, 0).id = 'Color Favorito'), 'sections[0].questions[0].id: '],
    ['unknown field (typo)', (r) => (q(r, 0, 0).requried = true), 'sections[0].questions[0]: campo desconocido: «requried»'],
    ['number without bounds', (r) => delete q(r, 1, 1).max, 'sections[1].questions[1]: '],
    ['min above max', (r) => (q(r, 1, 1).min = 50), 'sections[1].questions[1].min: '],
    ['maxLength above the limit', (r) => (q(r, 0, 1).maxLength = 100000), 'sections[0].questions[1].maxLength: '],
    ['maxLength on a choice question', (r) => (q(r, 0, 0).maxLength = 10), 'sections[0].questions[0].maxLength: '],
    ['showIf to a later question', (r) => (q(r, 0, 1).showIf = { questionId: 'nivel', equals: 3 }), 'sections[0].questions[1].showIf.questionId: la pregunta «nivel» debe aparecer antes de esta.'],
    ['showIf to an unknown question', (r) => (q(r, 0, 1).showIf = { questionId: 'nada', equals: 'x' }), 'sections[0].questions[1].showIf.questionId: la pregunta «nada» no existe.'],
    ['showIf with an impossible value', (r) => (q(r, 0, 1).showIf = { questionId: 'color', equals: 'verde' }), 'sections[0].questions[1].showIf.equals: '],
    ['showIf with both equals and in', (r) => (q(r, 0, 1).showIf = { questionId: 'color', equals: 'rojo', in: ['azul'] }), 'sections[0].questions[1].showIf: '],
    ['empty section', (r) => (sections(r)[1]!.questions = []), 'sections[1].questions: '],
    ['wave out of range', (r) => (r.wave = 4), 'wave: '],
    ['missing title', (r) => delete r.title, 'title: falta este campo.'],
  ])('refuses %s, naming the path', (_name, mutate, expected) => {
    const raw = smallInstrument();
    mutate(raw);
    const r = parseInstrument(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.some((e) => e.startsWith(expected))).toBe(true);
  });

  it('refuses what is not an object', () => {
    const r = parseInstrument([1, 2]);
    expect(r.ok).toBe(false);
  });

  it('accepts a condition on a conditional question (two levels)', () => {
    const raw = smallInstrument();
    sections(raw)[0]!.questions.push({ id: 'detalle', type: 'longText', text: 'Detalle', required: false, showIf: { questionId: 'color', in: ['rojo'] } });
    sections(raw)[1]!.questions.splice(1, 0, { id: 'sub', type: 'likert', text: 'Sub', required: false, showIf: { questionId: 'nivel', in: [4, 5] } });
    sections(raw)[1]!.questions.splice(2, 0, { id: 'subsub', type: 'shortText', text: 'Sub-sub', required: false, showIf: { questionId: 'sub', equals: 5 } });
    const r = parseInstrument(raw);
    expect(r.ok ? [] : r.errors).toEqual([]);
  });
});

describe('instruments across waves', () => {
  const parse = (raw: Record<string, unknown>): Instrument => {
    const r = parseInstrument(raw);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    return r.instrument;
  };

  it('repeated items must be identical (type, options, range) in every wave', () => {
    const w1 = parse(smallInstrument());
    const raw2 = { ...smallInstrument(), wave: 2, id: 'prueba2' };
    q(raw2, 1, 0).type = 'number';
    q(raw2, 1, 0).min = 1;
    q(raw2, 1, 0).max = 5;
    const w2 = parse(raw2);
    expect(checkInstrumentSet([w1, w2]).join('\n')).toContain('«nivel» difiere entre la ola 1 y la ola 2 (tipo)');
  });

  it('an item repeated in one wave only is flagged', () => {
    const w1 = parse(smallInstrument());
    const raw2 = { ...smallInstrument(), wave: 2, id: 'prueba2' };
    delete q(raw2, 1, 0).repeated;
    expect(checkInstrumentSet([w1, parse(raw2)]).join('\n')).toContain('solo en una está marcada como repetida');
  });

  it('a replacement keeps the wave, changes the version and keeps every repeated item', () => {
    const current = parse(smallInstrument());
    const raw = smallInstrument();
    sections(raw)[1]!.questions = sections(raw)[1]!.questions.filter((x) => x.id !== 'nivel');
    const errors = checkReplacement(current, parse(raw));
    expect(errors.join('\n')).toContain('debe tener una versión distinta');
    expect(errors.join('\n')).toContain('Falta la pregunta repetida «nivel»');
    const ok = smallInstrument();
    ok.version = 'v2';
    expect(checkReplacement(current, parse(ok))).toEqual([]);
  });
});

describe('the three default instruments', () => {
  const instruments = loadDefaultInstruments();
  const ids = (i: Instrument, pred: (q: Question) => boolean): string[] => allQuestions(i).filter(pred).map((x) => x.id);

  it.each(Object.entries(DEFAULT_INSTRUMENT_FILES))('wave %s (%s) is valid and is that wave', (wave) => {
    expect(loadDefaultInstrument(Number(wave) as 1 | 2 | 3).wave).toBe(Number(wave));
  });

  it('are consistent across waves', () => {
    expect(checkInstrumentSet(instruments)).toEqual([]);
  });

  it('share the competence items and the barrier block in all three waves, and the career events in waves 1 and 3', () => {
    const [w1, w2, w3] = instruments as [Instrument, Instrument, Instrument];
    const comp = ids(w1, (x) => x.id.startsWith('comp_'));
    expect(comp.length).toBeGreaterThanOrEqual(8);
    for (const w of [w2, w3]) expect(ids(w, (x) => x.id.startsWith('comp_'))).toEqual(comp);
    for (const w of instruments) expect(ids(w, (x) => x.type === 'barriers')).toEqual(['barreras']);
    expect(ids(w1, (x) => x.id === 'eventos_carrera')).toEqual(['eventos_carrera']);
    expect(ids(w3, (x) => x.id === 'eventos_carrera')).toEqual(['eventos_carrera']);
    for (const w of instruments) for (const x of allQuestions(w)) if (comp.includes(x.id) || x.type === 'barriers') expect(x.repeated).toBe(true);
  });

  it('wave 1 asks expectations, trajectory, career events, competences and barriers; wave 2 participation, usefulness per eje, change and suggestions; wave 3 contacts', () => {
    const [w1, w2, w3] = instruments as [Instrument, Instrument, Instrument];
    expect(w1.sections.map((s) => s.id)).toEqual(['expectativas', 'trayectoria', 'trayectoria_eventos', 'competencias_liderazgo', 'competencias_tecnicas', 'barreras']);
    expect(ids(w2, () => true)).toEqual(expect.arrayContaining(['part_sesiones', 'util_liderazgo', 'util_competencias', 'util_actualizacion', 'cambio_aspectos', 'sugerencias']));
    expect(ids(w3, () => true)).toEqual(expect.arrayContaining(['eventos_carrera', 'red_contacto', 'red_apoyo_vigente', 'barreras']));
    expect(BARRIER_CATEGORIES).toHaveLength(8);
  });
});
