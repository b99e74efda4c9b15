import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { AuditLog } from '../../src/services/registration/audit.js';
import { EditionService } from '../../src/services/registration/editions.js';
import { MemberService, MEMBERS_COLLECTION } from '../../src/services/registration/members.js';
import { StoreRosterLookup } from '../../src/services/registration/roster.js';
import { CatalogService } from '../../src/services/registration/catalogs.js';
import { GroupSetService } from '../../src/services/groupSets.js';
import { memberId, type MemberRecord } from '../../src/domain/member.js';
import { CONSENT_VERSION } from '../../src/domain/registration.js';
import { editionMonths } from '../../src/domain/topics/index.js';
import { createTopicServices } from '../../src/services/topics/index.js';
import { openEmbedded, type StoreHarness } from './support.js';

/** The topic services wired to the real registration, catalog and group services (the ports fit them). */
describe('topic services on the real registration and group services', () => {
  let h: StoreHarness;
  afterEach(async () => {
    await h?.dispose();
  });

  it('a confirmed group votes and its representante confirms a plan in the months of the edition calendar', async () => {
    h = await openEmbedded();
    const store = h.store;
    const clock = () => new Date('2027-01-20T17:00:00Z');
    const audit = new AuditLog(store, clock);
    const editions = new EditionService(store, audit, clock);
    const members = new MemberService(store, audit, new StoreRosterLookup(store), clock);
    const catalogs = new CatalogService(store, editions, audit, undefined, clock);
    const groups = new GroupSetService(store, pino({ level: 'silent' }), clock);
    await Promise.all([audit.init(), editions.init(), members.init(), groups.init()]);

    await editions.create({ id: '2027' }, 'aad:admin');
    await editions.setStage('2027', 'Reunión nacional de apertura', new Date('2027-01-15T18:00:00Z'), 'aad:admin');
    const records: MemberRecord[] = Array.from({ length: 6 }, (_, i) => ({
      _id: memberId('2027', `aad:m${i}`),
      editionId: '2027',
      personKey: `aad:m${i}`,
      aadObjectId: `m${i}`,
      userId: `29:m${i}`,
      nombre: `Integrante ${i}`,
      correo: `m${i}@ine.mx`,
      vocalia: 'VE',
      ambito: 'JDE',
      entidad: '09',
      distrito: i + 1,
      circunscripcion: 4,
      ejesInteres: [],
      consent: { accepted: true, at: clock(), version: CONSENT_VERSION },
      status: 'validated',
      rosterMatch: true,
      createdAt: clock(),
      updatedAt: clock(),
    }));
    await store.collection<MemberRecord>(MEMBERS_COLLECTION).insertMany(records);
    await groups.propose('2027', records, { groups: 2 }, 'aad:admin');
    await groups.confirm('2027', 'aad:admin');
    const set = (await groups.get('2027'))!;
    const inGroup1 = records.filter((m) => set.assignment[m._id] === 1).map((m) => m.personKey);
    const rep = inGroup1[0]!;

    const topics = createTopicServices({
      store,
      audit,
      catalogs,
      groups,
      members,
      editions,
      representantes: { isRepresentante: async (_e, group, personKey) => group === 1 && personKey === rep },
      clock,
    });
    await topics.init();

    const vote = await topics.topicVotes.open('2027', 1, {}, { personKey: rep, admin: false });
    for (const key of inGroup1) await topics.topicVotes.submit('2027', key, [vote.topics[0]!.id, vote.topics[7]!.id]);
    const outsider = records.find((m) => set.assignment[m._id] === 2)!.personKey;
    await expect(topics.topicVotes.submit('2027', outsider, [vote.topics[0]!.id])).rejects.toMatchObject({ code: 'noVote' });
    const closed = await topics.topicVotes.close('2027', 1, { personKey: 'aad:admin', admin: true });
    expect(closed.turnout).toEqual({ ballots: inGroup1.length, eligible: inGroup1.length });
    expect(closed.ranking.ties[0]!.map((e) => e.id)).toEqual([vote.topics[0]!.id, vote.topics[7]!.id]);

    expect(await topics.workPlans.monthsOf('2027')).toEqual(editionMonths('2027-01'));
    const plan = await topics.workPlans.confirm('2027', 1, { items: [{ topicId: vote.topics[7]!.id, goal: 'Organizar mejor el trabajo del equipo.', month: '2027-03' }] }, rep);
    expect(plan.items[0]).toMatchObject({ votes: inGroup1.length, eje: 'competencias' });
    expect(await topics.temarios.isFrozen('2027')).toBe(true);
  });
});
