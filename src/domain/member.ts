import type { AmbitoKey } from './catalog.js';

/**
 * A member's registration in one edition of the network. Shared by registration (issue 3), reports and
 * exports, and group formation (issue 4). Plain data: no I/O, no botbuilder types.
 */
export type MemberStatus =
  /** Registered and matched against the roster (or approved by an admin). */
  | 'validated'
  /** Registered, waiting for an admin to validate her against the roster. */
  | 'pending'
  /** An admin rejected the registration (reason in statusReason). */
  | 'rejected'
  /** She withdrew ("darme de baja"): no further notices, history kept. */
  | 'withdrawn';

export const MEMBER_STATUSES: readonly MemberStatus[] = ['validated', 'pending', 'rejected', 'withdrawn'];

export const MEMBER_STATUS_LABELS: Record<MemberStatus, string> = {
  validated: 'Validada',
  pending: 'Pendiente de validación',
  rejected: 'Rechazada',
  withdrawn: 'Dada de baja',
};

export interface ConsentRecord {
  accepted: true;
  at: Date;
  /** Version of the aviso de privacidad and rules text that was accepted. */
  version: string;
}

export interface MemberRecord {
  /** `${editionId}:${personKey}`: one registration per person and edition. */
  _id: string;
  editionId: string;
  /** domain/person.ts personKey ("aad:<Entra object id>"). */
  personKey: string;
  aadObjectId: string;
  /** Bot-specific Teams user id ("29:..."). */
  userId: string;
  nombre: string;
  /** Institutional email, lower-cased. */
  correo: string;
  vocalia: string;
  ambito: AmbitoKey;
  entidad: string;
  /** Federal district number (Junta Distrital only). */
  distrito?: number;
  circunscripcion: number;
  aniosSpen?: number;
  /** Claves of ejesTematicos she is interested in. */
  ejesInteres: string[];
  accesibilidad?: string;
  consent: ConsentRecord;
  status: MemberStatus;
  statusReason?: string;
  /** True when her email matched the edition's roster. */
  rosterMatch: boolean;
  createdAt: Date;
  updatedAt: Date;
  withdrawnAt?: Date;
  /** Set when personal data was erased on request (derecho de cancelación). */
  erasedAt?: Date;
}

export function memberId(editionId: string, personKey: string): string {
  return `${editionId}:${personKey}`;
}
