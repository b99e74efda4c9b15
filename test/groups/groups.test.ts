import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ana, berta, channelMention, personalMessage, personalSubmit, TENANT } from '../helpers/activities.js';
import { createHarness, textOf, type Harness } from '../helpers/harness.js';
import { realisticRoster } from '../helpers/rosterFixtures.js';
import { loadDefaultCatalog } from '../../src/data/defaultCatalog.js';
import { juntaKey } from '../../src/domain/roster.js';
import type { MemberRecord } from '../../src/domain/member.js';
import { validatedMember } from './support.js';
import { createRegistrationServices } from '../../src/services/registration/index.js';
import { MEMBERS_COLLECTION } from '../../src/services/registration/members.js';
import type { GroupSetDoc, GroupSpaceDoc } from '../../src/services/groupSets.js';
import { groupNoticeBroadcastId } from '../../src/features/groups/broadcastIds.js';

const catalog = loadDefaultCatalog();
const EDITION = '2026';

function members(count: number, seed = 3): MemberRecord[] {
  return realisticRoster(catalog, seed, count).map((r, i) =>
    validatedMember(EDITION, r, { key: `aad:00000000-0000-0000-0000-${String(i).padStart(12, '0')}`, userId: `29:m${i}` }),
  );
}

/** Independent check: group sizes and per-vocalía counts recomputed from the stored assignment. */
function sizesOf(set: GroupSetDoc): number[] {
  const sizes = new Array<number>(set.groupCount).fill(0);
  for (const g of Object.values(set.assignment)) sizes[g - 1]!++;
  return sizes;
}

describe('groups in Teams (UTIGyND)', () => {
  let h: Harness;
  let roster: MemberRecord[];

  beforeEach(async () => {
    h = await createHarness({ ADMIN_AAD_IDS: ana.aadObjectId!, MicrosoftAppTenantId: TENANT });
    const reg = createRegistrationServices(h.store, { adminAadIds: [ana.aadObjectId!] });
    await reg.init();
    await reg.editions.create({ id: EDITION, nombre: 'Red 2026' }, 'aad:setup');
    await reg.editions.activate(EDITION, 'aad:setup');
    await reg.editions.setStage(EDITION, 'Reunión nacional de apertura', new Date('2099-01-20T18:00:00Z'), 'aad:setup');
    roster = members(120);
    const col = h.store.collection<MemberRecord>(MEMBERS_COLLECTION);
    for (const m of roster) await col.insertOne(m);
  });
  afterEach(async () => h.close());

  const say = async (text: string, who = ana) => (await h.turn(personalMessage(who, text))).map(textOf).join('\n');
  const stored = () => h.store.collection<GroupSetDoc>('groupSets').findOne({ _id: EDITION });

  it.each(['grupos', 'grupos proponer', 'grupos confirmar', 'grupos mover a@b.mx 2', 'grupos asignar pendientes', 'envios estado'])(
    'a non-admin is refused "%s" and nothing changes',
    async (text) => {
      expect(await say(text, berta)).toMatch(/no está disponible para su perfil/);
      expect(await stored()).toBeNull();
      expect(h.notifier.people).toHaveLength(0);
    },
  );

  it('a non-admin cannot link a channel either', async () => {
    const replies = await h.turn(channelMention(berta, 'vincular grupo 1'));
    expect(replies.map(textOf).join()).toMatch(/no está disponible para su perfil/);
    expect(await h.store.collection<GroupSpaceDoc>('groupSpaces').countDocuments({})).toBe(0);
  });

  it('proponer forms balanced groups of the validated members only, and shows them', async () => {
    await h.store.collection<MemberRecord>(MEMBERS_COLLECTION).updateOne({ _id: roster[0]!._id }, { $set: { status: 'withdrawn' } });
    const text = await say('grupos proponer tamaño 30');
    const set = (await stored())!;
    expect(set.state).toBe('proposed');
    expect(set.groupCount).toBe(4);
    expect(Object.keys(set.assignment)).toHaveLength(119);
    expect(set.assignment[roster[0]!._id]).toBeUndefined();
    const sizes = sizesOf(set);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    // Vocalía counts per group within floor/ceil of the proportional share, recomputed here.
    const valid = roster.slice(1);
    for (const voc of new Set(valid.map((m) => m.vocalia))) {
      const total = valid.filter((m) => m.vocalia === voc).length;
      for (let g = 1; g <= set.groupCount; g++) {
        const count = valid.filter((m) => m.vocalia === voc && set.assignment[m._id] === g).length;
        const share = (total * sizes[g - 1]!) / valid.length;
        expect(count).toBeGreaterThanOrEqual(Math.floor(share));
        expect(count).toBeLessThanOrEqual(Math.ceil(share));
      }
    }
    // No two members of one junta together (4 groups, at most 5 per junta: spread evenly).
    const byJunta = new Map<string, number[]>();
    for (const m of valid) byJunta.set(`${juntaKey(m)}`, [...(byJunta.get(juntaKey(m)) ?? []), set.assignment[m._id]!]);
    for (const gs of byJunta.values()) if (gs.length <= set.groupCount) expect(new Set(gs).size).toBe(gs.length);
    expect(text).toMatch(/Propuesta de grupos · edición 2026/);
    expect(text).toMatch(/119 integrantes validadas en 4 grupos/);
  });

  it('proponer rejects bad options without storing anything', async () => {
    expect(await say('grupos proponer tamaño cero')).toMatch(/número entero positivo/);
    expect(await say('grupos proponer color azul')).toMatch(/No reconozco la opción/);
    expect(await stored()).toBeNull();
  });

  it('mover recomputes quality and warns when balance worsens; unknown people and groups are refused', async () => {
    await say('grupos proponer grupos 4');
    const before = (await stored())!;
    const m = roster[5]!;
    const from = before.assignment[m._id]!;
    const to = (from % 4) + 1;
    const text = await say(`grupos mover ${m.correo.toUpperCase()} ${to}`);
    expect(text).toMatch(new RegExp(`del grupo ${from} al ${to}`));
    expect(text).toMatch(/empeoró/);
    expect((await stored())!.assignment[m._id]).toBe(to);
    expect(await say('grupos mover nadie@ine.mx 2')).toMatch(/No encontré/);
    expect(await say(`grupos mover ${m.correo} 9`)).toMatch(/entre 1 y 4/);
    expect((await stored())!.assignment[m._id]).toBe(to);
  });

  it('confirmar freezes the groups and queues one notice per member; confirming again never duplicates', async () => {
    await say('grupos proponer grupos 4');
    const text = await say('grupos confirmar');
    expect(text).toMatch(/Grupos confirmados/);
    expect((await stored())!.state).toBe('confirmed');
    expect(h.notifier.people).toHaveLength(1);
    const sent = h.notifier.people[0]!;
    expect(sent.broadcastId).toBe(groupNoticeBroadcastId(EDITION));
    expect(sent.recipients.map((r) => r.personKey).sort()).toEqual(roster.map((m) => m.personKey).sort());
    const card = JSON.stringify(sent.recipients[0]!.message.cards);
    expect(card).toMatch(/Su grupo en la Red de Coaching: Grupo \d/);
    expect(card).toMatch(/Reunión nacional de apertura/);
    // A second confirmation reuses the same broadcast id (the outbox skips recipients already queued).
    expect(await say('grupos confirmar')).toMatch(/ya estaban confirmados/);
    expect(h.notifier.people.map((p) => p.broadcastId)).toEqual([groupNoticeBroadcastId(EDITION), groupNoticeBroadcastId(EDITION)]);
    // A confirmed set cannot be re-proposed or edited.
    expect(await say('grupos proponer')).toMatch(/ya están confirmados/);
    expect(await say(`grupos mover ${roster[1]!.correo} 1`)).toMatch(/ya están confirmados/);
  });

  it('vincular grupo in a channel stores the channel (not the thread) and posts the roster once groups are confirmed', async () => {
    await say('grupos proponer grupos 4');
    const link = await h.turn(channelMention(ana, 'vincular grupo 2', { channelId: '19:canal-grupo-2@thread.tacv2' }));
    expect(link.map(textOf).join()).toMatch(/vinculado con el Grupo 2/);
    const space = await h.store.collection<GroupSpaceDoc>('groupSpaces').findOne({ _id: `${EDITION}:2` });
    expect(space?.ref.conversation.id).toBe('19:canal-grupo-2@thread.tacv2');
    expect(h.notifier.conversations).toHaveLength(0);
    await say('grupos confirmar');
    expect(h.notifier.conversations).toHaveLength(1);
    const roster2 = JSON.stringify(h.notifier.conversations[0]!.message.cards);
    expect(roster2).toMatch(/Integrantes del Grupo 2/);
    const set = (await stored())!;
    const inGroup2 = roster.filter((m) => set.assignment[m._id] === 2);
    for (const m of inGroup2) expect(roster2).toContain(m.nombre);
    expect(await h.turn(channelMention(ana, 'vincular grupo 99'))).toSatisfy((r: unknown[]) => r.length === 1);
  });

  it('asignar pendientes places newcomers without moving confirmed members, and notifies only them', async () => {
    await say('grupos proponer grupos 4');
    await say('grupos confirmar');
    const confirmed = (await stored())!;
    const extra = members(130, 3).slice(120);
    const col = h.store.collection<MemberRecord>(MEMBERS_COLLECTION);
    for (const m of extra) await col.insertOne(m);
    await col.updateOne({ _id: roster[7]!._id }, { $set: { status: 'withdrawn' } });
    const text = await say('grupos asignar pendientes');
    expect(text).toMatch(/Asigné 10 integrante/);
    const after = (await stored())!;
    for (const [id, g] of Object.entries(confirmed.assignment)) expect(after.assignment[id]).toBe(g);
    for (const m of extra) expect(after.assignment[m._id]).toBeGreaterThanOrEqual(1);
    expect(after.removed).toEqual([roster[7]!._id]);
    const last = h.notifier.people.at(-1)!;
    expect(last.recipients.map((r) => r.personKey).sort()).toEqual(extra.map((m) => m.personKey).sort());
    expect(await say('grupos asignar pendientes')).toMatch(/No hay integrantes pendientes/);
  });

  it('envios estado explains when no engine runs in this process', async () => {
    expect(await say('envios estado')).toMatch(/no está disponible/);
  });

  it('a validated member whose name looks like a template expression still gets her notice (issue 8)', async () => {
    const eva = roster[0]!;
    const nombre = 'Eva ${x} Ruiz';
    await h.store.collection<MemberRecord>(MEMBERS_COLLECTION).updateOne({ _id: eva._id }, { $set: { nombre } });
    await say('grupos proponer grupos 4');
    const text = await say('grupos confirmar');
    expect(text).not.toMatch(/Lo sentimos/);
    expect(text).toMatch(/Grupos confirmados/);
    const sent = h.notifier.people.at(-1)!;
    expect(sent.recipients.map((r) => r.personKey).sort()).toEqual(roster.map((m) => m.personKey).sort());
    const notice = sent.recipients.find((r) => r.personKey === eva.personKey)!;
    expect(JSON.stringify(notice.message.cards)).toContain(JSON.stringify(nombre).slice(1, -1));
  });
});

describe('groups export', () => {
  it('"grupos exportar" and the card button offer an Excel file to an admin only', async () => {
    const h = await createHarness({ ADMIN_AAD_IDS: ana.aadObjectId! });
    try {
      const reg = createRegistrationServices(h.store, { adminAadIds: [ana.aadObjectId!] });
      await reg.init();
      await reg.editions.create({ id: EDITION, nombre: 'Red 2026' }, 'aad:setup');
      await reg.editions.activate(EDITION, 'aad:setup');
      const col = h.store.collection<MemberRecord>(MEMBERS_COLLECTION);
      for (const m of members(40)) await col.insertOne(m);
      await h.turn(personalMessage(ana, 'grupos proponer grupos 2'));
      const offered = await h.turn(personalMessage(ana, 'grupos exportar'));
      expect(offered.map((r) => r.attachments?.[0]?.contentType)).toContain('application/vnd.microsoft.teams.card.file.consent');
      expect(await h.store.collection('pendingFiles').countDocuments({})).toBe(1);
      // A forged button press by a non-admin is refused and offers nothing.
      const forged = await h.turn(personalSubmit(berta, { verb: 'exportGroups' }));
      expect(forged.map(textOf).join()).toMatch(/exclusiva de la administración/);
      expect(await h.store.collection('pendingFiles').countDocuments({})).toBe(1);
      const viaButton = await h.turn(personalSubmit(ana, { verb: 'exportGroups' }));
      expect(viaButton.map((r) => r.attachments?.[0]?.contentType)).toContain('application/vnd.microsoft.teams.card.file.consent');
    } finally {
      await h.close();
    }
  });
});
