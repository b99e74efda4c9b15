import { describe, expect, it } from 'vitest';
import {
  checkAttachment,
  checkContent,
  compilePrefill,
  emptyContent,
  REPORT_LIMITS,
  transition,
  type ReportAction,
  type ReportActor,
  type ReportState,
} from '../../src/domain/groupReports/index.js';

type Row = [ReportState, ReportAction, ReportActor, ReportState | string, boolean?];

// [from, action, actor, next state or refusal code, new version?]
const TABLE: Row[] = [
  ['sin_iniciar', 'save', 'secretaria', 'borrador', true],
  ['sin_iniciar', 'save', 'representante', 'borrador', true],
  ['sin_iniciar', 'save', 'admin', 'notAllowed'],
  ['borrador', 'save', 'secretaria', 'borrador', false],
  ['borrador', 'submit', 'secretaria', 'en_revision', false],
  ['borrador', 'submit', 'representante', 'en_revision', false],
  ['sin_iniciar', 'submit', 'secretaria', 'en_revision', true],
  ['en_revision', 'save', 'secretaria', 'inReview'],
  ['en_revision', 'submit', 'secretaria', 'inReview'],
  ['en_revision', 'approve', 'representante', 'entregado', false],
  ['en_revision', 'approve', 'secretaria', 'notAllowed'],
  ['en_revision', 'approve', 'admin', 'notAllowed'],
  ['en_revision', 'returnByRep', 'representante', 'devuelto', false],
  ['en_revision', 'returnByRep', 'secretaria', 'notAllowed'],
  ['borrador', 'approve', 'representante', 'notInReview'],
  ['entregado', 'save', 'secretaria', 'delivered'],
  ['entregado', 'submit', 'representante', 'delivered'],
  ['entregado', 'approve', 'representante', 'delivered'],
  ['entregado', 'accept', 'admin', 'aceptado', false],
  ['entregado', 'returnByAdmin', 'admin', 'devuelto', false],
  ['entregado', 'accept', 'representante', 'notAllowed'],
  ['en_revision', 'accept', 'admin', 'notDelivered'],
  ['borrador', 'returnByAdmin', 'admin', 'notDelivered'],
  ['aceptado', 'accept', 'admin', 'alreadyAccepted'],
  ['aceptado', 'returnByAdmin', 'admin', 'alreadyAccepted'],
  ['aceptado', 'save', 'secretaria', 'delivered'],
  ['devuelto', 'save', 'secretaria', 'borrador', true],
  ['devuelto', 'submit', 'secretaria', 'en_revision', true],
  ['devuelto', 'approve', 'representante', 'notInReview'],
  ['devuelto', 'accept', 'admin', 'notDelivered'],
];

describe('group report state machine', () => {
  it.each(TABLE)('%s + %s by %s → %s', (from, action, actor, expected, newVersion) => {
    const r = transition(from, action, actor);
    if (r.ok) {
      expect(r.next).toBe(expected);
      expect(r.newVersion).toBe(newVersion);
    } else expect(r.code).toBe(expected);
  });
});

describe('report content', () => {
  it('trims, drops empty barriers and requires a summary only to submit', () => {
    const raw = { ...emptyContent(), summary: '  ', barriers: { culturales: '  horarios  ', politicas: '   ' } };
    expect(checkContent(raw, false)).toEqual({ content: { ...emptyContent(), barriers: { culturales: 'horarios' } }, issues: [] });
    expect(checkContent(raw, true).issues).toEqual([{ field: 'summary', problem: 'required' }]);
  });

  it('refuses texts over the limits, naming the field', () => {
    const raw = { ...emptyContent(), summary: 'x'.repeat(REPORT_LIMITS.text + 1), barriers: { sociales: 'y'.repeat(REPORT_LIMITS.barrier + 1) } };
    expect(checkContent(raw, false).issues).toEqual([
      { field: 'summary', problem: 'tooLong' },
      { field: 'barriers.sociales', problem: 'tooLong' },
    ]);
  });
});

describe('report attachment', () => {
  const pdf = Buffer.from('%PDF-1.7\n...');
  const docx = Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);
  it.each([
    ['informe.pdf', pdf, { ok: true, extension: 'pdf' }],
    ['Informe.DOCX', docx, { ok: true, extension: 'docx' }],
    ['informe.docx', pdf, { ok: false, problem: 'type' }],
    ['informe.exe', docx, { ok: false, problem: 'type' }],
    ['informe.pdf', Buffer.from('hola'), { ok: false, problem: 'type' }],
    ['informe.pdf', Buffer.alloc(0), { ok: false, problem: 'empty' }],
    ['informe.pdf', Buffer.concat([pdf, Buffer.alloc(REPORT_LIMITS.attachmentBytes)]), { ok: false, problem: 'size' }],
  ])('%s', (name, data, expected) => {
    expect(checkAttachment(name, data)).toEqual(expected);
  });
});

describe('prefill', () => {
  it('compiles held sessions, attendance, topics and barriers by category; absent parts stay undefined', () => {
    const d = (s: string) => new Date(s);
    const p = compilePrefill({
      sessions: [
        { date: d('2027-02-10T17:00:00Z'), state: 'held', topic: 'Negociación', invited: 10, attended: 6 },
        { date: d('2027-01-10T17:00:00Z'), state: 'held', invited: 10, attended: 10 },
        { date: d('2027-03-10T17:00:00Z'), state: 'scheduled', invited: 10, attended: 0 },
      ],
      minutes: [
        { topicsCovered: ['Liderazgo', 'Negociación'], barriers: [{ category: 'culturales', text: 'Horarios' }] },
        { topicsCovered: ['Liderazgo'], barriers: [{ category: 'culturales', text: 'Cuidados' }, { category: 'normatividad', text: 'Reglas' }] },
      ],
      planTopics: ['Liderazgo'],
    });
    expect(p.sessions!.held.map((s) => s.date.toISOString().slice(0, 10))).toEqual(['2027-01-10', '2027-02-10']);
    expect(p.sessions!.attendanceRate).toBeCloseTo(0.8);
    expect(p.minutesTopics).toEqual(['Liderazgo', 'Negociación']);
    expect(p.minutesBarriers).toEqual({ culturales: ['Horarios', 'Cuidados'], normatividad: ['Reglas'] });
    expect(compilePrefill({})).toEqual({});
  });
});
