import type { AmbitoKey, Catalog } from './catalog.js';

/**
 * Roster (padrón) validation: turns header-mapped rows read from a CSV/XLSX file into members of the
 * network, or into row-level errors that tell UTIGyND staff exactly what to fix. Pure: no I/O.
 */

export const ROSTER_FIELDS = ['nombre', 'correo', 'vocalia', 'ambito', 'entidad', 'distrito'] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

/** Spanish column headings, used in messages and when writing roster-like files. */
export const ROSTER_FIELD_LABELS: Record<RosterField, string> = {
  nombre: 'nombre',
  correo: 'correo',
  vocalia: 'vocalía',
  ambito: 'ámbito',
  entidad: 'entidad',
  distrito: 'distrito',
};

export const MAX_NOMBRE_LENGTH = 120;
export const MAX_CORREO_LENGTH = 254;

/** One data row of a roster file; `row` is the spreadsheet row number (the header is row 1). */
export interface RosterInputRow {
  row: number;
  values: Partial<Record<RosterField, string>>;
}

export interface RosterMember {
  nombre: string;
  /** Lower-cased. */
  correo: string;
  /** Catalog key of the vocalía (VE, VS, VRFE, VOE, VCEyEC). */
  vocalia: string;
  ambito: AmbitoKey;
  /** INEGI key of the entidad ("01".."32"). */
  entidad: string;
  /** Federal district number; only for a Junta Distrital Ejecutiva. */
  distrito?: number;
  circunscripcion: number;
}

export interface RosterError {
  row: number;
  field?: RosterField;
  message: string;
}

export interface RosterValidation {
  valid: RosterMember[];
  /** Sorted by row number. */
  errors: RosterError[];
}

/** Identifies the junta a member works in: "JLE-09" for a Junta Local, "JDE-09-05" for a Junta Distrital. */
export function juntaKey(m: Pick<RosterMember, 'ambito' | 'entidad' | 'distrito'>): string {
  if (m.ambito === 'JLE') return `JLE-${m.entidad}`;
  return `JDE-${m.entidad}-${String(m.distrito ?? 0).padStart(2, '0')}`;
}

const normalize = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[.\s]+/g, ' ')
    .trim();

/** Common ways staff write some entidades, besides their catalog names. Keys are normalized. */
const ENTIDAD_ALIASES: Record<string, string> = {
  cdmx: '09',
  'cd de mexico': '09',
  'distrito federal': '09',
  df: '09',
  'estado de mexico': '15',
  edomex: '15',
  'edo de mexico': '15',
  'coahuila de zaragoza': '05',
  'michoacan de ocampo': '16',
  'veracruz de ignacio de la llave': '30',
  'nuevo leon': '19',
  'baja california norte': '02',
};

// Deliberately simple: one "@", no spaces, a dot in the domain, no empty labels.
const EMAIL_RE = /^[^\s@"(),:;<>[\]\\]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i;

export function isPlausibleEmail(email: string): boolean {
  if (!EMAIL_RE.test(email)) return false;
  const local = email.slice(0, email.lastIndexOf('@'));
  return local.length <= 64 && !local.startsWith('.') && !local.endsWith('.') && !local.includes('..');
}

function cell(values: RosterInputRow['values'], field: RosterField): string {
  // Collapse internal whitespace (including non-breaking spaces pasted from other systems).
  return (values[field] ?? '').replace(/[\s\u00a0]+/g, ' ').trim();
}

/**
 * Validates roster rows against the catalog. Every problem of every row is reported (a row may have
 * several); rows with any problem are left out of `valid`. Fully empty rows are skipped silently.
 */
export function validateRoster(rows: readonly RosterInputRow[], catalog: Catalog): RosterValidation {
  const valid: RosterMember[] = [];
  const errors: RosterError[] = [];
  const firstRowByEmail = new Map<string, number>();
  const vocaliaList = catalog.data.vocalias.map((v) => v.clave).join(', ');

  for (const { row, values } of rows) {
    const raw = Object.fromEntries(ROSTER_FIELDS.map((f) => [f, cell(values, f)])) as Record<RosterField, string>;
    if (ROSTER_FIELDS.every((f) => raw[f] === '')) continue;
    const rowErrors: RosterError[] = [];
    const fail = (field: RosterField, message: string): void => {
      rowErrors.push({ row, field, message });
    };

    // nombre
    if (raw.nombre === '') fail('nombre', 'Falta el nombre de la integrante.');
    else if (raw.nombre.length > MAX_NOMBRE_LENGTH)
      fail('nombre', `El nombre tiene ${raw.nombre.length} caracteres; el máximo es ${MAX_NOMBRE_LENGTH}.`);

    // correo
    const correo = raw.correo.toLowerCase().replace(/^mailto:/, '');
    if (correo === '') fail('correo', 'Falta el correo electrónico institucional.');
    else if (correo.length > MAX_CORREO_LENGTH)
      fail('correo', `El correo tiene ${correo.length} caracteres; el máximo es ${MAX_CORREO_LENGTH}.`);
    else if (!isPlausibleEmail(correo))
      fail('correo', `El correo «${raw.correo}» no tiene un formato válido (ejemplo: nombre.apellido@ine.mx).`);
    else {
      const first = firstRowByEmail.get(correo);
      if (first !== undefined) fail('correo', `El correo ${correo} está repetido: ya aparece en la fila ${first}.`);
      else firstRowByEmail.set(correo, row);
    }

    // vocalía
    const vocalia = raw.vocalia === '' ? undefined : catalog.findVocalia(raw.vocalia);
    if (raw.vocalia === '') fail('vocalia', `Falta la vocalía. Use una de estas claves: ${vocaliaList}.`);
    else if (!vocalia) fail('vocalia', `La vocalía «${raw.vocalia}» no existe. Use una de estas claves: ${vocaliaList}, o el nombre completo.`);

    // ámbito
    const ambito = raw.ambito === '' ? undefined : catalog.findAmbito(raw.ambito);
    if (raw.ambito === '') fail('ambito', 'Falta el ámbito. Escriba JLE (Junta Local Ejecutiva) o JDE (Junta Distrital Ejecutiva).');
    else if (!ambito)
      fail('ambito', `El ámbito «${raw.ambito}» no existe. Escriba JLE (Junta Local Ejecutiva) o JDE (Junta Distrital Ejecutiva).`);

    // entidad
    let entidad = raw.entidad === '' ? undefined : catalog.findEntidad(raw.entidad);
    if (!entidad && raw.entidad !== '') {
      const alias = ENTIDAD_ALIASES[normalize(raw.entidad)];
      if (alias) entidad = catalog.entidad(alias);
    }
    if (raw.entidad === '') fail('entidad', 'Falta la entidad. Escriba la clave del INEGI (01 a 32) o el nombre de la entidad.');
    else if (!entidad)
      fail('entidad', `La entidad «${raw.entidad}» no existe. Escriba la clave del INEGI (01 a 32) o el nombre de la entidad.`);

    // distrito (depends on ámbito and entidad)
    let distrito: number | undefined;
    const ambitoKey = ambito?.clave as AmbitoKey | undefined;
    if (ambitoKey === 'JLE') {
      if (raw.distrito !== '')
        fail('distrito', `Para una Junta Local Ejecutiva deje vacío el distrito (tiene «${raw.distrito}»), o cambie el ámbito a JDE.`);
    } else if (ambitoKey === 'JDE') {
      if (raw.distrito === '') {
        const range = entidad ? ` (de 1 a ${entidad.distritosFederales} en ${entidad.nombre})` : '';
        fail('distrito', `Falta el número de distrito federal de la Junta Distrital${range}.`);
      } else if (!/^\d{1,3}$/.test(raw.distrito)) {
        fail('distrito', `El distrito «${raw.distrito}» debe ser un número entero, sin texto (por ejemplo 5).`);
      } else if (entidad) {
        const d = Number(raw.distrito);
        if (catalog.isValidDistrito(entidad.clave, d)) distrito = d;
        else
          fail(
            'distrito',
            `${entidad.nombre} no tiene el distrito federal ${raw.distrito}: sus distritos van del 1 al ${entidad.distritosFederales}.`,
          );
      }
    }

    if (rowErrors.length > 0 || !vocalia || !ambitoKey || !entidad) {
      errors.push(...rowErrors);
      continue;
    }
    const member: RosterMember = {
      nombre: raw.nombre,
      correo,
      vocalia: vocalia.clave,
      ambito: ambitoKey,
      entidad: entidad.clave,
      circunscripcion: entidad.circunscripcion,
    };
    if (distrito !== undefined) member.distrito = distrito;
    valid.push(member);
  }

  errors.sort((a, b) => a.row - b.row);
  return { valid, errors };
}

/** One line per error, e.g. "Fila 7, correo: El correo … está repetido …". */
export function formatRosterErrors(errors: readonly RosterError[]): string[] {
  return errors.map((e) => `Fila ${e.row}${e.field ? `, ${ROSTER_FIELD_LABELS[e.field]}` : ''}: ${e.message}`);
}
