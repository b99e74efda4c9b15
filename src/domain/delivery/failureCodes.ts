/**
 * Why a delivery attempt did not go through, as a stable code. The engine stores the code
 * (`OutboxDoc.lastErrorCode`) and the technical detail (`lastError`, for logs); the words shown to people
 * belong to the bot layer (src/features/delivery/texts.ts), so the stored data never fixes a wording.
 */
export const FAILURE_CODES = [
  /** 404: the conversation does not exist (she never had a chat with the bot here, or it was deleted). */
  'conversation-not-found',
  /** 403 when the app is not installed for her (a chat cannot be opened, or the bot left her roster). */
  'not-installed',
  /** 403: she blocked the bot or removed the app (MessageWritesBlocked and the like). */
  'blocked',
  /** 429: Teams throttled the bot. */
  'throttled',
  /** 401: the Bot Connector refused the bot's credentials. */
  'unauthorized',
  /** 400, 413 and other 4xx: Teams refused the message itself. */
  'invalid-message',
  /** 412 and 5xx: a transient error of the service. */
  'service-error',
  /** No HTTP answer: a connection error or a timeout (408 included). */
  'network',
  /** The message's `expiresAt` passed before it could be sent. */
  'expired',
  /** A pending message without a target (cannot happen through the engine's API). */
  'no-target',
  /** A failure without a recorded reason. */
  'unknown',
] as const;

export type FailureCode = (typeof FAILURE_CODES)[number];

const CODES: ReadonlySet<string> = new Set(FAILURE_CODES);

export function isFailureCode(value: unknown): value is FailureCode {
  return typeof value === 'string' && CODES.has(value);
}

/** Error codes Teams gives when the bot is not (or no longer) installed for the person. */
const NOT_INSTALLED = /BotNotInConversationRoster|not part of the conversation roster|not\s*installed|NotInstalled/i;

/** The code of a transport's failed answer (see services/delivery/transport.ts). */
export function failureCodeOf(result: { status?: number; error?: string; network?: boolean }): FailureCode {
  const s = result.status;
  if (s === undefined) return result.network ? 'network' : 'unknown';
  if (s === 404) return 'conversation-not-found';
  if (s === 403) return NOT_INSTALLED.test(result.error ?? '') ? 'not-installed' : 'blocked';
  if (s === 429) return 'throttled';
  if (s === 401) return 'unauthorized';
  if (s === 408) return 'network';
  if (s === 412 || s >= 500) return 'service-error';
  return 'invalid-message';
}

/**
 * Reads a reason stored by earlier versions, which kept Spanish text in `lastError` ("HTTP 404:
 * ConversationNotFound", "Error de red: …", "Caducó antes de poder enviarse", "… (sin éxito tras 8
 * intentos)"), so broadcasts recorded before the codes existed are still shown in words.
 */
export function legacyFailureCode(text: string | undefined): FailureCode {
  if (!text) return 'unknown';
  if (isFailureCode(text)) return text;
  const http = /^HTTP (\d{3})\b:?\s*(.*)$/s.exec(text);
  if (http) return failureCodeOf({ status: Number(http[1]), error: http[2] ?? '' });
  if (/^(Error de red|network error)\b/i.test(text)) return 'network';
  if (/^Caduc/i.test(text)) return 'expired';
  if (/^Sin destino/i.test(text)) return 'no-target';
  return 'unknown';
}

/** Codes after which another of her conversations may still work (this one is gone or refused). */
export function triesAnotherConversation(code: FailureCode): boolean {
  return code === 'conversation-not-found' || code === 'not-installed' || code === 'blocked';
}

/** Codes that mean she cannot be written to until she opens (or is given) the app: her message waits. */
export function waitsForInstall(code: FailureCode): boolean {
  return code === 'conversation-not-found' || code === 'not-installed';
}

/** Codes of transient failures, retried by the engine: a failed message with one of them spent its retries. */
export function isTransient(code: FailureCode): boolean {
  return code === 'throttled' || code === 'service-error' || code === 'network' || code === 'unauthorized';
}
