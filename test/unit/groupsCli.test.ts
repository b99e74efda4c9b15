import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultCatalog } from '../../src/data/defaultCatalog.js';
import { juntaKey } from '../../src/domain/roster.js';
import { readTableFile, writeTableFile } from '../../src/services/rosterFile.js';
import { realisticRoster } from '../helpers/rosterFixtures.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const catalog = loadDefaultCatalog();
const roster = realisticRoster(catalog, 21, 150);
const INPUT_HEADERS = ['Nombre', 'Correo', 'Vocalía', 'Ámbito', 'Entidad', 'Distrito'];
const inputRows = roster.map((m) => [m.nombre, m.correo, m.vocalia, m.ambito, m.entidad, m.distrito ?? '']);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'scripts/groups-cli.ts', ...args], { cwd: root, env: { ...process.env, INIT_CWD: root } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const OUTPUT_COLUMNS = ['grupo', 'nombre', 'correo', 'vocalia', 'ambito', 'entidad', 'distrito'].map((key) => ({ key, required: true }));

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'grupos-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run groups (scripts/groups-cli.ts)', () => {
  it('assigns every member of a good CSV roster and prints the quality table', async () => {
    const input = path.join(dir, 'padron.csv');
    const output = path.join(dir, 'grupos.csv');
    writeFileSync(input, await writeTableFile('csv', INPUT_HEADERS, inputRows, { delimiter: ';' }));
    const run = await cli(['--roster', input, '--size', '35', '--seed', '1', '--out', output]);
    expect(run.stderr).not.toMatch(/Fila|Error/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Totales: 150 integrantes en 4 grupos/);
    expect(run.stdout).toMatch(/^Grupo +Integrantes/m);

    const { rows } = await readTableFile(readFileSync(output), 'grupos.csv', { columns: OUTPUT_COLUMNS });
    expect(rows).toHaveLength(roster.length);
    expect(rows.map((r) => r.values.correo).sort()).toEqual(roster.map((m) => m.correo).sort());
    const groups = rows.map((r) => Number(r.values.grupo));
    expect(new Set(groups)).toEqual(new Set([1, 2, 3, 4]));
    const sizes = [1, 2, 3, 4].map((g) => groups.filter((x) => x === g).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    // Written attributes are the member's own, and no junta is repeated within a group (juntas ≤ 5 members, 4 groups
    // would allow repeats only for juntas larger than 4).
    const byEmail = new Map(roster.map((m) => [m.correo, m]));
    for (const r of rows) {
      const m = byEmail.get(r.values.correo ?? '')!;
      expect([r.values.vocalia, r.values.ambito, r.values.entidad, r.values.distrito]).toEqual([m.vocalia, m.ambito, m.entidad, m.distrito === undefined ? '' : String(m.distrito)]);
    }
    const juntaGroups = new Map<string, number[]>();
    for (const r of rows) {
      const key = juntaKey(byEmail.get(r.values.correo ?? '')!);
      juntaGroups.set(key, [...(juntaGroups.get(key) ?? []), Number(r.values.grupo)]);
    }
    for (const gs of juntaGroups.values()) if (gs.length <= 4) expect(new Set(gs).size).toBe(gs.length);
  });

  it('reads an XLSX roster and writes an XLSX result with an explicit number of groups', async () => {
    const input = path.join(dir, 'padron.xlsx');
    const output = path.join(dir, 'grupos.xlsx');
    writeFileSync(input, await writeTableFile('xlsx', INPUT_HEADERS, inputRows));
    const run = await cli(['--roster', input, '--groups', '6', '--out', output]);
    expect(run.code).toBe(0);
    const { rows } = await readTableFile(readFileSync(output), 'grupos.xlsx', { columns: OUTPUT_COLUMNS });
    expect(rows).toHaveLength(roster.length);
    expect(new Set(rows.map((r) => r.values.grupo))).toEqual(new Set(['1', '2', '3', '4', '5', '6']));
  });

  it('rejects a roster with bad rows: exit code 1, row numbers and reasons, nothing written', async () => {
    const input = path.join(dir, 'malo.csv');
    const output = path.join(dir, 'no-debe-existir.csv');
    const rows = [
      ...inputRows.slice(0, 3),
      ['Sin Vocalía', 'sinvocalia@ine.mx', 'Vocal de Prensa', 'JLE', '01', ''], // row 5
      inputRows[3]!,
      ['Repetida', String(inputRows[0]![1]).toUpperCase(), 'VE', 'JLE', '02', ''], // row 7
      ['Distrito de más', 'distrito@ine.mx', 'VS', 'JDE', 'Colima', '3'], // row 8: Colima has 2 districts
    ];
    writeFileSync(input, await writeTableFile('csv', INPUT_HEADERS, rows));
    const run = await cli(['--roster', input, '--out', output]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Fila 5, vocalía: /);
    expect(run.stderr).toMatch(/Fila 7, correo: .*fila 2/);
    expect(run.stderr).toMatch(/Fila 8, distrito: Colima/);
    expect(run.stderr).not.toMatch(/Fila [2346],/);
    expect(existsSync(output)).toBe(false);
  });

  it('rejects an unreadable file and bad options without writing anything', async () => {
    const input = path.join(dir, 'danado.xlsx');
    const output = path.join(dir, 'nada.csv');
    writeFileSync(input, Buffer.from('PK\u0003\u0004 esto no es un libro de Excel'));
    const corrupt = await cli(['--roster', input, '--out', output]);
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr).toMatch(/No se pudo leer el padrón/);
    const usage = await cli(['--roster', input, '--out', output, '--size', 'treinta']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--size/);
    expect(existsSync(output)).toBe(false);
  });

  it('prints Spanish usage with --help', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Uso:/);
    expect(run.stdout).toMatch(/--groups N/);
  });
});
