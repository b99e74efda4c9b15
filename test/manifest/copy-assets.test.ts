import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyAssets } from '../../scripts/copy-assets.js';

let root = '';
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

function write(file: string, content: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), content);
}

describe('copy-assets (second step of npm run build)', () => {
  it('copies cards/*.json to dist/cards and src/data/*.json to dist/src/data, nothing else', () => {
    root = mkdtempSync(path.join(tmpdir(), 'rc-assets-'));
    write('cards/help.json', '{"type":"AdaptiveCard"}');
    write('cards/admin/panel.json', '{"type":"AdaptiveCard","x":1}');
    write('cards/README.md', 'no');
    write('src/data/catalogo.json', '{"a":1}');
    write('src/data/notes.txt', 'no');
    write('dist/cards/stale.json', '{}');

    const { files, missing } = copyAssets(root);
    expect(missing).toEqual([]);
    expect(files.map((f) => f.split(path.sep).join('/'))).toEqual(['cards/admin/panel.json', 'cards/help.json', 'src/data/catalogo.json']);
    expect(readFileSync(path.join(root, 'dist/cards/admin/panel.json'), 'utf8')).toBe('{"type":"AdaptiveCard","x":1}');
    expect(readFileSync(path.join(root, 'dist/src/data/catalogo.json'), 'utf8')).toBe('{"a":1}');
    expect(existsSync(path.join(root, 'dist/cards/README.md'))).toBe(false);
    expect(existsSync(path.join(root, 'dist/src/data/notes.txt'))).toBe(false);
    expect(existsSync(path.join(root, 'dist/cards/stale.json'))).toBe(false);
  });

  it('reports a missing source folder instead of failing', () => {
    root = mkdtempSync(path.join(tmpdir(), 'rc-assets-'));
    write('src/data/catalogo.json', '{}');
    const { files, missing } = copyAssets(root, path.join(root, 'out'));
    expect(missing).toEqual(['cards']);
    expect(files.map((f) => f.split(path.sep).join('/'))).toEqual(['src/data/catalogo.json']);
  });

  it('the repository resources are the ones the build copies', () => {
    root = mkdtempSync(path.join(tmpdir(), 'rc-assets-'));
    const repo = path.resolve(import.meta.dirname, '..', '..');
    const { files } = copyAssets(repo, root);
    expect(files.map((f) => f.split(path.sep).join('/'))).toContain('src/data/catalogo-ine.json');
  });
});
