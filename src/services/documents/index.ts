import { randomUUID } from 'node:crypto';
import { isDuplicateKeyError, type Store } from '../../store/types.js';
import { typedCollection, type TypedCollection } from '../../store/typed.js';
import type { DocumentExtension } from '../../domain/documents/index.js';
import type { AuditInput } from '../registration/audit.js';

/**
 * Documentos básicos (issue 14): documents and their versions (`documents`), their files (`documentFiles`, the
 * bytes in the store like the files offered through the consent flow, src/services/reports/pendingFiles.ts),
 * acknowledgements (`documentAcks`, one per document version and person: a double click records one) and
 * observations (`documentObservations`). No botbuilder types; the window and the member checks are the
 * feature's (rules in src/domain/documents/). Publishing is audited.
 */

export type DocumentSource = { kind: 'file'; fileId: string; name: string; extension: DocumentExtension; bytes: number } | { kind: 'link'; url: string };

export interface DocumentVersion {
  /** 1, 2, 3… in publishing order. */
  seq: number;
  /** As UTIGyND names it ("1.0", "2025-B"). */
  version: string;
  source: DocumentSource;
  windowFrom: Date;
  windowTo: Date;
  publishedAt: Date;
  publishedBy: string;
}

export interface DocumentDoc {
  /** `${editionId}:${number}`. */
  _id: string;
  editionId: string;
  number: number;
  title: string;
  current: DocumentVersion;
  versions: DocumentVersion[];
  createdAt: Date;
  updatedAt: Date;
}

export interface DocumentFileDoc {
  _id: string;
  /** Who uploaded it (only she can publish it while it is staged). */
  ownerKey: string;
  name: string;
  extension: DocumentExtension;
  /** Base64 of the bytes. */
  data: string;
  bytes: number;
  createdAt: Date;
  /** Set once published. */
  documentId?: string;
}

export interface AckDoc {
  /** `${documentId}:${seq}:${personKey}`. */
  _id: string;
  documentId: string;
  editionId: string;
  seq: number;
  personKey: string;
  at: Date;
}

export interface ObservationDoc {
  _id: string;
  documentId: string;
  editionId: string;
  seq: number;
  version: string;
  personKey: string;
  section: string;
  text: string;
  at: Date;
}

interface TokenDoc {
  _id: string;
  documentId: string;
  at: Date;
}

interface CounterDoc {
  _id: string;
  seq: number;
}

export const DOCUMENT_AUDIT = { published: 'document.publish', exported: 'document.observations.export' } as const;

export type PublishResult = { kind: 'published'; doc: DocumentDoc; version: DocumentVersion; previous?: DocumentVersion } | { kind: 'duplicate'; doc: DocumentDoc | null } | { kind: 'notFound' } | { kind: 'sameVersion'; doc: DocumentDoc } | { kind: 'conflict' };

export interface DocumentServiceDeps {
  store: Store;
  clock: () => Date;
  audit: { append(input: AuditInput): Promise<unknown> };
}

export class DocumentService {
  private readonly docs: TypedCollection<DocumentDoc>;
  private readonly files: TypedCollection<DocumentFileDoc>;
  private readonly acks: TypedCollection<AckDoc>;
  private readonly observations: TypedCollection<ObservationDoc>;
  private readonly tokens: TypedCollection<TokenDoc>;
  private readonly counters: TypedCollection<CounterDoc>;

  constructor(private readonly deps: DocumentServiceDeps) {
    this.docs = typedCollection<DocumentDoc>(deps.store, 'documents');
    this.files = typedCollection<DocumentFileDoc>(deps.store, 'documentFiles');
    this.acks = typedCollection<AckDoc>(deps.store, 'documentAcks');
    this.observations = typedCollection<ObservationDoc>(deps.store, 'documentObservations');
    this.tokens = typedCollection<TokenDoc>(deps.store, 'documentPublishTokens');
    this.counters = typedCollection<CounterDoc>(deps.store, 'documentCounters');
  }

  async init(): Promise<void> {
    await Promise.all([
      this.deps.store.ensureIndexes('documents', [{ fields: ['editionId', 'number'], unique: true }]),
      this.deps.store.ensureIndexes('documentAcks', [{ fields: ['documentId', 'seq'] }]),
      this.deps.store.ensureIndexes('documentObservations', [{ fields: ['documentId'] }, { fields: ['editionId', 'personKey'] }]),
    ]);
  }

  private async nextNumber(editionId: string): Promise<number> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const doc = await this.counters.findOneAndUpdate({ _id: editionId }, { $inc: { seq: 1 } });
      if (doc) return doc.seq;
      try {
        await this.counters.insertOne({ _id: editionId, seq: 0 });
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
    }
    throw new Error('document counter unavailable');
  }

  /** Keeps an uploaded file until it is published (or forgotten). */
  async stageFile(input: { ownerKey: string; name: string; extension: DocumentExtension; data: Buffer }): Promise<DocumentFileDoc> {
    const doc: DocumentFileDoc = {
      _id: randomUUID(),
      ownerKey: input.ownerKey,
      name: input.name,
      extension: input.extension,
      data: input.data.toString('base64'),
      bytes: input.data.length,
      createdAt: this.deps.clock(),
    };
    await this.files.insertOne(doc);
    return doc;
  }

  /** A staged file of this owner (null when it is not hers or already published). */
  async stagedFile(fileId: string, ownerKey: string): Promise<DocumentFileDoc | null> {
    const f = await this.files.findOne({ _id: fileId });
    return f && f.ownerKey === ownerKey && !f.documentId ? f : null;
  }

  async fileData(fileId: string): Promise<{ name: string; data: Buffer } | null> {
    const f = await this.files.findOne({ _id: fileId });
    return f ? { name: f.name, data: Buffer.from(f.data, 'base64') } : null;
  }

  get(documentId: string): Promise<DocumentDoc | null> {
    return this.docs.findOne({ _id: documentId });
  }

  byNumber(editionId: string, number: number): Promise<DocumentDoc | null> {
    return this.docs.findOne({ editionId, number });
  }

  list(editionId: string): Promise<DocumentDoc[]> {
    return this.docs.find({ editionId }, { sort: { number: 1 } });
  }

  /**
   * Publishes a new document, or a new version of `documentId`. `token` comes from the publish card: the same
   * card pressed twice publishes once. A new version must be named differently from the current one.
   */
  async publish(
    input: { editionId: string; token: string; documentId?: string; title: string; version: string; source: DocumentSource; windowFrom: Date; windowTo: Date },
    actor: string,
  ): Promise<PublishResult> {
    const now = this.deps.clock();
    const used = await this.tokens.findOne({ _id: input.token });
    if (used) return { kind: 'duplicate', doc: await this.get(used.documentId) };
    const existing = input.documentId ? await this.get(input.documentId) : null;
    if (input.documentId && (!existing || existing.editionId !== input.editionId)) return { kind: 'notFound' };
    if (existing && existing.current.version.trim().toLowerCase() === input.version.trim().toLowerCase()) return { kind: 'sameVersion', doc: existing };
    const documentId = existing?._id ?? `${input.editionId}:${await this.nextNumber(input.editionId)}`;
    try {
      await this.tokens.insertOne({ _id: input.token, documentId, at: now });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      const t = await this.tokens.findOne({ _id: input.token });
      return { kind: 'duplicate', doc: t ? await this.get(t.documentId) : null };
    }
    const version: DocumentVersion = {
      seq: (existing?.current.seq ?? 0) + 1,
      version: input.version,
      source: input.source,
      windowFrom: input.windowFrom,
      windowTo: input.windowTo,
      publishedAt: now,
      publishedBy: actor,
    };
    let doc: DocumentDoc | null;
    if (existing) {
      doc = await this.docs.findOneAndUpdate(
        { _id: existing._id, 'current.seq': existing.current.seq },
        { $set: { current: version, title: input.title, updatedAt: now }, $push: { versions: version } },
      );
      if (!doc) {
        await this.tokens.deleteOne({ _id: input.token });
        return { kind: 'conflict' };
      }
    } else {
      const number = Number(documentId.slice(input.editionId.length + 1));
      doc = { _id: documentId, editionId: input.editionId, number, title: input.title, current: version, versions: [version], createdAt: now, updatedAt: now };
      await this.docs.insertOne(doc);
    }
    if (input.source.kind === 'file') await this.files.updateOne({ _id: input.source.fileId }, { $set: { documentId } });
    await this.deps.audit.append({
      actor,
      action: DOCUMENT_AUDIT.published,
      target: documentId,
      editionId: input.editionId,
      details: { seq: version.seq, version: version.version, source: input.source.kind, windowFrom: input.windowFrom, windowTo: input.windowTo },
    });
    return { kind: 'published', doc, version, ...(existing ? { previous: existing.current } : {}) };
  }

  /** Records her acknowledgement of a version; 'already' when she had acknowledged it. */
  async acknowledge(doc: DocumentDoc, seq: number, personKey: string): Promise<'recorded' | 'already'> {
    try {
      await this.acks.insertOne({ _id: `${doc._id}:${seq}:${personKey}`, documentId: doc._id, editionId: doc.editionId, seq, personKey, at: this.deps.clock() });
      return 'recorded';
    } catch (err) {
      if (isDuplicateKeyError(err)) return 'already';
      throw err;
    }
  }

  async hasAcknowledged(documentId: string, seq: number, personKey: string): Promise<boolean> {
    return (await this.acks.countDocuments({ _id: `${documentId}:${seq}:${personKey}` })) > 0;
  }

  /** The people who acknowledged a version. */
  async acknowledgedBy(documentId: string, seq: number): Promise<Set<string>> {
    return new Set((await this.acks.find({ documentId, seq })).map((a) => a.personKey));
  }

  async addObservation(doc: DocumentDoc, input: { personKey: string; section: string; text: string }): Promise<ObservationDoc> {
    const o: ObservationDoc = {
      _id: randomUUID(),
      documentId: doc._id,
      editionId: doc.editionId,
      seq: doc.current.seq,
      version: doc.current.version,
      personKey: input.personKey,
      section: input.section,
      text: input.text,
      at: this.deps.clock(),
    };
    await this.observations.insertOne(o);
    return o;
  }

  observationsOf(documentId: string): Promise<ObservationDoc[]> {
    return this.observations.find({ documentId }, { sort: { at: 1 } });
  }

  observationsBy(editionId: string, personKey: string): Promise<ObservationDoc[]> {
    return this.observations.find({ editionId, personKey }, { sort: { at: 1 } });
  }

  async auditExport(documentId: string, editionId: string, actor: string, details: Record<string, unknown>): Promise<void> {
    await this.deps.audit.append({ actor, action: DOCUMENT_AUDIT.exported, target: documentId, editionId, details });
  }
}
