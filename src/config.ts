import { createHmac } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

/**
 * The only module that reads the environment. It parses it once into a typed, frozen object; a bad or
 * missing variable stops start-up with a message that names it.
 *
 * Modes:
 * - local: no MicrosoftAppId, requests are not authenticated; allowed only on a loopback address.
 * - production: MicrosoftAppId, a password or certificate, SingleTenant and MicrosoftAppTenantId required.
 */

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const csv = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

const envSchema = z.object({
  BOT_MODE: z.enum(['local', 'production']).default('production'),
  HOST: optionalString,
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).optional(),
  MicrosoftAppTenantId: optionalString,
  MicrosoftAppCertificateThumbprint: optionalString,
  MicrosoftAppCertificatePrivateKey: optionalString,
  MONGODB_URI: optionalString,
  MONGODB_DB: z.string().trim().min(1).default('red_coaching'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10 * 1024 * 1024).default(256 * 1024),
  ADMIN_AAD_IDS: csv,
  PRIVACY_NOTICE_URL: z.url().default('https://www.ine.mx/transparencia/aviso-de-privacidad/'),
  SUPPORT_CONTACT: z.string().trim().min(1).default('la Unidad Técnica de Igualdad de Género y No Discriminación (UTIGyND)'),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  RATE_LIMIT_BURST: z.coerce.number().int().min(0).max(100_000).default(20),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
  DENIED_AUDIT_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(10),
  ELECTION_BALLOT_KEY: optionalString,
  TOPIC_MAX_PICKS: z.coerce.number().int().min(1).max(20).default(5),
  DOCUMENT_MAX_FILE_MB: z.coerce.number().int().min(1).max(8).default(5),
  DOCUMENT_OBSERVATIONS_ANONYMOUS: z.enum(['true', 'false']).default('true'),
  SURVEY_RESPONDENT_KEY: optionalString,
  SURVEY_REMINDER_HOURS: z.string().trim().regex(/^\d{1,4}(\s*,\s*\d{1,4})*$/, 'horas antes del cierre separadas por comas, por ejemplo 72,24').default('72,24'),
  SURVEY_MIN_CELL: z.coerce.number().int().min(2).max(100).default(5),
  SURVEY_OPEN_DAYS: z.coerce.number().int().min(1).max(120).default(14),
  PROACTIVE_INSTALL: z.enum(['true', 'false']).default('false'),
  PROACTIVE_INSTALL_TEAMS_APP_ID: optionalString,
  GRAPH_BASE_URL: z.url().default('https://graph.microsoft.com/v1.0'),
  COMPLAINTS_REFERENCE: z.string().trim().min(1).max(500).default('las instancias formales de queja y denuncia del Instituto Nacional Electoral'),
  COMPLAINTS_URL: optionalString,
  PUBLIC_BASE_URL: optionalString,
  CALENDAR_LINK_KEY: optionalString,
  CALENDAR_LINK_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(168),
});

/**
 * Local mode's fixed, public ballot key (never valid in production): local data is test data.
 * The key derives the ballot ids and seals the ballots of the group elections (src/services/elections/).
 */
export const LOCAL_ELECTION_BALLOT_KEY = 'red-de-coaching-clave-local-de-boletas-no-secreta';
const MIN_BALLOT_KEY_LENGTH = 32;

/** Local mode's fixed, public key of the calendar links (never valid in production). */
export const LOCAL_CALENDAR_LINK_KEY = 'red-de-coaching-clave-local-de-calendario-no-secreta';
/** Local mode's fixed, public key of the surveys' respondent pseudonyms (src/services/surveys/); never valid in production. */
export const LOCAL_SURVEY_RESPONDENT_KEY = 'red-de-coaching-clave-local-de-encuestas-no-secreta';

export interface AppConfig {
  readonly mode: 'local' | 'production';
  readonly host: string;
  readonly port: number;
  readonly logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  readonly maxBodyBytes: number;
  readonly shutdownGraceMs: number;
  readonly bot: {
    readonly appId: string;
    readonly appPassword?: string;
    readonly appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
    readonly tenantId?: string;
    readonly certificateThumbprint?: string;
    readonly certificatePrivateKey?: string;
  };
  readonly store: { readonly mongodbUri?: string; readonly mongodbDb: string; readonly dataDir: string };
  /** Entra object ids of the UTIGyND administrators bootstrapped from configuration. */
  readonly adminAadIds: readonly string[];
  readonly privacyNoticeUrl: string;
  readonly supportContact: string;
  /**
   * Per-person limits (issue 9). rateLimitBurst messages or card actions at once, then rateLimitPerMinute
   * (token bucket per person, in memory: it protects this process; 0 disables it); at most
   * deniedAuditPerHour audit rows of refused admin commands per person and hour (the rest are counted).
   */
  readonly limits: { readonly rateLimitBurst: number; readonly rateLimitPerMinute: number; readonly deniedAuditPerHour: number };
  /** Secret of the group elections' ballot box (ballot ids and sealed ballots); never logged. */
  readonly elections: { readonly ballotKey: string };
  /** Topic votes (src/services/topics/): how many topics each member may pick (K, 1 to 20). */
  readonly topics: { readonly maxPicks: number };
  /**
   * Documentos básicos (src/features/documents/): the largest PDF or DOCX accepted (bytes) and whether the
   * observations export leaves out the authors' names (default true: anonymous).
   */
  readonly documents: { readonly maxFileBytes: number; readonly observationsAnonymous: boolean };
  /**
   * Surveys (src/services/surveys/): the secret of the respondent keys (HMAC over person and edition; never
   * logged), the reminders' hours before closing, the smallest reported cell (k) and how many days an
   * automatically opened wave stays open when the calendar gives no closing date.
   */
  readonly surveys: { readonly respondentKey: string; readonly reminderHours: readonly number[]; readonly minCell: number; readonly openDays: number };
  /**
   * Installing the app through Microsoft Graph for a person a notice waits for (src/services/appInstall.ts).
   * Off by default; needs the app's manifest id and the Graph application permissions (docs/despliegue.md).
   */
  readonly proactiveInstall: { readonly enabled: boolean; readonly teamsAppId?: string; readonly graphBaseUrl: string };
  /**
   * Where formal complaints go (issue 14): the acompañamiento card says it is not the Institute's formal
   * complaint procedure and names this text, with a button to the https address when given.
   */
  readonly complaints: { readonly reference: string; readonly url?: string };
  /**
   * The personal calendar's signed .ics links (src/services/calendar/): the bot's public address, the HMAC key
   * and how long a link lasts. Links are offered only when both the address and the key are set (always in
   * local mode: http://127.0.0.1:PORT and a fixed key).
   */
  readonly calendar: { readonly publicBaseUrl?: string; readonly linkKey?: string; readonly linkTtlHours: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuración inválida:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(entorno)'}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const host = e.HOST ?? (e.BOT_MODE === 'local' ? '127.0.0.1' : '0.0.0.0');

  if (e.BOT_MODE === 'local') {
    if (e.MicrosoftAppId) problems.push('MicrosoftAppId: debe quedar vacío en modo local (BOT_MODE=local); use BOT_MODE=production con credenciales.');
    if (!LOOPBACK.has(host)) problems.push(`HOST: el modo local solo puede escuchar en una dirección de loopback (127.0.0.1, ::1), no en ${host}.`);
  } else {
    if (!e.MicrosoftAppId) problems.push('MicrosoftAppId: es obligatorio en modo producción (BOT_MODE=production).');
    if (!e.MicrosoftAppPassword && !(e.MicrosoftAppCertificateThumbprint && e.MicrosoftAppCertificatePrivateKey)) {
      problems.push('MicrosoftAppPassword: se requiere una contraseña o un certificado (MicrosoftAppCertificateThumbprint y MicrosoftAppCertificatePrivateKey).');
    }
    if (e.MicrosoftAppType !== 'SingleTenant') problems.push('MicrosoftAppType: debe ser SingleTenant en modo producción.');
    if (!e.MicrosoftAppTenantId) problems.push('MicrosoftAppTenantId: es obligatorio en modo producción (identificador del inquilino del INE).');
    if (!e.ELECTION_BALLOT_KEY) {
      problems.push(`ELECTION_BALLOT_KEY: es obligatoria en modo producción (clave secreta de las boletas de las elecciones de grupo, de al menos ${MIN_BALLOT_KEY_LENGTH} caracteres; por ejemplo, la salida de «openssl rand -base64 48»).`);
    } else if (e.ELECTION_BALLOT_KEY === LOCAL_ELECTION_BALLOT_KEY) {
      problems.push('ELECTION_BALLOT_KEY: no puede ser la clave pública del modo local; genere una clave propia.');
    }
  }
  if (e.ELECTION_BALLOT_KEY && e.ELECTION_BALLOT_KEY.length < MIN_BALLOT_KEY_LENGTH) {
    problems.push(`ELECTION_BALLOT_KEY: debe tener al menos ${MIN_BALLOT_KEY_LENGTH} caracteres.`);
  }
  if (e.BOT_MODE === 'production' && e.SURVEY_RESPONDENT_KEY === LOCAL_SURVEY_RESPONDENT_KEY) {
    problems.push('SURVEY_RESPONDENT_KEY: no puede ser la clave pública del modo local; genere una clave propia.');
  }
  if (e.SURVEY_RESPONDENT_KEY && e.SURVEY_RESPONDENT_KEY.length < MIN_BALLOT_KEY_LENGTH) problems.push(`SURVEY_RESPONDENT_KEY: debe tener al menos ${MIN_BALLOT_KEY_LENGTH} caracteres.`);
  if (e.PROACTIVE_INSTALL === 'true' && !e.PROACTIVE_INSTALL_TEAMS_APP_ID) {
    problems.push('PROACTIVE_INSTALL_TEAMS_APP_ID: es obligatorio con PROACTIVE_INSTALL=true (el id. de la aplicación en su manifiesto, TEAMS_APP_ID).');
  }
  if (e.PUBLIC_BASE_URL && !/^https?:\/\/[^\s/?#]+(?:\/[^\s?#]*)?$/.test(e.PUBLIC_BASE_URL)) problems.push('PUBLIC_BASE_URL: escriba la dirección pública del bot, por ejemplo https://bot.ejemplo.ine.mx.');
  if (e.BOT_MODE === 'production' && e.PUBLIC_BASE_URL && !e.PUBLIC_BASE_URL.startsWith('https://')) problems.push('PUBLIC_BASE_URL: debe usar https en modo producción.');
  if (e.CALENDAR_LINK_KEY && e.CALENDAR_LINK_KEY.length < MIN_BALLOT_KEY_LENGTH) problems.push(`CALENDAR_LINK_KEY: debe tener al menos ${MIN_BALLOT_KEY_LENGTH} caracteres.`);
  if (e.BOT_MODE === 'production' && e.CALENDAR_LINK_KEY === LOCAL_CALENDAR_LINK_KEY) problems.push('CALENDAR_LINK_KEY: no puede ser la clave pública del modo local; genere una clave propia.');
  if (e.BOT_MODE === 'production' && !e.GRAPH_BASE_URL.startsWith('https://')) problems.push('GRAPH_BASE_URL: debe usar https en modo producción.');
  if (e.COMPLAINTS_URL && !/^https:\/\/[^\s/?#]+(?:[/?#]\S*)?$/.test(e.COMPLAINTS_URL)) problems.push('COMPLAINTS_URL: debe ser una dirección https completa, por ejemplo https://intranet.ine.mx/quejas.');
  if (problems.length) throw new ConfigError(problems);

  return deepFreeze({
    mode: e.BOT_MODE,
    host,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    maxBodyBytes: e.MAX_BODY_BYTES,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    bot: {
      appId: e.MicrosoftAppId ?? '',
      appPassword: e.MicrosoftAppPassword,
      appType: e.MicrosoftAppType ?? (e.BOT_MODE === 'local' ? 'MultiTenant' : 'SingleTenant'),
      tenantId: e.MicrosoftAppTenantId,
      certificateThumbprint: e.MicrosoftAppCertificateThumbprint,
      certificatePrivateKey: e.MicrosoftAppCertificatePrivateKey,
    },
    store: { mongodbUri: e.MONGODB_URI, mongodbDb: e.MONGODB_DB, dataDir: path.resolve(e.DATA_DIR) },
    adminAadIds: e.ADMIN_AAD_IDS,
    privacyNoticeUrl: e.PRIVACY_NOTICE_URL,
    supportContact: e.SUPPORT_CONTACT,
    limits: { rateLimitBurst: e.RATE_LIMIT_BURST, rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE, deniedAuditPerHour: e.DENIED_AUDIT_PER_HOUR },
    elections: { ballotKey: e.ELECTION_BALLOT_KEY ?? LOCAL_ELECTION_BALLOT_KEY },
    topics: { maxPicks: e.TOPIC_MAX_PICKS },
    documents: { maxFileBytes: e.DOCUMENT_MAX_FILE_MB * 1024 * 1024, observationsAnonymous: e.DOCUMENT_OBSERVATIONS_ANONYMOUS === 'true' },
    surveys: {
      // Without its own key, production derives one from the (mandatory) ballot key: still secret, never stored.
      respondentKey: e.SURVEY_RESPONDENT_KEY ?? (e.BOT_MODE === 'production' && e.ELECTION_BALLOT_KEY ? createHmac('sha256', e.ELECTION_BALLOT_KEY).update('encuestas:seudonimos').digest('base64') : LOCAL_SURVEY_RESPONDENT_KEY),
      reminderHours: [...new Set(e.SURVEY_REMINDER_HOURS.split(',').map((h) => Number(h.trim())))].filter((h) => h > 0).sort((a, b) => b - a),
      minCell: e.SURVEY_MIN_CELL,
      openDays: e.SURVEY_OPEN_DAYS,
    },
    proactiveInstall: {
      enabled: e.PROACTIVE_INSTALL === 'true',
      ...(e.PROACTIVE_INSTALL_TEAMS_APP_ID ? { teamsAppId: e.PROACTIVE_INSTALL_TEAMS_APP_ID } : {}),
      graphBaseUrl: e.GRAPH_BASE_URL,
    },
    complaints: { reference: e.COMPLAINTS_REFERENCE, ...(e.COMPLAINTS_URL ? { url: e.COMPLAINTS_URL } : {}) },
    calendar: {
      ...(e.PUBLIC_BASE_URL || e.BOT_MODE === 'local' ? { publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://${host.includes(':') ? `[${host}]` : host}:${e.PORT}`).replace(/\/+$/, '') } : {}),
      ...(e.CALENDAR_LINK_KEY || e.BOT_MODE === 'local' ? { linkKey: e.CALENDAR_LINK_KEY ?? LOCAL_CALENDAR_LINK_KEY } : {}),
      linkTtlHours: e.CALENDAR_LINK_TTL_HOURS,
    },
  });
}
