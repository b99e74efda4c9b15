import { describe, expect, it } from 'vitest';
import { loadDefaultCatalog } from '../../src/data/defaultCatalog.js';
import type { MemberRecord } from '../../src/domain/member.js';
import { formatDateTime, MEMBER_EXPORT_HEADERS, memberExportRows, personalDataRows } from '../../src/services/reports/exportRows.js';

const catalog = loadDefaultCatalog();
const at = new Date('2026-11-02T16:05:00Z');

function rec(over: Partial<MemberRecord>): MemberRecord {
  return {
    _id: '2026:aad:x',
    editionId: '2026',
    personKey: 'aad:x',
    aadObjectId: 'x-object-id',
    userId: '29:x-user',
    nombre: 'Ana López',
    correo: 'ana@ine.mx',
    vocalia: 'VRFE',
    ambito: 'JDE',
    entidad: '14',
    distrito: 3,
    circunscripcion: 1,
    aniosSpen: 12,
    ejesInteres: [catalog.data.ejesTematicos[0]!.clave],
    consent: { accepted: true, at, version: '2026-01' },
    status: 'pending',
    rosterMatch: false,
    createdAt: at,
    updatedAt: at,
    ...over,
  };
}

describe('export rows', () => {
  it('formats dates in Mexico City time', () => {
    expect(formatDateTime(at)).toBe('02/11/2026, 10:05');
    expect(formatDateTime(undefined)).toBe('');
    expect(formatDateTime('no es fecha')).toBe('');
  });

  it('writes the minutes after midnight as 00:05, not 24:05 (es-MX with hour12: false resolves to hourCycle h24)', () => {
    expect(formatDateTime(new Date('2026-12-01T06:05:00Z'))).toBe('01/12/2026, 00:05');
    expect(formatDateTime(new Date('2026-12-02T05:59:00Z'))).toBe('01/12/2026, 23:59');
  });

  it('one row per member with catalog names, sorted by entidad, ámbito, distrito, name; no Teams/Entra ids or consent', () => {
    const rows = memberExportRows(
      [rec({ nombre: 'Zoe', entidad: '14', distrito: 3 }), rec({ nombre: 'Bea', entidad: '09', ambito: 'JLE', distrito: undefined, status: 'validated', rosterMatch: true })],
      catalog,
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveLength(MEMBER_EXPORT_HEADERS.length);
    expect(rows.map((r) => r[0])).toEqual(['Bea', 'Zoe']);
    const zoe = Object.fromEntries(MEMBER_EXPORT_HEADERS.map((h, i) => [h, rows[1]![i]]));
    expect(zoe).toMatchObject({
      Vocalía: 'Vocalía del Registro Federal de Electores',
      Ámbito: 'Junta Distrital Ejecutiva',
      Entidad: 'Jalisco',
      'Distrito federal': 3,
      'Ejes temáticos de interés': catalog.data.ejesTematicos[0]!.nombre,
      Estatus: 'Pendiente de validación',
      'Coincide con el padrón': 'No',
      'Fecha de registro': '02/11/2026, 10:05',
    });
    expect(JSON.stringify(rows)).not.toMatch(/x-object-id|29:x-user|aad:x|2026-01/);
  });

  it('personal data: her record, consent and history, never fingerprinted values', () => {
    const rows = personalDataRows(
      [{ ...rec({}), editionName: 'Red de Coaching 2026' }],
      [
        { at, actor: 'aad:x', action: 'member.register', target: 'aad:x', after: { nombre: 'sha256:0123456789abcdef', status: 'pending' } },
        { at: new Date(at.getTime() + 60_000), actor: 'aad:admin', action: 'member.reject', target: 'aad:x', after: { status: 'rejected' }, details: { reason: 'No pertenece al SPEN' } },
        { at: new Date(at.getTime() + 120_000), actor: 'aad:x', action: 'some.future.action', target: 'aad:x' },
      ],
      catalog,
      at,
      'aad:x',
    );
    const flat = rows.map((r) => r.join(' | '));
    expect(flat).toContain('Registro · Red de Coaching 2026 | Consentimiento: versión del aviso de privacidad | 2026-01');
    expect(flat).toContain('Documento | Horario de las fechas | Todas las fechas y horas están en hora del centro (Ciudad de México), en formato de 24 horas.');
    expect(flat).toContain('Registro · Red de Coaching 2026 | Consentimiento: fecha | 02/11/2026, 10:05');
    expect(flat).toContain('Historial | 02/11/2026, 10:05 · Registro en la Red (por usted) | Datos: nombre, estatus · Estatus: Pendiente de validación');
    expect(flat).toContain('Historial | 02/11/2026, 10:06 · Rechazo del registro (por Administración UTIGyND) | Datos: estatus · Estatus: Rechazada · Motivo: No pertenece al SPEN');
    expect(flat).toContain('Historial | 02/11/2026, 10:07 · some.future.action (por usted) | ');
    expect(flat.join('\n')).not.toMatch(/sha256/);
  });

  it('personal data without any record says so', () => {
    const flat = personalDataRows([], [], catalog, at, 'aad:x').map((r) => r.join(' | '));
    expect(flat).toContain('Registro | Registros | No hay registros a su nombre en la Red de Coaching.');
    expect(flat).toContain('Historial | Movimientos | No hay movimientos registrados.');
  });
});
