import type { AmbitoKey, Catalog } from './catalog.js';
import { isPlausibleEmail, juntaKey } from './roster.js';
import type { MemberRecord, MemberStatus, PendingReason } from './member.js';
import type { RosterMember } from './roster.js';
import {
  endOfDayContaining,
  endOfLocalDay,
  formatDate as formatDateIn,
  formatDateTime as formatDateTimeIn,
  HQ_TIME_ZONE,
  localToInstant,
  parseLocalDate,
  startOfLocalDay,
  type LocalDate,
  type LocalTime,
} from './time.js';

/**
 * Registration rules of the network (issue 3): what a registration form must contain, the aviso de
 * privacidad and rules she accepts, the call's window, and junta conflicts. Pure: no I/O, no botbuilder.
 */

/** Time zone of the call's dates: headquarters' (the network is coordinated from Mexico City). See ./time.ts. */
export const REGISTRATION_TIME_ZONE = HQ_TIME_ZONE;

/**
 * Version of the aviso de privacidad (short form) and network rules shown before registering. Change it
 * whenever PRIVACY_SUMMARY or NETWORK_RULES change: each registration stores the version she accepted.
 */
export const CONSENT_VERSION = '2026-01';

export const PRIVACY_SUMMARY =
  'El Instituto Nacional Electoral, a través de la Unidad Técnica de Igualdad de Género y No Discriminación (UTIGyND), ' +
  'tratará sus datos (nombre, correo institucional, adscripción, años en el SPEN, ejes de interés y necesidades de ' +
  'accesibilidad que decida compartir) solo para operar la Red de Coaching: validar su registro, conformar los grupos, ' +
  'enviarle avisos y elaborar estadísticas sin datos que la identifiquen. No se transfieren a terceros. Puede consultar, ' +
  'actualizar, exportar o solicitar la cancelación de sus datos desde este chat en cualquier momento.';

export const NETWORK_RULES: readonly string[] = [
  'La participación es voluntaria y puede darse de baja en cualquier momento.',
  'Lo que se comparte en las sesiones grupales es confidencial y se trata con respeto.',
  'La Red es un espacio libre de violencia y discriminación.',
  'Cada integrante se registra a sí misma, con sus datos reales y su correo institucional.',
  'La UTIGyND valida los registros contra el padrón del Servicio Profesional Electoral Nacional.',
];

export const LIMITS = {
  nombre: 120,
  correo: 254,
  accesibilidad: 500,
  aniosSpenMax: 45,
  /** Any raw card field longer than this is rejected before validation. */
  rawField: 2000,
} as const;

/** A registration form as a card submits it: every value is text (Adaptive Cards send strings). */
export interface ProfileInput {
  nombre?: string;
  correo?: string;
  vocalia?: string;
  ambito?: string;
  entidad?: string;
  distrito?: string;
  aniosSpen?: string;
  /** Comma-separated claves of ejesTematicos (Input.ChoiceSet with isMultiSelect). */
  ejes?: string;
  accesibilidad?: string;
}

export type ProfileField = keyof ProfileInput;
export const PROFILE_FIELDS: readonly ProfileField[] = ['nombre', 'correo', 'vocalia', 'ambito', 'entidad', 'distrito', 'aniosSpen', 'ejes', 'accesibilidad'];

/** The validated, normalised registration data (the member-provided part of a MemberRecord). */
export interface ProfileData {
  nombre: string;
  correo: string;
  vocalia: string;
  ambito: AmbitoKey;
  entidad: string;
  distrito?: number;
  circunscripcion: number;
  aniosSpen?: number;
  ejesInteres: string[];
  accesibilidad?: string;
}

export interface FieldError {
  field: ProfileField;
  message: string;
}

export type ProfileValidation = { ok: true; value: ProfileData } | { ok: false; errors: FieldError[] };

const clean = (s: string | undefined): string => (s ?? '').replace(/[\s\u00a0]+/g, ' ').trim();

/** Removes control characters (except new lines) from free text and trims it. */
function cleanFreeText(s: string | undefined): string {
  return (s ?? '')
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '')
    .trim();
}

/**
 * Validates a registration form against the catalog. Every problem is reported with a Spanish message
 * that says how to fix it; nothing is guessed. The same rules apply to new registrations and updates.
 */
export function validateProfile(input: ProfileInput, catalog: Catalog): ProfileValidation {
  const errors: FieldError[] = [];
  const fail = (field: ProfileField, message: string): void => {
    errors.push({ field, message });
  };

  for (const field of PROFILE_FIELDS) {
    const v = input[field];
    if (v !== undefined && v.length > LIMITS.rawField) fail(field, `El campo «${FIELD_LABELS[field]}» es demasiado largo.`);
  }
  if (errors.length) return { ok: false, errors };

  const nombre = clean(input.nombre);
  if (!nombre) fail('nombre', 'Escriba su nombre completo.');
  else if (nombre.length > LIMITS.nombre) fail('nombre', `Su nombre tiene ${nombre.length} caracteres; el máximo es ${LIMITS.nombre}.`);
  else if (nombre.length < 3 || !/\p{L}/u.test(nombre)) fail('nombre', 'Escriba su nombre completo (nombre y apellidos).');

  const correo = clean(input.correo).toLowerCase().replace(/^mailto:/, '');
  if (!correo) fail('correo', 'Escriba su correo electrónico institucional.');
  else if (correo.length > LIMITS.correo) fail('correo', `El correo tiene ${correo.length} caracteres; el máximo es ${LIMITS.correo}.`);
  else if (!isPlausibleEmail(correo)) fail('correo', 'El correo no tiene un formato válido (ejemplo: nombre.apellido@ine.mx).');

  const vocaliaList = catalog.data.vocalias.map((v) => v.clave).join(', ');
  const vocaliaRaw = clean(input.vocalia);
  const vocalia = vocaliaRaw ? catalog.findVocalia(vocaliaRaw) : undefined;
  if (!vocaliaRaw) fail('vocalia', 'Elija su vocalía.');
  else if (!vocalia) fail('vocalia', `La vocalía elegida no existe. Elija una de la lista (${vocaliaList}).`);

  const ambitoRaw = clean(input.ambito);
  const ambito = ambitoRaw ? catalog.findAmbito(ambitoRaw) : undefined;
  if (!ambitoRaw) fail('ambito', 'Elija si pertenece a una Junta Local Ejecutiva o a una Junta Distrital Ejecutiva.');
  else if (!ambito) fail('ambito', 'El ámbito elegido no existe. Elija Junta Local Ejecutiva o Junta Distrital Ejecutiva.');

  const entidadRaw = clean(input.entidad);
  const entidad = entidadRaw ? catalog.findEntidad(entidadRaw) : undefined;
  if (!entidadRaw) fail('entidad', 'Elija su entidad federativa.');
  else if (!entidad) fail('entidad', 'La entidad elegida no existe. Elija una de las 32 entidades de la lista.');

  const ambitoKey = ambito?.clave as AmbitoKey | undefined;
  const distritoRaw = clean(input.distrito);
  let distrito: number | undefined;
  if (ambitoKey === 'JLE') {
    if (distritoRaw) fail('distrito', 'Para una Junta Local Ejecutiva deje vacío el distrito, o elija Junta Distrital Ejecutiva.');
  } else if (ambitoKey === 'JDE') {
    const range = entidad ? ` (en ${entidad.nombre}, del 1 al ${entidad.distritosFederales})` : '';
    if (!distritoRaw) fail('distrito', `Escriba el número de su distrito federal${range}.`);
    else if (!/^\d{1,3}$/.test(distritoRaw)) fail('distrito', `El distrito debe ser un número entero${range}.`);
    else if (entidad) {
      const d = Number(distritoRaw);
      if (catalog.isValidDistrito(entidad.clave, d)) distrito = d;
      else fail('distrito', `${entidad.nombre} no tiene el distrito federal ${distritoRaw}: sus distritos van del 1 al ${entidad.distritosFederales}.`);
    }
  }

  const aniosRaw = clean(input.aniosSpen);
  let aniosSpen: number | undefined;
  if (aniosRaw) {
    if (!/^\d{1,2}$/.test(aniosRaw) || Number(aniosRaw) > LIMITS.aniosSpenMax)
      fail('aniosSpen', `Los años en el SPEN deben ser un número entero del 0 al ${LIMITS.aniosSpenMax}, o déjelo vacío.`);
    else aniosSpen = Number(aniosRaw);
  }

  const ejesRaw = clean(input.ejes);
  const ejesInteres: string[] = [];
  if (ejesRaw) {
    const known = new Set(catalog.data.ejesTematicos.map((e) => e.clave));
    for (const clave of ejesRaw.split(',').map((x) => x.trim()).filter(Boolean)) {
      if (!known.has(clave)) {
        fail('ejes', 'Uno de los ejes temáticos elegidos no existe. Elija solo de la lista.');
        break;
      }
      if (!ejesInteres.includes(clave)) ejesInteres.push(clave);
    }
  }

  const accesibilidad = cleanFreeText(input.accesibilidad);
  if (accesibilidad.length > LIMITS.accesibilidad)
    fail('accesibilidad', `Las necesidades de accesibilidad tienen ${accesibilidad.length} caracteres; el máximo es ${LIMITS.accesibilidad}.`);

  if (errors.length || !vocalia || !ambitoKey || !entidad) return { ok: false, errors };
  const value: ProfileData = {
    nombre,
    correo,
    vocalia: vocalia.clave,
    ambito: ambitoKey,
    entidad: entidad.clave,
    circunscripcion: entidad.circunscripcion,
    ejesInteres,
  };
  if (distrito !== undefined) value.distrito = distrito;
  if (aniosSpen !== undefined) value.aniosSpen = aniosSpen;
  if (accesibilidad) value.accesibilidad = accesibilidad;
  return { ok: true, value };
}

export const FIELD_LABELS: Record<ProfileField, string> = {
  nombre: 'Nombre completo',
  correo: 'Correo institucional',
  vocalia: 'Vocalía',
  ambito: 'Ámbito',
  entidad: 'Entidad',
  distrito: 'Distrito federal',
  aniosSpen: 'Años en el SPEN',
  ejes: 'Ejes temáticos de interés',
  accesibilidad: 'Necesidades de accesibilidad',
};

/** One line per problem, for a chat message. */
export function formatFieldErrors(errors: readonly FieldError[]): string {
  return errors.map((e) => `- **${FIELD_LABELS[e.field]}**: ${e.message}`).join('\n');
}

/** The form values of existing data (to prefill a card for corrections). */
export function profileToInput(p: Partial<ProfileData>): ProfileInput {
  return {
    nombre: p.nombre ?? '',
    correo: p.correo ?? '',
    vocalia: p.vocalia ?? '',
    ambito: p.ambito ?? '',
    entidad: p.entidad ?? '',
    distrito: p.distrito !== undefined ? String(p.distrito) : '',
    aniosSpen: p.aniosSpen !== undefined ? String(p.aniosSpen) : '',
    ejes: (p.ejesInteres ?? []).join(','),
    accesibilidad: p.accesibilidad ?? '',
  };
}

/** True when two profiles describe the same position (vocalía in the same junta). */
export function samePosition(a: Pick<ProfileData, 'vocalia' | 'ambito' | 'entidad' | 'distrito'>, b: Pick<ProfileData, 'vocalia' | 'ambito' | 'entidad' | 'distrito'>): boolean {
  return a.vocalia === b.vocalia && a.ambito === b.ambito && a.entidad === b.entidad && (a.distrito ?? 0) === (b.distrito ?? 0);
}

/** Fields whose change can alter a registration's validation (identity and position). */
export const VALIDATION_FIELDS = ['correo', 'vocalia', 'ambito', 'entidad', 'distrito'] as const;

/** Names of the fields that differ between two profiles. */
export function changedFields(before: ProfileData, after: ProfileData): (keyof ProfileData)[] {
  const keys: (keyof ProfileData)[] = ['nombre', 'correo', 'vocalia', 'ambito', 'entidad', 'distrito', 'circunscripcion', 'aniosSpen', 'ejesInteres', 'accesibilidad'];
  return keys.filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
}

/** The profile part of a member record. */
export function profileOf(m: MemberRecord): ProfileData {
  const p: ProfileData = {
    nombre: m.nombre,
    correo: m.correo,
    vocalia: m.vocalia,
    ambito: m.ambito,
    entidad: m.entidad,
    circunscripcion: m.circunscripcion,
    ejesInteres: [...m.ejesInteres],
  };
  if (m.distrito !== undefined) p.distrito = m.distrito;
  if (m.aniosSpen !== undefined) p.aniosSpen = m.aniosSpen;
  if (m.accesibilidad !== undefined) p.accesibilidad = m.accesibilidad;
  return p;
}

// ----------------------------------------------------------------------------------------------
// The call's window (convocatoria), in headquarters' time (./time.ts).

export type CallState =
  | { kind: 'notScheduled' }
  | { kind: 'notYetOpen'; opensAt: Date; closesAt?: Date }
  | { kind: 'open'; closesAt?: Date }
  | { kind: 'closed'; closedAt: Date };

/** Where the call stands at `now`. Open from opensAt (inclusive) until closesAt (exclusive). */
export function callState(window: { opensAt?: Date; closesAt?: Date }, now: Date): CallState {
  const { opensAt, closesAt } = window;
  if (closesAt && now.getTime() >= closesAt.getTime()) return { kind: 'closed', closedAt: closesAt };
  if (!opensAt) return { kind: 'notScheduled' };
  if (now.getTime() < opensAt.getTime()) return closesAt ? { kind: 'notYetOpen', opensAt, closesAt } : { kind: 'notYetOpen', opensAt };
  return closesAt ? { kind: 'open', closesAt } : { kind: 'open' };
}

/** A calendar day (no zone). */
export type CalendarDate = LocalDate;

/** Parses "2026-12-01" or "01/12/2026" (day first, as written in Mexico). Undefined when not a real date. */
export function parseCalendarDate(text: string): CalendarDate | undefined {
  const r = parseLocalDate(text);
  return r.ok ? r.value : undefined;
}

/** The instant of a wall-clock time in a time zone (DST-aware; headquarters' zone by default). */
export function zonedTimeToUtc(date: CalendarDate, time: { hour: number; minute: number; second?: number; ms?: number }, timeZone: string = REGISTRATION_TIME_ZONE): Date {
  const t: LocalTime = { hour: time.hour, minute: time.minute, second: time.second ?? 0, millisecond: time.ms ?? 0 };
  return localToInstant(date, t, timeZone);
}

/** 00:00 of a day in Mexico City. */
export const startOfDay = (d: CalendarDate): Date => startOfLocalDay(d, REGISTRATION_TIME_ZONE);
/** 23:59:59.999 of a day in Mexico City. */
export const endOfDay = (d: CalendarDate): Date => endOfLocalDay(d, REGISTRATION_TIME_ZONE);

/** "1 de diciembre de 2026" in Mexico City time. */
export function formatDate(d: Date): string {
  return formatDateIn(d, REGISTRATION_TIME_ZONE);
}

/** "1 de diciembre de 2026, 09:30 h (hora del centro)". */
export function formatDateTime(d: Date): string {
  return formatDateTimeIn(d, REGISTRATION_TIME_ZONE);
}

/** A plain-language sentence about the call, for members. */
export function describeCall(state: CallState): string {
  switch (state.kind) {
    case 'notScheduled':
      return 'La convocatoria de registro todavía no tiene fecha de apertura.';
    case 'notYetOpen':
      return `La convocatoria de registro abre el ${formatDateTime(state.opensAt)}${state.closesAt ? ` y cierra el ${formatDateTime(state.closesAt)}` : ''}.`;
    case 'open':
      return state.closesAt ? `La convocatoria de registro está abierta hasta el ${formatDateTime(state.closesAt)}.` : 'La convocatoria de registro está abierta.';
    case 'closed':
      return `La convocatoria de registro cerró el ${formatDateTime(state.closedAt)}.`;
  }
}

/** Stages of a calendar that are today or later (stage dates are days: a stage stays listed until its day ends in Mexico City). */
export function upcomingStages<T extends { date: Date }>(stages: readonly T[], now: Date): T[] {
  return stages.filter((s) => endOfDayContaining(s.date, REGISTRATION_TIME_ZONE).getTime() >= now.getTime());
}

/** A calendar key from a stage label: "Reunión nacional de apertura" → "reunion-nacional-de-apertura". */
export function slugify(label: string): string {
  return label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

/** Edition ids are short and safe in keys and file names: "2026", "2026-b". */
export const EDITION_ID_RE = /^[A-Za-z0-9][A-Za-z0-9-]{0,19}$/;

// ----------------------------------------------------------------------------------------------
// Junta conflicts: two active registrations claiming the same vocalía in the same junta.

export interface JuntaConflict {
  /** juntaKey ("JLE-09", "JDE-09-05") and vocalía. */
  juntaKey: string;
  vocalia: string;
  memberIds: string[];
}

const ACTIVE: readonly MemberStatus[] = ['validated', 'pending'];

/** Positions claimed by more than one validated or pending registration. */
export function findJuntaConflicts(members: readonly Pick<MemberRecord, '_id' | 'status' | 'vocalia' | 'ambito' | 'entidad' | 'distrito'>[]): JuntaConflict[] {
  const byPosition = new Map<string, JuntaConflict>();
  for (const m of members) {
    if (!ACTIVE.includes(m.status)) continue;
    const jk = juntaKey(m);
    const key = `${jk}|${m.vocalia}`;
    let c = byPosition.get(key);
    if (!c) {
      c = { juntaKey: jk, vocalia: m.vocalia, memberIds: [] };
      byPosition.set(key, c);
    }
    c.memberIds.push(m._id);
  }
  return [...byPosition.values()].filter((c) => c.memberIds.length > 1).sort((a, b) => a.juntaKey.localeCompare(b.juntaKey) || a.vocalia.localeCompare(b.vocalia));
}

/** "Vocalía Ejecutiva, Junta Distrital Ejecutiva 05 de Ciudad de México". */
export function describePosition(p: Pick<ProfileData, 'vocalia' | 'ambito' | 'entidad' | 'distrito'>, catalog: Catalog): string {
  const vocalia = catalog.findVocalia(p.vocalia)?.nombre ?? p.vocalia;
  const entidad = catalog.entidad(p.entidad)?.nombre ?? p.entidad;
  const junta = p.ambito === 'JLE' ? 'Junta Local Ejecutiva' : `Junta Distrital Ejecutiva ${String(p.distrito ?? 0).padStart(2, '0')}`;
  return `${vocalia}, ${junta} de ${entidad}`;
}

/** Fields that identify her; they never go into audit snapshots in clear and are erased on request. */
export const PERSONAL_FIELDS = ['nombre', 'correo', 'accesibilidad'] as const;

// ----------------------------------------------------------------------------------------------
// Roster validation of a registration.

export interface RosterDecision {
  status: 'validated' | 'pending';
  /** Her email is in the edition's roster. */
  rosterMatch: boolean;
  pendingReason?: PendingReason;
}

/**
 * A registration is validated automatically only when her email is in the roster, the vocalía and junta
 * she gave are the roster's, and the email is the one Teams reports for her account (a typed email could
 * be someone else's). Otherwise it waits for an admin, with the reason.
 */
export function rosterDecision(profile: ProfileData, entry: RosterMember | null, hasRoster: boolean, verifiedEmail: string | undefined): RosterDecision {
  if (!entry) return { status: 'pending', rosterMatch: false, pendingReason: hasRoster ? 'notInRoster' : 'noRoster' };
  if (!samePosition(profile, entry)) return { status: 'pending', rosterMatch: true, pendingReason: 'positionMismatch' };
  if (!verifiedEmail || verifiedEmail.trim().toLowerCase() !== profile.correo) return { status: 'pending', rosterMatch: true, pendingReason: 'emailNotVerified' };
  return { status: 'validated', rosterMatch: true };
}

/** Form values prefilled from a roster entry (name and position), keeping what she already typed otherwise. */
export function prefillFromRoster(input: ProfileInput, entry: RosterMember): ProfileInput {
  return {
    ...input,
    nombre: input.nombre || entry.nombre,
    correo: entry.correo,
    vocalia: entry.vocalia,
    ambito: entry.ambito,
    entidad: entry.entidad,
    distrito: entry.distrito !== undefined ? String(entry.distrito) : '',
  };
}
