import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EmbeddedStore } from '../../src/store/embeddedStore.js';
import type { Store } from '../../src/store/types.js';
import { loadDefaultCatalog } from '../../src/data/defaultCatalog.js';
import { CONSENT_VERSION, type ProfileData } from '../../src/domain/registration.js';
import { AuditLog } from '../../src/services/registration/audit.js';
import { EditionService } from '../../src/services/registration/editions.js';
import { MemberService } from '../../src/services/registration/members.js';
import { ChangeRequestService } from '../../src/services/registration/changeRequests.js';
import { StoreRosterLookup } from '../../src/services/registration/roster.js';
import { RosterImportService } from '../../src/services/reports/rosterImport.js';
import { pino } from 'pino';
import type { RosterMember } from '../../src/domain/roster.js';

/** Registration services on a temporary embedded store, with a controllable clock. */
export interface ServiceKit {
  store: Store;
  audit: AuditLog;
  editions: EditionService;
  members: MemberService;
  changes: ChangeRequestService;
  now: { value: Date };
  close(): Promise<void>;
}

export async function openKit(): Promise<ServiceKit> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rdc-reg-'));
  const store = await EmbeddedStore.open({ dataDir });
  const now = { value: new Date('2026-12-05T18:00:00Z') };
  const clock = () => new Date(now.value);
  const audit = new AuditLog(store, clock);
  const editions = new EditionService(store, audit, clock);
  const members = new MemberService(store, audit, new StoreRosterLookup(store), clock);
  const changes = new ChangeRequestService(store, members, audit, clock);
  await Promise.all([audit.init(), editions.init(), members.init(), changes.init()]);
  return {
    store,
    audit,
    editions,
    members,
    changes,
    now,
    async close() {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const catalog = loadDefaultCatalog();

export function profile(over: Partial<ProfileData> = {}): ProfileData {
  return {
    nombre: 'Ana López Pérez',
    correo: 'ana.lopez@ine.mx',
    vocalia: 'VE',
    ambito: 'JDE',
    entidad: '09',
    distrito: 5,
    circunscripcion: 4,
    ejesInteres: ['liderazgo'],
    ...over,
  };
}

export const consent = (at = new Date('2026-12-05T18:00:00Z')) => ({ accepted: true as const, at, version: CONSENT_VERSION });

/** Imports roster entries with the import service (as "importar padrón" does). */
export async function seedRoster(store: Store, editionId: string, entries: RosterMember[]): Promise<void> {
  const audit = new AuditLog(store);
  const importer = new RosterImportService({
    store,
    catalog,
    audit: { append: (e) => audit.append(e), entriesAbout: async () => [] },
    logger: pino({ level: 'silent' }),
  });
  await importer.init();
  await importer.apply({ editionId, members: entries, actorKey: 'aad:admin', fileName: 'padron.csv', rejectedRows: 0, mode: 'all' });
}
