import { randomUUID } from 'node:crypto';
import type { Catalog } from '../../domain/catalog.js';
import { validateRoster, type RosterError, type RosterInputRow, type RosterMember } from '../../domain/roster.js';
import type { Logger } from '../../logger.js';
import type { Store } from '../../store/types.js';
import type { AuditPort } from './ports.js';

/**
 * Roster (padrón) imports for an edition.
 *
 * Storage ('roster' collection): one document per member and import batch,
 *   { _id: `${editionId}:${batchId}:${correo}`, editionId, batchId, ...RosterMember, importedAt, importedBy }.
 * The edition's active batch is recorded in 'rosterBatches' ({ _id: editionId, activeBatchId, ... }).
 * An import writes a whole new batch first and only then switches the active batch, so a failure midway
 * never leaves a half roster visible; the previous batch is deleted after the switch. Readers must use
 * RosterRepository (or filter by the active batch): right after a successful import only the active batch
 * remains, but a crashed import can leave an invisible partial batch until the next import removes it.
 *
 * A file with any wrong row is never applied as it is: its valid rows are kept in 'pendingImports' (with an
 * expiry) and applied only if the same administrator confirms "importar solo las filas válidas".
 */
export const ROSTER = 'roster';
export const ROSTER_BATCHES = 'rosterBatches';
export const PENDING_IMPORTS = 'pendingImports';
export const PENDING_IMPORT_TTL_MS = 30 * 60 * 1000;
/** Far more than the network will ever have; keeps pending documents well under MongoDB's 16 MB limit. */
export const MAX_ROSTER_ROWS = 10_000;
/** An import that holds the edition's lock longer than this is considered crashed. */
const IMPORT_LOCK_MS = 10 * 60 * 1000;
const INSERT_CHUNK = 50;

export interface RosterDoc extends RosterMember {
  _id: string;
  editionId: string;
  batchId: string;
  importedAt: Date;
  /** personKey of the administrator. */
  importedBy: string;
}

export interface RosterBatchDoc {
  _id: string; // editionId
  editionId: string;
  activeBatchId?: string;
  activeCount?: number;
  importedAt?: Date;
  importedBy?: string;
  fileName?: string;
  /** Batch being written, and since when (a lock: one import per edition at a time). */
  importing?: string;
  importingSince?: Date;
}

export type PendingImportStatus = 'pending' | 'applying' | 'applied' | 'cancelled' | 'failed';

export interface PendingImportDoc {
  _id: string;
  editionId: string;
  ownerKey: string;
  fileName: string;
  /** Valid rows only. */
  members: RosterMember[];
  errorCount: number;
  rowsWithErrors: number;
  status: PendingImportStatus;
  createdAt: Date;
  expiresAt: Date;
}

export function rosterDocId(editionId: string, batchId: string, correo: string): string {
  return `${editionId}:${batchId}:${correo}`;
}

export interface ImportSummary {
  editionId: string;
  batchId: string;
  imported: number;
  previousCount: number;
  rejectedRows: number;
  mode: 'all' | 'validOnly';
}

export type PrepareResult =
  /** Every row valid: applied. */
  | { kind: 'applied'; summary: ImportSummary; totalRows: number }
  /** Some rows wrong: nothing applied; `pendingId` references the valid rows when there are any. */
  | { kind: 'hasErrors'; errors: RosterError[]; validCount: number; rowsWithErrors: number; totalRows: number; pendingId?: string }
  | { kind: 'empty' }
  | { kind: 'busy' };

export type ConfirmResult =
  | { kind: 'applied'; summary: ImportSummary }
  | { kind: 'missing' }
  | { kind: 'notOwner' }
  | { kind: 'expired' }
  | { kind: 'alreadyDone'; status: PendingImportStatus }
  | { kind: 'editionChanged' }
  | { kind: 'busy' };

export class ImportBusyError extends Error {
  constructor(readonly editionId: string) {
    super(`another roster import is in progress for edition ${editionId}`);
    this.name = 'ImportBusyError';
  }
}

/**
 * Reads the active roster of an edition. Also a registration RosterLookup (findByEmail, hasRoster): roster
 * readers must go through the active batch, as here.
 */
export class RosterRepository {
  constructor(private readonly store: Store) {}

  async activeBatch(editionId: string): Promise<RosterBatchDoc | null> {
    return this.store.collection<RosterBatchDoc>(ROSTER_BATCHES).findOne({ _id: editionId });
  }

  async findByEmail(editionId: string, correo: string): Promise<RosterDoc | null> {
    const batch = await this.activeBatch(editionId);
    if (!batch?.activeBatchId) return null;
    return this.store.collection<RosterDoc>(ROSTER).findOne({ _id: rosterDocId(editionId, batch.activeBatchId, correo.trim().toLowerCase()) });
  }

  async hasRoster(editionId: string): Promise<boolean> {
    return (await this.activeBatch(editionId))?.activeBatchId !== undefined;
  }

  async list(editionId: string): Promise<RosterDoc[]> {
    const batch = await this.activeBatch(editionId);
    if (!batch?.activeBatchId) return [];
    return this.store.collection<RosterDoc>(ROSTER).find({ editionId, batchId: batch.activeBatchId }, { sort: { correo: 1 } });
  }

  async count(editionId: string): Promise<number> {
    const batch = await this.activeBatch(editionId);
    if (!batch?.activeBatchId) return 0;
    return this.store.collection<RosterDoc>(ROSTER).countDocuments({ editionId, batchId: batch.activeBatchId });
  }
}

/** Where the catalog of an edition comes from (CatalogService: the edition's replacement, else the project's). */
export interface CatalogSource {
  forEdition(editionId: string): Promise<Catalog>;
}

export interface RosterImportDeps {
  store: Store;
  /** The catalog rows are validated against: a fixed one (tests) or the edition's own (production). */
  catalog: Catalog | CatalogSource;
  audit: AuditPort;
  logger: Logger;
  clock?: () => Date;
}

export class RosterImportService {
  readonly repository: RosterRepository;
  private readonly clock: () => Date;

  constructor(private readonly deps: RosterImportDeps) {
    this.repository = new RosterRepository(deps.store);
    this.clock = deps.clock ?? (() => new Date());
  }

  private get roster() {
    return this.deps.store.collection<RosterDoc>(ROSTER);
  }
  private get batches() {
    return this.deps.store.collection<RosterBatchDoc>(ROSTER_BATCHES);
  }
  private get pending() {
    return this.deps.store.collection<PendingImportDoc>(PENDING_IMPORTS);
  }

  async init(): Promise<void> {
    await this.deps.store.ensureIndexes(ROSTER, [{ fields: ['editionId', 'batchId', 'correo'] }, { fields: ['correo'] }]);
    await this.deps.store.ensureIndexes(PENDING_IMPORTS, [{ fields: ['expiresAt'], expireAfterSeconds: 0 }]);
  }

  /**
   * Validates the rows. All valid → applied at once. Any wrong row → nothing applied; the valid rows are
   * kept as a pending import that only `ownerKey` can confirm.
   */
  async prepare(input: { editionId: string; ownerKey: string; fileName: string; rows: readonly RosterInputRow[] }): Promise<PrepareResult> {
    const source = this.deps.catalog;
    const catalog = 'forEdition' in source ? await source.forEdition(input.editionId) : source;
    const { valid, errors } = validateRoster(input.rows, catalog);
    const rowsWithErrors = new Set(errors.map((e) => e.row)).size;
    const totalRows = valid.length + rowsWithErrors;
    if (totalRows === 0) return { kind: 'empty' };
    if (errors.length === 0) {
      try {
        const summary = await this.apply({ editionId: input.editionId, members: valid, actorKey: input.ownerKey, fileName: input.fileName, rejectedRows: 0, mode: 'all' });
        return { kind: 'applied', summary, totalRows };
      } catch (err) {
        if (err instanceof ImportBusyError) return { kind: 'busy' };
        throw err;
      }
    }
    let pendingId: string | undefined;
    if (valid.length > 0) {
      const now = this.clock();
      pendingId = randomUUID();
      await this.pending.insertOne({
        _id: pendingId,
        editionId: input.editionId,
        ownerKey: input.ownerKey,
        fileName: input.fileName,
        members: valid,
        errorCount: errors.length,
        rowsWithErrors,
        status: 'pending',
        createdAt: now,
        expiresAt: new Date(now.getTime() + PENDING_IMPORT_TTL_MS),
      });
    }
    return { kind: 'hasErrors', errors, validCount: valid.length, rowsWithErrors, totalRows, ...(pendingId ? { pendingId } : {}) };
  }

  async getPending(id: string): Promise<PendingImportDoc | null> {
    return this.pending.findOne({ _id: id });
  }

  /**
   * Applies a pending import's valid rows. Only its owner, only while pending and not expired, and only
   * into the edition that is still active. The caller has already re-checked that she is an administrator.
   */
  async confirm(id: string, personKey: string, activeEditionId: string | undefined): Promise<ConfirmResult> {
    const doc = await this.pending.findOne({ _id: id });
    if (!doc) return { kind: 'missing' };
    if (doc.ownerKey !== personKey) return { kind: 'notOwner' };
    if (doc.status !== 'pending') return { kind: 'alreadyDone', status: doc.status };
    if (new Date(doc.expiresAt).getTime() <= this.clock().getTime()) return { kind: 'expired' };
    if (doc.editionId !== activeEditionId) return { kind: 'editionChanged' };
    const claimed = await this.pending.findOneAndUpdate({ _id: id, ownerKey: personKey, status: 'pending' }, { $set: { status: 'applying' } });
    if (!claimed) return { kind: 'alreadyDone', status: 'applying' };
    try {
      const summary = await this.apply({
        editionId: claimed.editionId,
        members: claimed.members,
        actorKey: personKey,
        fileName: claimed.fileName,
        rejectedRows: claimed.rowsWithErrors,
        mode: 'validOnly',
      });
      await this.pending.updateOne({ _id: id }, { $set: { status: 'applied' }, $unset: { members: true } });
      return { kind: 'applied', summary };
    } catch (err) {
      // Let her try again (e.g. after another import finishes).
      await this.pending.updateOne({ _id: id }, { $set: { status: 'pending' } });
      if (err instanceof ImportBusyError) return { kind: 'busy' };
      throw err;
    }
  }

  /** Discards a pending import; only its owner may. */
  async cancel(id: string, personKey: string): Promise<'cancelled' | 'missing' | 'notOwner' | 'alreadyDone'> {
    const doc = await this.pending.findOne({ _id: id });
    if (!doc) return 'missing';
    if (doc.ownerKey !== personKey) return 'notOwner';
    const updated = await this.pending.findOneAndUpdate({ _id: id, ownerKey: personKey, status: 'pending' }, { $set: { status: 'cancelled' }, $unset: { members: true } });
    return updated ? 'cancelled' : 'alreadyDone';
  }

  /**
   * Replaces the edition's roster with `members`: writes a new batch, switches the active batch, deletes
   * every other batch of the edition and writes an audit entry with the counts.
   */
  async apply(input: {
    editionId: string;
    members: readonly RosterMember[];
    actorKey: string;
    fileName: string;
    rejectedRows: number;
    mode: 'all' | 'validOnly';
  }): Promise<ImportSummary> {
    const { editionId } = input;
    const now = this.clock();
    const batchId = `b${now.getTime().toString(36)}-${randomUUID().slice(0, 8)}`;
    await this.batches.updateOne({ _id: editionId }, { $set: { editionId } }, { upsert: true });
    const locked = await this.batches.findOneAndUpdate(
      { _id: editionId, $or: [{ importing: { $exists: false } }, { importingSince: { $lt: new Date(now.getTime() - IMPORT_LOCK_MS) } }] },
      { $set: { importing: batchId, importingSince: now } },
    );
    if (!locked) throw new ImportBusyError(editionId);
    const previousBatch = locked.activeBatchId;
    const previousCount = locked.activeCount ?? 0;
    try {
      // 1. The new batch, invisible until the switch.
      for (let i = 0; i < input.members.length; i += INSERT_CHUNK) {
        await Promise.all(
          input.members.slice(i, i + INSERT_CHUNK).map((m) =>
            this.roster.insertOne({ ...m, _id: rosterDocId(editionId, batchId, m.correo), editionId, batchId, importedAt: now, importedBy: input.actorKey }),
          ),
        );
      }
      // 2. The switch: one document update.
      await this.batches.updateOne(
        { _id: editionId, importing: batchId },
        {
          $set: { activeBatchId: batchId, activeCount: input.members.length, importedAt: now, importedBy: input.actorKey, fileName: input.fileName },
        },
      );
    } catch (err) {
      this.deps.logger.error({ err, editionId, batchId }, 'roster import failed before the switch; the previous roster stays active');
      await this.roster.deleteMany({ editionId, batchId }).catch(() => undefined);
      await this.batches.updateOne({ _id: editionId, importing: batchId }, { $unset: { importing: true, importingSince: true } }).catch(() => undefined);
      throw err;
    }
    // 3. Clean-up: every other batch (the previous one and any left by a crashed import).
    try {
      const removed = await this.roster.deleteMany({ editionId, batchId: { $ne: batchId } });
      this.deps.logger.info({ editionId, batchId, removed }, 'previous roster batches removed');
    } catch (err) {
      this.deps.logger.warn({ err, editionId, batchId }, 'could not remove previous roster batches; they are inactive and will be removed by the next import');
    } finally {
      await this.batches.updateOne({ _id: editionId, importing: batchId }, { $unset: { importing: true, importingSince: true } });
    }
    const summary: ImportSummary = { editionId, batchId, imported: input.members.length, previousCount, rejectedRows: input.rejectedRows, mode: input.mode };
    await this.deps.audit.append({
      actor: input.actorKey,
      action: 'roster.import',
      target: editionId,
      editionId,
      before: { batchId: previousBatch ?? null, count: previousCount },
      after: { batchId, count: input.members.length, rejectedRows: input.rejectedRows, mode: input.mode, fileName: input.fileName },
    });
    this.deps.logger.info({ editionId, batchId, imported: input.members.length, previousCount, rejectedRows: input.rejectedRows, mode: input.mode }, 'roster imported');
    return summary;
  }
}
