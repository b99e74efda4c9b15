import type { Activity } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ana, berta, channelMention, groupChatMention, personalMessage, personalSubmit, TENANT, type UserLike } from '../helpers/activities.js';
import { createHarness, textOf, type Harness } from '../helpers/harness.js';
import { realisticRoster } from '../helpers/rosterFixtures.js';
import { walk } from '../cards/validate.js';
import { loadDefaultCatalog } from '../../src/data/defaultCatalog.js';
import type { MemberRecord } from '../../src/domain/member.js';
import { validatedMember } from './support.js';
import { createRegistrationServices } from '../../src/services/registration/index.js';
import { MEMBERS_COLLECTION } from '../../src/services/registration/members.js';
import type { GroupSetDoc, GroupSpaceDoc } from '../../src/services/groupSets.js';

/** Issue 9, items 2, 5, 15, 16 and the group notice of item 19: groups as members and UTIGyND staff see them. */
const catalog = loadDefaultCatalog();
const EDITION = '2026';
const CHANNEL_A = '19:canal-a@thread.tacv2';
const CHAT_B = '19:chat-b@thread.v2';
const AAD_GROUP = '6c4f1e2a-aad-group-of-the-team';

function members(count: number, seed = 3): MemberRecord[] {
  return realisticRoster(catalog, seed, count).map((r, i) =>
    validatedMember(EDITION, r, { key: `aad:00000000-0000-0000-0000-${String(i).padStart(12, '0')}`, userId: `29:m${i}` }),
  );
}

const entidadName = (m: MemberRecord): string => catalog.entidad(m.entidad)!.nombre;

/** The data of the first Action.Submit whose title matches, in the replies' cards. */
function submitData(replies: Partial<Activity>[], title: RegExp): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  for (const r of replies)
    for (const a of r.attachments ?? [])
      walk(a.content, (o) => {
        if (!found && o.type === 'Action.Submit' && typeof o.title === 'string' && title.test(o.title)) found = o.data as Record<string, unknown>;
      });
  if (!found) throw new Error(`no button ${String(title)} in ${replies.map(textOf).join('\n')}`);
  return found;
}

/** A card button pressed in a channel (a thread of it) or a group chat. */
function channelSubmit(user: UserLike, value: Record<string, unknown>, channelId: string): Partial<Activity> {
  const { text: _text, entities: _entities, ...rest } = channelMention(user, '', { channelId });
  return { ...rest, value };
}
function chatSubmit(user: UserLike, value: Record<string, unknown>, chatId: string): Partial<Activity> {
  const { text: _text, entities: _entities, ...rest } = groupChatMention(user, '', { chatId });
  return { ...rest, value };
}
/** A channel @mention whose channelData carries the team's AAD group id (as Teams sends it). */
function channelMentionWithAad(user: UserLike, text: string, channelId: string): Partial<Activity> {
  const a = channelMention(user, text, { channelId });
  const cd = a.channelData as { team: Record<string, unknown> };
  return { ...a, channelData: { ...cd, team: { ...cd.team, aadGroupId: AAD_GROUP } } };
}

describe('groups, issue 9', () => {
  let h: Harness;
  let roster: MemberRecord[];
  let reg: ReturnType<typeof createRegistrationServices>;

  const setUp = async (count: number, rename?: (nombre: string) => string) => {
    h = await createHarness({ ADMIN_AAD_IDS: ana.aadObjectId!, MicrosoftAppTenantId: TENANT });
    reg = createRegistrationServices(h.store, { adminAadIds: [ana.aadObjectId!] });
    await reg.init();
    await reg.editions.create({ id: EDITION, nombre: 'Red 2026' }, 'aad:setup');
    await reg.editions.activate(EDITION, 'aad:setup');
    roster = members(count).map((m) => (rename ? { ...m, nombre: rename(m.nombre) } : m));
    await h.store.collection<MemberRecord>(MEMBERS_COLLECTION).insertMany(roster);
  };
  afterEach(async () => h?.close());

  const turn = async (a: Partial<Activity>) => await h.turn(a);
  const say = async (text: string, who = ana) => (await h.turn(personalMessage(who, text))).map(textOf).join('\n');
  const stored = () => h.store.collection<GroupSetDoc>('groupSets').findOne({ _id: EDITION });
  const spaces = () => h.store.collection<GroupSpaceDoc>('groupSpaces').find({}, { sort: { group: 1 } });
  const inGroup = (set: GroupSetDoc, g: number) => roster.filter((m) => set.assignment[m._id] === g);

  describe('with 120 members', () => {
    beforeEach(async () => setUp(120));

    it('item 2: linking a space to a confirmed group sends each of its members a 1:1 notice with a deep link, once per space', async () => {
      await say('grupos proponer grupos 4');
      await say('grupos confirmar');
      const before = h.notifier.people.length;
      const linked = await turn(channelMentionWithAad(ana, 'vincular grupo 2', CHANNEL_A));
      expect(linked.map(textOf).join()).toMatch(/vinculado con el Grupo 2/);
      expect(h.notifier.people).toHaveLength(before + 1);
      const notice = h.notifier.people.at(-1)!;
      expect(notice.broadcastId).toContain(EDITION);
      expect(notice.broadcastId).toContain(':2:');
      expect(notice.broadcastId).toContain(CHANNEL_A);
      const set = (await stored())!;
      expect(notice.recipients.map((r) => r.personKey).sort()).toEqual(inGroup(set, 2).map((m) => m.personKey).sort());
      const card = JSON.stringify(notice.recipients[0]!.message.cards);
      expect(card).toContain(`https://teams.microsoft.com/l/channel/19%3Acanal-a%40thread.tacv2/General?groupId=${AAD_GROUP}&tenantId=${TENANT}`);
      expect(card).toMatch(/Action.OpenUrl/);
      expect(card).toMatch(/Grupo 2/);

      // Re-linking the same channel notifies nobody again.
      const again = await turn(channelMentionWithAad(ana, 'vincular grupo 2', CHANNEL_A));
      expect(again.map(textOf).join()).toMatch(/ya es el espacio del Grupo 2/);
      expect(h.notifier.people).toHaveLength(before + 1);

      // A new space (a group chat, after confirming the change) is announced under a new id.
      const ask = await turn(groupChatMention(ana, 'vincular grupo 2', { chatId: CHAT_B }));
      await turn(chatSubmit(ana, submitData(ask, /Vincular/), CHAT_B));
      expect(h.notifier.people).toHaveLength(before + 2);
      const second = h.notifier.people.at(-1)!;
      expect(second.broadcastId).not.toBe(notice.broadcastId);
      expect(second.broadcastId).toContain(CHAT_B);
      expect(JSON.stringify(second.recipients[0]!.message.cards)).toContain(`https://teams.microsoft.com/l/chat/19%3Achat-b%40thread.v2/0?tenantId=${TENANT}`);
    });

    it('item 2: the group notice sent on confirmation carries the link of a space linked before', async () => {
      await say('grupos proponer grupos 4');
      await turn(channelMention(ana, 'vincular grupo 3', { channelId: CHANNEL_A }));
      expect(h.notifier.people).toHaveLength(0); // a proposal is not announced to members
      await say('grupos confirmar');
      const set = (await stored())!;
      const member = inGroup(set, 3)[0]!;
      const notice = h.notifier.people[0]!.recipients.find((r) => r.personKey === member.personKey)!;
      expect(JSON.stringify(notice.message.cards)).toContain('https://teams.microsoft.com/l/channel/19%3Acanal-a%40thread.tacv2/General?tenantId=');
    });

    it('item 19: "Estas son sus compañeras" lists her companions, not the member herself', async () => {
      await say('grupos proponer grupos 4');
      await say('grupos confirmar');
      const set = (await stored())!;
      const sent = h.notifier.people[0]!;
      for (const m of roster.slice(0, 10)) {
        const card = textOf({ attachments: sent.recipients.find((r) => r.personKey === m.personKey)!.message.cards!.map((content) => ({ contentType: 'x', content })) });
        expect(card).toMatch(/Estas son sus compañeras/);
        expect(card).not.toContain(`• ${m.nombre} —`);
        for (const other of inGroup(set, set.assignment[m._id]!).filter((o) => o._id !== m._id)) expect(card).toContain(`• ${other.nombre} —`);
      }
    });

    it('item 5: linking a channel already linked to another group asks first and says what changes', async () => {
      await say('grupos proponer grupos 4');
      await turn(channelMention(ana, 'vincular grupo 1', { channelId: CHANNEL_A }));
      const ask = await turn(channelMention(ana, 'vincular grupo 2', { channelId: CHANNEL_A }));
      const text = ask.map(textOf).join('\n');
      expect(text).toMatch(/espacio del Grupo 1/);
      expect(text).toMatch(/Grupo 1 quedará sin espacio/);
      expect((await spaces()).map((s) => [s.group, s.ref.conversation.id])).toEqual([[1, CHANNEL_A]]);
      // A non-admin pressing the button changes nothing.
      const forged = await turn(channelSubmit(berta, submitData(ask, /Vincular/), CHANNEL_A));
      expect(forged.map(textOf).join()).toMatch(/exclusiva de la administración/);
      expect((await spaces()).map((s) => [s.group, s.ref.conversation.id])).toEqual([[1, CHANNEL_A]]);
      const done = await turn(channelSubmit(ana, submitData(ask, /Vincular/), CHANNEL_A));
      expect(done.map(textOf).join()).toMatch(/vinculado con el Grupo 2/);
      expect((await spaces()).map((s) => [s.group, s.ref.conversation.id])).toEqual([[2, CHANNEL_A]]);
    });

    it('item 5: linking a group that already has a space elsewhere asks first; cancelling keeps it', async () => {
      await say('grupos proponer grupos 4');
      await turn(channelMention(ana, 'vincular grupo 2', { channelId: CHANNEL_A }));
      const ask = await turn(groupChatMention(ana, 'vincular grupo 2', { chatId: CHAT_B }));
      const text = ask.map(textOf).join('\n');
      expect(text).toMatch(/Grupo 2 ya tiene como espacio el canal «General»/);
      expect((await spaces()).map((s) => s.ref.conversation.id)).toEqual([CHANNEL_A]);
      const cancelled = await turn(chatSubmit(ana, submitData(ask, /Cancelar/), CHAT_B));
      expect(cancelled.map(textOf).join()).toMatch(/No hice ningún cambio/);
      expect((await spaces()).map((s) => s.ref.conversation.id)).toEqual([CHANNEL_A]);
      await turn(chatSubmit(ana, submitData(ask, /Vincular/), CHAT_B));
      expect((await spaces()).map((s) => [s.group, s.ref.conversation.id, s.kind])).toEqual([[2, CHAT_B, 'groupChat']]);
    });

    it('item 5: a stale confirmation (the groups changed edition) changes nothing', async () => {
      await say('grupos proponer grupos 4');
      await turn(channelMention(ana, 'vincular grupo 1', { channelId: CHANNEL_A }));
      const ask = await turn(channelMention(ana, 'vincular grupo 2', { channelId: CHANNEL_A }));
      const stale = await turn(channelSubmit(ana, { ...submitData(ask, /Vincular/), editionId: '2025' }, CHANNEL_A));
      expect(stale.map(textOf).join()).toMatch(/edición activa cambió/);
      expect((await spaces()).map((s) => s.group)).toEqual([1]);
    });

    it('item 5: "grupos estado" shows each group\'s space with its link', async () => {
      await say('grupos proponer grupos 4');
      await turn(groupChatMention(ana, 'vincular grupo 3', { chatId: CHAT_B }));
      const text = (await h.turn(personalMessage(ana, 'grupos estado'))).map((r) => JSON.stringify(r.attachments)).join('\n');
      expect(text).toContain(`https://teams.microsoft.com/l/chat/19%3Achat-b%40thread.v2/0?tenantId=${TENANT}`);
      expect(text).toMatch(/Chat de grupo «Grupo 3»/);
      expect(text.match(/Sin espacio en Teams/g)).toHaveLength(3);
    });

    it('item 15: the proposal card lists each group\'s members by name with vocalía and entidad, collapsible, and explains the abbreviations', async () => {
      const replies = await h.turn(personalMessage(ana, 'grupos proponer grupos 4'));
      const set = (await stored())!;
      const text = replies.map(textOf).join('\n');
      for (const m of roster) expect(text).toContain(`${m.nombre} — ${m.vocalia}, ${entidadName(m)}`);
      for (const v of catalog.data.vocalias) expect(text).toContain(`${v.clave}: ${v.nombre}`);
      // Each group's list is a hidden container shown by a "Ver integrantes" toggle.
      const containers = new Map<string, Record<string, unknown>>();
      const toggles: string[][] = [];
      for (const r of replies)
        walk(r.attachments?.[0]?.content, (o) => {
          if (o.type === 'Container' && typeof o.id === 'string') containers.set(o.id, o);
          if (o.type === 'Action.ToggleVisibility') toggles.push(o.targetElements as string[]);
        });
      expect(toggles).toHaveLength(4);
      for (const [i, targets] of toggles.entries()) {
        const c = containers.get(targets[0]!)!;
        expect(c.isVisible).toBe(false);
        for (const m of inGroup(set, i + 1)) expect(JSON.stringify(c)).toContain(m.nombre);
      }
    });

    it('item 15: "grupos mover" accepts the name (accents and case ignored) as well as the email', async () => {
      await h.store.collection<MemberRecord>(MEMBERS_COLLECTION).updateOne({ _id: roster[5]!._id }, { $set: { nombre: 'Ángela Núñez Ortiz' } });
      await say('grupos proponer grupos 4');
      const m = { ...roster[5]!, nombre: 'Ángela Núñez Ortiz' };
      const from = (await stored())!.assignment[m._id]!;
      const to = (from % 4) + 1;
      const plain = m.nombre.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
      expect(await say(`grupos mover ${plain} ${to}`)).toMatch(new RegExp(`${m.nombre} pasó del grupo ${from} al ${to}`));
      expect((await stored())!.assignment[m._id]).toBe(to);
      expect(await say(`grupos mover ${m.correo} ${from}`)).toMatch(new RegExp(`del grupo ${to} al ${from}`));
    });

    it('item 15: an ambiguous name is refused and the candidates are listed with their emails', async () => {
      const col = h.store.collection<MemberRecord>(MEMBERS_COLLECTION);
      await col.updateOne({ _id: roster[1]!._id }, { $set: { nombre: 'María Pérez Soto' } });
      await col.updateOne({ _id: roster[2]!._id }, { $set: { nombre: 'María Pérez Luna' } });
      await say('grupos proponer grupos 4');
      const before = (await stored())!.assignment;
      const text = await say('grupos mover María Pérez 1');
      expect(text).toMatch(/2 integrantes/);
      expect(text).toContain(roster[1]!.correo);
      expect(text).toContain(roster[2]!.correo);
      expect((await stored())!.assignment).toEqual(before);
      expect(await say('grupos mover Nadie Conocida 1')).toMatch(/No encontré/);
    });

    it('item 16: proposing and confirming while the call is open warn and ask first', async () => {
      const now = Date.now();
      await reg.editions.setWindow(EDITION, new Date(now - 86_400_000), new Date(now + 10 * 86_400_000), 'aad:setup');
      const ask = await h.turn(personalMessage(ana, 'grupos proponer grupos 4 semilla 5'));
      expect(ask.map(textOf).join()).toMatch(/convocatoria sigue abierta/);
      expect(await stored()).toBeNull();
      const forged = await h.turn(personalSubmit(berta, submitData(ask, /Proponer de todos modos/)));
      expect(forged.map(textOf).join()).toMatch(/exclusiva de la administración/);
      expect(await stored()).toBeNull();
      const proposed = await h.turn(personalSubmit(ana, submitData(ask, /Proponer de todos modos/)));
      expect(proposed.map(textOf).join()).toMatch(/Propuesta de grupos/);
      expect((await stored())).toMatchObject({ state: 'proposed', groupCount: 4, seed: 5 });

      const askConfirm = await h.turn(personalMessage(ana, 'grupos confirmar'));
      expect(askConfirm.map(textOf).join()).toMatch(/convocatoria sigue abierta/);
      expect((await stored())!.state).toBe('proposed');
      expect(h.notifier.people).toHaveLength(0);
      const cancelled = await h.turn(personalSubmit(ana, submitData(askConfirm, /Cancelar/)));
      expect(cancelled.map(textOf).join()).toMatch(/No hice ningún cambio/);
      expect((await stored())!.state).toBe('proposed');
      await h.turn(personalSubmit(ana, submitData(askConfirm, /Confirmar de todos modos/)));
      expect((await stored())!.state).toBe('confirmed');
      expect(h.notifier.people).toHaveLength(1);
    });

    it('item 16: with the call closed, proposing and confirming need no confirmation', async () => {
      const now = Date.now();
      await reg.editions.setWindow(EDITION, new Date(now - 20 * 86_400_000), new Date(now - 86_400_000), 'aad:setup');
      expect(await say('grupos proponer grupos 4')).toMatch(/Propuesta de grupos/);
      expect(await say('grupos confirmar')).toMatch(/Grupos confirmados/);
    });
  });

  it('item 15: 500 members: every message of the proposal stays within Teams\' size limit and names everybody', async () => {
    await setUp(500, (nombre) => `María Fernanda ${nombre} Hernández de la Garza`);
    const replies = await h.turn(personalMessage(ana, 'grupos proponer'));
    for (const r of replies) expect(Buffer.byteLength(JSON.stringify(r), 'utf8')).toBeLessThan(28_000);
    const text = replies.map(textOf).join('\n');
    expect(text).toMatch(/Propuesta de grupos/);
    for (const m of roster) expect(text).toContain(`${m.nombre} — ${m.vocalia}`);
    // One group of 500: its list is split across follow-up messages.
    const one = await h.turn(personalMessage(ana, 'grupos proponer grupos 1'));
    expect(one.length).toBeGreaterThan(1);
    for (const r of one) expect(Buffer.byteLength(JSON.stringify(r), 'utf8')).toBeLessThan(28_000);
    const oneText = one.map(textOf).join('\n');
    expect(oneText).toMatch(/Grupo 1 \(continuación\)/);
    for (const m of roster) expect(oneText).toContain(`${m.nombre} — ${m.vocalia}`);
  });
});
