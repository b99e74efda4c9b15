/** Roles of the network. A person's roles are always computed on the server (never taken from a card). */
export const ROLES = ['admin', 'member', 'representante', 'secretaria'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administración UTIGyND',
  member: 'Integrante de la Red',
  representante: 'Representante de grupo',
  secretaria: 'Secretaria de grupo',
};

/**
 * Extra roles of UTIGyND administrators, granted one by one ("admin agregar <correo> acompanamiento"). They
 * are not command roles: they only count while the person is an administrator, and the features that use
 * them check them on the server. acompanamiento: reads and answers the confidential accompaniment requests
 * (issue 14), which no other administrator can open.
 */
export const STAFF_ROLES = ['acompanamiento'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  acompanamiento: 'Acompañamiento confidencial',
};
