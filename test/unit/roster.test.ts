import { describe, expect, it } from 'vitest';
import { loadDefaultCatalog } from '../../src/data/defaultCatalog.js';
import {
  MAX_NOMBRE_LENGTH,
  formatRosterErrors,
  isPlausibleEmail,
  juntaKey,
  validateRoster,
  type RosterField,
  type RosterInputRow,
} from '../../src/domain/roster.js';

const catalog = loadDefaultCatalog();

function row(n: number, nombre: string, correo: string, vocalia: string, ambito: string, entidad: string, distrito = ''): RosterInputRow {
  return { row: n, values: { nombre, correo, vocalia, ambito, entidad, distrito } };
}

const errorsOf = (rows: RosterInputRow[]): { row: number; field?: RosterField }[] =>
  validateRoster(rows, catalog).errors.map((e) => ({ row: e.row, field: e.field }));

describe('validateRoster', () => {
  it('accepts keys or names, in any case and without accents, and normalises them', () => {
    const { valid, errors } = validateRoster(
      [
        row(2, 'Ana López', 'Ana.Lopez@INE.mx', 've', 'jde', '9', '5'),
        row(3, 'Beatriz Ruiz', 'beatriz.ruiz@ine.mx', 'Vocalia del Registro Federal de Electores', 'Junta Local Ejecutiva', 'ciudad de mexico', ''),
        row(4, 'Carmen Díaz', 'carmen.diaz@ine.mx', 'VCEYEC', 'JDE', '15', '40'),
        row(5, 'Diana Paz', 'diana.paz@ine.mx', 'VOE', 'Distrital', 'Estado de México', '1'),
      ],
      catalog,
    );
    expect(errors).toEqual([]);
    expect(valid).toEqual([
      { nombre: 'Ana López', correo: 'ana.lopez@ine.mx', vocalia: 'VE', ambito: 'JDE', entidad: '09', distrito: 5, circunscripcion: 4 },
      { nombre: 'Beatriz Ruiz', correo: 'beatriz.ruiz@ine.mx', vocalia: 'VRFE', ambito: 'JLE', entidad: '09', circunscripcion: 4 },
      { nombre: 'Carmen Díaz', correo: 'carmen.diaz@ine.mx', vocalia: 'VCEyEC', ambito: 'JDE', entidad: '15', distrito: 40, circunscripcion: 5 },
      { nombre: 'Diana Paz', correo: 'diana.paz@ine.mx', vocalia: 'VOE', ambito: 'JDE', entidad: '15', distrito: 1, circunscripcion: 5 },
    ]);
    expect(valid[1]).not.toHaveProperty('distrito');
  });

  it('reports each bad row with its spreadsheet row number and field, keeping the good rows', () => {
    const rows = [
      row(2, 'Buena Uno', 'uno@ine.mx', 'VE', 'JLE', '01'),
      row(3, '', 'dos@ine.mx', 'VE', 'JLE', '01'), // missing name
      row(4, 'Tres', 'tres-at-ine.mx', 'VE', 'JLE', '01'), // bad email
      row(5, 'Cuatro', 'cuatro@ine.mx', 'Vocal de Prensa', 'JLE', '01'), // unknown vocalía
      row(6, 'Cinco', 'cinco@ine.mx', 'VS', 'Oficinas centrales', '01'), // unknown ámbito
      row(7, 'Seis', 'seis@ine.mx', 'VS', 'JDE', '33', '1'), // unknown entidad
      row(8, 'Siete', 'siete@ine.mx', 'VS', 'JDE', '01', '4'), // Aguascalientes has 3 districts
      row(9, 'Ocho', 'ocho@ine.mx', 'VS', 'JLE', '01', '2'), // district on a Junta Local
      row(10, 'Nueve', 'nueve@ine.mx', 'VS', 'JDE', '01'), // missing district
      row(11, 'Diez', 'UNO@ine.mx', 'VS', 'JDE', '01', '2'), // duplicate of row 2 (case-insensitive)
      row(12, 'Once', 'once@ine.mx', 'VS', 'JDE', '01', 'dos'), // non-numeric district
      row(13, 'Doce', 'doce@ine.mx', 'VS', 'JDE', '01', '3'),
    ];
    const result = validateRoster(rows, catalog);
    expect(result.valid.map((m) => m.correo)).toEqual(['uno@ine.mx', 'doce@ine.mx']);
    expect(errorsOf(rows)).toEqual([
      { row: 3, field: 'nombre' },
      { row: 4, field: 'correo' },
      { row: 5, field: 'vocalia' },
      { row: 6, field: 'ambito' },
      { row: 7, field: 'entidad' },
      { row: 8, field: 'distrito' },
      { row: 9, field: 'distrito' },
      { row: 10, field: 'distrito' },
      { row: 11, field: 'correo' },
      { row: 12, field: 'distrito' },
    ]);
    const byRow = new Map(result.errors.map((e) => [e.row, e.message]));
    expect(byRow.get(8)).toMatch(/Aguascalientes/);
    expect(byRow.get(8)).toMatch(/1 al 3/);
    expect(byRow.get(9)).toMatch(/deje vacío el distrito/);
    expect(byRow.get(11)).toMatch(/fila 2/);
    expect(byRow.get(5)).toMatch(/VCEyEC/);
  });

  it('reports every problem of a row, not just the first', () => {
    const errs = errorsOf([row(2, '', 'x', 'zz', 'yy', 'ww')]);
    expect(errs.map((e) => e.field).sort()).toEqual(['ambito', 'correo', 'entidad', 'nombre', 'vocalia']);
    expect(errs.every((e) => e.row === 2)).toBe(true);
  });

  it('skips fully empty rows and enforces length limits', () => {
    const long = 'A'.repeat(MAX_NOMBRE_LENGTH + 1);
    const longMail = `${'a'.repeat(60)}@${'b'.repeat(200)}.mx`;
    const result = validateRoster(
      [
        { row: 2, values: { nombre: ' ', correo: '', vocalia: '', ambito: '', entidad: '', distrito: '' } },
        row(3, long, 'largo@ine.mx', 'VE', 'JLE', '02'),
        row(4, 'Correo largo', longMail, 'VE', 'JLE', '02'),
        row(5, 'A'.repeat(MAX_NOMBRE_LENGTH), 'justo@ine.mx', 'VE', 'JLE', '02'),
      ],
      catalog,
    );
    expect(result.errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'nombre'],
      [4, 'correo'],
    ]);
    expect(result.valid).toHaveLength(1);
  });

  it('formats errors as Spanish lines with the row number', () => {
    const lines = formatRosterErrors(validateRoster([row(7, 'X', 'x@ine.mx', 'VE', 'JDE', '01')], catalog).errors);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Fila 7, distrito: /);
  });
});

describe('juntaKey', () => {
  it('identifies local and district juntas', () => {
    expect(juntaKey({ ambito: 'JLE', entidad: '09' })).toBe('JLE-09');
    expect(juntaKey({ ambito: 'JDE', entidad: '09', distrito: 5 })).toBe('JDE-09-05');
    expect(juntaKey({ ambito: 'JDE', entidad: '15', distrito: 40 })).toBe('JDE-15-40');
  });
});

describe('isPlausibleEmail', () => {
  it.each(['a@ine.mx', 'nombre.apellido@ine.org.mx', 'x+y@sub-dominio.mx'])('accepts %s', (e) => {
    expect(isPlausibleEmail(e)).toBe(true);
  });
  it.each(['', 'a', 'a@', '@ine.mx', 'a@ine', 'a b@ine.mx', 'a@@ine.mx', 'a..b@ine.mx', '.a@ine.mx', 'a@-ine.mx', 'a@ine..mx'])(
    'rejects %j',
    (e) => {
      expect(isPlausibleEmail(e)).toBe(false);
    },
  );
});
