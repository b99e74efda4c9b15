import type { Store } from './types.js';
import { EmbeddedStore } from './embeddedStore.js';
import { MongoStore } from './mongoStore.js';

export interface StoreConfig {
  mongodbUri?: string;
  mongodbDb: string;
  dataDir: string;
}

/** MongoDB when a URI is configured, otherwise the embedded on-disk store. */
export async function openStore(config: StoreConfig): Promise<Store> {
  if (config.mongodbUri) return MongoStore.open(config.mongodbUri, config.mongodbDb);
  return EmbeddedStore.open({ dataDir: config.dataDir, compactionIntervalMs: 10 * 60_000 });
}
