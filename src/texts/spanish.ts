/**
 * Spanish (es-MX) agreement helpers for user-facing texts: numbers, counts with the right number of the
 * noun (and adjectives agreeing with it), and lists. Pure; every texts module uses these instead of
 * "registro(s)" or "1 integrantes".
 */

const numberFormat = new Intl.NumberFormat('es-MX');

/** 1234 → "1,234" (es-MX grouping). */
export function num(n: number): string {
  return numberFormat.format(n);
}

/** The singular and plural forms of a noun or adjective phrase: ['integrante', 'integrantes']. */
export type Forms = readonly [singular: string, plural: string];

/** The form that agrees with n: 1 → singular; 0 and 2+ → plural (Spanish uses the plural for zero). */
export function agree(n: number, forms: Forms): string {
  return n === 1 ? forms[0] : forms[1];
}

/** "1 integrante", "2 integrantes", "0 validadas", "1,250 registros". */
export function count(n: number, forms: Forms): string {
  return `${num(n)} ${agree(n, forms)}`;
}

/** Common forms, so the same noun is spelt the same everywhere. */
export const NOUNS = {
  integrante: ['integrante', 'integrantes'],
  registro: ['registro', 'registros'],
  solicitud: ['solicitud', 'solicitudes'],
  grupo: ['grupo', 'grupos'],
  persona: ['persona', 'personas'],
  mensaje: ['mensaje', 'mensajes'],
  fila: ['fila', 'filas'],
  error: ['error', 'errores'],
  dia: ['día', 'días'],
  validada: ['validada', 'validadas'],
  pendiente: ['pendiente', 'pendientes'],
  rechazada: ['rechazada', 'rechazadas'],
  dadaDeBaja: ['dada de baja', 'dadas de baja'],
  envio: ['envío', 'envíos'],
  nuevo: ['nuevo', 'nuevos'],
  nueva: ['nueva', 'nuevas'],
  enviado: ['enviado', 'enviados'],
  voto: ['voto', 'votos'],
  tema: ['tema', 'temas'],
} as const satisfies Record<string, Forms>;

/** ["a", "b", "c"] → "a, b y c"; one item → itself; none → "". Uses "e" before words starting with an i sound. */
export function listJoin(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  const last = items[items.length - 1]!;
  const conj = /^(i|hi)(?!e)/i.test(last) ? 'e' : 'y';
  return `${items.slice(0, -1).join(', ')} ${conj} ${last}`;
}

/** Emphasis for a value inside a text ("**Red de Coaching 2026**"). Command words use cmd() instead. */
export function bold(s: string | number): string {
  return `**${s}**`;
}

/**
 * An edition's name inside a sentence: names that start with "Red" take the article ("su registro en la Red de
 * Coaching 2026"); any other name is used as it is ("en Edición piloto", "en la Red de Coaching").
 */
export function editionPhrase(name: string): string {
  const n = name.trim();
  return /^red\b/i.test(n) ? `la ${n}` : n;
}
