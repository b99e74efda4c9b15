import { readFileSync } from 'node:fs';
import { resourcePath } from '../resources.js';
import { parseTemario, type EjeRef, type Temario } from '../domain/topics/temario.js';
import { loadDefaultCatalog } from './defaultCatalog.js';

let defaultTemario: Temario | undefined;

/**
 * The temario shipped with the project (src/data/temario.json), validated against the ejes of the project's
 * catalog and read once. A broken file stops start-up with the list of problems (it is a bug of the release).
 */
export function loadDefaultTemario(): Temario {
  defaultTemario ??= parseDefaultTemario(JSON.parse(readFileSync(resourcePath('src', 'data', 'temario.json'), 'utf8')), loadDefaultCatalog().data.ejesTematicos);
  return defaultTemario;
}

/** Validates the shipped temario's content (exported for tests). */
export function parseDefaultTemario(raw: unknown, ejes: readonly EjeRef[]): Temario {
  const parsed = parseTemario(raw, ejes);
  if (!parsed.ok) throw new Error(`src/data/temario.json no es válido:\n${parsed.errors.join('\n')}`);
  return parsed.temario;
}
