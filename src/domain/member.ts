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
  /** True when `correo` is the email Teams reported for her (not only typed). */
  emailVerified?: boolean;
  /**
   * Set only while this registration holds its email in the edition (see emailHoldKey): a unique sparse
   * index on it keeps one holder per email. Typed (unverified), rejected and withdrawn registrations have none.
   */
  correoActivo?: string;
  /** personKey of the verified account that took this registration's email (pendingReason 'emailClaimed'). */
  emailClaimedBy?: string;
  /** Why a registration waits for an admin (status 'pending'); see domain/registration.ts. */
  pendingReason?: PendingReason;
  /** personKey of the admin who approved or rejected it, and when. */
  decidedBy?: string;
  decidedAt?: Date;
}

/**
 * Why a registration is pending: there is no roster for the edition yet, her email is not in it, her
 * vocalía/junta differ from the roster's, the email was typed and Teams could not confirm it is hers, or
 * another person registered that email with the Teams account it belongs to (the verified account wins).
 */
export type PendingReason = 'noRoster' | 'notInRoster' | 'positionMismatch' | 'emailNotVerified' | 'emailClaimed';

export const PENDING_REASON_LABELS: Record<PendingReason, string> = {
  noRoster: 'Aún no hay padrón cargado para la edición',
  notInRoster: 'Su correo no aparece en el padrón',
  positionMismatch: 'La vocalía o la junta no coinciden con el padrón',
  emailNotVerified: 'El correo no coincide con el de su cuenta de Teams',
  emailClaimed: 'El correo pertenece a la cuenta de Teams de otra persona registrada',
};

export function memberId(editionId: string, personKey: string): string {
  return `${editionId}:${personKey}`;
}

/** Registrations that are still in the network (they can hold an email, appear in groups, get notices). */
export const ACTIVE_STATUSES: readonly MemberStatus[] = ['validated', 'pending'];

/**
 * The value of `correoActivo` for a registration: `<edition>|<email>` when it holds its email, that is when
 * Teams confirmed the email is hers and the registration is active; otherwise undefined. One field (not the
 * pair edition + email) so that a plain sparse unique index means the same on every store adapter.
 */
export function emailHoldKey(m: Pick<MemberRecord, 'editionId' | 'correo' | 'status' | 'emailVerified'>): string | undefined {
  if (!m.emailVerified || !ACTIVE_STATUSES.includes(m.status) || !m.correo) return undefined;
  return `${m.editionId}|${m.correo.trim().toLowerCase()}`;
}
