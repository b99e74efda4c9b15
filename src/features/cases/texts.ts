import { cmd } from '../commands.js';
import { bold, count, num, NOUNS } from '../../texts/spanish.js';
import type { CaseCategory } from '../../domain/cases/index.js';
import type { CaseErrorCode } from '../../services/cases/index.js';

/**
 * Spanish (es-MX) texts of consultas, confidential accompaniment and anonymous barrier reports (issue 14).
 * Members' own texts are never part of these strings: cards show them in their own fields (escaped by
 * renderTemplate), and no text below is ever written to a log.
 */
const CARACTER = ['carácter', 'caracteres'] as const;
const DIA_HABIL = ['día hábil', 'días hábiles'] as const;

export const CATEGORY_LABELS: Readonly<Record<CaseCategory, string>> = {
  duda: 'Duda sobre la Red',
  tecnico: 'Problema técnico',
  propuesta: 'Propuesta',
  otro: 'Otro',
};

export const CASES_TEXTS = {
  noEditionMember: 'Por ahora no hay una edición activa de la Red. Vuelva a intentarlo cuando la UTIGyND abra la siguiente.',
  personalOnly: 'Esto solo se atiende en el chat personal con el bot; escríbame ahí.',
  membersOnly: 'Esta opción es para las integrantes de la Red con registro validado en la edición activa.',
  more: (n: number) => `…y ${num(n)} más.`,
  nothingChanged: 'No se cambió nada.',
  contact: {
    title: 'Escribir a la UTIGyND',
    intro: 'Cuéntenos su duda, problema o propuesta. Le daremos un folio y la respuesta le llegará en este chat; también podrá contestar sobre la misma consulta.',
    privacy: 'Su mensaje lo lee el personal de la UTIGyND que administra la Red; no se publica en ningún grupo.',
    labels: {
      subject: 'Asunto',
      subjectError: 'Escriba el asunto.',
      category: 'Tipo de consulta',
      categoryError: 'Elija el tipo de consulta.',
      message: 'Mensaje',
      messageError: 'Escriba su mensaje.',
      send: 'Enviar',
    },
    limitsNote: (subject: number, message: number) => `El asunto admite hasta ${count(subject, CARACTER)} y el mensaje hasta ${count(message, CARACTER)}.`,
    created: (folio: number) =>
      `Recibimos su consulta con el folio ${bold(folio)}. La UTIGyND le responderá en este chat; para ver sus consultas y su estado, escriba ${cmd('myCases')}.`,
    alreadySent: (folio: number) => `Esta tarjeta ya se envió: es su consulta con folio ${bold(folio)}. Escriba ${cmd('myCases')} para verla.`,
    sentTitle: 'Consulta enviada',
  },
  accompaniment: {
    title: 'Acompañamiento confidencial',
    whatIs: 'Qué es este canal',
    whatIsText:
      'Un espacio confidencial para pedir acompañamiento si vive o vivió una situación de discriminación, acoso, hostigamiento, actitudes machistas o exclusión. Le escucharemos, le orientaremos y, si usted lo decide, le acompañaremos en los pasos que quiera dar.',
    whatIsNot: 'Qué no es',
    whatIsNotText: (reference: string) =>
      `No es el procedimiento formal de quejas y denuncias del Instituto: escribir aquí no presenta una queja ni inicia una investigación. Las quejas formales se presentan ante ${reference}. Podemos orientarle para hacerlo si así lo decide.`,
    whoReads: 'Quién la lee',
    whoReadsText:
      'Solo el personal de la UTIGyND con el perfil de acompañamiento. Las demás personas administradoras de la Red no pueden verla, nunca se muestra en un grupo y cada vez que alguien la abre queda registrado. Usted puede borrarla cuando quiera.',
    labels: {
      message: 'Cuéntenos qué necesita (con el detalle que usted elija)',
      messageError: 'Escriba su solicitud.',
      send: 'Enviar de forma confidencial',
      complaints: 'Dónde presentar una queja formal',
    },
    limitsNote: (message: number) => `Hasta ${count(message, CARACTER)}.`,
    created: (folio: number) =>
      `Recibimos su solicitud confidencial con el folio ${bold(folio)}. Solo el personal de acompañamiento de la UTIGyND puede leerla y le responderá en este chat. Puede verla con ${cmd('myCases', undefined)} y borrarla con ${cmd('accompaniment', 'borrar')} seguido del folio.`,
    alreadySent: (folio: number) => `Esta tarjeta ya se envió: es su solicitud confidencial con folio ${bold(folio)}.`,
    sentTitle: 'Solicitud confidencial enviada',
    deleteUsage: `Escriba el folio de la solicitud que desea borrar, por ejemplo ${cmd('accompaniment', 'borrar', '3')}.`,
    deleted: (folio: number) => `Listo: borramos el contenido de su solicitud confidencial con folio ${bold(folio)}. Ya nadie podrá leerla.`,
    deletedTitle: 'Solicitud borrada',
    /** The staff notice: no content. */
    noticeTitle: (folio: number) => `Nueva solicitud confidencial, folio ${folio}`,
    noticeText: 'Hay una nueva solicitud de acompañamiento. Por confidencialidad, su contenido solo se muestra al abrirla en este chat, y la apertura queda registrada.',
    replyNoticeTitle: (folio: number) => `Nuevo mensaje en la solicitud confidencial, folio ${folio}`,
    replyNoticeText: 'La integrante escribió de nuevo. Ábrala en este chat para leerla; la apertura queda registrada.',
    reminderTitle: (folio: number) => `Solicitud confidencial sin respuesta, folio ${folio}`,
    open: 'Abrir',
    onlyRole: `Esta solicitud es confidencial: solo la puede abrir el personal con el perfil de acompañamiento. La administración de la Red lo asigna con ${cmd('admins', 'agregar')}.`,
    noneOpen: 'No hay solicitudes confidenciales abiertas.',
    listTitle: (n: number) => `Solicitudes confidenciales abiertas: ${num(n)}, de la más antigua a la más reciente.`,
    listLine: (folio: number, age: string, waiting: boolean) => `- Folio ${bold(folio)} · ${age} · ${waiting ? 'espera respuesta' : 'respondida'}`,
    listHint: `Para abrir una, escriba ${cmd('confidential', undefined, '3')} con su folio; la apertura queda registrada.`,
    notFound: (folio: string) => `No hay una solicitud confidencial con el folio «${folio.slice(0, 20)}».`,
    staffLabel: 'Personal de acompañamiento',
    memberNoticeText: 'El personal de acompañamiento le respondió. Por confidencialidad, la respuesta solo se muestra al abrirla aquí.',
    memberOpen: 'Ver la respuesta',
  },
  barrier: {
    title: 'Reporte anónimo de una barrera',
    intro:
      'Cuéntenos de una barrera que impide la participación igualitaria de las mujeres en el SPEN. El reporte es anónimo: no guardamos su nombre, su cuenta ni la hora, solo el día, y nadie podrá responderle.',
    useNote: 'Los reportes se cuentan por categoría en el informe de la Red.',
    labels: {
      category: 'Categoría de la barrera',
      categoryError: 'Elija una categoría.',
      description: 'Descripción',
      descriptionError: 'Describa la barrera.',
      example: 'Un ejemplo (opcional)',
      send: 'Enviar de forma anónima',
    },
    limitsNote: (description: number, example: number) => `La descripción admite hasta ${count(description, CARACTER)} y el ejemplo hasta ${count(example, CARACTER)}.`,
    thanksTitle: 'Reporte recibido',
    thanks: 'Gracias. Su reporte anónimo quedó registrado y se contará en el informe de la Red. Por ser anónimo, no recibirá seguimiento.',
  },
  member: {
    none: `No tiene consultas ni solicitudes en esta edición. Para escribir a la UTIGyND, use ${cmd('contact')}.`,
    listTitle: 'Sus consultas y solicitudes:',
    consultaLine: (folio: number, subject: string, state: string) => `- Consulta folio ${bold(folio)}: «${subject}» · ${state}`,
    confidentialLine: (folio: number, state: string) => `- Solicitud confidencial folio ${bold(folio)} · ${state}`,
    hint: `Para ver una y responder, escriba ${cmd('myCases')} con su folio, por ejemplo ${cmd('myCases', undefined, '3')}.`,
    notFound: (folio: string) => `No encontramos una consulta suya con el folio «${folio.slice(0, 20)}». Escriba ${cmd('myCases')} para ver sus folios.`,
    you: 'Usted',
    staff: 'UTIGyND',
    replyNoticeTitle: (folio: number) => `Respuesta de la UTIGyND · folio ${folio}`,
    confidentialReplyTitle: (folio: number) => `Respuesta a su solicitud confidencial · folio ${folio}`,
    closedTitle: (folio: number) => `Consulta cerrada · folio ${folio}`,
    closedText: (folio: number) => `La UTIGyND cerró su consulta con folio ${folio}. Si necesita algo más, escriba ${cmd('contact')}.`,
    replied: (folio: number) => `Enviamos su mensaje sobre el folio ${bold(folio)}. Le avisaremos en este chat cuando haya respuesta.`,
    repliedTitle: 'Mensaje enviado',
    labels: {
      reply: 'Su respuesta',
      replyError: 'Escriba su respuesta.',
      answer: 'Responder',
      delete: 'Borrar mi solicitud',
      deleteWarning: 'Se borrará para siempre lo que escribió y lo que le respondieron; nadie podrá leerlo. ¿Desea borrarla?',
      deleteConfirm: 'Sí, borrarla',
    },
  },
  staff: {
    noneOpen: 'No hay consultas abiertas.',
    listTitle: (n: number) => `Consultas abiertas: ${num(n)}, de la más antigua a la más reciente.`,
    listLine: (folio: number, category: string, subject: string, who: string, age: string, waiting: boolean) =>
      `- Folio ${bold(folio)} · ${category} · «${subject}» · ${who} · ${age} · ${waiting ? 'espera respuesta' : 'respondida'}`,
    listHint: `Para ver una y responderla, escriba ${cmd('cases', undefined, '3')} con su folio.`,
    notFound: (folio: string) => `No hay una consulta con el folio «${folio.slice(0, 20)}».`,
    newTitle: (folio: number) => `Nueva consulta, folio ${folio}`,
    messageTitle: (folio: number) => `Nuevo mensaje en la consulta, folio ${folio}`,
    reminderTitle: (folio: number) => `Consulta sin respuesta, folio ${folio}`,
    reminderText: (folio: number, days: number) => `La consulta con folio ${folio} lleva ${count(days, DIA_HABIL)} sin respuesta de la UTIGyND.`,
    confidentialReminderText: (folio: number, days: number) => `La solicitud confidencial con folio ${folio} lleva ${count(days, DIA_HABIL)} sin respuesta. Ábrala en este chat; la apertura queda registrada.`,
    caseTitle: (folio: number) => `Consulta, folio ${folio}`,
    confidentialTitle: (folio: number) => `Solicitud confidencial, folio ${folio}`,
    answered: (folio: number) => `Listo: su respuesta sobre el folio ${bold(folio)} va en camino a la integrante, en su chat personal.`,
    answeredTitle: (folio: number) => `Respuesta enviada · folio ${folio}`,
    closed: (folio: number) => `Listo: se cerró el folio ${bold(folio)} y se le avisa a la integrante.`,
    closedTitle: (folio: number) => `Cerrado · folio ${folio}`,
    member: 'Integrante',
    labels: { reply: 'Respuesta a la integrante', replyError: 'Escriba la respuesta.', answer: 'Responder', close: 'Cerrar' },
    openedNote: 'Cada apertura de esta solicitud queda registrada.',
  },
  facts: {
    folio: 'Folio',
    category: 'Tipo',
    subject: 'Asunto',
    from: 'De',
    state: 'Estado',
    opened: 'Recibida',
    age: 'Antigüedad',
  },
  states: {
    waitingStaff: 'Abierta, en espera de respuesta de la UTIGyND',
    answered: 'Abierta, respondida',
    closed: 'Cerrada',
    deleted: 'Borrada a petición de la integrante',
  },
  age: (days: number, working: number) => (days === 0 ? 'recibida hoy' : `hace ${count(days, NOUNS.dia)} (${count(working, DIA_HABIL)})`),
  errors: {
    notFound: 'No encontramos esa consulta entre las suyas. Escriba **mis consultas** para ver sus folios.',
    notYours: 'No encontramos esa consulta entre las suyas. Escriba **mis consultas** para ver sus folios.',
    closed: 'Ese folio ya está cerrado: no se puede escribir en él. Si necesita algo más, escriba **contactar**.',
    deleted: 'Esa solicitud se borró; ya no se puede escribir en ella.',
    empty: 'El texto está vacío. Escriba su mensaje y vuelva a enviarlo.',
    tooLong: 'El texto es demasiado largo.',
    badCategory: 'Elija una de las categorías de la tarjeta.',
    notConfidential: 'Solo las solicitudes confidenciales de acompañamiento se pueden borrar.',
  } satisfies Record<CaseErrorCode, string>,
  tooLong: (length: number, max: number) => `El texto tiene ${count(length, CARACTER)} y el máximo es ${num(max)}. Acórtelo y vuelva a enviarlo; no se guardó nada.`,
  closedFolio: (folio: number) => `El folio ${bold(folio)} ya está cerrado: no se envió nada. Si necesita algo más, escriba ${cmd('contact')}.`,
} as const;
