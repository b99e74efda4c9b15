import type { SurveyErrorCode } from '../../services/surveys/index.js';
import type { AnswerErrorCode, BreakdownDimension, WaveNumber } from '../../domain/surveys/types.js';
import { cmd } from '../commands.js';
import { bold, count, num, type Forms } from '../../texts/spanish.js';

/** Spanish texts of the surveys feature (issue 12). */

const RESPUESTAS: Forms = ['respuesta', 'respuestas'];
const INVITADAS: Forms = ['integrante invitada', 'integrantes invitadas'];
const PAGINAS: Forms = ['página', 'páginas'];
const PREGUNTAS: Forms = ['pregunta', 'preguntas'];
const PAREJAS: Forms = ['integrante con ambas olas', 'integrantes con ambas olas'];

export const WAVE_NAMES: Record<WaveNumber, string> = {
  1: 'Ola 1 · línea base',
  2: 'Ola 2 · cierre de la Red',
  3: 'Ola 3 · seguimiento a cuatro meses',
};

export const DIMENSION_NAMES: Record<BreakdownDimension, string> = {
  vocalia: 'vocalía',
  ambito: 'ámbito',
  circunscripcion: 'circunscripción',
  group: 'grupo',
};

/** Every refusal of the survey service (SurveyError codes). */
export const SURVEY_ERRORS: Record<SurveyErrorCode, string> = {
  noWave: 'Esa encuesta no existe o todavía no se abre.',
  notOpen: 'Esa encuesta todavía no está abierta.',
  closed: 'Esa encuesta ya cerró: ya no se reciben respuestas. Gracias por su interés.',
  alreadyOpen: 'Esa ola de la encuesta ya está abierta.',
  notMember: 'Esta encuesta es para las integrantes validadas de la edición; no encontré su registro validado.',
  staleCard: `Esta tarjeta corresponde a una versión anterior de la encuesta y ya no puede usarse. Escriba ${cmd('survey')} para continuar con la vigente.`,
  unknownPage: `Esa página no pertenece a esta encuesta. Escriba ${cmd('survey')} para continuar donde se quedó.`,
  pageOutOfOrder: `Antes de esa página faltan respuestas obligatorias en una página anterior. Escriba ${cmd('survey')} para continuar donde se quedó.`,
  invalidAnswers: 'Algunas respuestas no son válidas; no se guardó nada de esta página.',
  incomplete: 'Faltan respuestas obligatorias; complételas antes de enviar.',
  alreadySent: 'Usted ya envió esta encuesta; sus respuestas quedaron registradas y no pueden cambiarse. ¡Gracias!',
  badClosing: 'La fecha de cierre debe ser posterior a hoy.',
  frozen: 'Esa ola ya se abrió: su instrumento quedó fijo y ya no puede reemplazarse.',
  invalidInstrument: 'El instrumento no es válido; no se reemplazó.',
  busy: 'Hubo mucha actividad al mismo tiempo y no se guardó esta página. Vuelva a intentarlo, por favor.',
};

const ANSWER_PROBLEMS: Record<AnswerErrorCode, string> = {
  unknownQuestion: 'no es una pregunta de esta página',
  hiddenQuestion: 'no corresponde con sus respuestas anteriores',
  wrongType: 'tiene un formato que no corresponde',
  notAnOption: 'no es una de las opciones',
  outOfRange: 'está fuera del rango permitido',
  notInteger: 'debe ser un número entero',
  tooLong: 'es demasiado largo',
  required: 'es obligatoria',
  inconsistent: 'no concuerda: si no la ha enfrentado, deje vacíos el efecto y el ejemplo',
};

export const SURVEYS_TEXTS = {
  usage: `Opciones: ${cmd('survey')} (continuar su encuesta), ${cmd('survey', 'abrir', '1 cierre AAAA-MM-DD')}, ${cmd('survey', 'cerrar', '1')}, ${cmd('survey', 'resultados', '1 por vocalia')}, ${cmd('survey', 'comparar', '1 2')}, ${cmd('survey', 'exportar', '1')} y ${cmd('survey', 'instrumento', '1')} con un archivo .json adjunto (UTIGyND).`,
  needWave: 'Indique la ola: 1 (línea base), 2 (cierre) o 3 (seguimiento).',
  badClosing: 'No entendí la fecha de cierre. Escríbala como AAAA-MM-DD, por ejemplo «cierre 2027-02-15».',
  badBreakdown: 'Puede desglosar por vocalia, ambito o circunscripcion; por ejemplo «por vocalia».',
  nothingOpen: 'En este momento no hay una encuesta abierta para usted. Le avisaremos por este chat cuando se abra la siguiente.',
  allSent: 'Ya envió la encuesta abierta. ¡Gracias por su participación!',
  opened: (wave: WaveNumber, invited: number, closes: string) => `Se abrió la ${WAVE_NAMES[wave]} hasta el ${closes}. Se envió la invitación a ${count(invited, INVITADAS)}; recibirán recordatorios antes del cierre quienes no la hayan enviado.`,
  alreadyOpenReinvited: (wave: WaveNumber, sent: number, closes: string) =>
    `La ${WAVE_NAMES[wave]} ya está abierta hasta el ${closes}. ${sent > 0 ? `Se envió la invitación a ${count(sent, INVITADAS)} que aún no la tenían.` : 'Todas las integrantes validadas ya tienen su invitación.'}`,
  closedNow: (wave: WaveNumber, finished: number) => `Se cerró la ${WAVE_NAMES[wave]} con ${count(finished, RESPUESTAS)} enviadas. Ya no se reciben respuestas.`,
  notOpenToClose: (wave: WaveNumber) => `La ${WAVE_NAMES[wave]} no está abierta.`,
  instrumentReplaced: (wave: WaveNumber, title: string, version: string, questions: number) =>
    `Se reemplazó el instrumento de la ${WAVE_NAMES[wave]}: ${bold(title)}, versión ${bold(version)}, ${count(questions, PREGUNTAS)}. Se usará cuando se abra la ola.`,
  instrumentErrors: (problems: readonly string[]) => `El instrumento no es válido; no se reemplazó. Corrija lo siguiente:\n\n${problems.map((p) => `- ${p}`).join('\n')}`,
  instrumentNeedsFile: 'Adjunte el archivo .json del instrumento al mismo mensaje del comando.',
  instrumentBadJson: (detail: string) => `El archivo no es un JSON válido (${detail}); no se reemplazó el instrumento.`,
  instrumentShow: (wave: WaveNumber, title: string, version: string, replaced: boolean, pages: number) =>
    `${WAVE_NAMES[wave]}: ${bold(title)}, versión ${bold(version)} (${replaced ? 'reemplazado para esta edición' : 'el de la Red'}), ${count(pages, PAGINAS)}. Para reemplazarlo antes de abrir la ola, adjunte un archivo .json a ${cmd('survey', 'instrumento', String(wave))}.`,
  invalidAnswers: (problems: readonly string[]) => `${SURVEY_ERRORS.invalidAnswers} Revise: ${problems.join('; ')}. Puede corregirlas en la misma tarjeta.`,
  answerProblem: (question: string, code: AnswerErrorCode) => `«${question}» ${ANSWER_PROBLEMS[code]}`,
  unknownInput: 'una respuesta que no pertenece a esta página',
  exportEmpty: (wave: WaveNumber) => `La ${WAVE_NAMES[wave]} no tiene respuestas enviadas todavía.`,
  exportFileName: (editionId: string, wave: WaveNumber, stamp: string) => `encuesta-${editionId}-ola${wave}-${stamp}.xlsx`,
  exportDescription: (wave: WaveNumber, stamp: string) => `Respuestas anónimas de la ${WAVE_NAMES[wave]} (una fila por seudónimo, sin nombres ni datos de contacto) con su libro de códigos, generado el ${stamp}.`,
  compareUsage: 'Indique dos olas distintas, por ejemplo «encuesta comparar 1 2».',
  compareNeedsWaves: 'Para comparar se necesitan las dos olas abiertas alguna vez y con respuestas enviadas.',

  // Invitation and answering cards.
  invitationTitle: (wave: WaveNumber) => `Encuesta de la Red · ${WAVE_NAMES[wave]}`,
  invitationIntro: 'La Red de Coaching le pide unos minutos para responder esta encuesta. Sus respuestas son confidenciales: se guardan con un seudónimo, nadie de la UTIGyND puede ver qué respondió usted y los resultados solo se publican agrupados de al menos cinco personas.',
  invitationHow: `Puede responder por partes: cada página se guarda al avanzar, y si se detiene, escriba ${cmd('survey')} para continuar donde se quedó.`,
  closesAt: (when: string) => `Cierre: ${when}.`,
  startTitle: 'Responder la encuesta',
  progress: (page: number, pages: number) => `Página ${num(page)} de ${num(pages)}`,
  reviewProgress: 'Revisión final',
  back: 'Atrás',
  next: 'Siguiente',
  toReview: 'Revisar y enviar',
  send: 'Enviar',
  required: (label: string) => `${label} (obligatoria)`,
  yes: 'Sí',
  no: 'No',
  barrierFaced: '¿La ha enfrentado?',
  barrierEffect: 'Si la enfrentó: ¿cuánto afectó su trayectoria? (1 = nada, 5 = muchísimo)',
  barrierExample: 'Si la enfrentó, un ejemplo (opcional, sin nombres de personas)',
  choose: 'Elija una opción',
  numberRange: (min: number, max: number) => `Un número de ${num(min)} a ${num(max)}`,
  missingHere: (questions: readonly string[]) => `Faltan respuestas obligatorias en esta página: ${questions.map((q) => `«${q}»`).join(', ')}.`,
  reviewHeading: 'Revise sus respuestas',
  reviewIntro: 'Si todo está bien, presione «Enviar». Una vez enviada, la encuesta ya no puede cambiarse. Con «Atrás» vuelve a la última página.',
  reviewMissing: (questions: readonly string[]) => `Antes de enviar faltan respuestas obligatorias: ${questions.map((q) => `«${q}»`).join(', ')}.`,
  noAnswer: '(sin respuesta)',
  barrierLine: (faced: boolean | undefined, effect: number | undefined, hasExample: boolean) =>
    faced === undefined ? '(sin respuesta)' : faced ? `Sí${effect !== undefined ? `, efecto ${effect} de 5` : ''}${hasExample ? ', con ejemplo' : ''}` : 'No',
  thanksTitle: '¡Gracias!',
  thanks: (wave: WaveNumber) => `Su encuesta de la ${WAVE_NAMES[wave]} quedó enviada. Sus respuestas se guardan con un seudónimo y solo se reportan agrupadas; ya no pueden cambiarse.`,
  alreadySentTitle: 'Encuesta enviada',
  closedTitle: 'Encuesta cerrada',
  reminderTitle: (wave: WaveNumber) => `Recordatorio · ${WAVE_NAMES[wave]}`,
  reminder: (closes: string) => `La encuesta de la Red sigue abierta para usted hasta el ${closes}. Sus respuestas guardadas la esperan: presione «Responder la encuesta» o escriba ${cmd('survey')} para continuar donde se quedó.`,
  broadcastInvitation: (wave: WaveNumber) => `Invitación a la encuesta (${WAVE_NAMES[wave]})`,
  broadcastReminder: (wave: WaveNumber) => `Recordatorio de la encuesta (${WAVE_NAMES[wave]})`,
  autoOpenedAdmin: (wave: WaveNumber, invited: number, closes: string) => `El calendario abrió la ${WAVE_NAMES[wave]} hasta el ${closes}; se invitó a ${count(invited, INVITADAS)}.`,

  // Administration: status, results, comparison.
  statusTitle: (edition: string) => `Encuestas · ${edition}`,
  statusIntro: (k: number) => `En las tasas por vocalía, ámbito y circunscripción se omite toda celda con menos de ${num(k)} integrantes que la enviaron o que no la enviaron, y la que permitiría deducirla.`,
  waveNotOpened: (auto: string | null) => (auto ? `Sin abrir. Apertura automática prevista: ${auto}.` : 'Sin abrir.'),
  waveState: (open: boolean, opened: string, closes: string) => (open ? `Abierta desde el ${opened} hasta el ${closes}.` : `Cerrada; estuvo abierta del ${opened} al ${closes}.`),
  waveCounts: (invited: number, started: number, finished: number, rate: string) => `Invitadas: ${num(invited)} · iniciaron: ${num(started)} · enviaron: ${num(finished)} · tasa de respuesta: ${rate}.`,
  rateBy: (dimension: BreakdownDimension) => `Tasa de respuesta por ${DIMENSION_NAMES[dimension]}:`,
  rateCell: (key: string, finished: number, invited: number, rate: string) => `${key}: ${num(finished)} de ${num(invited)} (${rate})`,
  rateCellWithheld: (key: string, invited: number, why: string) => `${key} (${count(invited, INVITADAS)}): ${why}`,
  suppressed: (k: number) => `menos de ${num(k)} respuestas`,
  suppressedComplementary: 'no se publica (permitiría deducir una celda pequeña)',
  percent: (share: number) => `${(share * 100).toFixed(0)} %`,
  percentCi: (share: number, lower: number, upper: number) => `${(share * 100).toFixed(0)} % (IC 95 %: ${(lower * 100).toFixed(0)}–${(upper * 100).toFixed(0)} %)`,
  meanCi: (mean: number, lower: number | undefined, upper: number | undefined) => `${mean.toFixed(2)}${lower !== undefined && upper !== undefined ? ` (IC 95 %: ${lower.toFixed(2)} a ${upper.toFixed(2)})` : ''}`,
  resultsTitle: (wave: WaveNumber) => `Resultados · ${WAVE_NAMES[wave]}`,
  resultsRespondents: (respondents: string, invited: number | undefined, rate: string | null) => `Respuestas enviadas: ${respondents}${invited !== undefined ? ` de ${num(invited)} invitadas` : ''}${rate ? ` (tasa: ${rate})` : ''}.`,
  resultsBy: (dimension: BreakdownDimension) => `Desglose por ${DIMENSION_NAMES[dimension]}.`,
  resultsNote: (k: number) => `Solo se muestran cifras de al menos ${num(k)} respuestas; las celdas más pequeñas o que permitirían deducirlas aparecen como «menos de ${num(k)} respuestas». Las barras son proporciones; IC = intervalo de confianza.`,
  barriersHeading: 'Barreras (proporción que la enfrentó · efecto medio de 1 a 5 entre quienes la enfrentaron)',
  barrierResult: (label: string, faced: string, effect: string) => `${label}: ${faced} · efecto ${effect}`,
  nLine: (n: string) => `n = ${n}`,
  meanLine: (mean: string) => `Media: ${mean}`,
  freeTextHeading: (question: string, n: number) => `Respuestas abiertas a «${question}»: ${count(n, RESPUESTAS)}, incluidas en la exportación.`,
  freeTextSuppressed: (question: string, k: number) => `Respuestas abiertas a «${question}»: menos de ${num(k)}, no se muestran.`,
  groupHeading: (dimension: BreakdownDimension, key: string, respondents: string) => `${DIMENSION_NAMES[dimension][0]!.toUpperCase()}${DIMENSION_NAMES[dimension].slice(1)} ${key} (${respondents})`,
  compareTitle: (from: WaveNumber, to: WaveNumber) => `Cambio entre la ola ${from} y la ola ${to}`,
  comparePairs: (pairs: string) => `Personas enlazadas (respondieron las dos olas): ${pairs}.`,
  compareItem: (text: string, before: string, after: string, change: string, n: string) => `${text}: ${before} → ${after}; cambio ${change} (n = ${n})`,
  careerHeading: 'Eventos de carrera (proporción antes → después)',
  careerItem: (label: string, before: string, after: string, n: string) => `${label}: ${before} → ${after} (n = ${n})`,
  barrierItem: (question: string, category: string, field: 'faced' | 'effect') => `${question} · ${category} (${field === 'faced' ? 'proporción que la enfrentó' : 'efecto medio'})`,
  itemsHeading: 'Reactivos repetidos (media antes → después, cambio medio con IC 95 %)',
  pairsLabel: PAREJAS,
  noItems: 'Sin reactivos comparables.',
} as const;

/** Words of the page card that are not in the instrument. */
export const PAGE_WORDS = {
  required: SURVEYS_TEXTS.required,
  yes: SURVEYS_TEXTS.yes,
  no: SURVEYS_TEXTS.no,
  barrierFaced: SURVEYS_TEXTS.barrierFaced,
  barrierEffect: SURVEYS_TEXTS.barrierEffect,
  barrierExample: SURVEYS_TEXTS.barrierExample,
  choose: SURVEYS_TEXTS.choose,
  numberRange: SURVEYS_TEXTS.numberRange,
} as const;
