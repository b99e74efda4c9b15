import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import type { ConversationRef, OutgoingMessage } from '../domain/conversationRef.js';
import { parseRetryAfter } from '../domain/delivery/retryPolicy.js';
import type { DeliveryRequest, DeliveryResult, DeliveryTransport, NewPersonalChat, OpenChatResult } from '../services/delivery/transport.js';

/**
 * Delivery transport over the Bot Connector v3 REST API, called directly with fetch:
 * - `POST {serviceUrl}/v3/conversations` to open a personal chat (`isGroup: false`, one member;
 *   `openPersonalChat`, which the engine calls as a step of its own);
 * - `POST {serviceUrl}/v3/conversations/{conversationId}/activities` to send the message.
 * One HTTP attempt per call and no retries of its own: botbuilder's ConnectorClient pipeline retries
 * on its own (up to 3 times), which would multiply the engine's retries and re-send POSTs blindly, so it
 * is not used here. This is the only delivery file that knows Bot Framework specifics (the token source
 * included); a move to the Microsoft 365 Agents SDK replaces this file only.
 */

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com';
const BOT_FRAMEWORK_LOGIN = 'https://login.microsoftonline.com/botframework.com';
/** The audience of a Microsoft Graph token (client credentials, the app's tenant for SingleTenant). */
export const GRAPH_AUDIENCE = 'https://graph.microsoft.com';

/** Returns a bearer token for the Bot Connector, or undefined for no Authorization header (local mode). */
export type ConnectorTokenProvider = (options: { forceRefresh: boolean }) => Promise<string | undefined>;

export interface ConnectorTransportOptions {
  /** Omit in local mode (Playground, simulator): requests go without a token. */
  tokenProvider?: ConnectorTokenProvider;
  /** Per HTTP request (default 30,000 ms). Keep it well below the engine's leaseMs. */
  timeoutMs?: number;
  /** For tests. */
  fetch?: typeof fetch;
  /** Clock for Retry-After dates. */
  now?: () => number;
}

interface HttpAnswer {
  kind: 'http';
  ok: boolean;
  status: number;
  body: unknown;
  text: string;
  retryAfter: string | null;
}

/** No HTTP answer: connection error, timeout, or no token. */
interface NoAnswer {
  kind: 'no-answer';
  result: Extract<DeliveryResult, { ok: false }>;
}

export class ConnectorTransport implements DeliveryTransport {
  private readonly fetchFn: typeof fetch;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private forceRefresh = false;

  constructor(private readonly options: ConnectorTransportOptions = {}) {
    this.fetchFn = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  async send(request: DeliveryRequest): Promise<DeliveryResult> {
    const { target, message } = request;
    let serviceUrl: string;
    let conversationId: string;
    let created: string | undefined;
    let from: { id: string; name?: string };
    let recipient: { id: string; name?: string } | undefined;
    let conversation: Record<string, unknown>;
    let channelId = 'msteams';

    if (target.kind === 'conversation') {
      const ref: ConversationRef = target.ref;
      serviceUrl = ref.serviceUrl;
      conversationId = ref.conversation.id;
      from = ref.bot;
      recipient = ref.user;
      conversation = { ...ref.conversation };
      channelId = ref.channelId || channelId;
    } else {
      const u = target.user;
      serviceUrl = u.serviceUrl;
      from = { id: u.botId };
      recipient = { id: u.userId };
      if (target.conversationId) {
        conversationId = target.conversationId;
      } else {
        const opened = await this.openPersonalChat(u);
        if (!opened.ok) return opened;
        conversationId = created = opened.conversationId;
      }
      conversation = { id: conversationId, conversationType: 'personal', isGroup: false, tenantId: u.tenantId };
    }

    const activity: Record<string, unknown> = { type: 'message', channelId, from, conversation, ...toActivityContent(message) };
    if (recipient) activity.recipient = recipient;
    const answer = await this.post(serviceUrl, `/v3/conversations/${encodeURIComponent(conversationId)}/activities`, activity);
    if (answer.kind === 'no-answer') return created ? { ...answer.result, conversationId: created } : answer.result;
    if (!answer.ok) {
      const failure = this.failure(answer, 'enviar el mensaje');
      return created ? { ...failure, conversationId: created } : failure;
    }
    const activityId = (answer.body as { id?: unknown } | null)?.id;
    return { ok: true, activityId: typeof activityId === 'string' ? activityId : '', conversationId };
  }

  /** Creates (or gets back: Teams keeps one per user) the personal chat with someone. One request. */
  async openPersonalChat(chat: NewPersonalChat): Promise<OpenChatResult> {
    const answer = await this.post(chat.serviceUrl, '/v3/conversations', {
      isGroup: false,
      bot: { id: chat.botId },
      members: [{ id: chat.userId }],
      tenantId: chat.tenantId,
      channelData: { tenant: { id: chat.tenantId } },
    });
    if (answer.kind === 'no-answer') return answer.result;
    if (!answer.ok) return this.failure(answer, 'crear la conversación');
    const id = (answer.body as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || !id) return { ok: false, status: answer.status, error: 'La creación de la conversación no devolvió un id' };
    return { ok: true, conversationId: id };
  }

  private failure(answer: HttpAnswer, what: string): Extract<DeliveryResult, { ok: false }> {
    if (answer.status === 401) this.forceRefresh = true;
    const retryAfterMs = parseRetryAfter(answer.retryAfter, this.now());
    const err = (answer.body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    const detail =
      err && (typeof err.code === 'string' || typeof err.message === 'string')
        ? [err.code, err.message].filter((x) => typeof x === 'string' && x).join(': ')
        : answer.text.slice(0, 200);
    return {
      ok: false,
      status: answer.status,
      error: detail ? `${detail}` : `No se pudo ${what}`,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
  }

  /** One POST. Returns the HTTP answer, or a network failure (no answer). */
  private async post(serviceUrl: string, path: string, body: unknown): Promise<HttpAnswer | NoAnswer> {
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (this.options.tokenProvider) {
      let token: string | undefined;
      try {
        const forceRefresh = this.forceRefresh;
        this.forceRefresh = false;
        token = await this.options.tokenProvider({ forceRefresh });
      } catch (err) {
        return { kind: 'no-answer', result: { ok: false, error: `No se obtuvo el token del Bot Connector: ${errorText(err)}`, network: true } };
      }
      if (token) headers.authorization = `Bearer ${token}`;
    }
    const url = serviceUrl.replace(/\/+$/, '') + path;
    let res: Response;
    let text: string;
    try {
      res = await this.fetchFn(url, { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(this.timeoutMs) });
      text = await res.text();
    } catch (err) {
      return { kind: 'no-answer', result: { ok: false, error: errorText(err), network: true } };
    }
    let parsed: unknown = null;
    if (text) {
      try {
        parsed = JSON.parse(text) as unknown;
      } catch {
        parsed = null;
      }
    }
    return { kind: 'http', ok: res.ok, status: res.status, body: parsed, text, retryAfter: res.headers.get('retry-after') };
  }
}

function errorText(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause;
    const causeText = cause instanceof Error ? cause.message : typeof cause === 'string' ? cause : '';
    return causeText ? `${err.message} (${causeText})` : err.message;
  }
  return String(err);
}

/** Text and Adaptive Card attachments of an outgoing message. */
export function toActivityContent(message: OutgoingMessage): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (message.text) out.text = message.text;
  if (message.cards?.length) out.attachments = message.cards.map((content) => ({ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content }));
  return out;
}

export interface BotCredentialSettings {
  appId: string;
  appPassword?: string;
  appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
  tenantId?: string;
  certificateThumbprint?: string;
  certificatePrivateKey?: string;
}

interface TokenSource {
  getToken(forceRefresh?: boolean): Promise<string>;
}

/**
 * Production token provider: the app's Entra credentials through botbuilder's
 * ConfigurationServiceClientCredentialFactory (password, certificate or managed identity, single or
 * multi tenant), whose AppCredentials cache and renew the token. Returns undefined without an app id
 * (local mode: no token). `audience` is the Bot Connector's by default; GRAPH_AUDIENCE gives a Microsoft
 * Graph token (proactive installation, src/services/appInstall.ts).
 */
export function createBotFrameworkTokenProvider(settings: BotCredentialSettings, audience: string = BOT_FRAMEWORK_SCOPE): ConnectorTokenProvider | undefined {
  if (!settings.appId) return undefined;
  const factory = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: settings.appId,
    MicrosoftAppType: settings.appType === 'UserAssignedMSI' ? 'UserAssignedMsi' : settings.appType,
    ...(settings.appPassword ? { MicrosoftAppPassword: settings.appPassword } : {}),
    ...(settings.tenantId ? { MicrosoftAppTenantId: settings.tenantId } : {}),
    ...(settings.certificateThumbprint ? { CertificateThumbprint: settings.certificateThumbprint } : {}),
    ...(settings.certificatePrivateKey ? { CertificatePrivateKey: settings.certificatePrivateKey } : {}),
  });
  let source: Promise<TokenSource> | undefined;
  const load = async (): Promise<TokenSource> => {
    const credentials: unknown = await factory.createCredentials(settings.appId, audience, BOT_FRAMEWORK_LOGIN, true);
    if (!credentials || typeof (credentials as Partial<TokenSource>).getToken !== 'function') {
      throw new Error('Las credenciales del bot no permiten obtener un token');
    }
    return credentials as TokenSource;
  };
  return async ({ forceRefresh }) => {
    source ??= load();
    let credentials: TokenSource;
    try {
      credentials = await source;
    } catch (err) {
      source = undefined;
      throw err;
    }
    const token = await credentials.getToken(forceRefresh);
    return token || undefined;
  };
}
