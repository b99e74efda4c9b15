import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { loadDefaultCatalog } from '../../src/data/defaultCatalog.js';
import type { RosterInputRow } from '../../src/domain/roster.js';
import { EmbeddedStore } from '../../src/store/embeddedStore.js';
import type { BaseDoc, Collection, Store } from '../../src/store/types.js';
import { PENDING_IMPORT_TTL_MS, ROSTER, RosterImportService, type RosterDoc } from '../../src/services/reports/rosterImport.js';
import type { AuditAppend } from '../../src/services/reports/ports.js';

const catalog = loadDefaultCatalog();
const logger = pino({ level: 'silent' });
const ADMIN = 'aad:admin-1';
const OTHER_ADMIN = 'aad:admin-2';

function row(n: number, nombre: string, correo: string, vocalia: string, ambito: string, entidad: string, distrito = ''): RosterInputRow {
  return { row: n, values: { nombre, correo, vocalia, ambito, entidad, distrito } };
}

const goodRows = [row(2, 'Ana López', 'ana@ine.mx', 'VE', 'JLE', '09'), row(3, 'Berta Ruiz', 'berta@ine.mx', 'VS', 'JDE', '14', '3')];
const mixedRows = [
  row(2, 'Carmen Díaz', 'carmen@ine.mx', 'VOE', 'JDE', '15', '1'),
  row(3, 'Dora Paz', 'no-es-correo', 'VE', 'JLE', '09'),
  row(4, 'Elena Gil', 'elena@ine.mx', 'VX', 'JDE', '19', '99'),
  row(5, 'Fany Sol', 'fany@ine.mx', 'VRFE', 'JLE', '30'),
];

/** Wraps a store so that inserts into 'roster' fail after `okInserts` of them (a crash midway). */
function failingStore(inner: Store, okInserts: number): Store {
  let inserts = 0;
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop !== 'collection') return Reflect.get(target, prop, receiver) as unknown;
      return <T extends BaseDoc>(name: string): Collection<T> => {
        const col = target.collection<T>(name);
        if (name !== ROSTER) return col;
        return new Proxy(col, {
          get(c, p, r) {
            if (p === 'insertOne')
              return async (doc: T) => {
                if (++inserts > okInserts) throw new Error('disk full');
                return c.insertOne(doc);
              };
            const v = Reflect.get(c, p, r) as unknown;
            return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(c) : v;
          },
        });
      };
    },
  });
}

describe('roster import service', () => {
  let dir: string;
  let store: Store;
  let audit: AuditAppend[];
  let now: Date;
  let svc: RosterImportService;
  const make = (s: Store) => new RosterImportService({ store: s, catalog, logger, clock: () => now, audit: { append: async (e) => audit.push(e), entriesAbout: async () => [] } });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'rdc-import-'));
    store = await EmbeddedStore.open({ dataDir: dir });
    audit = [];
    now = new Date(); // real time: the store's TTL index uses it too
    svc = make(store);
    await svc.init();
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const emails = async (editionId = '2026') => (await svc.repository.list(editionId)).map((d) => d.correo).sort();

  it('applies a file whose rows are all valid, and audits the counts', async () => {
    const r = await svc.prepare({ editionId: '2026', ownerKey: ADMIN, fileName: 'p.csv', rows: goodRows });
    expect(r).toMatchObject({ kind: 'applied', summary: { imported: 2, previousCount: 0, rejectedRows: 0, mode: 'all' } });
    expect(await emails()).toEqual(['ana@ine.mx', 'berta@ine.mx']);
    expect(await svc.repository.findByEmail('2026', 'ANA@ine.mx ')).toMatchObject({ nombre: 'Ana López', vocalia: 'VE', ambito: 'JLE', importedBy: ADMIN });
    expect(await svc.repository.hasRoster('2026')).toBe(true);
    expect(await svc.repository.hasRoster('2025')).toBe(false);
    expect(audit).toEqual([
      expect.objectContaining({ actor: ADMIN, action: 'roster.import', editionId: '2026', before: { batchId: null, count: 0 }, after: expect.objectContaining({ count: 2, rejectedRows: 0 }) }),
    ]);
  });

  it('with mixed rows applies nothing; confirming applies exactly the good rows', async () => {
    await svc.prepare({ editionId: '2026', ownerKey: ADMIN, fileName: 'old.csv', rows: goodRows });
    const r = await svc.prepare({ editionId: '2026', ownerKey: ADMIN, fileName: 'new.csv', rows: mixedRows });
    expect(r.kind).toBe('hasErrors');
    if (r.kind !== 'hasErrors') return;
    expect(r).toMatchObject({ validCount: 2, rowsWithErrors: 2, totalRows: 4 });
    expect(r.errors.map((e) => e.row)).toEqual([3, 4, 4]);
    // Nothing applied: the previous roster is intact.
    expect(await emails()).toEqual(['ana@ine.mx', 'berta@ine.mx']);
    expect(audit).toHaveLength(1);

    const done = await svc.confirm(r.pendingId!, ADMIN, '2026');
    expect(done).toMatchObject({ kind: 'applied', summary: { imported: 2, previousCount: 2, rejectedRows: 2, mode: 'validOnly' } });
    expect(await emails()).toEqual(['carmen@ine.mx', 'fany@ine.mx']);
    expect(await store.collection<RosterDoc>(ROSTER).countDocuments({ editionId: '2026' })).toBe(2); // the old batch is gone
    expect(audit[1]).toMatchObject({ action: 'roster.import', after: { count: 2, rejectedRows: 2, mode: 'validOnly', fileName: 'new.csv' } });
    // A second confirm (double click) does nothing more.
    expect(await svc.confirm(r.pendingId!, ADMIN, '2026')).toMatchObject({ kind: 'alreadyDone', status: 'applied' });
    expect(audit).toHaveLength(2);
  });

  it('refuses a pending import to another person, after expiry, for another edition, or after cancel', async () => {
    const r = await svc.prepare({ editionId: '2026', ownerKey: ADMIN, fileName: 'new.csv', rows: mixedRows });
    if (r.kind !== 'hasErrors') throw new Error('expected errors');
    const id = r.pendingId!;
    expect(await svc.confirm(id, OTHER_ADMIN, '2026')).toEqual({ kind: 'notOwner' });
    expect(await svc.cancel(id, OTHER_ADMIN)).toBe('notOwner');
    expect(await svc.confirm(id, ADMIN, '2027')).toEqual({ kind: 'editionChanged' });
    expect(await svc.confirm('no-such-id', ADMIN, '2026')).toEqual({ kind: 'missing' });
    now = new Date(now.getTime() + PENDING_IMPORT_TTL_MS + 1);
    expect(await svc.confirm(id, ADMIN, '2026')).toEqual({ kind: 'expired' });
    now = new Date(now.getTime() - PENDING_IMPORT_TTL_MS);
    expect(await svc.cancel(id, ADMIN)).toBe('cancelled');
    expect(await svc.confirm(id, ADMIN, '2026')).toMatchObject({ kind: 'alreadyDone', status: 'cancelled' });
    expect(await svc.repository.count('2026')).toBe(0);
    expect(audit).toEqual([]);
  });

  it('keeps no pending import when no row is valid, and reports an empty file', async () => {
    const r = await svc.prepare({ editionId: '2026', ownerKey: ADMIN, fileName: 'x.csv', rows: [row(2, '', 'x', '', '', '')] });
    expect(r).toMatchObject({ kind: 'hasErrors', validCount: 0 });
    if (r.kind === 'hasErrors') expect(r.pendingId).toBeUndefined();
    expect(await svc.prepare({ editionId: '2026', ownerKey: ADMIN, fileName: 'x.csv', rows: [row(2, '', '', '', '', '')] })).toEqual({ kind: 'empty' });
  });

  it('a failure midway leaves the previous roster active and complete', async () => {
    await svc.prepare({ editionId: '2026', ownerKey: ADMIN, fileName: 'old.csv', rows: goodRows });
    const broken = make(failingStore(store, 1));
    const next = [row(2, 'Carmen Díaz', 'carmen@ine.mx', 'VOE', 'JDE', '15', '1'), row(3, 'Fany Sol', 'fany@ine.mx', 'VRFE', 'JLE', '30'), row(4, 'Gala Río', 'gala@ine.mx', 'VE', 'JLE', '01')];
    await expect(broken.prepare({ editionId: '2026', ownerKey: ADMIN, fileName: 'new.csv', rows: next })).rejects.toThrow(/disk full/);
    expect(await emails()).toEqual(['ana@ine.mx', 'berta@ine.mx']);
    expect(audit).toHaveLength(1);
    // The lock was released: a later import works and leaves only its own batch.
    const ok = await svc.prepare({ editionId: '2026', ownerKey: ADMIN, fileName: 'new.csv', rows: next });
    expect(ok.kind).toBe('applied');
    expect(await emails()).toEqual(['carmen@ine.mx', 'fany@ine.mx', 'gala@ine.mx']);
    expect(await store.collection<RosterDoc>(ROSTER).countDocuments({})).toBe(3);
  });

  it('rosters of different editions are independent', async () => {
    await svc.prepare({ editionId: '2025', ownerKey: ADMIN, fileName: 'a.csv', rows: goodRows });
    await svc.prepare({ editionId: '2026', ownerKey: ADMIN, fileName: 'b.csv', rows: [row(2, 'Fany Sol', 'fany@ine.mx', 'VRFE', 'JLE', '30')] });
    expect(await emails('2025')).toEqual(['ana@ine.mx', 'berta@ine.mx']);
    expect(await emails('2026')).toEqual(['fany@ine.mx']);
  });
});
