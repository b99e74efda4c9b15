import { readFileSync } from 'node:fs';
import { resourcePath } from '../resources.js';
import { parseCatalog, type Catalog } from '../domain/catalog.js';

let defaultCatalog: Catalog | undefined;

/** The INE catalog shipped with the project (src/data/catalogo-ine.json), read once. */
export function loadDefaultCatalog(): Catalog {
  defaultCatalog ??= parseCatalog(JSON.parse(readFileSync(resourcePath('src', 'data', 'catalogo-ine.json'), 'utf8')));
  return defaultCatalog;
}
