import type { Store } from '../../store/types.js';
import type { RosterMember } from '../../domain/roster.js';

/**
 * Read access to an edition's roster (padrón). The roster is written by the import command ("importar
 * padrón", src/services/reports/ and src/bot/features/admin.ts); registration only reads it through
 * this interface.
 */
export const ROSTER_COLLECTION = 'roster';

export interface RosterDoc extends RosterMember {
  /** `${editionId}:${correo}` */
  _id: string;
  editionId: string;
  importedAt: Date;
  importedBy: string;
}

export interface RosterLookup {
  findByEmail(editionId: string, correo: string): Promise<RosterMember | null>;
  hasRoster(editionId: string): Promise<boolean>;
}

export function rosterDocId(editionId: string, correo: string): string {
  return `${editionId}:${correo.trim().toLowerCase()}`;
}

export class StoreRosterLookup implements RosterLookup {
  constructor(private readonly store: Store) {}

  async findByEmail(editionId: string, correo: string): Promise<RosterMember | null> {
    const doc = await this.store.collection<RosterDoc>(ROSTER_COLLECTION).findOne({ _id: rosterDocId(editionId, correo) });
    if (!doc) return null;
    const m: RosterMember = {
      nombre: doc.nombre,
      correo: doc.correo,
      vocalia: doc.vocalia,
      ambito: doc.ambito,
      entidad: doc.entidad,
      circunscripcion: doc.circunscripcion,
    };
    if (doc.distrito !== undefined && doc.distrito !== null) m.distrito = doc.distrito;
    return m;
  }

  async hasRoster(editionId: string): Promise<boolean> {
    return (await this.store.collection<RosterDoc>(ROSTER_COLLECTION).findOne({ editionId })) !== null;
  }
}
