import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embeddedStore.js';
import { PENDING_FILE_TTL_MS, PENDING_FILES, PendingFileStore } from '../../src/services/reports/pendingFiles.js';

describe('pending files (file consent)', () => {
  let dir: string;
  let store: EmbeddedStore;
  let now: Date;
  let files: PendingFileStore;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'rdc-pending-'));
    store = await EmbeddedStore.open({ dataDir: dir });
    now = new Date();
    files = new PendingFileStore(store, () => now);
    await files.init();
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const offer = () => files.create({ ownerKey: 'aad:ana', name: 'a.xlsx', data: Buffer.from('contenido'), description: 'd' });

  it('gives the bytes only to the owner, once at a time, and can be released for a retry', async () => {
    const doc = await offer();
    expect(await files.claimForUpload(doc._id, 'aad:berta')).toEqual({ kind: 'notOwner', ownerKey: 'aad:ana' });
    const claim = await files.claimForUpload(doc._id, 'aad:ana');
    expect(claim.kind).toBe('ok');
    if (claim.kind === 'ok') expect(claim.file.data.toString()).toBe('contenido');
    expect(await files.claimForUpload(doc._id, 'aad:ana')).toEqual({ kind: 'busy' });
    await files.release(doc._id);
    expect((await files.claimForUpload(doc._id, 'aad:ana')).kind).toBe('ok');
    expect(await files.remove(doc._id, 'aad:berta')).toBe(false);
    expect(await files.remove(doc._id, 'aad:ana')).toBe(true);
    expect(await files.claimForUpload(doc._id, 'aad:ana')).toEqual({ kind: 'missing' });
  });

  it('expires after the TTL', async () => {
    const doc = await offer();
    now = new Date(now.getTime() + PENDING_FILE_TTL_MS + 1);
    expect(await files.claimForUpload(doc._id, 'aad:ana')).toEqual({ kind: 'expired' });
    expect(await files.get(doc._id)).toBeNull();
  });

  describe('one file per owner and purpose (slots)', () => {
    const input = (data = 'v1') => ({ ownerKey: 'aad:ana', name: 'mis-datos.xlsx', data: Buffer.from(data), description: 'd' });
    const slotted = () => store.collection(PENDING_FILES).find({ ownerKey: 'aad:ana' });

    it('the same data is reused; other data replaces the waiting file; other owners and purposes are separate', async () => {
      const a = await files.createInSlot(input(), { purpose: 'export', sourceVersion: 'v1' });
      expect(a.created).toBe(true);
      expect((await files.findReusable('aad:ana', { purpose: 'export', sourceVersion: 'v1' }))?._id).toBe(a.doc._id);
      expect(await files.findReusable('aad:ana', { purpose: 'export', sourceVersion: 'v2' })).toBeNull();
      const b = await files.createInSlot(input('v2'), { purpose: 'export', sourceVersion: 'v2' });
      expect(b.doc._id).not.toBe(a.doc._id);
      expect((await slotted()).map((d) => d._id)).toEqual([b.doc._id]);
      await files.createInSlot({ ...input(), ownerKey: 'aad:berta' }, { purpose: 'export', sourceVersion: 'v1' });
      await files.createInSlot(input(), { purpose: 'other', sourceVersion: 'v1' });
      expect(await slotted()).toHaveLength(2);
    });

    it('concurrent creations with the same data end in one file, shared by all', async () => {
      const results = await Promise.all(Array.from({ length: 10 }, () => files.createInSlot(input(), { purpose: 'export', sourceVersion: 'v1' })));
      expect(new Set(results.map((r) => r.doc._id)).size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(await slotted()).toHaveLength(1);
    });

    it('an expired file is not reused and is replaced', async () => {
      const a = await files.createInSlot(input(), { purpose: 'export', sourceVersion: 'v1' });
      now = new Date(now.getTime() + PENDING_FILE_TTL_MS + 1);
      expect(await files.findReusable('aad:ana', { purpose: 'export', sourceVersion: 'v1' })).toBeNull();
      const b = await files.createInSlot(input(), { purpose: 'export', sourceVersion: 'v1' });
      expect(b.created).toBe(true);
      expect(b.doc._id).not.toBe(a.doc._id);
    });
  });

  it('refuses empty files', async () => {
    await expect(files.create({ ownerKey: 'aad:ana', name: 'a.xlsx', data: Buffer.alloc(0), description: '' })).rejects.toThrow(RangeError);
  });
});
