import { bold, num } from '../texts/spanish.js';

/** Megabytes with at most one decimal, es-MX format: 5242880 → "5", 1572864 → "1.5". */
function mb(bytes: number): string {
  return num(Math.round((bytes / (1024 * 1024)) * 10) / 10);
}

/** The Teams button on a file consent card. */
const ALLOW = bold('Permitir');

const DOWNLOAD_FAILED = 'No pude descargar el archivo desde Teams. Vuelva a adjuntarlo en un mensaje nuevo; si el problema continúa, intente más tarde.';

/**
 * Spanish texts of files in personal chat (src/bot/files.ts): refusals of a file the person sent, the offer of
 * a file the bot prepared (FileConsentCard) and the answers to her accepting or declining it.
 */
export const FILE_TEXTS = {
  /** Name for an attachment that arrives without one ("archivo.xlsx", or "archivo" when nothing is known). */
  defaultName: (extension?: string): string => (extension === undefined ? 'archivo' : `archivo.${extension}`),

  // Receiving
  oldExcel: (name: string): string =>
    `El archivo «${name}» está en el formato antiguo de Excel (.xls). Ábralo en Excel, guárdelo como «Libro de Excel (.xlsx)» y envíelo de nuevo.`,
  unsupportedType: (name: string, extensions: readonly string[]): string =>
    `No puedo usar «${name}»: solo se aceptan archivos ${extensions.map((e) => `.${e}`).join(' o ')}. Guárdelo en uno de esos formatos y envíelo de nuevo.`,
  unsafeUrl: 'No pude descargar el archivo desde Teams: su dirección no es segura. Vuelva a adjuntarlo desde su equipo o desde OneDrive.',
  badRedirect: 'No pude descargar el archivo: Teams lo entregó desde una ubicación no permitida. Vuelva a adjuntarlo e inténtelo de nuevo.',
  downloadFailed: DOWNLOAD_FAILED,
  downloadTimedOut: 'La descarga del archivo tardó demasiado. Vuelva a intentarlo en unos momentos.',
  /** `atLeast`: the download was stopped once it passed the limit, so the real size is unknown. */
  tooLarge: (name: string, bytes: number, maxBytes: number, atLeast = false): string =>
    `El archivo «${name}» pesa ${atLeast ? 'más de ' : ''}${mb(bytes)} MB; el máximo permitido es ${mb(maxBytes)} MB. Quite columnas u hojas que no se usen, o divídalo, y envíelo de nuevo.`,
  empty: (name: string): string => `El archivo «${name}» está vacío. Revíselo y envíelo de nuevo.`,

  // Sending (FileConsentCard flow)
  offer: (name: string, localMode: boolean): string =>
    `Su archivo ${bold(name)} está listo para aceptarse. Seleccione ${ALLOW} en la tarjeta para guardarlo en su OneDrive; la tarjeta vence en 24 horas.` +
    (localMode ? ` (Modo local: el Agents Playground no muestra las tarjetas de consentimiento de archivos; en Teams aparecerá la opción ${ALLOW}.)` : ''),
  /** The same file is still waiting for her (asked again with no change in her data). */
  offerAgain: (name: string, localMode: boolean): string =>
    `Su archivo ${bold(name)} sigue listo y sus datos no han cambiado desde que lo preparé, así que le muestro de nuevo la misma tarjeta. Seleccione ${ALLOW} para guardarlo en su OneDrive.` +
    (localMode ? ` (Modo local: el Agents Playground no muestra las tarjetas de consentimiento de archivos; en Teams aparecerá la opción ${ALLOW}.)` : ''),
  incompleteConsent: 'No pude entregar el archivo: la respuesta de Teams llegó incompleta. Pida el archivo de nuevo.',
  uploadUrlRefused: 'No pude entregar el archivo: Teams indicó una ubicación de carga no permitida. Pida el archivo de nuevo.',
  uploadFailed: `No pude guardar el archivo en su OneDrive. Vuelva a seleccionar ${ALLOW} en la tarjeta en unos momentos; si el problema continúa, pida el archivo de nuevo.`,
  uploaded: (name: string): string => `Listo: guardé ${bold(name)} en su OneDrive.`,
  declinedInvalid: 'De acuerdo, no envié el archivo.',
  declined: 'De acuerdo, no envié el archivo. Puede pedirlo de nuevo cuando lo necesite.',
  /** Why an accepted file could not be delivered (PendingFileStore.claimForUpload outcomes). */
  claim: {
    missing: 'Ese archivo ya no está disponible (ya se entregó o se descartó). Pídalo de nuevo si lo necesita.',
    expired: 'Esa tarjeta venció y el archivo ya no está disponible. Pídalo de nuevo para recibir una tarjeta nueva.',
    notOwner: 'Ese archivo fue preparado para otra persona y no se le puede entregar. Si necesita un archivo, pídalo con el comando correspondiente.',
    busy: 'El archivo ya se está guardando en su OneDrive. Espere unos momentos.',
  },
} as const;
