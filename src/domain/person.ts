/** Who is talking to the bot, as the bot layer extracted it from the activity. */
export interface Person {
  /** Bot-specific Teams user id ("29:..."). */
  userId: string;
  /** Entra object id: the stable identity used for registrations and roles. */
  aadObjectId?: string;
  name?: string;
  tenantId?: string;
}

/** Stable key of a person: the Entra object id when known (always in Teams), else the channel user id. */
export function personKey(p: Pick<Person, 'aadObjectId' | 'userId'>): string {
  return p.aadObjectId ? `aad:${p.aadObjectId.toLowerCase()}` : `user:${p.userId}`;
}
