import type { Store } from '../../store/types.js';
import { catalogSchema, type Catalog, Catalog as CatalogClass, type CatalogData } from '../../domain/catalog.js';
import { loadDefaultCatalog } from '../../data/defaultCatalog.js';
import type { MemberRecord } from '../../domain/member.js';
import { AUDIT_ACTIONS, type AuditLog } from './audit.js';
import type { EditionService } from './editions.js';
import { MEMBERS_COLLECTION } from './members.js';
import { agree, count, NOUNS } from '../../texts/spanish.js';

/**
 * The INE catalog an edition uses. By default the project's file (src/data/catalogo-ine.json); an admin can
 * replace it for one edition ("catalogo" with a JSON file attached), for example after a redistricting.
 * A replacement must pass the catalog schema and keep every registration of the edition valid.
 */
export const CATALOGS_COLLECTION = 'catalogs';

export interface CatalogDoc {
  /** editionId */
  _id: string;
  data: CatalogData;
  replacedAt: Date;
  replacedBy: string;
}

export type CatalogReplaceResult = { ok: true; catalog: Catalog } | { ok: false; errors: string[] };

const MAX_ERRORS = 15;

export class CatalogService {
  private readonly col;
  private readonly cache = new Map<string, { stamp: number; catalog: Catalog }>();

  constructor(
    private readonly store: Store,
    private readonly editions: EditionService,
    private readonly audit: AuditLog,
    private readonly fallback: Catalog = loadDefaultCatalog(),
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.col = store.collection<CatalogDoc>(CATALOGS_COLLECTION);
  }

  /** The project's catalog (used by editions without a replacement). */
  get defaultCatalog(): Catalog {
    return this.fallback;
  }

  async forEdition(editionId: string | undefined): Promise<Catalog> {
    if (!editionId) return this.fallback;
    const doc = await this.col.findOne({ _id: editionId });
    if (!doc) return this.fallback;
    const stamp = doc.replacedAt.getTime();
    const hit = this.cache.get(editionId);
    if (hit && hit.stamp === stamp) return hit.catalog;
    const catalog = new CatalogClass(doc.data);
    this.cache.set(editionId, { stamp, catalog });
    return catalog;
  }

  /** The catalog of the active edition (the project's when there is none). */
  async forActive(): Promise<Catalog> {
    return this.forEdition((await this.editions.getActive())?._id);
  }

  /** True when the edition uses a replacement. */
  async isReplaced(editionId: string): Promise<boolean> {
    return (await this.col.findOne({ _id: editionId })) !== null;
  }

  /** Validates and stores a replacement for the edition; nothing changes when it has errors. */
  async replace(editionId: string, raw: unknown, actor: string): Promise<CatalogReplaceResult> {
    const parsed = catalogSchema.safeParse(raw);
    if (!parsed.success) {
      return {
        ok: false,
        errors: parsed.error.issues.slice(0, MAX_ERRORS).map((i) => {
          const where = i.path.length ? `«${i.path.join('.')}»` : 'el archivo';
          return i.code === 'custom' ? i.message : `En ${where}: falta el dato o su valor no es válido (${i.message}).`;
        }),
      };
    }
    const catalog = new CatalogClass(parsed.data);
    const broken = await this.registrationsBrokenBy(editionId, catalog);
    if (broken.length) {
      return {
        ok: false,
        errors: [
          `${count(broken.length, NOUNS.registro)} de la edición ${agree(broken.length, ['usa', 'usan'])} claves que el nuevo catálogo no tiene (vocalía, ámbito, entidad o distrito). ` +
            'Corrija el catálogo o esos registros antes de reemplazarlo.',
        ],
      };
    }
    const before = await this.forEdition(editionId);
    const now = this.clock();
    await this.col.replaceOne({ _id: editionId }, { _id: editionId, data: parsed.data, replacedAt: now, replacedBy: actor }, { upsert: true });
    await this.editions.setCatalogVersion(editionId, parsed.data.version);
    await this.audit.append({
      actor,
      action: AUDIT_ACTIONS.catalogReplace,
      target: editionId,
      editionId,
      before: { version: before.data.version },
      after: { version: parsed.data.version, entidades: parsed.data.entidades.length, distritos: catalog.totalDistritos },
    });
    return { ok: true, catalog };
  }

  /** Goes back to the project's catalog ('unchanged' when it already used it; 'broken' when registrations need the replacement). */
  async reset(editionId: string, actor: string): Promise<'reset' | 'unchanged' | { broken: number }> {
    const before = await this.col.findOne({ _id: editionId });
    if (!before) return 'unchanged';
    const broken = await this.registrationsBrokenBy(editionId, this.fallback);
    if (broken.length) return { broken: broken.length };
    await this.col.deleteOne({ _id: editionId });
    this.cache.delete(editionId);
    await this.editions.setCatalogVersion(editionId, this.fallback.data.version);
    await this.audit.append({ actor, action: AUDIT_ACTIONS.catalogReplace, target: editionId, editionId, before: { version: before.data.version }, after: { version: this.fallback.data.version } });
    return 'reset';
  }

  private async registrationsBrokenBy(editionId: string, catalog: Catalog): Promise<MemberRecord[]> {
    const members = await this.store.collection<MemberRecord>(MEMBERS_COLLECTION).find({ editionId });
    return members.filter((m) => {
      if (!catalog.findVocalia(m.vocalia) || !catalog.findAmbito(m.ambito) || !catalog.entidad(m.entidad)) return true;
      return m.ambito === 'JDE' && m.distrito !== undefined && !catalog.isValidDistrito(m.entidad, m.distrito);
    });
  }
}
