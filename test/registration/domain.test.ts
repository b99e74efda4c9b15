import { describe, expect, it } from 'vitest';
import {
  callState,
  describeCall,
  endOfDay,
  findJuntaConflicts,
  formatDate,
  LIMITS,
  parseCalendarDate,
  rosterDecision,
  startOfDay,
  upcomingStages,
  validateProfile,
  type ProfileInput,
} from '../../src/domain/registration.js';
import { catalog, profile } from './support.js';

const good: ProfileInput = { nombre: ' Ana  López Pérez ', correo: 'Ana.Lopez@INE.mx', vocalia: 'VE', ambito: 'JDE', entidad: '09', distrito: '5', aniosSpen: '12', ejes: 'liderazgo,competencias', accesibilidad: 'Subtítulos\r\nen videollamadas' };

describe('validateProfile', () => {
  it('normalises a valid form', () => {
    const r = validateProfile(good, catalog);
    expect(r).toEqual({
      ok: true,
      value: {
        nombre: 'Ana López Pérez',
        correo: 'ana.lopez@ine.mx',
        vocalia: 'VE',
        ambito: 'JDE',
        entidad: '09',
        distrito: 5,
        circunscripcion: 4,
        aniosSpen: 12,
        ejesInteres: ['liderazgo', 'competencias'],
        accesibilidad: 'Subtítulos\nen videollamadas',
      },
    });
  });

  it('a Junta Local has no district', () => {
    const r = validateProfile({ ...good, ambito: 'JLE', distrito: '' }, catalog);
    expect(r.ok && r.value.distrito).toBe(undefined);
    expect(r.ok).toBe(true);
  });

  it.each([
    ['missing name', { nombre: '' }, 'nombre', /nombre completo/],
    ['oversized name', { nombre: 'A'.repeat(LIMITS.nombre + 1) }, 'nombre', /máximo es 120/],
    ['bad email', { correo: 'ana@' }, 'correo', /formato válido/],
    ['unknown vocalía', { vocalia: 'VX' }, 'vocalia', /no existe/],
    ['unknown ámbito', { ambito: 'JZE' }, 'ambito', /no existe/],
    ['unknown entidad', { entidad: '33' }, 'entidad', /no existe/],
    ['district out of range for the entidad', { entidad: '01', distrito: '4' }, 'distrito', /Aguascalientes no tiene el distrito federal 4.*del 1 al 3/],
    ['missing district for a Junta Distrital', { distrito: '' }, 'distrito', /número de su distrito/],
    ['district text', { distrito: '5a' }, 'distrito', /número entero/],
    ['district for a Junta Local', { ambito: 'JLE', distrito: '3' }, 'distrito', /Junta Local/],
    ['years out of range', { aniosSpen: '99' }, 'aniosSpen', /del 0 al 45/],
    ['unknown eje', { ejes: 'liderazgo,hackeo' }, 'ejes', /no existe/],
    ['oversized accessibility text', { accesibilidad: 'x'.repeat(LIMITS.accesibilidad + 1) }, 'accesibilidad', /máximo es 500/],
    ['a huge raw field', { nombre: 'x'.repeat(LIMITS.rawField + 1) }, 'nombre', /demasiado largo/],
  ] as const)('%s', (_name, over, field, message) => {
    const r = validateProfile({ ...good, ...over }, catalog);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const e = r.errors.find((x) => x.field === field);
      expect(e?.message).toMatch(message);
    }
  });
});

describe('call window in America/Mexico_City', () => {
  it('parses ISO and day-first dates and refuses impossible ones', () => {
    expect(parseCalendarDate('2026-12-01')).toEqual({ year: 2026, month: 12, day: 1 });
    expect(parseCalendarDate('15/12/2026')).toEqual({ year: 2026, month: 12, day: 15 });
    expect(parseCalendarDate('2026-02-30')).toBeUndefined();
    expect(parseCalendarDate('mañana')).toBeUndefined();
  });

  it('day bounds are Mexico City wall-clock times (UTC-6)', () => {
    expect(startOfDay({ year: 2026, month: 12, day: 1 }).toISOString()).toBe('2026-12-01T06:00:00.000Z');
    expect(endOfDay({ year: 2026, month: 12, day: 15 }).toISOString()).toBe('2026-12-16T05:59:59.999Z');
    expect(formatDate(new Date('2026-12-01T06:00:00Z'))).toBe('1 de diciembre de 2026');
  });

  it('states', () => {
    const opensAt = new Date('2026-12-01T06:00:00Z');
    const closesAt = new Date('2026-12-16T06:00:00Z');
    expect(callState({}, new Date()).kind).toBe('notScheduled');
    expect(callState({ opensAt, closesAt }, new Date('2026-11-01T00:00:00Z')).kind).toBe('notYetOpen');
    expect(callState({ opensAt, closesAt }, opensAt).kind).toBe('open');
    expect(callState({ opensAt, closesAt }, closesAt).kind).toBe('closed');
    expect(callState({ opensAt }, new Date('2030-01-01T00:00:00Z')).kind).toBe('open');
    expect(describeCall(callState({ opensAt, closesAt }, new Date('2026-11-01T00:00:00Z')))).toMatch(/abre el 1 de diciembre de 2026, 00:00 h/);
    expect(describeCall(callState({ opensAt, closesAt }, closesAt))).toMatch(/cerró el 16 de diciembre de 2026/);
  });
});

describe('roster decision and junta conflicts', () => {
  const entry = { nombre: 'Ana', correo: 'ana.lopez@ine.mx', vocalia: 'VE', ambito: 'JDE' as const, entidad: '09', distrito: 5, circunscripcion: 4 };
  it('validates only a verified email with the roster position', () => {
    expect(rosterDecision(profile(), entry, true, 'ana.lopez@ine.mx')).toEqual({ status: 'validated', rosterMatch: true });
    expect(rosterDecision(profile(), null, false, 'ana.lopez@ine.mx').pendingReason).toBe('noRoster');
    expect(rosterDecision(profile(), null, true, 'ana.lopez@ine.mx').pendingReason).toBe('notInRoster');
    expect(rosterDecision(profile({ vocalia: 'VS' }), entry, true, 'ana.lopez@ine.mx').pendingReason).toBe('positionMismatch');
    expect(rosterDecision(profile(), entry, true, undefined).pendingReason).toBe('emailNotVerified');
  });

  it('finds positions claimed twice among active registrations', () => {
    const m = (id: string, status: 'validated' | 'pending' | 'withdrawn', distrito?: number, vocalia = 'VE') => ({ _id: id, status, vocalia, ambito: (distrito ? 'JDE' : 'JLE') as 'JDE' | 'JLE', entidad: '09', ...(distrito ? { distrito } : {}) });
    expect(findJuntaConflicts([m('a', 'validated', 5), m('b', 'pending', 5), m('c', 'withdrawn', 5), m('d', 'pending', 6), m('e', 'pending'), m('f', 'pending', undefined, 'VS')])).toEqual([
      { juntaKey: 'JDE-09-05', vocalia: 'VE', memberIds: ['a', 'b'] },
    ]);
  });
});

describe('upcoming calendar stages', () => {
  it('keeps today and later, drops past days', () => {
    const now = new Date('2027-01-20T20:00:00Z');
    const stages = [
      { label: 'ayer', date: new Date('2027-01-19T06:00:00Z') },
      { label: 'hoy', date: new Date('2027-01-20T06:00:00Z') },
      { label: 'mañana', date: new Date('2027-01-21T06:00:00Z') },
    ];
    expect(upcomingStages(stages, now).map((s) => s.label)).toEqual(['hoy', 'mañana']);
  });
});
