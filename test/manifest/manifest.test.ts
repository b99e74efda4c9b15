import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { matchCommand, type CommandDef } from '../../src/domain/commands.js';
import { COMMANDS } from '../../src/features/commands.js';
import { ACCENT_COLOR, COLOR_ICON_PATH, OUTLINE_ICON_PATH, drawColorIcon, drawOutlineIcon } from '../../scripts/make-icons.js';
import {
  DEFAULT_TEAMS_APP_ID,
  MENU_LIMITS,
  PLACEHOLDER_BOT_ID,
  buildCommandLists,
  buildManifest,
  createAppPackage,
  manifestConfigFromEnv,
  readPackageVersion,
  validateManifest,
  type AppManifest,
} from '../../scripts/manifest.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BOT_ID = '3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';
const tmp = mkdtempSync(path.join(tmpdir(), 'rc-manifest-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function production(extra: Record<string, string> = {}): AppManifest {
  const { config, errors } = manifestConfigFromEnv({ MicrosoftAppId: BOT_ID, ...extra }, { strict: true });
  expect(errors).toEqual([]);
  return buildManifest(config).manifest;
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('generated manifest', () => {
  it('passes Microsoft validator (bundled schema, offline) and the project rules', async () => {
    const result = await validateManifest(production());
    expect(result.validatorMessages).toEqual([]);
    expect(result.projectMessages).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.schemaVersion).toMatch(/^1\.2\d$/);
  });

  it('also validates for local packaging with the provisional bot id, with a warning', async () => {
    const { config, warnings, errors } = manifestConfigFromEnv({});
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    const built = buildManifest(config);
    expect(built.manifest.bots?.[0]?.botId).toBe(PLACEHOLDER_BOT_ID);
    expect(built.warnings.join('\n')).toContain('provisional');
    expect((await validateManifest(built.manifest)).ok).toBe(true);
  });

  it('fills ids, version, URLs and language from configuration', async () => {
    const m = production({ PRIVACY_NOTICE_URL: 'https://example.ine.mx/aviso', BOT_DOMAIN: 'coaching.example.mx' });
    expect(m.id).toBe(DEFAULT_TEAMS_APP_ID);
    expect(m.version).toBe(readPackageVersion());
    expect(m.localizationInfo?.defaultLanguageTag).toBe('es-MX');
    expect(m.developer.name).toBe('Instituto Nacional Electoral');
    expect(m.developer.privacyUrl).toBe('https://example.ine.mx/aviso');
    expect(m.accentColor).toBe(ACCENT_COLOR);
    expect(m.validDomains).toEqual(['coaching.example.mx']);
    const bot = m.bots?.[0];
    expect(bot?.botId).toBe(BOT_ID);
    expect([...(bot?.scopes ?? [])].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot?.supportsFiles).toBe(true);
    expect(JSON.stringify(m)).not.toMatch(/\{\{|\}\}/);
    expect((await validateManifest(m)).ok).toBe(true);
  });

  it('has no validDomains when BOT_DOMAIN is not set, and honours TEAMS_APP_ID', () => {
    const m = production({ TEAMS_APP_ID: '11111111-2222-4333-8444-555555555555' });
    expect(m.validDomains).toBeUndefined();
    expect(m.id).toBe('11111111-2222-4333-8444-555555555555');
  });

  it('takes the privacy notice default from src/config.ts', () => {
    const m = production();
    expect(m.developer.privacyUrl).toBe('https://www.ine.mx/transparencia/aviso-de-privacidad/');
  });

  it('rejects bad packaging settings with messages that name the variable', () => {
    const bad = manifestConfigFromEnv({ MicrosoftAppId: 'no-es-guid', BOT_DOMAIN: 'https://bot.ine.mx/api', PRIVACY_NOTICE_URL: 'aviso' });
    const text = bad.errors.join('\n');
    expect(text).toContain('MicrosoftAppId');
    expect(text).toContain('BOT_DOMAIN');
    expect(text).toContain('PRIVACY_NOTICE_URL');
    expect(manifestConfigFromEnv({}, { strict: true }).errors.join('\n')).toContain('MicrosoftAppId');
  });

  it('a broken manifest fails with the validator messages (the check can fail)', async () => {
    const broken = clone(production()) as unknown as Record<string, unknown> & { bots: { botId: string }[]; developer: Record<string, unknown> };
    broken.accentColor = 'magenta';
    broken.bots[0]!.botId = 'no-es-guid';
    delete broken.developer.privacyUrl;
    const result = await validateManifest(broken);
    expect(result.ok).toBe(false);
    const text = result.validatorMessages.join('\n');
    expect(text).toContain('/accentColor must match pattern');
    expect(text).toContain('/bots/0/botId must match pattern');
    expect(text).toContain("must have required property 'privacyUrl'");
  });

  it('the project rules catch menus the schema would accept', async () => {
    const m = clone(production());
    const list = m.bots![0]!.commandLists![0]!;
    list.commands.push({ title: 'borrar todo', description: 'No existe.' });
    list.commands.push({ title: 'ayuda', description: 'x'.repeat(MENU_LIMITS.descriptionLength + 1) });
    const result = await validateManifest(m);
    expect(result.validatorMessages).toEqual([]);
    expect(result.ok).toBe(false);
    const text = result.projectMessages.join('\n');
    expect(text).toContain('«borrar todo» no es una palabra');
    expect(text).toContain(`excede ${MENU_LIMITS.descriptionLength} caracteres`);
  });
});

describe('command menus', () => {
  it('every entry is a word of a COMMANDS entry that routes back to it, available in that scope, within limits', () => {
    const lists = production().bots?.[0]?.commandLists ?? [];
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.length).toBeLessThanOrEqual(MENU_LIMITS.lists);
    const seen = new Set<string>();
    for (const list of lists) {
      expect(list.commands.length).toBeLessThanOrEqual(MENU_LIMITS.commandsPerList);
      for (const scope of list.scopes ?? []) {
        expect(seen.has(scope)).toBe(false);
        seen.add(scope);
      }
      for (const entry of list.commands) {
        expect(entry.title.length).toBeLessThanOrEqual(MENU_LIMITS.titleLength);
        expect(entry.description.length).toBeLessThanOrEqual(MENU_LIMITS.descriptionLength);
        const command = COMMANDS.find((c) => c.words.includes(entry.title));
        expect(command, `«${entry.title}» debe ser una palabra de un comando`).toBeDefined();
        expect(matchCommand(entry.title, COMMANDS)?.command.id).toBe(command?.id);
        expect(entry.description).toBe(command?.description);
        for (const scope of list.scopes ?? []) expect(command?.scopes).toContain(scope);
      }
    }
  });

  it('lists every command of each scope while it fits (menus follow COMMANDS)', () => {
    const lists = production().bots?.[0]?.commandLists ?? [];
    for (const scope of ['personal', 'team', 'groupChat'] as const) {
      const expected = COMMANDS.filter((c) => c.scopes.includes(scope));
      const list = lists.find((l) => (l.scopes ?? []).includes(scope));
      if (expected.length === 0) {
        expect(list).toBeUndefined();
        continue;
      }
      const ids = (list?.commands ?? []).map((e) => matchCommand(e.title, COMMANDS)?.command.id);
      expect(ids.length).toBe(Math.min(expected.length, MENU_LIMITS.commandsPerList));
      if (expected.length <= MENU_LIMITS.commandsPerList) expect([...ids].sort()).toEqual(expected.map((c) => c.id).sort());
    }
  });

  it('keeps at most 10 per scope by priority: pinned help, then everyone, members, group roles, admins', () => {
    const make = (id: string, roles: CommandDef['roles'], scopes: CommandDef['scopes'] = ['personal']): CommandDef => ({
      id,
      words: [id],
      title: id,
      description: `Comando ${id}.`,
      roles,
      scopes,
    });
    const commands: CommandDef[] = [
      ...Array.from({ length: 4 }, (_, i) => make(`admin${i}`, ['admin'])),
      ...Array.from({ length: 4 }, (_, i) => make(`rep${i}`, ['representante', 'secretaria'])),
      ...Array.from({ length: 4 }, (_, i) => make(`member${i}`, ['member'])),
      make('todos', 'everyone'),
      make('help', 'everyone', ['personal', 'team']),
      make('grupo', ['representante'], ['team', 'groupChat']),
    ];
    const { commandLists, omitted } = buildCommandLists(commands);
    const personal = commandLists.find((l) => l.scopes.includes('personal'));
    expect(personal?.commands.map((c) => c.title)).toEqual([
      'help',
      'todos',
      'member0',
      'member1',
      'member2',
      'member3',
      'rep0',
      'rep1',
      'rep2',
      'rep3',
    ]);
    expect(omitted).toEqual([{ scope: 'personal', ids: ['admin0', 'admin1', 'admin2', 'admin3'] }]);
    expect(commandLists.find((l) => l.scopes.includes('team'))?.commands.map((c) => c.title)).toEqual(['help', 'grupo']);
    expect(commandLists.find((l) => l.scopes.includes('groupChat'))?.commands.map((c) => c.title)).toEqual(['grupo']);
    expect(commandLists.length).toBe(3);
  });

  it('uses the canonical word when a title is not itself a command word', () => {
    const commands: CommandDef[] = [
      { id: 'sessions', words: ['sesiones', 'mis sesiones'], title: 'Mis próximas sesiones', description: 'Sus sesiones.', roles: ['member'], scopes: ['personal'] },
    ];
    expect(buildCommandLists(commands).commandLists[0]?.commands[0]?.title).toBe('sesiones');
  });
});

describe('icons', () => {
  const color = PNG.sync.read(readFileSync(COLOR_ICON_PATH));
  const outline = PNG.sync.read(readFileSync(OUTLINE_ICON_PATH));

  it('color.png is 192×192 and opaque', () => {
    expect([color.width, color.height]).toEqual([192, 192]);
    let notOpaque = 0;
    for (let i = 3; i < color.data.length; i += 4) if (color.data[i] !== 255) notOpaque++;
    expect(notOpaque).toBe(0);
  });

  it('outline.png is 32×32, every pixel fully transparent or opaque white, with a visible motif', () => {
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let white = 0;
    let transparent = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = [outline.data[i], outline.data[i + 1], outline.data[i + 2], outline.data[i + 3]];
      if (a === 0) transparent++;
      else if (a === 255 && r === 255 && g === 255 && b === 255) white++;
      else throw new Error(`Píxel ${i / 4} no es blanco ni transparente: ${String([r, g, b, a])}`);
    }
    expect(white).toBeGreaterThan(100);
    expect(transparent).toBeGreaterThan(300);
    // The border row and column are transparent (the motif does not touch the edges).
    for (let x = 0; x < 32; x++) expect(outline.data[x * 4 + 3]).toBe(0);
  });

  it('the committed PNGs are what scripts/make-icons.ts draws', () => {
    expect(Buffer.compare(color.data, drawColorIcon().data)).toBe(0);
    expect(Buffer.compare(outline.data, drawOutlineIcon().data)).toBe(0);
  });
});

describe('app package', () => {
  it('createAppPackage zips exactly manifest.json and the two icons at the root', async () => {
    const manifest = production();
    const zip = await JSZip.loadAsync(await createAppPackage(manifest));
    const names = Object.values(zip.files)
      .map((f) => f.name)
      .sort();
    expect(names).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(JSON.parse(await zip.file('manifest.json')!.async('string'))).toEqual(manifest);
    expect(Buffer.compare(await zip.file('color.png')!.async('nodebuffer'), readFileSync(COLOR_ICON_PATH))).toBe(0);
    expect(Buffer.compare(await zip.file('outline.png')!.async('nodebuffer'), readFileSync(OUTLINE_ICON_PATH))).toBe(0);
  });

  const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
  const baseEnv = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !['MicrosoftAppId', 'TEAMS_APP_ID', 'BOT_DOMAIN', 'PRIVACY_NOTICE_URL', 'TEAMS_WEBSITE_URL', 'TEAMS_TERMS_URL'].includes(k)),
  );

  it('`npm run package` (scripts/package.ts) writes a valid zip to --out and prints the validator result', async () => {
    const out = path.join(tmp, 'sub', 'appPackage.zip');
    const run = spawnSync(tsx, ['scripts/package.ts', '--strict', '--out', out], {
      cwd: root,
      env: { ...baseEnv, MicrosoftAppId: BOT_ID },
      encoding: 'utf8',
    });
    expect(run.stderr).not.toContain('ERROR');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Validador de Microsoft');
    expect(run.stdout).toContain('sin errores');
    const zip = await JSZip.loadAsync(readFileSync(out));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as AppManifest;
    expect(manifest.bots?.[0]?.botId).toBe(BOT_ID);
    expect((await validateManifest(manifest)).ok).toBe(true);
  }, 60_000);

  it('exits 1 without writing a package when the configuration is invalid', () => {
    const out = path.join(tmp, 'bad.zip');
    const run = spawnSync(tsx, ['scripts/package.ts', '--out', out], {
      cwd: root,
      env: { ...baseEnv, MicrosoftAppId: BOT_ID, BOT_DOMAIN: 'https://bot.ine.mx/' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('BOT_DOMAIN');
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});
