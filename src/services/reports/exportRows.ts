import type { Catalog } from '../../domain/catalog.js';
import { formatSpreadsheetDateTime, HQ_TIME_ZONE, zoneLabel } from '../../domain/time.js';
import { MEMBER_STATUS_LABELS, type MemberRecord, type MemberStatus } from '../../domain/member.js';
import type { CellInput } from '../rosterFile.js';

/**
 * Rows of the exported files. Pure: member records in, Spanish headers and cell values out.
 * - "exportar registros" (UTIGyND): one row per member, no identifiers of Teams or Entra ID and no consent
 *   internals (only whether she is registered, her data and status).
 * - "exportar mis datos" (derecho de acceso): everything the network keeps about her, including the consent
 *   (date and version) and her entries in the audit log.
 */

/** Exports show every date in headquarters' time (UTIGyND, Mexico City). */
export const EXPORT_TIME_ZONE = HQ_TIME_ZONE;

/** "dd/mm/aaaa, hh:mm" in Mexico City time (00-23 clock); empty for a missing or invalid date. */
export function formatDateTime(value: Date | string | undefined | null): string {
  return formatSpreadsheetDateTime(value, EXPORT_TIME_ZONE);
}

export const MEMBER_EXPORT_HEADERS = [
  'Nombre',
  'Correo institucional',
  'Vocalía',
  'Ámbito',
  'Entidad',
  'Distrito federal',
  'Circunscripción',
  'Años en el SPEN',
  'Ejes temáticos de interés',
  'Ajustes de accesibilidad solicitados',
  'Estatus',
  'Motivo del estatus',
  'Coincide con el padrón',
  'Fecha de registro',
  'Última actualización',
  'Fecha de baja',
] as const;

type ExportMember = Pick<
  MemberRecord,
  | 'nombre'
  | 'correo'
  | 'vocalia'
  | 'ambito'
  | 'entidad'
  | 'distrito'
  | 'circunscripcion'
  | 'aniosSpen'
  | 'ejesInteres'
  | 'accesibilidad'
  | 'status'
  | 'statusReason'
  | 'rosterMatch'
  | 'createdAt'
  | 'updatedAt'
  | 'withdrawnAt'
>;

function labels(catalog: Catalog) {
  const d = catalog.data;
  const vocalia = new Map(d.vocalias.map((v) => [v.clave, v.nombre]));
  const ambito = new Map(d.ambitos.map((a) => [a.clave, a.nombre]));
  const eje = new Map(d.ejesTematicos.map((e) => [e.clave, e.nombre]));
  return {
    vocalia: (k: string) => vocalia.get(k) ?? k,
    ambito: (k: string) => ambito.get(k) ?? k,
    entidad: (k: string) => catalog.entidad(k)?.nombre ?? k,
    ejes: (ks: readonly string[] | undefined) => (ks ?? []).map((k) => eje.get(k) ?? k).join('; '),
  };
}

/** One row per member, sorted by entidad, ámbito, distrito and name (stable and easy to filter in Excel). */
export function memberExportRows(members: readonly ExportMember[], catalog: Catalog): CellInput[][] {
  const l = labels(catalog);
  const sorted = [...members].sort(
    (a, b) =>
      a.entidad.localeCompare(b.entidad) ||
      a.ambito.localeCompare(b.ambito) ||
      (a.distrito ?? 0) - (b.distrito ?? 0) ||
      a.nombre.localeCompare(b.nombre, 'es'),
  );
  return sorted.map((m) => [
    m.nombre,
    m.correo,
    l.vocalia(m.vocalia),
    l.ambito(m.ambito),
    l.entidad(m.entidad),
    m.distrito ?? '',
    m.circunscripcion,
    m.aniosSpen ?? '',
    l.ejes(m.ejesInteres),
    m.accesibilidad ?? '',
    MEMBER_STATUS_LABELS[m.status] ?? m.status,
    m.statusReason ?? '',
    m.rosterMatch ? 'Sí' : 'No',
    formatDateTime(m.createdAt),
    formatDateTime(m.updatedAt),
    formatDateTime(m.withdrawnAt),
  ]);
}

/** An audit entry as the export needs it (the audit log's own record type has at least these fields). */
export interface AuditEntryLike {
  at: Date;
  action: string;
  actor: string;
  target?: string;
  editionId?: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  details?: Record<string, unknown>;
}

export const PERSONAL_EXPORT_HEADERS = ['Sección', 'Dato', 'Valor'] as const;

/** Readable Spanish names of audit actions; unknown actions are shown as they are stored. */
const ACTION_LABELS: Record<string, string> = {
  'member.register': 'Registro en la Red',
  'member.update': 'Actualización de datos',
  'member.approve': 'Validación del registro',
  'member.reject': 'Rechazo del registro',
  'member.changeRequest': 'Solicitud de cambio de datos',
  'member.changeRequest.resolve': 'Respuesta a su solicitud de cambio',
  'member.withdraw': 'Baja de la Red',
  'member.erase': 'Supresión de datos personales',
  'member.export': 'Descarga de sus datos',
  'members.export': 'Exportación de los registros de una edición',
  'roster.import': 'Importación del padrón',
  'admin.add': 'Alta como administradora',
  'admin.remove': 'Baja como administradora',
  'command.denied': 'Intento de usar un comando no disponible para su perfil',
};

const FIELD_NAMES: Record<string, string> = {
  nombre: 'nombre',
  correo: 'correo',
  vocalia: 'vocalía',
  ambito: 'ámbito',
  entidad: 'entidad',
  distrito: 'distrito',
  circunscripcion: 'circunscripción',
  aniosSpen: 'años en el SPEN',
  ejesInteres: 'ejes de interés',
  accesibilidad: 'accesibilidad',
  status: 'estatus',
  statusReason: 'motivo',
  consent: 'consentimiento',
};

/** Which fields an entry touched (names only: the log keeps personal values as fingerprints, not in clear). */
function describeChange(e: AuditEntryLike): string {
  const keys = new Set([...Object.keys(e.before ?? {}), ...Object.keys(e.after ?? {})].filter((k) => FIELD_NAMES[k]));
  const parts: string[] = [];
  if (keys.size > 0) parts.push(`Datos: ${[...keys].map((k) => FIELD_NAMES[k]).join(', ')}`);
  const status = e.after?.status;
  if (typeof status === 'string') parts.push(`Estatus: ${MEMBER_STATUS_LABELS[status as MemberStatus] ?? status}`);
  const reason = e.details?.reason;
  if (typeof reason === 'string' && reason) parts.push(`Motivo: ${reason}`);
  return parts.join(' · ');
}

/**
 * Her record(s) and audit history as "Sección | Dato | Valor" rows: readable in Excel by anyone and complete
 * for a request of access to personal data.
 */
export function personalDataRows(
  records: readonly (MemberRecord & { editionName?: string })[],
  audit: readonly AuditEntryLike[],
  catalog: Catalog,
  generatedAt: Date,
  ownerKey: string,
): CellInput[][] {
  const l = labels(catalog);
  const rows: CellInput[][] = [
    ['Documento', 'Generado el', formatDateTime(generatedAt)],
    ['Documento', 'Horario de las fechas', `Todas las fechas y horas están en ${zoneLabel(EXPORT_TIME_ZONE)} (Ciudad de México), en formato de 24 horas.`],
  ];
  if (records.length === 0) rows.push(['Registro', 'Registros', 'No hay registros a su nombre en la Red de Coaching.']);
  for (const m of records) {
    const section = `Registro · ${m.editionName ?? m.editionId}`;
    const add = (dato: string, valor: CellInput): void => {
      rows.push([section, dato, valor]);
    };
    add('Edición', m.editionName ?? m.editionId);
    add('Nombre', m.nombre);
    add('Correo institucional', m.correo);
    add('Vocalía', l.vocalia(m.vocalia));
    add('Ámbito', l.ambito(m.ambito));
    add('Entidad', l.entidad(m.entidad));
    add('Distrito federal', m.distrito ?? '');
    add('Circunscripción', m.circunscripcion);
    add('Años en el SPEN', m.aniosSpen ?? '');
    add('Ejes temáticos de interés', l.ejes(m.ejesInteres));
    add('Ajustes de accesibilidad solicitados', m.accesibilidad ?? '');
    add('Estatus', MEMBER_STATUS_LABELS[m.status] ?? m.status);
    add('Motivo del estatus', m.statusReason ?? '');
    add('Coincide con el padrón', m.rosterMatch ? 'Sí' : 'No');
    add('Fecha de registro', formatDateTime(m.createdAt));
    add('Última actualización', formatDateTime(m.updatedAt));
    add('Fecha de baja', formatDateTime(m.withdrawnAt));
    add('Fecha de supresión de datos', formatDateTime(m.erasedAt));
    add('Consentimiento: aceptado', m.consent?.accepted ? 'Sí' : 'No');
    add('Consentimiento: fecha', formatDateTime(m.consent?.at));
    add('Consentimiento: versión del aviso de privacidad', m.consent?.version ?? '');
  }
  const history = [...audit].sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
  if (history.length === 0) rows.push(['Historial', 'Movimientos', 'No hay movimientos registrados.']);
  for (const e of history) {
    const change = describeChange(e);
    const who = e.actor === ownerKey ? 'usted' : 'Administración UTIGyND';
    rows.push(['Historial', `${formatDateTime(e.at)} · ${ACTION_LABELS[e.action] ?? e.action} (por ${who})`, change]);
  }
  return rows;
}
