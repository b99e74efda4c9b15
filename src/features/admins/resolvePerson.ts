import type { Services } from '../../services/container.js';
import { isPlausibleEmail } from '../../domain/roster.js';
import { isEntraObjectId } from '../../services/registration/index.js';

/** A person an administrator named: her Entra object id and what the bot knows of her. */
export interface ResolvedPerson {
  aadObjectId: string;
  email?: string;
  name?: string;
  userId?: string;
}

type Lookups = Pick<Services, 'conversations' | 'members' | 'people' | 'admins'>;

/** A person by Entra object id, or by email among registrations and people the bot met in Teams. */
export async function resolvePerson(s: Lookups, text: string): Promise<ResolvedPerson | undefined> {
  const t = text.trim().toLowerCase().replace(/^mailto:/, '');
  if (!t) return undefined;
  if (isEntraObjectId(t)) {
    const chat = await s.conversations.personalChatOf(`aad:${t}`);
    return { aadObjectId: t, ...(chat?.ref.user?.name ? { name: chat.ref.user.name } : {}), ...(chat?.ref.user?.id ? { userId: chat.ref.user.id } : {}) };
  }
  if (!isPlausibleEmail(t)) return undefined;
  const member = await s.members.findLatestByEmail(t);
  if (member?.aadObjectId) return { aadObjectId: member.aadObjectId, email: t, name: member.nombre, userId: member.userId };
  const seen = await s.people.findByEmail(t);
  if (seen) return { aadObjectId: seen.aadObjectId, email: t, userId: seen.userId, ...(seen.name ? { name: seen.name } : {}) };
  return undefined;
}

/** An administrator added in the bot, by the email recorded when she was added. */
export async function adminByEmail(s: Lookups, text: string): Promise<ResolvedPerson | undefined> {
  const t = text.trim().toLowerCase();
  const found = (await s.admins.list()).find((a) => a.email === t);
  return found ? { aadObjectId: found.aadObjectId, ...(found.email ? { email: found.email } : {}), ...(found.name ? { name: found.name } : {}) } : undefined;
}

/** How a person is named in answers: her name, else her email, else her object id. */
export function displayName(p: Pick<ResolvedPerson, 'aadObjectId' | 'email' | 'name'>): string {
  return p.name ?? p.email ?? p.aadObjectId;
}
