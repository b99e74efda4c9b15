import { describe, expect, it } from 'vitest';
import {
  compileGeneralReport,
  createScrubber,
  effectiveK,
  isEmptyReport,
  prePost,
  suppressQuestion,
  suppressWave,
  type GeneralReportInput,
  type ReportMember,
  type SurveyQuestionIn,
} from '../../src/domain/generalReport/index.js';
import { BARRIER_CATEGORIES } from '../../src/domain/barriers.js';

const PH = { person: '[nombre]', email: '[correo]', phone: '[tel]', place: '[lugar]' };
const OPTS = { placeholders: PH, unknownLabel: 'Sin dato', negativeAnswers: ['No', 'Ninguna'] };

const CATALOG: GeneralReportInput['catalog'] = {
  vocalias: [
    { key: 'VE', label: 'Vocalía Ejecutiva' },
    { key: 'VS', label: 'Vocalía Secretarial' },
  ],
  ambitos: [
    { key: 'JLE', label: 'Junta Local Ejecutiva' },
    { key: 'JDE', label: 'Junta Distrital Ejecutiva' },
  ],
  entidades: [
    { key: '09', label: 'Ciudad de México', circunscripcion: 4 },
    { key: '14', label: 'Jalisco', circunscripcion: 1 },
  ],
  circunscripciones: [
    { key: '1', label: 'Circunscripción 1 (Guadalajara)', cabecera: 'Guadalajara' },
    { key: '4', label: 'Circunscripción 4 (Ciudad de México)', cabecera: 'Ciudad de México' },
  ],
  ejes: [
    { key: 'liderazgo', label: 'Liderazgo' },
    { key: 'competencias', label: 'Competencias' },
  ],
};

const member = (i: number, over: Partial<ReportMember> = {}): ReportMember => ({
  id: `e:${i}`,
  personKey: `aad:${i}`,
  nombre: `Persona${i} Apellido${i}`,
  correo: `p${i}@ine.mx`,
  status: 'validated',
  vocalia: 'VE',
  ambito: 'JDE',
  entidad: '09',
  circunscripcion: 4,
  juntaKey: `JDE-09-${String(i).padStart(2, '0')}`,
  ...over,
});

function input(over: Partial<GeneralReportInput> = {}): GeneralReportInput {
  return {
    edition: { id: 'e', name: 'Red 2026', calendar: [] },
    generatedAt: new Date('2026-10-01T00:00:00Z'),
    catalog: CATALOG,
    members: [],
    holders: [],
    plans: [],
    ...over,
  };
}

describe('general report: participation', () => {
  const members = [
    member(1),
    member(2, { vocalia: 'VS', entidad: '14', circunscripcion: 1 }),
    member(3, { status: 'withdrawn' }),
    member(4, { status: 'pending', ambito: 'JLE' }),
    member(5, { status: 'rejected', vocalia: 'XX' }),
  ];
  const r = compileGeneralReport(input({ members }), OPTS);

  it('totals count every registration by status', () => {
    expect(r.participation!.totals).toEqual({ total: 5, validated: 2, pending: 1, rejected: 1, withdrawn: 1 });
  });

  it.each([
    ['byVocalia', 'VE', { validated: 1, withdrawn: 1, pending: 1, rejected: 0, total: 3 }],
    ['byVocalia', 'VS', { validated: 1, withdrawn: 0, pending: 0, rejected: 0, total: 1 }],
    ['byVocalia', '__sin_dato__', { validated: 0, withdrawn: 0, pending: 0, rejected: 1, total: 1 }],
    ['byAmbito', 'JLE', { validated: 0, pending: 1, total: 1 }],
    ['byEntidad', '14', { validated: 1, total: 1 }],
    ['byCircunscripcion', '4', { validated: 1, withdrawn: 1, pending: 1, rejected: 1, total: 4 }],
  ] as const)('%s %s', (dimension, key, expected) => {
    expect(r.participation![dimension].find((x) => x.key === key)).toMatchObject(expected);
  });

  it('keeps catalog rows with zero and names unknown keys "Sin dato"', () => {
    expect(r.participation!.byAmbito.map((x) => x.key)).toEqual(['JLE', 'JDE']);
    expect(r.participation!.byVocalia.at(-1)).toMatchObject({ label: 'Sin dato', total: 1 });
  });

  it('an edition without registrations or dates has no participation section', () => {
    expect(compileGeneralReport(input(), OPTS).participation).toBeUndefined();
  });
});

describe('general report: groups', () => {
  const members = [member(1), member(2, { vocalia: 'VS' }), member(3), member(4, { vocalia: 'VS' }), member(5, { status: 'withdrawn' })];
  const groups = { groupCount: 2, assignment: { 'e:1': 1, 'e:2': 1, 'e:3': 2, 'e:4': 2, 'e:5': 2 }, removed: ['e:5'] };
  const holders = [
    { group: 1, role: 'representante' as const, personKey: 'aad:1' },
    { group: 1, role: 'secretaria' as const, personKey: 'aad:2' },
    { group: 2, role: 'representante' as const, personKey: 'aad:3' },
  ];
  const r = compileGeneralReport(input({ members, groups, holders }), OPTS);

  it('counts groups and members (removed and withdrawn members left out)', () => {
    expect(r.groups).toMatchObject({ count: 2, members: 4, minSize: 2, maxSize: 2, meanSize: 2, withBothRoles: 1 });
  });

  it('names representante and secretaria per group; a vacant role stays empty', () => {
    expect(r.groups!.rows.map((g) => [g.group, g.representante, g.secretaria])).toEqual([
      [1, 'Persona1 Apellido1', 'Persona2 Apellido2'],
      [2, 'Persona3 Apellido3', undefined],
    ]);
  });

  it('reports the balance measures of src/domain/groups/quality.ts', () => {
    expect(r.groups!.totalExcess).toBe(0);
    const skewed = compileGeneralReport(input({ members, groups: { ...groups, assignment: { 'e:1': 1, 'e:3': 1, 'e:2': 2, 'e:4': 2 } } }), OPTS);
    expect(skewed.groups!.excess.vocalia).toBeGreaterThan(0);
  });

  it('no confirmed groups: no section', () => {
    expect(compileGeneralReport(input({ members }), OPTS).groups).toBeUndefined();
  });
});

describe('general report: implementation', () => {
  const d = new Date('2026-05-01T00:00:00Z');
  const sessions: GeneralReportInput['sessions'] = [
    { sessionId: 'a', group: 1, state: 'held', date: d, topicId: 't1', invited: ['x', 'y', 'z', 'w'], attended: ['x', 'y', 'z'] },
    { sessionId: 'b', group: 1, state: 'held', date: d, topicId: 't2', invited: ['x', 'y', 'z', 'w'], attended: ['x'] },
    { sessionId: 'c', group: 2, state: 'scheduled', date: d, invited: ['q'], attended: [] },
    { sessionId: 'd', group: 2, state: 'cancelled', date: d, invited: ['q'], attended: [] },
  ];
  const plans = [{ group: 1, items: [{ topicId: 't1', eje: 'liderazgo', titulo: 'A' }, { topicId: 't2', eje: 'competencias', titulo: 'B' }, { topicId: 't3', eje: 'liderazgo', titulo: 'C' }] }];
  const meetings: GeneralReportInput['meetings'] = [
    { meetingId: 'n', kind: 'nacional', title: 'Apertura', date: d, state: 'held', invited: 10, attended: 8 },
    { meetingId: 'r', kind: 'regional', title: 'Regional', date: d, state: 'scheduled', invited: 5, attended: 0 },
  ];
  const r = compileGeneralReport(input({ sessions, plans, meetings, groups: { groupCount: 2, assignment: {}, removed: [] } }), OPTS);

  it.each([
    [1, { held: 2, scheduled: 0, cancelled: 0, invited: 8, attended: 4, rate: 0.5 }],
    [2, { held: 0, scheduled: 1, cancelled: 1, invited: 0, attended: 0 }],
  ])('sessions of group %i', (group, expected) => {
    expect(r.implementation.sessions!.rows[group - 1]).toEqual({ group, ...expected });
  });

  it('overall attendance over held sessions only', () => {
    expect(r.implementation.sessions).toMatchObject({ held: 2, scheduled: 1, cancelled: 1, rate: 0.5 });
  });

  it('meetings: attendance rate only for held ones', () => {
    expect(r.implementation.meetings!.map((m) => m.rate)).toEqual([0.8, undefined]);
  });

  it('topics per eje: planned topics and held sessions', () => {
    expect(r.implementation.ejes.map((e) => [e.key, e.planned, e.sessionsHeld])).toEqual([
      ['liderazgo', 2, 1],
      ['competencias', 1, 1],
    ]);
  });

  it('absent sources leave sessions and meetings undefined (sin datos)', () => {
    const empty = compileGeneralReport(input(), OPTS);
    expect(empty.implementation).toEqual({ ejes: [] });
  });
});

describe('general report: barriers', () => {
  const d = new Date('2026-05-01T00:00:00Z');
  const members = [member(1, { nombre: 'Adriana Pérez Luna', correo: 'adriana.perez@ine.mx' })];
  const base = input({
    members,
    minutes: [
      { sessionId: 'a', group: 1, date: d, topicsCovered: [], agreements: [], barriers: [{ category: 'culturales', text: 'Adriana Pérez dijo que en Jalisco no hay apoyo.' }, { category: 'sociales', text: 'Cuidados en casa.' }] },
    ],
    groupReports: [
      { group: 1, state: 'aceptado', version: 1, summary: '', achievements: '', agreements: '', proposals: '', barriers: [{ category: 'culturales', text: 'Estereotipos' }] },
      { group: 2, state: 'borrador', version: 1, summary: '', achievements: '', agreements: '', proposals: '', barriers: [{ category: 'culturales', text: 'No cuenta: borrador' }] },
    ],
    surveys: {
      waves: [{ wave: 1, label: 'Inicial', invited: 20, started: 20, finished: 20 }],
      results: [
        {
          wave: 1,
          k: 5,
          questions: [
            { questionId: 'b1', text: '¿Culturales?', kind: 'single', n: 20, suppressed: false, barrierCategory: 'culturales', options: [{ label: 'Sí', count: 12 }, { label: 'No', count: 8 }] },
            { questionId: 'b2', text: '¿Políticas?', kind: 'single', n: 20, suppressed: false, barrierCategory: 'politicas', options: [{ label: 'Sí', count: 3 }, { label: 'No', count: 17 }] },
            // The surveys adapter's shape: faced of n; faced 9 of 20 counts, 18 of 20 does not (2 did not face it).
            { questionId: 'x.educativas', text: 'educativas', kind: 'scale', n: 20, suppressed: false, barrierCategory: 'educativas', faced: 9, mean: 3.1 },
            { questionId: 'x.administrativas', text: 'administrativas', kind: 'scale', n: 20, suppressed: false, barrierCategory: 'administrativas', faced: 18, mean: 3.1 },
          ],
        },
      ],
    },
    anonymousBarriers: [{ category: 'normatividad', description: 'Escriban a adriana.perez@ine.mx o al 55 1234 5678', createdAt: d }],
  });
  const r = compileGeneralReport(base, OPTS);
  const row = (c: string) => r.barriers!.rows.find((x) => x.category === c)!;

  it('has one row per category, in the shared order', () => {
    expect(r.barriers!.rows.map((x) => x.category)).toEqual([...BARRIER_CATEGORIES]);
  });

  it.each([
    ['culturales', { minutes: 1, groupReports: 1, surveys: 12, anonymous: 0, total: 14 }],
    ['sociales', { minutes: 1, total: 1 }],
    // "Sí" = 3 is below k: it is not counted.
    ['politicas', { surveys: 0, total: 0 }],
    ['normatividad', { anonymous: 1, total: 1 }],
    ['educativas', { surveys: 9, total: 9 }],
    ['administrativas', { surveys: 0, total: 0 }],
  ])('%s', (category, expected) => {
    expect(row(category)).toMatchObject(expected);
  });

  it('shares add up to 1', () => {
    expect(r.barriers!.total).toBe(25);
    expect(r.barriers!.rows.reduce((a, x) => a + x.share, 0)).toBeCloseTo(1);
  });

  it('examples are anonymized: no names, e-mails, phones or places smaller than a circunscripción', () => {
    const texts = r.barriers!.examples.map((e) => e.text).join(' | ');
    expect(texts).not.toMatch(/Adriana|Pérez|adriana\.perez|Jalisco|1234/);
    expect(texts).toContain('[nombre] dijo que en [lugar] no hay apoyo.');
    expect(texts).toContain('Escriban a [correo] o al [tel]');
    expect(texts).not.toContain('borrador');
  });

  it('no barrier source at all: no section', () => {
    expect(compileGeneralReport(input({ members }), OPTS).barriers).toBeUndefined();
  });
});

describe('general report: scrubbing', () => {
  const s = createScrubber(['María de la Luz Ramírez', 'Eva Paz'], ['Jalisco', 'Nuevo León', 'Guadalajara'], PH);
  it.each([
    ['María de la Luz Ramírez propuso', '[nombre] propuso'],
    ['lo dijo Ramírez', 'lo dijo [nombre]'],
    ['Eva Paz y la paz social', '[nombre] y la paz social'],
    ['correo: eva.paz@ine.mx.', 'correo: [correo].'],
    ['tel. +52 (55) 1234-5678', 'tel. [tel]'],
    ['en el distrito 05 de Nuevo Leon', 'en el [lugar] de [lugar]'],
    ['la JDE 14-05 y la Junta Local Ejecutiva', 'la [lugar] y la Junta Local Ejecutiva'],
    ['en guadalajara', 'en [lugar]'],
    ['año 2026, 35 integrantes', 'año 2026, 35 integrantes'],
  ])('%s → %s', (text, expected) => {
    expect(s.scrub(text)).toBe(expected);
  });
});

describe('general report: survey suppression (k ≥ 5)', () => {
  const q = (over: Partial<SurveyQuestionIn>): SurveyQuestionIn => ({ questionId: 'q', text: 'Q', kind: 'single', n: 30, suppressed: false, ...over });

  it.each([
    [3, 5],
    [5, 5],
    [10, 10],
    [undefined, 5],
  ])('k %s → %i', (k, expected) => {
    expect(effectiveK(k)).toBe(expected);
  });

  it.each([
    ['a cell below k (and the smallest other, so it cannot be derived)', [12, 14, 4], [null, 14, null]],
    ['a zero cell', [15, 15, 0], [null, 15, null]],
    ['two small cells need no extra suppression', [26, 2, 2], [26, null, null]],
    ['all cells at or above k', [10, 10, 10], [10, 10, 10]],
  ])('single choice: %s', (_name, counts, expected) => {
    const out = suppressQuestion(q({ options: counts.map((c, i) => ({ label: `o${i}`, count: c })) }), 5);
    expect(out.options.map((o) => o.count)).toEqual(expected);
  });

  it('scale answers are complemented like single choice (they add up to n)', () => {
    const out = suppressQuestion(q({ kind: 'scale', mean: 3.2, options: [{ label: '1', count: 2 }, { label: '2', count: 9 }, { label: '3', count: 19 }] }), 5);
    expect(out.options.map((o) => o.count)).toEqual([null, null, 19]);
    expect(out.mean).toBe(3.2);
  });

  it.each([
    [9, 20, 9],
    [4, 20, null],
    [17, 20, null],
    [null, 20, null],
  ])('barrier block: faced %s of %i → %s (both faced and not faced must reach k)', (faced, n, expected) => {
    const out = suppressQuestion(q({ kind: 'scale', n, barrierCategory: 'sociales', faced, mean: 2 }), 5);
    expect(out.faced).toBe(expected);
    expect(out.barrierCategory).toBe('sociales');
  });

  it('multiple choice is not complemented (cells do not add up to n)', () => {
    const out = suppressQuestion(q({ kind: 'multiple', options: [{ label: 'a', count: 20 }, { label: 'b', count: 3 }, { label: 'c', count: 9 }] }), 5);
    expect(out.options.map((o) => o.count)).toEqual([20, null, 9]);
  });

  it.each([
    ['answered by fewer than k', q({ n: 4, options: [{ label: 'a', count: 4 }] })],
    ['suppressed by the surveys feature', q({ suppressed: true, n: 50, options: [{ label: 'a', count: 50 }] })],
  ])('a question %s is suppressed whole', (_name, question) => {
    const out = suppressQuestion(question, 5);
    expect(out).toMatchObject({ suppressed: true, n: null, mean: null });
    expect(out.options.every((o) => o.count === null && o.share === null)).toBe(true);
  });

  it('the wave applies its own k, never below 5', () => {
    const wave = suppressWave({ wave: 1, label: 'x', invited: 10, started: 10, finished: 8 }, { wave: 1, k: 2, questions: [q({ n: 8, options: [{ label: 'a', count: 4 }, { label: 'b', count: 4 }] })] });
    expect(wave.k).toBe(5);
    expect(wave.questions[0]!.options.map((o) => o.count)).toEqual([null, null]);
    expect(wave.rate).toBeCloseTo(0.8);
  });

  it('pre/post compares questions asked in two or more waves', () => {
    const w = (wave: number, mean: number, n: number) =>
      suppressWave({ wave, label: `w${wave}`, invited: 50, started: n, finished: n }, { wave, k: 5, questions: [q({ questionId: 's', kind: 'scale', n, mean }), q({ questionId: 'only1', n: 40, options: [{ label: 'a', count: 40 }] })] });
    const waves = [w(1, 3.1, 40), w(2, 3.8, 30), w(3, 4.2, 3)];
    waves[1]!.questions.pop();
    waves[2]!.questions.pop();
    expect(prePost(waves)).toEqual({ compared: [1, 2, 3], rows: [{ questionId: 's', text: 'Q', kind: 'scale', values: [3.1, 3.8, null] }] });
  });
});

describe('general report: conclusions, annex and emptiness', () => {
  const reports: GeneralReportInput['groupReports'] = [
    { group: 2, state: 'aceptado', version: 2, summary: 'Resumen con Persona1', achievements: 'Logro', agreements: 'Acuerdo', proposals: 'Propuesta', barriers: [], acceptedAt: new Date() },
    { group: 1, state: 'en_revision', version: 1, summary: 'S', achievements: 'x', agreements: 'y', proposals: 'z', barriers: [] },
  ];
  const r = compileGeneralReport(input({ members: [member(1)], groupReports: reports, groups: { groupCount: 3, assignment: { 'e:1': 1 }, removed: [] } }), OPTS);

  it('only accepted reports go to the conclusions and the annex (scrubbed)', () => {
    expect(r.conclusions!.rows).toEqual([{ group: 2, achievements: 'Logro', agreements: 'Acuerdo', proposals: 'Propuesta' }]);
    expect(r.annex.map((a) => [a.group, a.version, a.summary])).toEqual([[2, 2, 'Resumen con [nombre]']]);
  });

  it('counts report states, groups without a report as "sin iniciar"', () => {
    expect(r.conclusions!.states).toEqual({ aceptado: 1, en_revision: 1, sin_iniciar: 1 });
  });

  it('without the group reports port there are no conclusions', () => {
    expect(compileGeneralReport(input(), OPTS).conclusions).toBeUndefined();
  });

  it.each([
    ['nothing at all', input(), true],
    ['only a calendar', input({ edition: { id: 'e', name: 'x', calendar: [{ key: 'a', label: 'A', date: new Date() }] } }), true],
    ['one registration', input({ members: [member(1)] }), false],
    ['ports present but empty', input({ sessions: [], meetings: [], groupReports: [], minutes: [] }), true],
  ])('isEmptyReport: %s → %s', (_name, data, empty) => {
    expect(isEmptyReport(compileGeneralReport(data, OPTS))).toBe(empty);
  });
});
