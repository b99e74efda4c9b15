import type { MemberRecord } from '../../domain/member.js';
import type { AuditEntryLike } from './exportRows.js';

/**
 * What the reports services need from registration (editions, audit log, members). Narrow interfaces so the
 * reports code depends on behaviour, not on the registration classes; src/bot/features/admin.ts adapts
 * the registration services to them.
 */
export interface EditionInfo {
  _id: string;
  nombre: string;
}

export interface EditionsPort {
  /** The edition open for registration/operation, if any. */
  getActive(): Promise<EditionInfo | null | undefined>;
  /** Name of any edition (for personal exports); undefined when unknown. */
  nameOf?(editionId: string): Promise<string | undefined>;
}

export interface AuditAppend {
  /** personKey of who did it. */
  actor: string;
  action: string;
  target?: string;
  editionId?: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  details?: Record<string, unknown>;
}

export interface AuditPort {
  append(entry: AuditAppend): Promise<unknown>;
  /** Entries where the person is the actor or the target (derecho de acceso). */
  entriesAbout(personKey: string): Promise<AuditEntryLike[]>;
}

export interface MembersPort {
  /** Every member record of an edition, whatever its status. */
  listByEdition(editionId: string): Promise<MemberRecord[]>;
  /** Every record of one person, in every edition. */
  listByPerson(personKey: string): Promise<MemberRecord[]>;
}
