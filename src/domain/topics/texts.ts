/**
 * Spanish (es-MX) messages of the topics domain: validation of a temario file, of a member's picks and of a
 * work plan. Each message is a complete sentence a person can act on; locations name the file path
 * («temas.3.titulo») and the row as a person counts it (tema 4).
 */

const quote = (s: string): string => `«${s}»`;

/** A location inside a temario file: «temas.3.titulo» (tema 4). */
export function temarioWhere(path: readonly (string | number)[]): string {
  if (path.length === 0) return 'En el archivo';
  const row = path[0] === 'temas' && typeof path[1] === 'number' ? ` (tema ${path[1] + 1})` : '';
  return `En ${quote(path.join('.'))}${row}`;
}

export const TEMARIO_TEXTS = {
  notObject: 'El archivo debe contener un objeto JSON con la lista «temas».',
  temasMissing: 'falta la lista de temas.',
  temasNotList: '«temas» debe ser una lista.',
  temasTooFew: 'la lista de temas está vacía.',
  temasTooMany: (max: number) => `la lista admite hasta ${max} temas.`,
  rowNotObject: 'cada tema debe ser un objeto con «id», «eje», «titulo» y «descripcion».',
  versionText: 'la versión debe ser un texto de 1 a 40 caracteres.',
  sourceText: 'la fuente debe ser un texto de hasta 300 caracteres.',
  missing: (field: string) => `falta ${field}.`,
  notText: (field: string) => `${field} debe ser un texto.`,
  tooShort: (field: string, min: number) => `${field} debe tener al menos ${min} caracteres.`,
  tooLong: (field: string, max: number) => `${field} admite hasta ${max} caracteres.`,
  badId: 'la clave debe estar en minúsculas, sin acentos ni espacios, con palabras unidas por guiones (por ejemplo «comunicacion-asertiva»).',
  unknownEje: (value: string, valid: readonly string[]) => `el eje ${quote(value)} no existe; use ${valid.map(quote).join(', ')}.`,
  duplicateId: (id: string, firstRow: number) => `la clave ${quote(id)} ya la usa el tema ${firstRow}.`,
  duplicateTitle: (firstRow: number) => `el título repite el del tema ${firstRow} del mismo eje.`,
  emptyEje: (nombre: string) => `el eje ${quote(nombre)} no tiene ningún tema; agregue al menos uno.`,
  moreErrors: (n: number) => `… y ${n} ${n === 1 ? 'error más' : 'errores más'}. Corrija los anteriores y vuelva a enviar el archivo.`,
} as const;

/** Names of the fields of a topic, with their article (for «falta el título»). */
export const TOPIC_FIELD_NAMES = {
  id: 'la clave («id»)',
  eje: 'el eje',
  titulo: 'el título',
  descripcion: 'la descripción',
} as const;

export const PICKS_TEXTS = {
  notList: 'La selección de temas no es válida; vuelva a abrir la tarjeta de votación.',
  empty: 'Elija al menos un tema.',
  tooMany: (max: number) => `Puede elegir hasta ${max} ${max === 1 ? 'tema' : 'temas'}.`,
  duplicate: 'La selección repite un tema; vuelva a abrir la tarjeta de votación.',
  unknownTopic: 'La selección incluye un tema que no está en el temario de esta votación; vuelva a abrir la tarjeta de votación.',
} as const;

/** A location in a work plan: «Tema 2 (Negociación y manejo de conflictos)». */
export function planWhere(index: number, titulo?: string): string {
  return titulo ? `Tema ${index + 1} (${titulo})` : `Tema ${index + 1}`;
}

export const PLAN_TEXTS = {
  notObject: 'El plan de trabajo no es válido; vuelva a abrir la tarjeta del plan.',
  noItems: 'El plan de trabajo debe incluir al menos un tema.',
  tooManyItems: (max: number) => `El plan de trabajo admite hasta ${max} temas.`,
  rowNotObject: 'los datos del tema no son válidos; vuelva a abrir la tarjeta del plan.',
  unknownTopic: 'el tema no está en el temario de la votación del grupo.',
  duplicateTopic: (firstIndex: number) => `el tema ya aparece como tema ${firstIndex + 1} del plan.`,
  goalMissing: 'escriba la meta del tema.',
  goalTooShort: (min: number) => `la meta debe tener al menos ${min} caracteres.`,
  goalTooLong: (max: number) => `la meta admite hasta ${max} caracteres.`,
  monthMissing: 'elija el mes tentativo.',
  monthOutside: (first: string, last: string) => `el mes tentativo debe estar entre ${first} y ${last}, los seis meses de la edición.`,
  monthBackwards: (prevIndex: number) => `el mes tentativo es anterior al del tema ${prevIndex + 1}; ordene los temas por mes.`,
} as const;
