import { randomUUID } from 'node:crypto';
import { isDuplicateKeyError, type Store } from '../../store/types.js';

/**
 * Files offered to a person and waiting for her consent (Teams FileConsentCard flow). The bytes never travel
 * in the card: they stay here, referenced by an unguessable id, until the owner accepts (then they are
 * uploaded and deleted), declines (deleted) or they expire (removed by the store's TTL index; also checked
 * on every read).
 *
 * A file prepared for a purpose (e.g. her data export) takes the owner's only slot for that purpose (field
 * `slot`, unique sparse index): asking again while it waits gets the same file when the data it was built
 * from did not change (`sourceVersion`), or a fresh one that replaces it. One pending export per person.
 */
export const PENDING_FILES = 'pendingFiles';
export const PENDING_FILE_TTL_MS = 24 * 3600 * 1000;
/** Larger files are refused before they reach the store. */
export const MAX_PENDING_FILE_BYTES = 8 * 1024 * 1024;

export interface PendingFileDoc {
  _id: string;
  /** personKey of the only person who may accept it. */
  ownerKey: string;
  name: string;
  /** Base64 of the file content. */
  data: string;
  sizeInBytes: number;
  description: string;
  createdAt: Date;
  expiresAt: Date;
  /** Set while an upload is in progress, so a double accept uploads once. */
  uploadingSince?: Date;
  /** `<ownerKey>|<purpose>` for files with a slot (one per owner and purpose). */
  slot?: string;
  /** Identifies the data the file was built from; a file of the same version can be offered again. */
  sourceVersion?: string;
}

/** What a slotted file is for and which data it holds. */
export interface FileSlot {
  purpose: string;
  sourceVersion: string;
}

export interface PendingFile {
  id: string;
  ownerKey: string;
  name: string;
  data: Buffer;
  description: string;
}

export type ClaimResult =
  | { kind: 'ok'; file: PendingFile }
  | { kind: 'missing' }
  | { kind: 'expired' }
  | { kind: 'notOwner'; ownerKey: string }
  | { kind: 'busy' };

/** An upload that has not finished this long after it started is considered abandoned. */
const UPLOAD_LEASE_MS = 2 * 60 * 1000;

export class PendingFileStore {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date = () => new Date(),
    private readonly ttlMs = PENDING_FILE_TTL_MS,
  ) {}

  private get col() {
    return this.store.collection<PendingFileDoc>(PENDING_FILES);
  }

  async init(): Promise<void> {
    await this.store.ensureIndexes(PENDING_FILES, [
      { fields: ['expiresAt'], expireAfterSeconds: 0 },
      { fields: ['slot'], unique: true, sparse: true },
    ]);
  }

  /** The owner's waiting file for `slot.purpose` when it holds the same data (`sourceVersion`) and has not expired. */
  async findReusable(ownerKey: string, slot: FileSlot): Promise<PendingFileDoc | null> {
    const doc = await this.col.findOne({ slot: slotOf(ownerKey, slot.purpose) });
    if (!doc || doc.sourceVersion !== slot.sourceVersion || new Date(doc.expiresAt).getTime() <= this.clock().getTime()) return null;
    return doc;
  }

  /**
   * Stores the owner's only file for `slot.purpose`: a waiting file with other data (or expired) is replaced; when
   * a concurrent request stored one with the same data first, that one is returned (`created: false`).
   */
  async createInSlot(input: { ownerKey: string; name: string; data: Buffer; description: string }, slot: FileSlot): Promise<{ doc: PendingFileDoc; created: boolean }> {
    const key = slotOf(input.ownerKey, slot.purpose);
    for (let attempt = 0; attempt < 5; attempt++) {
      const now = this.clock();
      await this.col.deleteMany({ slot: key, $or: [{ sourceVersion: { $ne: slot.sourceVersion } }, { expiresAt: { $lte: now } }] });
      try {
        return { doc: await this.create(input, { slot: key, sourceVersion: slot.sourceVersion }), created: true };
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
        const existing = await this.findReusable(input.ownerKey, slot);
        if (existing) return { doc: existing, created: false };
      }
    }
    throw new Error(`could not store the pending file of slot ${slot.purpose}`);
  }

  async create(input: { ownerKey: string; name: string; data: Buffer; description: string }, extra: Pick<PendingFileDoc, 'slot' | 'sourceVersion'> = {}): Promise<PendingFileDoc> {
    if (input.data.length === 0 || input.data.length > MAX_PENDING_FILE_BYTES) throw new RangeError(`cannot offer a file of ${input.data.length} bytes`);
    const now = this.clock();
    const doc: PendingFileDoc = {
      _id: randomUUID(),
      ownerKey: input.ownerKey,
      name: input.name,
      data: input.data.toString('base64'),
      sizeInBytes: input.data.length,
      description: input.description,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.ttlMs),
      ...extra,
    };
    await this.col.insertOne(doc);
    return doc;
  }

  /**
   * Takes the file for upload if `personKey` owns it, it has not expired and no other upload holds it.
   * Never returns the bytes to anyone but the owner.
   */
  async claimForUpload(id: string, personKey: string): Promise<ClaimResult> {
    const now = this.clock();
    const doc = await this.col.findOne({ _id: id });
    if (!doc) return { kind: 'missing' };
    if (doc.ownerKey !== personKey) return { kind: 'notOwner', ownerKey: doc.ownerKey };
    if (new Date(doc.expiresAt).getTime() <= now.getTime()) {
      await this.col.deleteOne({ _id: id });
      return { kind: 'expired' };
    }
    const leaseLimit = new Date(now.getTime() - UPLOAD_LEASE_MS);
    const claimed = await this.col.findOneAndUpdate(
      { _id: id, ownerKey: personKey, $or: [{ uploadingSince: { $exists: false } }, { uploadingSince: { $lt: leaseLimit } }] },
      { $set: { uploadingSince: now } },
    );
    if (!claimed) return { kind: 'busy' };
    return {
      kind: 'ok',
      file: { id, ownerKey: claimed.ownerKey, name: claimed.name, data: Buffer.from(claimed.data, 'base64'), description: claimed.description },
    };
  }

  /** Lets the owner try again after a failed upload. */
  async release(id: string): Promise<void> {
    await this.col.updateOne({ _id: id }, { $unset: { uploadingSince: true } });
  }

  /** Removes the file; only its owner may do it. Returns whether it was there. */
  async remove(id: string, personKey: string): Promise<boolean> {
    return (await this.col.deleteOne({ _id: id, ownerKey: personKey })) > 0;
  }

  async get(id: string): Promise<PendingFileDoc | null> {
    return this.col.findOne({ _id: id });
  }
}

function slotOf(ownerKey: string, purpose: string): string {
  return `${ownerKey}|${purpose}`;
}
