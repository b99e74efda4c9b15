import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppManifestUtils, type TeamsManifest, type TeamsManifestV1D24 } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { loadConfig } from '../src/config.js';
import { matchCommand, type CommandDef, type Scope } from '../src/domain/commands.js';
import { COMMANDS } from '../src/features/commands.js';
import type { Role } from '../src/domain/roles.js';
import { ACCENT_COLOR } from './make-icons.js';

/**
 * Teams app package: the manifest is built from manifest/manifest.template.json, the configuration and
 * the bot's command list (src/domain/commands.ts), then validated offline with Microsoft's validator
 * (@microsoft/app-manifest and the JSON schemas it bundles) plus this project's own rules.
 * scripts/package.ts (`npm run package`) and test/manifest/manifest.test.ts use this same code.
 */

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const MANIFEST_DIR = path.join(projectRoot, 'manifest');
export const TEMPLATE_PATH = path.join(MANIFEST_DIR, 'manifest.template.json');

/** Files of the package, all at the root of the zip. */
export const PACKAGE_FILES = ['manifest.json', 'color.png', 'outline.png'] as const;

/** Used when MicrosoftAppId is not configured (local packaging only; Teams cannot reach such a bot). */
export const PLACEHOLDER_BOT_ID = '00000000-0000-0000-0000-000000000000';
/**
 * The Teams app's own id. It must stay the same across versions: Teams treats a package with another id
 * as a different app (a second app in the catalogue, with its own installations). Override with TEAMS_APP_ID.
 */
export const DEFAULT_TEAMS_APP_ID = '44c3d029-b67e-4369-9817-40ccec7a085f';
export const DEFAULT_WEBSITE_URL = 'https://www.ine.mx/';

/**
 * Limits of the bot command menus as documented by Microsoft for Teams (the JSON schema is looser: it
 * allows 12 commands and 128-character titles; Teams clients show at most 10 and cut long texts).
 */
export const MENU_LIMITS = { lists: 3, commandsPerList: 10, titleLength: 32, descriptionLength: 128 } as const;

/** Scopes in the order their lists appear in the manifest. */
export const MENU_SCOPES: readonly Scope[] = ['personal', 'team', 'groupChat'];

/**
 * Menu priority when a scope has more than MENU_LIMITS.commandsPerList commands: first the ids listed in
 * MENU_PINNED (in that order), then by audience — commands for everyone, then for members, then for group
 * representatives and secretaries, then for UTIGyND administrators — and, within the same audience, in
 * the order of COMMANDS. Commands left out of a menu still work when typed, and «ayuda» lists them.
 */
export const MENU_PINNED: readonly string[] = ['help'];
const AUDIENCE_RANK: Record<Role, number> = { member: 1, representante: 2, secretaria: 2, admin: 3 };

function audienceRank(command: CommandDef): number {
  if (command.roles === 'everyone') return 0;
  return Math.min(...command.roles.map((r) => AUDIENCE_RANK[r]));
}

const normalizeWord = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();

/**
 * Text of the menu entry: Teams sends it to the bot as the message when the entry is chosen, so it must
 * be a word that routes back to the same command. The command's title when it does, otherwise its
 * canonical (first) word.
 */
export function menuTitle(command: CommandDef, commands: readonly CommandDef[] = COMMANDS): string {
  const titleIsWord = command.words.some((w) => normalizeWord(w) === normalizeWord(command.title));
  if (titleIsWord && matchCommand(command.title, commands)?.command.id === command.id) return command.title;
  return command.words[0] ?? command.title;
}

export interface ManifestCommand {
  title: string;
  description: string;
}

export interface CommandList {
  scopes: Scope[];
  commands: ManifestCommand[];
}

export interface CommandMenus {
  commandLists: CommandList[];
  /** Commands of a scope that did not fit in its menu (they still work when typed). */
  omitted: { scope: Scope; ids: string[] }[];
}

/** The commandLists of the manifest, generated from COMMANDS (see MENU_PINNED for the priority order). */
export function buildCommandLists(commands: readonly CommandDef[] = COMMANDS): CommandMenus {
  const perScope = MENU_SCOPES.map((scope) => {
    const candidates = commands
      .map((command, index) => ({ command, index }))
      .filter(({ command }) => command.scopes.includes(scope))
      .sort((a, b) => {
        const pa = MENU_PINNED.indexOf(a.command.id);
        const pb = MENU_PINNED.indexOf(b.command.id);
        if (pa !== pb) return (pa === -1 ? Infinity : pa) - (pb === -1 ? Infinity : pb);
        return audienceRank(a.command) - audienceRank(b.command) || a.index - b.index;
      })
      .map(({ command }) => command);
    return {
      scope,
      chosen: candidates.slice(0, MENU_LIMITS.commandsPerList),
      omitted: candidates.slice(MENU_LIMITS.commandsPerList).map((c) => c.id),
    };
  });

  // One list per scope; scopes with exactly the same menu share a list.
  const commandLists: CommandList[] = [];
  const keys: string[] = [];
  for (const { scope, chosen } of perScope) {
    if (chosen.length === 0) continue;
    const key = chosen.map((c) => c.id).join('|');
    const existing = keys.indexOf(key);
    if (existing >= 0) {
      commandLists[existing]?.scopes.push(scope);
      continue;
    }
    keys.push(key);
    commandLists.push({
      scopes: [scope],
      commands: chosen.map((c) => ({ title: menuTitle(c, commands), description: c.description })),
    });
  }
  return { commandLists, omitted: perScope.filter((s) => s.omitted.length > 0).map((s) => ({ scope: s.scope, ids: s.omitted })) };
}

export interface ManifestConfig {
  /** MicrosoftAppId of the Azure Bot registration. */
  botId: string;
  /** The Teams app's own, stable id. */
  teamsAppId: string;
  /** Semantic version of the app (package.json). */
  version: string;
  privacyUrl: string;
  websiteUrl: string;
  termsOfUseUrl: string;
  /** Host name of the bot's public endpoint, only when the app needs it in validDomains. */
  botDomain?: string;
  commands?: readonly CommandDef[];
}

export type AppManifest = TeamsManifestV1D24.TeamsManifestV1D24;

export interface BuiltManifest {
  manifest: AppManifest;
  warnings: string[];
}

function fillTemplate(template: string, values: Record<string, string>): string {
  const filled = template.replace(/"\{\{([A-Z_]+)\}\}"/g, (whole, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`La plantilla del manifiesto usa {{${key}}}, que no tiene valor.`);
    return JSON.stringify(value);
  });
  const leftover = /\{\{[A-Za-z_]+\}\}/.exec(filled);
  if (leftover) throw new Error(`La plantilla del manifiesto contiene un marcador sin reemplazar: ${leftover[0]}`);
  return filled;
}

/** Builds manifest.json from the template, the configuration and COMMANDS. Does not validate it. */
export function buildManifest(config: ManifestConfig, templatePath: string = TEMPLATE_PATH): BuiltManifest {
  const warnings: string[] = [];
  const filled = fillTemplate(readFileSync(templatePath, 'utf8'), {
    VERSION: config.version,
    TEAMS_APP_ID: config.teamsAppId,
    BOT_ID: config.botId,
    WEBSITE_URL: config.websiteUrl,
    PRIVACY_URL: config.privacyUrl,
    TERMS_URL: config.termsOfUseUrl,
    ACCENT_COLOR,
  });
  const manifest = JSON.parse(filled) as AppManifest;

  const menus = buildCommandLists(config.commands ?? COMMANDS);
  for (const o of menus.omitted) {
    warnings.push(
      `El menú del ámbito ${o.scope} admite ${MENU_LIMITS.commandsPerList} comandos; quedaron fuera (siguen funcionando al escribirlos): ${o.ids.join(', ')}.`,
    );
  }
  const bot = manifest.bots?.[0];
  if (!bot) throw new Error('La plantilla del manifiesto debe declarar un bot en "bots".');
  bot.commandLists = menus.commandLists;

  if (config.botDomain) manifest.validDomains = [config.botDomain];
  else delete manifest.validDomains;

  if (config.botId.toLowerCase() === PLACEHOLDER_BOT_ID) {
    warnings.push(
      `bots[0].botId es el identificador provisional ${PLACEHOLDER_BOT_ID}: este paquete solo sirve para pruebas locales. ` +
        'Defina MicrosoftAppId con el identificador de la aplicación del recurso Azure Bot para un paquete de producción.',
    );
  }
  return { manifest, warnings };
}

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ConfigFromEnv {
  config: ManifestConfig;
  warnings: string[];
  errors: string[];
}

export function readPackageVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof pkg.version !== 'string') throw new Error('package.json no tiene "version".');
  return pkg.version;
}

/**
 * Reads the packaging settings from the environment: MicrosoftAppId (bot id), TEAMS_APP_ID, BOT_DOMAIN,
 * PRIVACY_NOTICE_URL (same variable and default as the bot, through src/config.ts), TEAMS_WEBSITE_URL and
 * TEAMS_TERMS_URL. Packaging needs no secrets. With `strict`, a missing MicrosoftAppId is an error.
 */
export function manifestConfigFromEnv(env: Record<string, string | undefined>, options: { strict?: boolean } = {}): ConfigFromEnv {
  const warnings: string[] = [];
  const errors: string[] = [];
  const value = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };

  let botId = value('MicrosoftAppId');
  if (!botId) {
    // Without --strict, buildManifest warns that the package carries the provisional id.
    if (options.strict) errors.push('MicrosoftAppId: es obligatorio para un paquete de producción (--strict).');
    botId = PLACEHOLDER_BOT_ID;
  } else if (!GUID.test(botId)) {
    errors.push(`MicrosoftAppId: debe ser un GUID (identificador de la aplicación del recurso Azure Bot), no «${botId}».`);
  }

  const teamsAppId = value('TEAMS_APP_ID') ?? DEFAULT_TEAMS_APP_ID;
  if (!GUID.test(teamsAppId)) errors.push(`TEAMS_APP_ID: debe ser un GUID, no «${teamsAppId}».`);
  if (teamsAppId.toLowerCase() === botId.toLowerCase() && botId !== PLACEHOLDER_BOT_ID) {
    warnings.push('TEAMS_APP_ID es igual a MicrosoftAppId; Teams lo admite, pero conviene conservar el identificador propio de la aplicación.');
  }

  const botDomain = value('BOT_DOMAIN');
  if (botDomain && !HOSTNAME.test(botDomain)) {
    errors.push(`BOT_DOMAIN: debe ser solo el nombre de dominio (por ejemplo, bot.ine.mx), sin https:// ni ruta; se recibió «${botDomain}».`);
  }

  let privacyUrl = '';
  try {
    // The same variable, default and URL check the bot itself uses (src/config.ts).
    privacyUrl = loadConfig({ BOT_MODE: 'local', PRIVACY_NOTICE_URL: value('PRIVACY_NOTICE_URL') }).privacyNoticeUrl;
  } catch (err) {
    errors.push(err instanceof Error ? err.message : String(err));
  }
  const httpsUrl = (name: string, fallback: string): string => {
    const v = value(name) ?? fallback;
    if (!/^https:\/\/[^\s]+$/i.test(v)) errors.push(`${name}: debe ser una URL https, no «${v}».`);
    return v;
  };
  const websiteUrl = httpsUrl('TEAMS_WEBSITE_URL', DEFAULT_WEBSITE_URL);
  const termsOfUseUrl = httpsUrl('TEAMS_TERMS_URL', websiteUrl);

  return {
    config: { botId, teamsAppId, version: readPackageVersion(), privacyUrl, websiteUrl, termsOfUseUrl, ...(botDomain ? { botDomain } : {}) },
    warnings,
    errors,
  };
}

const require = createRequire(import.meta.url);

/** Version of @microsoft/app-manifest, for the report. */
export function validatorVersion(): string {
  const pkg = require('@microsoft/app-manifest/package.json') as { version: string };
  return pkg.version;
}

/**
 * The JSON schema bundled with @microsoft/app-manifest for a manifest version, read from disk (never
 * fetched: packaging and tests work offline). Throws when the package does not bundle that version.
 */
export function bundledSchemaPath(manifestVersion: string): string {
  const buildDir = path.dirname(require.resolve('@microsoft/app-manifest'));
  return path.join(buildDir, 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
}

function loadBundledSchema(manifestVersion: string): Parameters<typeof AppManifestUtils.validateAgainstSchema>[1] {
  const file = bundledSchemaPath(manifestVersion);
  if (!existsSync(file)) throw new Error(`@microsoft/app-manifest ${validatorVersion()} no incluye el esquema v${manifestVersion} (${file}).`);
  // Same clean-up the library applies to the published schemas (escapes JSON does not accept).
  const raw = readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  return JSON.parse(raw) as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1];
}

export interface ManifestValidation {
  ok: boolean;
  /** The manifest version whose bundled schema was used. */
  schemaVersion: string;
  /** Messages of Microsoft's validator (AppManifestUtils.validateAgainstSchema), verbatim. */
  validatorMessages: string[];
  /** This project's rules: Teams menu limits and command titles that route back to a command. */
  projectMessages: string[];
}

function projectRules(json: Record<string, unknown>, commands: readonly CommandDef[]): string[] {
  const problems: string[] = [];
  const expectedSchema = `https://developer.microsoft.com/json-schemas/teams/v${String(json.manifestVersion)}/MicrosoftTeams.schema.json`;
  if (json.$schema !== expectedSchema) problems.push(`$schema debe ser ${expectedSchema} (coincidir con manifestVersion).`);

  const bots = Array.isArray(json.bots) ? (json.bots as Record<string, unknown>[]) : [];
  if (bots.length !== 1) problems.push('bots: la aplicación debe declarar exactamente un bot.');
  const bot = bots[0] ?? {};
  const scopes = Array.isArray(bot.scopes) ? (bot.scopes as unknown[]) : [];
  for (const s of MENU_SCOPES) if (!scopes.includes(s)) problems.push(`bots[0].scopes: falta el ámbito ${s}.`);
  if (bot.supportsFiles !== true) problems.push('bots[0].supportsFiles: debe ser true (importación y exportación de listas).');

  const lists = Array.isArray(bot.commandLists) ? (bot.commandLists as Record<string, unknown>[]) : [];
  if (lists.length > MENU_LIMITS.lists) problems.push(`bots[0].commandLists: como máximo ${MENU_LIMITS.lists} listas (hay ${lists.length}).`);
  const seenScopes = new Set<unknown>();
  lists.forEach((list, li) => {
    const where = `bots[0].commandLists[${li}]`;
    const listScopes = Array.isArray(list.scopes) ? (list.scopes as unknown[]) : [];
    for (const s of listScopes) {
      if (seenScopes.has(s)) problems.push(`${where}.scopes: el ámbito ${String(s)} aparece en más de una lista.`);
      seenScopes.add(s);
    }
    const cmds = Array.isArray(list.commands) ? (list.commands as Record<string, unknown>[]) : [];
    if (cmds.length > MENU_LIMITS.commandsPerList) {
      problems.push(`${where}.commands: como máximo ${MENU_LIMITS.commandsPerList} comandos por lista (hay ${cmds.length}).`);
    }
    cmds.forEach((c, ci) => {
      const at = `${where}.commands[${ci}]`;
      const title = typeof c.title === 'string' ? c.title : '';
      const description = typeof c.description === 'string' ? c.description : '';
      if (title.length > MENU_LIMITS.titleLength) problems.push(`${at}.title: «${title}» excede ${MENU_LIMITS.titleLength} caracteres.`);
      if (description.length > MENU_LIMITS.descriptionLength) {
        problems.push(`${at}.description: excede ${MENU_LIMITS.descriptionLength} caracteres (${description.length}).`);
      }
      const command = commands.find((d) => d.words.some((w) => normalizeWord(w) === normalizeWord(title)));
      if (!command) {
        problems.push(`${at}.title: «${title}» no es una palabra de ningún comando de src/domain/commands.ts.`);
      } else {
        for (const s of listScopes) {
          if (!command.scopes.includes(s as Scope)) problems.push(`${at}: el comando ${command.id} no está disponible en el ámbito ${String(s)}.`);
        }
      }
    });
  });
  return problems;
}

/**
 * Validates a manifest offline: Microsoft's validator against the schema bundled for its manifestVersion,
 * then this project's rules.
 */
export async function validateManifest(json: unknown, commands: readonly CommandDef[] = COMMANDS): Promise<ManifestValidation> {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, schemaVersion: '', validatorMessages: [], projectMessages: ['El manifiesto debe ser un objeto JSON.'] };
  }
  const record = json as Record<string, unknown>;
  const schemaVersion = typeof record.manifestVersion === 'string' ? record.manifestVersion : '';
  if (!/^1\.\d+$/.test(schemaVersion)) {
    return { ok: false, schemaVersion, validatorMessages: [], projectMessages: [`manifestVersion: «${String(record.manifestVersion)}» no es una versión de esquema 1.x.`] };
  }
  const schema = loadBundledSchema(schemaVersion);
  // A JSON round trip, so the validator sees exactly what manifest.json will contain.
  const plain = JSON.parse(JSON.stringify(json)) as TeamsManifest;
  const validatorMessages = await AppManifestUtils.validateAgainstSchema(plain, schema);
  const projectMessages = projectRules(record, commands);
  return { ok: validatorMessages.length === 0 && projectMessages.length === 0, schemaVersion, validatorMessages, projectMessages };
}

/** The app package: manifest.json, color.png and outline.png at the root of a zip. */
export async function createAppPackage(manifest: unknown, iconsDir: string = MANIFEST_DIR): Promise<Buffer> {
  const zip = new JSZip();
  // A fixed date keeps the package byte-for-byte reproducible for the same inputs.
  const date = new Date(Date.UTC(2020, 0, 1));
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date });
  for (const icon of ['color.png', 'outline.png'] as const) zip.file(icon, readFileSync(path.join(iconsDir, icon)), { date });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}
