import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const guide = readFileSync(path.join(root, 'docs', 'despliegue.md'), 'utf8');

/** Variable names declared in the envSchema of src/config.ts (the only module that reads the environment). */
function configVariables(): string[] {
  const source = readFileSync(path.join(root, 'src', 'config.ts'), 'utf8');
  const start = source.indexOf('const envSchema = z.object({');
  const end = source.indexOf('\n});', start);
  expect(start, 'src/config.ts debe declarar envSchema').toBeGreaterThanOrEqual(0);
  return [...source.slice(start, end).matchAll(/^ {2}([A-Za-z_][A-Za-z0-9_]*):/gm)].map((m) => m[1] as string);
}

describe('docs/despliegue.md stays in step with the code', () => {
  it('documents every environment variable of src/config.ts in a table row', () => {
    const vars = configVariables();
    expect(vars).toContain('MicrosoftAppId');
    expect(vars).toContain('MONGODB_URI');
    const rows = guide.split('\n').filter((l) => l.startsWith('|'));
    const missing = vars.filter((v) => !rows.some((r) => r.includes(`\`${v}\``)));
    expect(missing, `Agregue a la tabla de variables de docs/despliegue.md: ${missing.join(', ')}`).toEqual([]);
  });

  it('states the defaults that src/config.ts applies', () => {
    const c = loadConfig({ BOT_MODE: 'local' });
    expect(guide).toContain(`\`${c.privacyNoticeUrl}\``);
    expect(guide).toContain(`\`${c.port}\``);
    expect(guide).toContain(`\`${c.maxBodyBytes}\``);
    expect(guide).toContain(`\`${c.shutdownGraceMs}\``);
    expect(guide).toContain(`\`${c.store.mongodbDb}\``);
    expect(guide).toContain(`\`${c.supportContact}\``);
  });

  it('describes the write concern the MongoDB adapter uses', () => {
    const mongo = readFileSync(path.join(root, 'src', 'store', 'mongoStore.ts'), 'utf8');
    expect(mongo).toContain("writeConcern: { w: 'majority', journal: true }");
    expect(guide).toContain("{ w: 'majority', journal: true }");
  });
});
