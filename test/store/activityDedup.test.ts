import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embeddedStore.js';
import { ActivityDedup } from '../../src/services/activityDedup.js';

describe('activity de-duplication on the embedded store (group commit)', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });
  const open = async (dir?: string, flushDelayMs = 5) => {
    const dataDir = dir ?? (await mkdtemp(path.join(os.tmpdir(), 'rdc-dedup-')));
    if (!dir) dirs.push(dataDir);
    const store = await EmbeddedStore.open({ dataDir });
    const dedup = new ActivityDedup(store, { flushDelayMs });
    await dedup.init();
    return { store, dedup, dataDir };
  };

  it('claims a key once, also under concurrency', async () => {
    const { store, dedup } = await open();
    const results = await Promise.all(Array.from({ length: 20 }, () => dedup.claim('msteams|c|a1')));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await dedup.claim('msteams|c|a2')).toBe(true);
    await dedup.flush();
    await store.close();
  });

  it('flushed claims survive a restart; released claims can be claimed again', async () => {
    const first = await open();
    expect(await first.dedup.claim('k1')).toBe(true);
    expect(await first.dedup.claim('k2')).toBe(true);
    await first.dedup.release('k2');
    await first.dedup.flush();
    expect(await first.store.collection('processedActivities').countDocuments({})).toBe(1);
    await first.store.close();

    const second = await open(first.dataDir);
    expect(await second.dedup.claim('k1')).toBe(false);
    expect(await second.dedup.claim('k2')).toBe(true);
    await second.dedup.flush();
    await second.store.close();
  });

  it('writes claims in batches, without waiting for each turn', async () => {
    // A window longer than the test: only the explicit flush writes.
    const { store, dedup } = await open(undefined, 60_000);
    for (let i = 0; i < 50; i++) expect(await dedup.claim(`b${i}`)).toBe(true);
    // Nothing is written until the batch window closes; then one write holds them all.
    expect(await store.collection('processedActivities').countDocuments({})).toBe(0);
    await dedup.flush();
    expect(await store.collection('processedActivities').countDocuments({})).toBe(50);
    await store.close();
  });
});
