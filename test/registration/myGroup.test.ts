import type { Activity } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ana, berta, channelMention, personalMessage, TENANT } from '../helpers/activities.js';
import { createHarness, textOf, type Harness } from '../helpers/harness.js';
import { realisticRoster } from '../helpers/rosterFixtures.js';
import { validatedMember } from '../groups/support.js';
import { loadDefaultCatalog } from '../../src/data/defaultCatalog.js';
import { memberId, type MemberRecord } from '../../src/domain/member.js';
import { createRegistrationServices } from '../../src/services/registration/index.js';
import { MEMBERS_COLLECTION } from '../../src/services/registration/members.js';
import type { GroupSetDoc } from '../../src/services/groupSets.js';

/** Issue 9, item 4: a member who missed her group card can always find her group ("mi grupo", "mis datos"). */
const catalog = loadDefaultCatalog();
const EDITION = '2026';
const CHANNEL = '19:canal-del-grupo@thread.tacv2';
const BERTA_KEY = `aad:${berta.aadObjectId!}`;
const BERTA_ID = memberId(EDITION, BERTA_KEY);

describe('"mi grupo" and the group in "mis datos"', () => {
  let h: Harness;
  let roster: MemberRecord[];

  beforeEach(async () => {
    h = await createHarness({ ADMIN_AAD_IDS: ana.aadObjectId!, MicrosoftAppTenantId: TENANT });
    const reg = createRegistrationServices(h.store, { adminAadIds: [ana.aadObjectId!] });
    await reg.init();
    await reg.editions.create({ id: EDITION, nombre: 'Red 2026' }, 'aad:setup');
    await reg.editions.activate(EDITION, 'aad:setup');
    roster = realisticRoster(catalog, 5, 40).map((r, i) =>
      validatedMember(
        EDITION,
        r,
        i === 0
          ? { key: BERTA_KEY, userId: berta.id, nombre: 'Berta Ruiz', correo: 'berta.ruiz@ine.mx' }
          : { key: `aad:00000000-0000-0000-0000-${String(i).padStart(12, '0')}`, userId: `29:m${i}` },
      ),
    );
    await h.store.collection<MemberRecord>(MEMBERS_COLLECTION).insertMany(roster);
  });
  afterEach(async () => h.close());

  const say = async (text: string, who = berta) => (await h.turn(personalMessage(who, text))).map(textOf).join('\n');
  const cardJson = (replies: Partial<Activity>[]) => JSON.stringify(replies.map((r) => r.attachments ?? []));
  const myGroupNumber = async () => (await h.store.collection<GroupSetDoc>('groupSets').findOne({ _id: EDITION }))!.assignment[BERTA_ID]!;

  async function confirmGroupsWithChannel(): Promise<{ group: number; companions: MemberRecord[] }> {
    await say('grupos proponer grupos 3', ana);
    const group = await myGroupNumber();
    await h.turn(channelMention(ana, `vincular grupo ${group}`, { channelId: CHANNEL }));
    await say('grupos confirmar', ana);
    const set = (await h.store.collection<GroupSetDoc>('groupSets').findOne({ _id: EDITION }))!;
    return { group, companions: roster.filter((m) => m._id !== BERTA_ID && set.assignment[m._id] === group) };
  }

  const line = (m: MemberRecord) => `${m.nombre} — ${catalog.findVocalia(m.vocalia)!.nombre}, ${catalog.entidad(m.entidad)!.nombre}`;
  const link = `https://teams.microsoft.com/l/channel/19%3Acanal-del-grupo%40thread.tacv2/General?tenantId=${TENANT}`;

  it('"mi grupo": her group number, her companions (not herself) and the space with its link', async () => {
    const { group, companions } = await confirmGroupsWithChannel();
    expect(companions.length).toBeGreaterThan(5);
    const replies = await h.turn(personalMessage(berta, 'mi grupo'));
    const text = replies.map(textOf).join('\n');
    expect(text).toContain(`Grupo ${group}`);
    for (const m of companions) expect(text).toContain(line(m));
    expect(text).not.toContain('Berta Ruiz —');
    expect(text).toMatch(/Canal «General»/);
    expect(cardJson(replies)).toContain(link);
  });

  it('"mis datos": the same group, companions and link', async () => {
    const { group, companions } = await confirmGroupsWithChannel();
    const replies = await h.turn(personalMessage(berta, 'mis datos'));
    const text = replies.map(textOf).join('\n');
    expect(text).toMatch(/Mis datos/);
    expect(text).toContain(`Grupo ${group}`);
    for (const m of companions) expect(text).toContain(line(m));
    expect(text).not.toContain('Berta Ruiz —');
    expect(cardJson(replies)).toContain(link);
  });

  it('a group without a space yet says so; the proposal is never shown to members', async () => {
    await say('grupos proponer grupos 3', ana);
    expect(await say('mi grupo')).toMatch(/aún no confirma los grupos/);
    expect(await say('mis datos')).toMatch(/aún no confirma los grupos/);
    await say('grupos confirmar', ana);
    const group = await myGroupNumber();
    const text = await say('mi grupo');
    expect(text).toContain(`Grupo ${group}`);
    expect(text).toMatch(/Se le avisará en cuanto el grupo tenga su espacio en Teams/);
  });

  it('before any groups, without a registration, or with a pending registration: a clear answer', async () => {
    expect(await say('mi grupo')).toMatch(/aún no confirma los grupos/);
    await h.store.collection<MemberRecord>(MEMBERS_COLLECTION).updateOne({ _id: BERTA_ID }, { $set: { status: 'pending' } });
    expect(await say('mi grupo')).toMatch(/se integran con las integrantes validadas/);
    await h.store.collection<MemberRecord>(MEMBERS_COLLECTION).deleteOne({ _id: BERTA_ID });
    expect(await say('mi grupo')).toMatch(/Aún no tiene un registro/);
  });

  it('a member who withdrew after confirmation has no group any more', async () => {
    await confirmGroupsWithChannel();
    await h.store.collection<MemberRecord>(MEMBERS_COLLECTION).updateOne({ _id: BERTA_ID }, { $set: { status: 'withdrawn' } });
    const text = await say('mi grupo');
    expect(text).toMatch(/se integran con las integrantes validadas/);
    expect(text).not.toContain(link);
  });
});
