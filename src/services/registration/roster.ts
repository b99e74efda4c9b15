import type { Store } from '../../store/types.js';
import type { RosterMember } from '../../domain/roster.js';
import { RosterRepository } from '../reports/rosterImport.js';

/**
 * Read access to an edition's roster (padrón). The roster is written by the import command ("importar
 * padrón", src/services/reports/rosterImport.ts, which keeps batches and an active batch per edition);
 * registration only reads it through this interface.
 */
export interface RosterLookup {
  findByEmail(editionId: string, correo: string): Promise<RosterMember | null>;
  hasRoster(editionId: string): Promise<boolean>;
}

/** The roster as the import command stores it (its active batch), seen as a RosterLookup. */
export class StoreRosterLookup implements RosterLookup {
  private readonly repository: RosterRepository;

  constructor(store: Store) {
    this.repository = new RosterRepository(store);
  }

  async findByEmail(editionId: string, correo: string): Promise<RosterMember | null> {
    const doc = await this.repository.findByEmail(editionId, correo);
    if (!doc) return null;
    const m: RosterMember = {
      nombre: doc.nombre,
      correo: doc.correo,
      vocalia: doc.vocalia,
      ambito: doc.ambito,
      entidad: doc.entidad,
      circunscripcion: doc.circunscripcion,
    };
    if (typeof doc.distrito === 'number') m.distrito = doc.distrito;
    return m;
  }

  hasRoster(editionId: string): Promise<boolean> {
    return this.repository.hasRoster(editionId);
  }
}
