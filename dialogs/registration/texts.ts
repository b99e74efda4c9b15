import { cmd } from '../../src/features/commands.js';
import { bold, count, editionPhrase, NOUNS } from '../../src/texts/spanish.js';
import { MEMBER_STATUS_LABELS, type MemberStatus } from '../../src/domain/member.js';
import { FIELD_LABELS } from '../../src/domain/registration.js';

/** What an erasure removes and what it keeps, in the words she reads before confirming and after. */
const ERASE_KEPT =
  'Se conservan, sin datos que la identifiquen: un registro estadístico anónimo (edición, vocalía, ámbito, entidad, circunscripción, ejes de interés y fechas) para los informes de la Red, y la bitácora de auditoría, que el INE debe conservar y que nunca guarda su nombre, correo ni necesidades de accesibilidad en texto legible.';

/** The title of the registration cards when no edition is named. */
const NETWORK_TITLE = 'Registro en la Red de Coaching';

/** The line of a form error about an email another person already registered in this edition. */
const emailInUseLine = (rest = ''): string => `- ${bold(FIELD_LABELS.correo)}: ese correo ya está registrado por otra persona en esta edición.${rest}`;

/**
 * Spanish texts of the registration dialogs (dialogs/registration/): registration, "actualizar mis datos",
 * "darme de baja", "borrar mis datos" and the card prompt they share. Commands are named with cmd().
 */
export const REGISTRATION_DIALOG_TEXTS = {
  /** CardPrompt (cardPrompt.ts): a turn that does not answer the card of the current step. */
  prompt: {
    notACard: `Para continuar, complete la tarjeta y presione su botón, o escriba ${cmd('cancel')} para salir.`,
    wrongStep: `Esa tarjeta no corresponde a este paso. Use la tarjeta más reciente (se la envío de nuevo) o escriba ${cmd('cancel')} para salir.`,
    otherPerson: 'Esta tarjeta corresponde a otra persona y no puedo usarla. Complete la tarjeta que le envío a continuación.',
  },

  /** Checks shared by the dialogs (shared.ts). */
  checks: {
    consentUnreadable: 'No pude leer su respuesta. Indique si acepta el aviso de privacidad y las reglas.',
    consentOutdated: 'El texto del aviso de privacidad se actualizó. Revíselo de nuevo, por favor.',
    consentUnchecked: 'Para registrarse es necesario marcar la casilla de aceptación del aviso de privacidad y las reglas de la Red.',
    profileInvalid: 'Los datos de la tarjeta no son válidos (por ejemplo, un texto demasiado largo). Revíselos y envíelos de nuevo.',
    profileErrors: (errorsText: string): string => `Revise estos datos, por favor:\n\n${errorsText}`,
    choiceUnreadable: 'No pude leer su respuesta. Use los botones de la tarjeta.',
    noAadAccount: (supportContact: string): string =>
      `No pude identificar su cuenta institucional de Microsoft Teams, necesaria para este trámite. Escriba desde Teams con su cuenta del INE o comuníquese con ${supportContact}.`,
  },

  /** Why she cannot register, update or withdraw again: her registration in this edition already exists. */
  alreadyRegistered: (status: MemberStatus, supportContact: string): string => {
    switch (status) {
      case 'validated':
      case 'pending':
        return `Usted ya tiene un registro en esta edición (estado: ${bold(MEMBER_STATUS_LABELS[status])}). Escriba ${cmd('myData')} para consultarlo o ${cmd('updateMyData')} para corregirlo.`;
      case 'rejected':
        return `Su registro en esta edición no fue validado. Si cree que se trata de un error, comuníquese con ${supportContact}.`;
      case 'withdrawn':
        return `Usted se dio de baja de esta edición. Si desea reincorporarse, comuníquese con ${supportContact}.`;
    }
  },

  /** "registrarme" (registrationDialog.ts). */
  register: {
    /** The consent card's title: the edition's name once ("Registro en la Red de Coaching 2026"). */
    title: (editionName: string): string => {
      const name = editionName.trim();
      if (!name) return NETWORK_TITLE;
      return /^(la\s+)?red de coaching\b/i.test(name) ? `Registro en ${editionPhrase(name)}` : `${NETWORK_TITLE}: ${name}`;
    },
    form: { title: NETWORK_TITLE, subtitle: 'Paso 2 de 3: sus datos. Los campos sin «opcional» son obligatorios.', submitTitle: 'Revisar mis datos' },
    noActiveCall: (supportContact: string): string =>
      `Por ahora no hay una convocatoria activa de la Red de Coaching. Para más información, comuníquese con ${supportContact}.`,
    callNotOpen: (call: string, supportContact: string): string => `${call} Si tiene dudas, comuníquese con ${supportContact}.`,
    /** Her Cancelar button on the form or the summary. */
    cancelled: `Listo, cancelé su registro: no se guardó ningún dato del formulario. Cuando quiera retomarlo, escriba ${cmd('register')}.`,
    consentDeclined: `Entendido. Sin su aceptación no es posible registrarla, y no se guardó ningún dato. Si cambia de opinión, escriba ${cmd('register')}.`,
    emailDiffersNote: 'El correo que escribió es distinto del de su cuenta de Teams: su registro quedará pendiente de validación por la UTIGyND.',
    summary: {
      title: 'Revise sus datos',
      intro: 'Paso 3 de 3: confirme que sus datos son correctos. Si algo no lo es, elija «Corregir datos».',
      confirmTitle: 'Confirmar registro',
    },
    callNoLongerActive: 'La convocatoria ya no está activa.',
    notSaved: (call: string, supportContact: string): string => `${call} Su registro no se guardó. Si tiene dudas, comuníquese con ${supportContact}.`,
    emailInUse: (supportContact: string): string => emailInUseLine(` Revíselo o comuníquese con ${supportContact}.`),
    couldNotSave: (errorsText: string): string => `No pude guardar su registro:\n\n${errorsText}`,
    done: {
      titleValidated: '¡Registro confirmado!',
      titlePending: 'Registro recibido',
      validated: (editionName: string): string =>
        `Gracias, su registro en ${editionPhrase(editionName)} quedó ${bold('validado')} con el padrón del Servicio Profesional Electoral Nacional. Ya es integrante de la Red.`,
      pending: (editionName: string): string =>
        `Gracias, su registro en ${editionPhrase(editionName)} quedó ${bold(MEMBER_STATUS_LABELS.pending.toLowerCase())}. La UTIGyND lo revisará y le avisará por este chat.`,
      /** closesAt: the closing date, already formatted, when the call has one. */
      nextSteps: (closesAt?: string): string =>
        closesAt
          ? `Al cerrar la convocatoria (${closesAt}), la UTIGyND conformará los grupos y le avisará por este chat a cuál pertenece.`
          : 'Al cerrar la convocatoria, la UTIGyND conformará los grupos y le avisará por este chat a cuál pertenece.',
    },
  },

  /** "actualizar mis datos" (updateMyDataDialog.ts). */
  update: {
    form: { title: 'Actualizar mis datos', subtitle: 'Corrija lo que haga falta y presione «Revisar cambios».', submitTitle: 'Revisar cambios' },
    /** How the summary names a changed field (the form's labels, plus fields the form shows under another name). */
    changedFieldLabels: { ...FIELD_LABELS, ejesInteres: FIELD_LABELS.ejes, circunscripcion: 'Circunscripción' } as Readonly<Record<string, string>>,
    notRegistered: `No encontré un registro suyo en la edición actual de la Red. Escriba ${cmd('register')} para registrarse.`,
    requestMode: `La convocatoria ya cerró: los cambios que envíe se registrarán como una ${bold('solicitud')} para que la UTIGyND los revise.`,
    unchanged: 'Sus datos no cambiaron, así que no hay nada que guardar.',
    /** Her Cancelar button on the form or the summary. */
    cancelled: 'Listo, cancelé la actualización de sus datos: no se guardó ningún cambio.',
    summary: {
      title: 'Revise sus cambios',
      intro: (changedLabels: readonly string[]): string => `Cambiará: ${changedLabels.join(', ')}.`,
      requestNote: 'La convocatoria cerró: se enviará como solicitud a la UTIGyND.',
      confirmRequest: 'Enviar solicitud',
      confirmDirect: 'Guardar cambios',
    },
    gone: 'Su registro ya no existe; no se guardó ningún cambio.',
    savedRevalidation: `Listo, guardé sus cambios. Como cambió su correo o su adscripción, su registro vuelve a quedar ${bold('pendiente de validación')} por la UTIGyND; le avisaremos por este chat.`,
    saved: `Listo, guardé sus cambios. Escriba ${cmd('myData')} para consultarlos.`,
    requestSent: 'Listo, envié su solicitud de cambio a la UTIGyND. Le avisaremos por este chat cuando la revisen.',
    emailInUse: emailInUseLine(),
    couldNotSave: (errorsText: string): string => `No pude guardar sus cambios:\n\n${errorsText}`,
    /** reason: the service's Spanish message. */
    refused: (reason: string): string => `${reason} No se guardó ningún cambio.`,
  },

  /** "darme de baja" (withdrawDialog.ts). */
  withdraw: {
    notRegistered: 'No encontré un registro suyo en la edición actual de la Red, así que no hay nada que dar de baja.',
    card: {
      title: 'Darme de baja de la Red',
      paragraphs: (editionName: string): string[] => [
        `Dejará de participar en ${editionPhrase(editionName)}: no recibirá más avisos, invitaciones ni encuestas de la Red.`,
        `Su historial (registro y participación) se conserva para los informes institucionales. Si además desea que se borren sus datos personales, escriba después ${cmd('eraseMyData')}.`,
        '¿Confirma que desea darse de baja?',
      ],
      confirmTitle: 'Sí, darme de baja',
      cancelTitle: 'No, seguir en la Red',
    },
    cancelled: 'De acuerdo, no se hizo ningún cambio: sigue en la Red.',
    /** reason: the service's Spanish message. */
    refused: (reason: string): string => `${reason} No se hizo ningún cambio.`,
    done: (supportContact: string): string =>
      `Listo, se dio de baja de la Red. Ya no recibirá avisos. Gracias por su participación. Si desea reincorporarse, comuníquese con ${supportContact}.`,
  },

  /** "borrar mis datos" (eraseMyDataDialog.ts). */
  erase: {
    erased:
      'Se borrarán: su nombre, su correo, su distrito, sus años en el SPEN, sus necesidades de accesibilidad y cualquier texto libre, además del vínculo entre su cuenta de Teams y su registro.',
    kept: ERASE_KEPT,
    card: {
      title: 'Borrar mis datos personales',
      intro: (hasRecords: boolean): string =>
        hasRecords
          ? 'Esta solicitud de cancelación elimina sus datos personales de la Red de Coaching y no se puede deshacer. Si su registro sigue activo, también quedará dada de baja.'
          : 'No tiene registros en la Red; se borrará cualquier otro dato suyo que el bot haya guardado (su correo de Teams).',
      question: '¿Confirma que desea borrar sus datos?',
      confirmTitle: 'Sí, borrar mis datos',
      cancelTitle: 'No, conservarlos',
    },
    cancelled: 'De acuerdo, no se borró nada.',
    /** registrations: how many registrations were erased. */
    done: (registrations: number, supportContact: string): string =>
      `Listo, se borraron sus datos personales${registrations ? ` (${count(registrations, NOUNS.registro)})` : ''}. ${ERASE_KEPT} Si tiene dudas, comuníquese con ${supportContact}.`,
  },
} as const;
