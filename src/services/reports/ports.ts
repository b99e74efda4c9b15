import type { MemberRecord } from '../../domain/member.js';
import type { AuditEntryLike } from './exportRows.js';
import type { AuditInput } from '../registration/audit.js';

/**
 * What the reports services need from registration (editions, audit log, members). Narrow interfaces so the
 * reports code depends on behaviour, not on the registration classes; src/features/reports/ports.ts adapts
 * the registration services to them (and src/services/container.ts adapts the audit log for the roster import).
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

/** What the reports append to the audit log: the registration audit log's own input type. */
export type AuditAppend = AuditInput;

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
