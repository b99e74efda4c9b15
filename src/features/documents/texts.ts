import { DOCUMENT_LIMITS, type WindowState } from '../../domain/documents/index.js';
import { cmd } from '../commands.js';
import { bold, count, NOUNS, num } from '../../texts/spanish.js';

/** Spanish texts of the documentos básicos feature (issue 14). */

const OBSERVACIONES: readonly [string, string] = ['observación', 'observaciones'];

export const DOCUMENTS_TEXTS = {
  publishTitle: 'Publicar un documento básico',
  publishTitleVersion: (n: number, title: string) => `Nueva versión del documento ${n}: ${title}`,
  publishIntroFile:
    'Complete los datos y elija la ventana de observaciones. Al publicar, cada integrante validada recibe el documento en su chat personal para leerlo, confirmar su lectura y enviar observaciones.',
  publishIntroLink: `Escriba el enlace https del documento, o escriba ${cmd('documentPublish')} adjuntando el archivo PDF o DOCX en el mismo mensaje. Al publicar, cada integrante validada recibe el documento en su chat personal.`,
  fileLine: (name: string, kb: number) => `Archivo: ${name} (${num(kb)} KB)`,
  publishUsage: `Escriba ${cmd('documentPublish')} (con el PDF o DOCX adjunto, o sin archivo para publicar un enlace); para una nueva versión, ${cmd('documentPublish', undefined, 'N')} con el número del documento.`,
  fileProblem: (message: string) => `${message} No se guardó nada.`,
  notPdf: (name: string) => `El archivo «${name}» no es un PDF ni un DOCX válido (su contenido no corresponde a su extensión). No se guardó nada.`,
  fileGone: 'Ese archivo ya no está disponible o ya se publicó. Escriba de nuevo el comando con el archivo adjunto. No se guardó nada.',
  titleEmpty: 'Escriba el título del documento.',
  titleTooLong: `El título admite hasta ${num(DOCUMENT_LIMITS.title)} caracteres.`,
  versionEmpty: 'Escriba la versión del documento, por ejemplo 1.0.',
  versionTooLong: `La versión admite hasta ${num(DOCUMENT_LIMITS.version)} caracteres.`,
  linkNeeded: 'Escriba el enlace del documento (https://…) o adjunte el PDF o DOCX al comando.',
  badLink: 'El enlace del documento debe ser una dirección completa que empiece con https://.',
  badWindow: 'La ventana de observaciones no es válida: el último día debe ser igual o posterior al primero.',
  windowPast: 'La ventana de observaciones ya terminó; elija un último día que aún no haya pasado.',
  nothingSaved: 'No se publicó nada; corrija el dato en la tarjeta y presione «Publicar» otra vez.',
  notFound: `No encontré ese documento en la edición activa. Vea los documentos con ${cmd('documentsStatus')}.`,
  sameVersion: (v: string) => `La versión vigente ya se llama «${v}». Escriba otra versión para publicar una nueva. No se publicó nada.`,
  conflict: 'Alguien publicó otra versión de este documento al mismo tiempo. Revise los documentos y vuelva a intentarlo. No se publicó nada.',
  duplicate: (n: number) => `Esta tarjeta ya se usó: el documento ${n} ya está publicado; no se volvió a enviar.`,
  published: (n: number, title: string, version: string, recipients: number, reminder: string | null) =>
    `Se publicó el documento ${n}, ${bold(title)} (versión ${version}), y se envía a ${count(recipients, NOUNS.integrante)}.${reminder ? ` El ${reminder} se recordará a quienes no hayan confirmado su lectura.` : ''} Siga las confirmaciones con ${cmd('documentsStatus')}.`,
  noticeHeading: 'Documentos básicos de la Red',
  reminderHeading: 'Recordatorio: documento pendiente de lectura',
  noticeIntro: (isNewVersion: boolean) =>
    isNewVersion
      ? 'La UTIGyND publicó una nueva versión de este documento. Por favor léala y confirme su lectura; puede enviar observaciones mientras la ventana esté abierta.'
      : 'La UTIGyND publicó este documento básico de la Red. Por favor léalo y confirme su lectura; puede enviar observaciones mientras la ventana esté abierta.',
  reminderIntro: (closes: string) => `La ventana de observaciones cierra el ${closes}. Aún no confirma que leyó este documento.`,
  factVersion: 'Versión',
  factWindow: 'Observaciones',
  windowText: (from: string, to: string) => `del ${from} al ${to}`,
  observeIntro: `Indique la sección o el artículo y escriba su observación (hasta ${num(DOCUMENT_LIMITS.observation)} caracteres).`,
  broadcastTitle: (n: number, title: string, version: string) => `Documento ${n}: ${title} (versión ${version})`,
  reminderTitle: (n: number, title: string) => `Recordatorio del documento ${n}: ${title}`,
  notMember: 'Esta acción es para las integrantes validadas de la edición del documento.',
  stale: (version: string) => `Esta tarjeta es de una versión anterior. La versión vigente es la ${version}; le envío su tarjeta. No se registró nada.`,
  acknowledged: (title: string, version: string) => `Gracias. Quedó registrado que leyó ${bold(title)} (versión ${version}).`,
  alreadyAcknowledged: (version: string) => `Ya había confirmado la lectura de la versión ${version}; no se cambió nada.`,
  window: {
    notYet: (from: string) => `La ventana de observaciones abre el ${from}; aún no se reciben observaciones. No se guardó nada.`,
    closed: (to: string) => `La ventana de observaciones cerró el ${to}; ya no se reciben observaciones. No se guardó nada.`,
  } satisfies Record<Exclude<WindowState, 'open'>, (d: string) => string>,
  sectionEmpty: 'Escriba la sección o el artículo al que se refiere su observación. No se guardó nada.',
  sectionTooLong: `La sección o artículo admite hasta ${num(DOCUMENT_LIMITS.section)} caracteres. No se guardó nada.`,
  observationEmpty: 'Escriba su observación. No se guardó nada.',
  observationTooLong: `La observación admite hasta ${num(DOCUMENT_LIMITS.observation)} caracteres; divídala en varias o resúmala. No se guardó nada.`,
  observationSaved: (title: string) => `Recibimos su observación a ${bold(title)}. Puede enviar otras mientras la ventana esté abierta; las ve con ${cmd('documents')}.`,
  linkAnswer: (url: string) => `El documento está en: ${url}`,
  openFile: (title: string, version: string) => `${title}, versión ${version}`,
  fileMissing: 'El archivo de este documento no está disponible; avise a la UTIGyND.',
  listTitle: 'Documentos básicos',
  listNone: 'Aún no hay documentos básicos publicados en esta edición.',
  listNote: 'Use los botones de la tarjeta que recibió para abrir un documento, confirmar su lectura o enviar observaciones.',
  notRegistered: 'Los documentos básicos son para las integrantes validadas de la edición activa.',
  listHeading: (n: number, title: string, version: string) => `${n}. ${title} (versión ${version})`,
  listAck: (acked: boolean) => (acked ? 'Lectura confirmada.' : 'Lectura pendiente de confirmar.'),
  listWindow: (text: string) => `Observaciones ${text}.`,
  listObservation: (section: string, text: string, date: string) => `Su observación (${section}, ${date}): ${text}`,
  statusTitle: 'Documentos básicos: lectura y observaciones',
  statusNote: (members: number) => `Integrantes validadas: ${num(members)}.`,
  statusAck: (acked: number, total: number, pct: number) => `Lectura confirmada: ${num(acked)} de ${num(total)} (${pct} %).`,
  statusBy: (label: string, rows: string) => `${label}: ${rows}.`,
  byVocalia: 'Por vocalía',
  byCircunscripcion: 'Por circunscripción',
  rateCell: (key: string, acked: number, total: number, pct: number) => `${key} ${num(acked)}/${num(total)} (${pct} %)`,
  statusObservations: (current: number, total: number) =>
    `Observaciones a esta versión: ${num(current)}${total !== current ? `; en todas las versiones: ${num(total)}` : ''}. Expórtelas con ${cmd('observationsExport')}.`,
  observationsCount: (n: number) => count(n, OBSERVACIONES),
  exportUsage: `Escriba ${cmd('observationsExport', undefined, 'N')} con el número del documento (véalo en ${cmd('documentsStatus')}).`,
  exportEmpty: (n: number) => `El documento ${n} aún no tiene observaciones; no hay nada que exportar.`,
  exportDescription: (n: number, count: string, anonymous: boolean) => `Observaciones al documento ${n}: ${count}${anonymous ? ', sin nombre de autora' : ''}.`,
  exportFileName: (n: number, stamp: string) => `observaciones-documento-${n}-${stamp}.xlsx`,
  exportSheet: 'Observaciones',
  exportColumns: { document: 'Documento', version: 'Versión', section: 'Sección o artículo', text: 'Observación', date: 'Fecha', author: 'Autora' },
};
