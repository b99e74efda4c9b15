/** Roles of the network. A person's roles are always computed on the server (never taken from a card). */
export const ROLES = ['admin', 'member', 'representante', 'secretaria'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administración UTIGyND',
  member: 'Integrante de la Red',
  representante: 'Representante de grupo',
  secretaria: 'Secretaria de grupo',
};
