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
});

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
  }
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
  });
}
