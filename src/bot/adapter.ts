import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import type { Request, Response } from 'restify';
import type { AppConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { RejectionLog, rejectionReason, withConsoleErrorsTo } from './inboundAuth.js';
import { installSigningKeySource } from './signingKeys.js';

/** Test seams and tuning of the inbound authentication. Production uses the defaults. */
export interface AdapterAuthOptions {
  /** OpenID metadata of the tokens the Bot Connector sends (default: Bot Framework public cloud). */
  openIdMetadataUrl?: string;
  /** OpenID metadata of emulator and skill tokens (default: Microsoft Entra common). */
  emulatorOpenIdMetadataUrl?: string;
  /** Deadline for fetching the OpenID metadata and the signing keys together (default 5 s). */
  signingKeyTimeoutMs?: number;
  /** The fetch used for signing keys (tests stub network failures with it). */
  fetch?: typeof fetch;
  /** Rejected requests logged per reason and window (default 5 per minute). */
  rejectionLog?: { max: number; windowMs: number };
}

export interface AdapterOptions extends AdapterAuthOptions {
  logger: Logger;
}

const DEFAULT_SIGNING_KEY_TIMEOUT_MS = 5_000;

type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/**
 * The Bot Framework adapter. In production it validates the JWT of every incoming request (issuer,
 * audience = MicrosoftAppId, service URL); in local mode (no app id) authentication is disabled.
 *
 * HTTP requests enter through processHttp, not CloudAdapter.process: the latter answers any error that is
 * not an AuthenticationError with 500 and the error text ("invalid signature", "jwt not active",
 * "getaddrinfo ENOTFOUND login.botframework.com"), and prints each rejection with console.error. Here a
 * request that cannot be authenticated, for whatever reason, gets 401 {"error":"unauthorized"}; the reason
 * goes to the structured log at warn, a few entries per minute per reason.
 */
export class RedCoachingAdapter extends CloudAdapter {
  private readonly rejections: RejectionLog;

  constructor(
    auth: ConfigurationBotFrameworkAuthentication,
    options: AdapterOptions,
  ) {
    super(auth);
    this.rejections = new RejectionLog(options.logger, options.rejectionLog);
  }

  /** Authenticates and runs one activity whose body the HTTP layer already parsed and shape-checked. */
  async processHttp(req: Request, res: Response, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = withDates(req.body as Activity);
    const header: unknown = req.headers.authorization;
    const authHeader = typeof header === 'string' ? header : '';
    const ip = req.socket?.remoteAddress;

    let auth: AuthenticateRequestResult;
    try {
      // The SDK's own console.error output for this request is dropped: the rejection is logged below.
      auth = await withConsoleErrorsTo(
        () => undefined,
        () => this.botFrameworkAuthentication.authenticateRequest(activity, authHeader),
      );
    } catch (err) {
      this.rejections.rejected(rejectionReason(err, authHeader), { err, ip, activityType: activity.type, channelId: activity.channelId });
      res.status(401);
      res.json({ error: 'unauthorized' });
      return;
    }

    const invokeResponse = await this.processActivity(auth, activity, logic);
    res.status(invokeResponse?.status ?? 200);
    if (invokeResponse?.body !== undefined) res.json(invokeResponse.body);
    else res.end();
  }
}

/** What botbuilder's validateAndFixActivity does to an incoming body: ISO date strings become Dates. */
function withDates(activity: Activity): Activity {
  const a = activity as unknown as Record<string, unknown>;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    const value = a[field];
    if (typeof value === 'string') {
      a[raw] = value;
      a[field] = new Date(value);
    } else if (value !== undefined && !(value instanceof Date)) {
      delete a[field];
    }
  }
  return activity;
}

/** The Bot Framework public cloud endpoints, spelled out when a test overrides one of them (see below). */
const PUBLIC_CLOUD = {
  ValidateAuthority: true,
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  CallerId: 'urn:botframework:azure',
  ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
} as const;

export function createAdapter(config: AppConfig, opts: AdapterOptions): RedCoachingAdapter {
  const overridden = Boolean(opts.openIdMetadataUrl || opts.emulatorOpenIdMetadataUrl);
  const options: Partial<ConfigurationBotFrameworkAuthenticationOptions> = {
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword ?? '',
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.tenantId ?? '',
    ...(config.bot.certificateThumbprint ? { CertificateThumbprint: config.bot.certificateThumbprint } : {}),
    ...(config.bot.certificatePrivateKey ? { CertificatePrivateKey: config.bot.certificatePrivateKey } : {}),
    // botbuilder takes the built-in public cloud settings only when none of them is given; overriding one
    // (tests: metadata on 127.0.0.1) means giving them all.
    ...(overridden
      ? {
          ...PUBLIC_CLOUD,
          ...(opts.openIdMetadataUrl ? { ToBotFromChannelOpenIdMetadataUrl: opts.openIdMetadataUrl } : {}),
          ...(opts.emulatorOpenIdMetadataUrl ? { ToBotFromEmulatorOpenIdMetadataUrl: opts.emulatorOpenIdMetadataUrl } : {}),
        }
      : {}),
  };
  if (config.bot.appId) {
    installSigningKeySource({ timeoutMs: opts.signingKeyTimeoutMs ?? DEFAULT_SIGNING_KEY_TIMEOUT_MS, ...(opts.fetch ? { fetch: opts.fetch } : {}) });
  }
  return new RedCoachingAdapter(new ConfigurationBotFrameworkAuthentication(options as ConfigurationBotFrameworkAuthenticationOptions), opts);
}
