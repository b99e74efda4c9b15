import { cpSync, existsSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Second half of `npm run build` (after `tsc -p tsconfig.build.json`): copies the JSON resources the bot
 * reads at run time next to the compiled code, because src/resources.ts resolves them relative to the
 * project root, and in the compiled output dist/ plays that role:
 *
 *   cards/**\/*.json     → dist/cards/
 *   src/data/**\/*.json  → dist/src/data/
 *
 * Each destination folder is emptied first, so a card deleted from the sources does not survive in dist/.
 */

export const ASSET_DIRS = ['cards', path.join('src', 'data')] as const;

export interface CopiedAssets {
  /** Destination paths relative to outDir, sorted. */
  files: string[];
  /** Source folders that do not exist (nothing copied for them). */
  missing: string[];
}

export function copyAssets(root: string, outDir: string = path.join(root, 'dist')): CopiedAssets {
  const files: string[] = [];
  const missing: string[] = [];
  for (const dir of ASSET_DIRS) {
    const from = path.join(root, dir);
    const to = path.join(outDir, dir);
    rmSync(to, { recursive: true, force: true });
    if (!existsSync(from) || !statSync(from).isDirectory()) {
      missing.push(dir);
      continue;
    }
    cpSync(from, to, {
      recursive: true,
      filter: (src) => {
        if (statSync(src).isDirectory()) return true;
        if (!src.endsWith('.json')) return false;
        files.push(path.relative(outDir, path.join(to, path.relative(from, src))));
        return true;
      },
    });
  }
  return { files: files.sort(), missing };
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const { files, missing } = copyAssets(root);
  for (const dir of missing) console.warn(`ADVERTENCIA: no existe la carpeta ${dir}/; no se copió nada de ella.`);
  console.log(`Recursos copiados a dist/: ${files.length} archivo(s)`);
  for (const f of files) console.log(`  ${f.split(path.sep).join('/')}`);
}
