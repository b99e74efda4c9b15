/**
 * Spanish (es-MX) messages of the surveys domain: validation of an instrument file (UTIGyND may replace a
 * wave's instrument with a JSON file). Every message is prefixed by the path it refers to, written as in
 * the file: «sections[1].questions[3].options: …».
 */

const quote = (s: string | number): string => `«${s}»`;

/** "sections[1].questions[3].options" from a zod-style path. */
export function instrumentPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || '(archivo)';
}

export const INSTRUMENT_TEXTS = {
  at: (path: string, message: string) => `${path}: ${message}`,
  required: 'falta este campo.',
  notText: 'debe ser un texto.',
  notNumber: 'debe ser un número.',
  notBoolean: 'debe ser true o false.',
  notList: 'debe ser una lista.',
  notObject: 'debe ser un objeto.',
  wrongType: (expected: string) => `tipo no válido (se esperaba ${expected}).`,
  tooShortText: (min: number) => `debe tener al menos ${min} ${min === 1 ? 'carácter' : 'caracteres'}.`,
  tooLongText: (max: number) => `admite hasta ${max} caracteres.`,
  tooFew: (min: number) => `debe tener al menos ${min} ${min === 1 ? 'elemento' : 'elementos'}.`,
  tooMany: (max: number) => `admite hasta ${max} elementos.`,
  tooSmall: (min: number) => `debe ser al menos ${min}.`,
  tooBig: (max: number) => `debe ser como máximo ${max}.`,
  badId: 'la clave debe empezar con una letra minúscula y usar solo minúsculas sin acentos, dígitos y «_» (hasta 60 caracteres).',
  badValue: (values: readonly unknown[]) => `valor no válido; use uno de: ${values.map((v) => quote(String(v))).join(', ')}.`,
  unknownKeys: (keys: readonly string[]) => `campo desconocido: ${keys.map(quote).join(', ')}.`,
  invalid: 'valor no válido.',
  duplicateSectionId: (id: string, first: string) => `la sección ${quote(id)} ya existe en ${first}.`,
  duplicateQuestionId: (id: string, first: string) => `la pregunta ${quote(id)} ya existe en ${first}.`,
  duplicateOption: (value: string) => `el valor ${quote(value)} se repite en las opciones.`,
  optionsRequired: 'las preguntas de opción única o múltiple necesitan al menos dos opciones.',
  optionsNotAllowed: (type: string) => `una pregunta de tipo ${quote(type)} no lleva opciones.`,
  onlyFor: (field: string, types: string) => `${quote(field)} solo se usa en preguntas de tipo ${types}.`,
  numberBounds: 'las preguntas numéricas necesitan «min» y «max».',
  minAboveMax: '«min» debe ser menor que «max».',
  maxSelected: (n: number) => `debe estar entre 1 y el número de opciones (${n}).`,
  showIfOneOf: 'use exactamente uno de «equals» o «in».',
  showIfUnknown: (id: string) => `la pregunta ${quote(id)} no existe.`,
  showIfNotEarlier: (id: string) => `la pregunta ${quote(id)} debe aparecer antes de esta.`,
  showIfSelf: 'una pregunta no puede depender de sí misma.',
  showIfBadTarget: (type: string) => `no se puede condicionar a una pregunta de tipo ${quote(type)}.`,
  showIfBadValue: (value: string | number, id: string) => `el valor ${quote(value)} no es una respuesta posible de ${quote(id)}.`,
  // Cross-wave and replacement checks (no single path: they name wave and question).
  repeatedMismatch: (id: string, waveA: number, waveB: number, what: string) =>
    `La pregunta repetida ${quote(id)} difiere entre la ola ${waveA} y la ola ${waveB} (${what}); las preguntas repetidas deben ser idénticas para comparar el cambio.`,
  repeatedFlagMismatch: (id: string, waveA: number, waveB: number) =>
    `La pregunta ${quote(id)} aparece en la ola ${waveA} y en la ola ${waveB}, pero solo en una está marcada como repetida («repeated»).`,
  duplicateWave: (wave: number) => `Hay más de un instrumento para la ola ${wave}.`,
  replacementWave: (expected: number, got: number) => `El instrumento es de la ola ${got}, pero se está reemplazando la ola ${expected}.`,
  replacementVersion: (version: string) => `El nuevo instrumento debe tener una versión distinta de la actual (${quote(version)}).`,
  replacementMissing: (id: string) => `Falta la pregunta repetida ${quote(id)}; se necesita para comparar el cambio entre olas.`,
  whatType: 'tipo',
  whatOptions: 'opciones',
  whatRange: 'rango',
  moreErrors: (n: number) => `… y ${n} ${n === 1 ? 'error más' : 'errores más'}.`,
} as const;

/** Labels used when formatting answers for the review page and the export. */
export const ANSWER_DISPLAY_TEXTS = {
  yes: 'Sí',
  no: 'No',
} as const;

/** Default Likert labels (agreement scale), values 1..5. */
export const DEFAULT_LIKERT_LABELS: [string, string, string, string, string] = [
  'Totalmente en desacuerdo',
  'En desacuerdo',
  'Ni de acuerdo ni en desacuerdo',
  'De acuerdo',
  'Totalmente de acuerdo',
];

/** Labels of the barrier effect scale 1..5. */
export const EFFECT_LABELS: [string, string, string, string, string] = ['Nada', 'Poco', 'Moderadamente', 'Mucho', 'Muchísimo'];

/** Sheet names, headers and codebook wording of the XLSX export (src/services/surveys/export.ts). */
export const EXPORT_TEXTS = {
  answersSheet: 'Respuestas',
  codebookSheet: 'Libro de códigos',
  aboutSheet: 'Acerca de',
  pseudonymHeader: 'seudonimo',
  codebookHeaders: ['Columna', 'Sección', 'Pregunta', 'Tipo', 'Códigos y valores', 'Obligatoria', 'Se muestra si'] as const,
  yes: 'Sí',
  no: 'No',
  pseudonymDescription: 'Seudónimo de la persona que respondió (no es su clave ni permite identificarla; es el mismo en las tres olas de la edición).',
  typeLabels: {
    single: 'Opción única',
    multiple: 'Opción múltiple (códigos separados por «;»)',
    likert: 'Escala de 1 a 5',
    number: 'Número',
    shortText: 'Texto breve',
    longText: 'Texto largo',
    barriers: 'Bloque de barreras',
  },
  barrierFaced: (category: string) => `${category}: ¿la ha enfrentado? (1 = sí, 0 = no)`,
  barrierEffect: (category: string) => `${category}: cuánto la afectó (1 = nada … 5 = muchísimo)`,
  barrierExample: (category: string) => `${category}: ejemplo (texto libre)`,
  condition: (questionId: string, values: string) => `${questionId} = ${values}`,
  range: (min: number, max: number) => `De ${min} a ${max}`,
  maxChars: (n: number) => `Hasta ${n} caracteres`,
  about: (title: string, version: string, wave: number, respondents: number) => [
    `${title} (ola ${wave}, versión ${version}).`,
    `Respuestas finalizadas: ${respondents}. Una fila por persona, identificada solo con un seudónimo; las filas están ordenadas por seudónimo, no por fecha.`,
    'El archivo no contiene nombres, correos, entidad, distrito ni ningún otro dato de identificación. Las preguntas condicionales sin respuesta aparecen vacías.',
    'Úselo solo para análisis agregados; no intente identificar a ninguna integrante ni publique resultados de grupos con menos de 5 personas.',
  ],
  tooFew: (k: number) => `La ola tiene menos de ${k} respuestas finalizadas: para proteger el anonimato, el archivo no incluye respuestas individuales.`,
} as const;
