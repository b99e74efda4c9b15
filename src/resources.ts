import { fileURLToPath } from 'node:url';
import path from 'node:path';

/**
 * Absolute path of a project resource (card templates, data files). Works both from the TypeScript
 * sources (src/resources.ts) and from the compiled output (dist/src/resources.js), because the build
 * copies cards/ and src/data/ next to the compiled code.
 */
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function resourcePath(...segments: string[]): string {
  return path.join(projectRoot, ...segments);
}
