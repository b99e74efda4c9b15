import { pino } from 'pino';
import { expect } from 'vitest';
import { startPlaygroundApp, type PlaygroundApp } from './playgroundApp.js';
import { realisticRoster } from '../helpers/rosterFixtures.js';
import { validatedMember } from '../groups/support.js';
import { loadDefaultCatalog } from '../../src/data/defaultCatalog.js';
import { memberId, type MemberRecord } from '../../src/domain/member.js';
import { GroupSetService } from '../../src/services/groupSets.js';
import { createRegistrationServices } from '../../src/services/registration/index.js';
import { MEMBERS_COLLECTION } from '../../src/services/registration/members.js';

/**
 * The common ground of the end-to-end suites through the Agents Playground: the app with an active edition, the
 * Playground's current user (Alex Wilber) as UTIGyND administrator and as the first of a roster of validated
 * members (the others never talked to the bot), her group linked to the General channel with an @mention, as
 * UTIGyND does it, and the groups confirmed.
 */
export const E2E_EDITION = '2026';

export async function startPlaygroundWithEdition(name: string, env?: Record<string, string>): Promise<PlaygroundApp> {
  const e2e = await startPlaygroundApp({
    name,
    ...(env ? { env } : {}),
    beforeListen: async (app) => {
      const reg = createRegistrationServices(app.store, { adminAadIds: [] });
      await reg.init();
      await reg.editions.create({ id: E2E_EDITION, nombre: 'Red 2026' }, 'aad:setup');
      await reg.editions.activate(E2E_EDITION, 'aad:setup');
    },
  });
  expect(e2e.currentUser.aadObjectId).not.toBe('');
  await e2e.app.store.collection<{ _id: string; addedBy: string; addedAt: Date }>('admins').insertOne({ _id: e2e.currentUser.aadObjectId, addedBy: 'test', addedAt: new Date() });
  return e2e;
}

/** `count` validated members of a realistic roster (seeded); the first is the Playground's current user. */
export async function seedMembers(e2e: PlaygroundApp, opts: { count: number; seed: number; keyBase: number }): Promise<MemberRecord[]> {
  const me = e2e.currentUser.aadObjectId;
  const members = realisticRoster(loadDefaultCatalog(), opts.seed, opts.count).map((r, i) =>
    validatedMember(
      E2E_EDITION,
      r,
      i === 0
        ? { key: `aad:${me}`, userId: e2e.pg.currentUserId, nombre: 'Alex Wilber', correo: e2e.currentUser.email ?? 'alexw@example.com' }
        : { key: `aad:00000000-0000-0000-0000-${String(opts.keyBase + i).padStart(12, '0')}`, userId: `29:sin-app-${i}` },
    ),
  );
  await e2e.app.store.collection<MemberRecord>(MEMBERS_COLLECTION).insertMany(members);
  return members;
}

/** Links group `group` to the General channel the way UTIGyND does it (an @mention there) and waits for the answer. */
export async function linkGeneralChannel(e2e: PlaygroundApp, group: number): Promise<void> {
  const { client, pg } = e2e;
  const from = client.messages.length;
  await client.send(pg.generalChannelId, { from: pg.currentUserId, text: `vincular grupo ${group}`, mentionBot: { id: pg.botId, name: pg.botName } });
  await client.waitFor(pg.generalChannelId, (m) => (m.text ?? '').includes(`vinculado con el Grupo ${group}`), from);
}

/**
 * Proposes `groups` groups over the seeded members, links the current user's group to the General channel and
 * confirms the groups; returns her group's number.
 */
export async function confirmGroupsWithChannel(e2e: PlaygroundApp, members: readonly MemberRecord[], groups: number): Promise<number> {
  const set = new GroupSetService(e2e.app.store, pino({ level: 'silent' }));
  await set.propose(E2E_EDITION, members, { groups }, 'aad:setup');
  const myGroup = (await set.get(E2E_EDITION))!.assignment[memberId(E2E_EDITION, `aad:${e2e.currentUser.aadObjectId}`)]!;
  await linkGeneralChannel(e2e, myGroup);
  await set.confirm(E2E_EDITION, 'aad:setup');
  return myGroup;
}

/** The attachments of a Playground message as text (to look for what a card says). */
export const cardsText = (m: { attachments?: unknown }): string => JSON.stringify(m.attachments ?? []);

/** Every node of a card with the given type (Action.Submit, Input.ChoiceSet…). */
export function cardNodes(card: unknown, type: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === type) out.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}
