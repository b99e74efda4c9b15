import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  buildManifest,
  createAppPackage,
  manifestConfigFromEnv,
  PACKAGE_FILES,
  validateManifest,
  validatorVersion,
} from './manifest.js';

/**
 * `npm run package [-- --out ruta.zip] [-- --strict]`
 *
 * Builds manifest.json from manifest/manifest.template.json, the environment (MicrosoftAppId, TEAMS_APP_ID,
 * BOT_DOMAIN, PRIVACY_NOTICE_URL, TEAMS_WEBSITE_URL, TEAMS_TERMS_URL) and the commands of
 * src/domain/commands.ts; validates it offline with Microsoft's validator; and writes the Teams app package
 * (appPackage.zip by default). Exits with 1 on any error. `--strict` also rejects the provisional bot id.
 */

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: 'appPackage.zip' },
      strict: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log('Uso: npm run package -- [--out appPackage.zip] [--strict]');
    return 0;
  }

  const { config, warnings, errors } = manifestConfigFromEnv(process.env, { strict: values.strict });
  for (const w of warnings) console.warn(`ADVERTENCIA: ${w}`);
  if (errors.length) {
    for (const e of errors) console.error(`ERROR: ${e}`);
    return 1;
  }

  const built = buildManifest(config);
  for (const w of built.warnings) console.warn(`ADVERTENCIA: ${w}`);

  const result = await validateManifest(built.manifest);
  console.log(`Validador de Microsoft (@microsoft/app-manifest ${validatorVersion()}, esquema v${result.schemaVersion}, sin conexión):`);
  if (result.validatorMessages.length === 0) console.log('  sin errores');
  for (const m of result.validatorMessages) console.log(`  ${m}`);
  console.log('Reglas del proyecto (límites de menús de Teams y comandos):');
  if (result.projectMessages.length === 0) console.log('  sin errores');
  for (const m of result.projectMessages) console.log(`  ${m}`);
  if (!result.ok) {
    console.error('ERROR: el manifiesto no es válido; no se generó el paquete.');
    return 1;
  }

  const out = path.resolve(values.out);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, await createAppPackage(built.manifest));
  const lists = built.manifest.bots?.[0]?.commandLists ?? [];
  const menus = lists.map((l) => `${(l.scopes ?? []).join('+')}: ${l.commands.map((c) => c.title).join(', ')}`).join('; ');
  console.log(`Paquete generado: ${out} (${PACKAGE_FILES.join(', ')})`);
  console.log(`  id ${built.manifest.id}, versión ${built.manifest.version}, bot ${config.botId}`);
  console.log(`  menús: ${menus}`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`ERROR: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
