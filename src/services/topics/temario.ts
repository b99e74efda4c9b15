import type { Store } from '../../store/types.js';
import { isDuplicateKeyError } from '../../store/types.js';
import { typedCollection, ensureTypedIndexes } from '../../store/typed.js';
import { parseTemario, Temario, type ValidationIssue } from '../../domain/topics/index.js';
import { loadDefaultTemario } from '../../data/defaultTemario.js';
import { TOPICS_SERVICE_TEXTS as S } from './texts.js';
import { TEMARIOS_COLLECTION, TOPIC_AUDIT_ACTIONS, type AuditPort, type CatalogEjesPort, type TemarioDoc } from './types.js';

/**
 * The temario of each edition: the project's (src/data/temario.json) unless UTIGyND replaced it for the
 * edition from a JSON file. A replacement is validated row by row against the ejes of the edition's
 * catalog; nothing is stored unless the whole file is valid. Once the first topic vote of the edition is
 * opened the temario is frozen (votes and plans refer to its topics): replacing or resetting it is refused.
 * Every change is audited.
 */

export type TemarioReplaceResult =
  | { ok: true; temario: Temario }
  | { ok: false; code: 'invalid'; errors: string[]; issues: ValidationIssue[] }
  | { ok: false; code: 'frozen'; errors: string[]; issues: ValidationIssue[] };

export type TemarioResetResult = 'reset' | 'unchanged' | 'frozen';

export interface TemarioInfo {
  temario: Temario;
  /** The edition uses a replacement (not the project's temario). */
  replaced: boolean;
  /** A topic vote was opened: the temario can no longer change. */
  frozen: boolean;
  replacedAt?: Date;
  replacedBy?: string;
}

export interface TemarioServiceDeps {
  store: Store;
  audit: AuditPort;
  /** The ejes a replacement is checked against: the edition's catalog. */
  catalogs: CatalogEjesPort;
  /** The project's temario (default: src/data/temario.json). */
  fallback?: Temario;
  clock?: () => Date;
}

export class TemarioService {
  private readonly col;
  private readonly store: Store;
  private readonly audit: AuditPort;
  private readonly catalogs: CatalogEjesPort;
  private readonly fallback: Temario;
  private readonly clock: () => Date;
  private readonly cache = new Map<string, { stamp: number; temario: Temario }>();

  constructor(deps: TemarioServiceDeps) {
    this.store = deps.store;
    this.audit = deps.audit;
    this.catalogs = deps.catalogs;
    this.fallback = deps.fallback ?? loadDefaultTemario();
    this.clock = deps.clock ?? (() => new Date());
    this.col = typedCollection<TemarioDoc>(deps.store, TEMARIOS_COLLECTION);
  }

  async init(): Promise<void> {
    await ensureTypedIndexes<TemarioDoc>(this.store, TEMARIOS_COLLECTION, [{ fields: ['editionId'] }]);
  }

  /** The project's temario. */
  get defaultTemario(): Temario {
    return this.fallback;
  }

  /** The temario of an edition (the project's when it has no replacement). */
  async forEdition(editionId: string): Promise<Temario> {
    return (await this.info(editionId)).temario;
  }

  /** The temario of an edition with whether it is a replacement and whether it is frozen. */
  async info(editionId: string): Promise<TemarioInfo> {
    const doc = await this.col.findOne({ _id: editionId });
    const frozen = doc?.frozenAt !== undefined;
    if (!doc?.data) return { temario: this.fallback, replaced: false, frozen };
    const stamp = doc.replacedAt?.getTime() ?? 0;
    let temario = this.cache.get(editionId)?.stamp === stamp ? this.cache.get(editionId)!.temario : undefined;
    if (!temario) {
      const ejes = (await this.catalogs.forEdition(editionId)).data.ejesTematicos;
      temario = new Temario(doc.data, ejes);
      this.cache.set(editionId, { stamp, temario });
    }
    return {
      temario,
      replaced: true,
      frozen,
      ...(doc.replacedAt ? { replacedAt: doc.replacedAt } : {}),
      ...(doc.replacedBy ? { replacedBy: doc.replacedBy } : {}),
    };
  }

  async isFrozen(editionId: string): Promise<boolean> {
    return (await this.col.findOne({ _id: editionId }))?.frozenAt !== undefined;
  }

  /**
   * Validates a parsed JSON file and, when it is valid and the temario is not frozen, stores it as the
   * edition's temario. Nothing changes otherwise.
   */
  async replace(editionId: string, raw: unknown, actor: string): Promise<TemarioReplaceResult> {
    const ejes = (await this.catalogs.forEdition(editionId)).data.ejesTematicos;
    const parsed = parseTemario(raw, ejes);
    if (!parsed.ok) return { ok: false, code: 'invalid', errors: parsed.errors, issues: parsed.issues };
    const before = await this.col.findOne({ _id: editionId });
    if (before?.frozenAt) return frozenResult();
    const now = this.clock();
    const doc: TemarioDoc = { _id: editionId, editionId, data: parsed.temario.data, replacedAt: now, replacedBy: actor };
    try {
      // Only an unfrozen document is replaced; when it is frozen the upsert collides with it and is refused.
      await this.col.replaceOne({ _id: editionId, frozenAt: { $exists: false } }, doc, { upsert: true });
    } catch (err) {
      if (isDuplicateKeyError(err)) return frozenResult();
      throw err;
    }
    this.cache.delete(editionId);
    const prev = before?.data ? new Temario(before.data, ejes) : this.fallback;
    await this.audit.append({
      actor,
      action: TOPIC_AUDIT_ACTIONS.temarioReplace,
      target: editionId,
      editionId,
      before: { version: prev.version ?? null, replaced: !!before?.data, topics: prev.topics.length },
      after: { version: parsed.temario.version ?? null, topics: parsed.temario.topics.length, perEje: countPerEje(parsed.temario) },
    });
    return { ok: true, temario: parsed.temario };
  }

  /** Goes back to the project's temario ('unchanged' when it already used it; 'frozen' once a vote exists). */
  async reset(editionId: string, actor: string): Promise<TemarioResetResult> {
    const before = await this.col.findOne({ _id: editionId });
    if (before?.frozenAt) return 'frozen';
    if (!before?.data) return 'unchanged';
    const removed = await this.col.deleteOne({ _id: editionId, frozenAt: { $exists: false } });
    if (removed === 0) return (await this.isFrozen(editionId)) ? 'frozen' : 'unchanged';
    this.cache.delete(editionId);
    await this.audit.append({
      actor,
      action: TOPIC_AUDIT_ACTIONS.temarioReset,
      target: editionId,
      editionId,
      before: { version: before.data.version ?? null, topics: before.data.temas.length },
      after: { version: this.fallback.version ?? null, topics: this.fallback.topics.length },
    });
    return 'reset';
  }

  /**
   * Freezes the edition's temario (called by TopicVoteService before it opens a vote) and returns it.
   * Idempotent; safe under concurrent calls and against a concurrent replace (one of them wins, and a
   * replace never lands after the freeze).
   */
  async freeze(editionId: string, actor: string): Promise<Temario> {
    const doc = await this.col.findOne({ _id: editionId });
    if (!doc?.frozenAt) {
      const now = this.clock();
      try {
        await this.col.updateOne({ _id: editionId, frozenAt: { $exists: false } }, { $set: { editionId, frozenAt: now, frozenBy: actor } }, { upsert: true });
      } catch (err) {
        // Another call created the document meanwhile (a freeze or a replace): freeze that one.
        if (!isDuplicateKeyError(err)) throw err;
        await this.col.updateOne({ _id: editionId, frozenAt: { $exists: false } }, { $set: { frozenAt: now, frozenBy: actor } });
      }
    }
    return this.forEdition(editionId);
  }
}

function frozenResult(): TemarioReplaceResult {
  return { ok: false, code: 'frozen', errors: [S.frozen], issues: [{ path: '', message: S.frozen }] };
}

function countPerEje(t: Temario): Record<string, number> {
  return Object.fromEntries(t.ejes.map((e) => [e.clave, t.byEje(e.clave).length]));
}
