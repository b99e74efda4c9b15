import type { Store } from '../../store/types.js';
import { typedCollection, type TypedCollection } from '../../store/typed.js';
import type { Audience } from '../../domain/announcements/index.js';
import type { AuditInput } from '../registration/audit.js';

/**
 * Announcements of UTIGyND to the members (issue 14), stored in `announcements`. Life of one:
 *   draft ──send──▶ sending ──▶ sent           (sent now)
 *   draft ──send with a time──▶ scheduled ──job──▶ sending ──▶ sent
 *   draft | scheduled ──cancel──▶ cancelled
 * Every transition is one conditional update, so a double click or two instances never move it twice; the
 * feature sends through the Notifier with a broadcast id fixed by the announcement id. Every step is audited.
 */

export type AnnouncementState = 'draft' | 'scheduled' | 'sending' | 'sent' | 'cancelled';

export interface AnnouncementDoc {
  /** `${editionId}:${number}`. */
  _id: string;
  editionId: string;
  /** Short number for people ("aviso cancelar 3"). */
  number: number;
  title: string;
  text: string;
  link?: string;
  audience: Audience;
  state: AnnouncementState;
  createdBy: string;
  createdAt: Date;
  /** When it should go (scheduled ones). */
  sendAt?: Date;
  /** Recipients counted on the preview, and when it was sent. */
  previewCount: number;
  recipients?: number;
  sentAt?: Date;
  cancelledAt?: Date;
  updatedAt: Date;
}

interface CounterDoc {
  _id: string;
  seq: number;
}

export const ANNOUNCEMENTS_COLLECTION = 'announcements';
export const ANNOUNCEMENT_AUDIT = {
  created: 'announcement.create',
  scheduled: 'announcement.schedule',
  sent: 'announcement.send',
  cancelled: 'announcement.cancel',
} as const;

export type TransitionResult = { ok: true; doc: AnnouncementDoc } | { ok: false; current: AnnouncementDoc | null };

export interface AnnouncementServiceDeps {
  store: Store;
  clock: () => Date;
  audit: { append(input: AuditInput): Promise<unknown> };
}

export class AnnouncementService {
  private readonly col: TypedCollection<AnnouncementDoc>;
  private readonly counters: TypedCollection<CounterDoc>;

  constructor(private readonly deps: AnnouncementServiceDeps) {
    this.col = typedCollection<AnnouncementDoc>(deps.store, ANNOUNCEMENTS_COLLECTION);
    this.counters = typedCollection<CounterDoc>(deps.store, 'announcementCounters');
  }

  async init(): Promise<void> {
    await this.deps.store.ensureIndexes(ANNOUNCEMENTS_COLLECTION, [{ fields: ['editionId', 'number'], unique: true }]);
  }

  /** The next number of the edition (atomic). */
  private async nextNumber(editionId: string): Promise<number> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const doc = await this.counters.findOneAndUpdate({ _id: editionId }, { $inc: { seq: 1 } });
      if (doc) return doc.seq;
      try {
        await this.counters.insertOne({ _id: editionId, seq: 0 });
      } catch {
        // Another writer created it first: increment it on the next pass.
      }
    }
    throw new Error('announcement counter unavailable');
  }

  async createDraft(input: { editionId: string; title: string; text: string; link?: string; audience: Audience; sendAt?: Date; previewCount: number }, actor: string): Promise<AnnouncementDoc> {
    const number = await this.nextNumber(input.editionId);
    const now = this.deps.clock();
    const doc: AnnouncementDoc = {
      _id: `${input.editionId}:${number}`,
      editionId: input.editionId,
      number,
      title: input.title,
      text: input.text,
      ...(input.link ? { link: input.link } : {}),
      audience: input.audience,
      state: 'draft',
      createdBy: actor,
      createdAt: now,
      ...(input.sendAt ? { sendAt: input.sendAt } : {}),
      previewCount: input.previewCount,
      updatedAt: now,
    };
    await this.col.insertOne(doc);
    // Contents are not audited (the announcement keeps them); only the facts.
    await this.deps.audit.append({ actor, action: ANNOUNCEMENT_AUDIT.created, target: doc._id, editionId: doc.editionId, details: { audience: doc.audience, previewCount: doc.previewCount, sendAt: doc.sendAt ?? null } });
    return doc;
  }

  get(id: string): Promise<AnnouncementDoc | null> {
    return this.col.findOne({ _id: id });
  }

  byNumber(editionId: string, number: number): Promise<AnnouncementDoc | null> {
    return this.col.findOne({ editionId, number });
  }

  recent(editionId: string, limit = 10): Promise<AnnouncementDoc[]> {
    return this.col.find({ editionId }, { sort: { number: -1 }, limit });
  }

  /** draft → scheduled (when it has a time) or sending. */
  async confirm(id: string, actor: string): Promise<TransitionResult> {
    const current = await this.get(id);
    if (current?.state !== 'draft') return { ok: false, current };
    const next: AnnouncementState = current.sendAt ? 'scheduled' : 'sending';
    const doc = await this.col.findOneAndUpdate({ _id: id, state: 'draft' }, { $set: { state: next, updatedAt: this.deps.clock() } });
    if (!doc) return { ok: false, current: await this.get(id) };
    if (next === 'scheduled') await this.deps.audit.append({ actor, action: ANNOUNCEMENT_AUDIT.scheduled, target: id, editionId: doc.editionId, details: { sendAt: doc.sendAt ?? null } });
    return { ok: true, doc };
  }

  /** scheduled → sending (the job, when due). */
  async startScheduled(id: string): Promise<TransitionResult> {
    const doc = await this.col.findOneAndUpdate({ _id: id, state: 'scheduled' }, { $set: { state: 'sending', updatedAt: this.deps.clock() } });
    return doc ? { ok: true, doc } : { ok: false, current: await this.get(id) };
  }

  /** sending → sent, with the number of recipients. */
  async markSent(id: string, recipients: number, actor: string): Promise<void> {
    const now = this.deps.clock();
    const doc = await this.col.findOneAndUpdate({ _id: id, state: 'sending' }, { $set: { state: 'sent', recipients, sentAt: now, updatedAt: now } });
    if (doc) await this.deps.audit.append({ actor, action: ANNOUNCEMENT_AUDIT.sent, target: id, editionId: doc.editionId, details: { recipients } });
  }

  /** draft | scheduled → cancelled. */
  async cancel(id: string, actor: string): Promise<TransitionResult> {
    const now = this.deps.clock();
    const doc = await this.col.findOneAndUpdate({ _id: id, state: { $in: ['draft', 'scheduled'] } }, { $set: { state: 'cancelled', cancelledAt: now, updatedAt: now } });
    if (!doc) return { ok: false, current: await this.get(id) };
    await this.deps.audit.append({ actor, action: ANNOUNCEMENT_AUDIT.cancelled, target: id, editionId: doc.editionId });
    return { ok: true, doc };
  }
}
