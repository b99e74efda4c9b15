import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs.js';
import { TOPIC_VOTES_COLLECTION, type TopicVoteDoc } from '../../src/services/topics/index.js';
import { ana, ballotsOf, berta, carla, cardText, choicesOfCard, createTopicsHarness, dora, EDITION, elena, keyOf, outsider, voteIdOfCard, CHANNEL, type TopicsHarness } from './featureSupport.js';

/** Issue 10: "temas votar|cerrar|estado", the ballot card and the automatic close, through the whole bot. */
describe('topic votes (temas votar, cerrar, estado; the ballot card; the closing time)', () => {
  let h: TopicsHarness;
  beforeEach(async () => {
    h = await createTopicsHarness();
  });
  afterEach(async () => h.close());

  const votes = () => h.store.collection<TopicVoteDoc>(TOPIC_VOTES_COLLECTION);

  it('UTIGyND opens group 1: each member gets her ballot 1:1, the space is told; submitting records and updates the card in place', async () => {
    const reply = await h.say(ana, 'temas votar grupo 1');
    expect(reply).toMatch(/Se abrió la votación de temas del grupo 1/);
    const ballots = ballotsOf(h.notifier);
    expect([...ballots.keys()].sort()).toEqual([keyOf(berta), keyOf(carla), keyOf(elena)].sort());
    expect(h.notifier.conversations.map((c) => c.ref.conversation.id)).toEqual([CHANNEL]);
    expect(h.notifier.conversations[0]!.message.text).toMatch(/hasta 5 temas/);

    const card = ballots.get(keyOf(carla))!;
    expect(JSON.stringify(card)).toContain('"isMultiSelect":true');
    const voteId = voteIdOfCard(card);
    const ids = choicesOfCard(card);
    const answer = await h.submit(carla, { verb: VERBS.topicVoteSubmit, voteId, picks: `${ids[0]},${ids[1]}` }, 'card-1');
    expect(answer).toMatch(/Su selección quedó registrada/);
    expect(h.updates).toHaveLength(1);
    expect(h.updates[0]!.id).toBe('card-1');
    const updated = JSON.stringify(h.updates[0]!.attachments![0]!.content);
    expect(updated).toContain('Su selección quedó registrada.');
    expect(updated).toContain(`"value":"${ids[0]},${ids[1]}"`);

    // She may change her picks while it is open; the ballot is replaced, never doubled.
    await h.submit(carla, { verb: VERBS.topicVoteSubmit, voteId, picks: ids[2]! });
    const doc = (await votes().findOne({ _id: voteId }))!;
    expect(Object.values(doc.ballots).map((b) => b.picks)).toEqual([[ids[2]]]);
  });

  it('"todos" opens every group; a second open is refused per group', async () => {
    expect(await h.say(ana, 'temas votar todos')).toMatch(/grupos 1 y 2/);
    expect(ballotsOf(h.notifier).size).toBe(5);
    expect(await h.say(ana, 'temas votar grupo 2')).toMatch(/ya está abierta/);
    expect(await h.say(ana, 'temas votar grupo 9')).toMatch(/número entre 1 y 2/);
    expect(await h.say(ana, 'temas votar')).toMatch(/Indique el grupo/);
    expect(await h.say(ana, 'temas votar grupo tres')).toMatch(/No reconozco «tres»/);
  });

  it('refuses picks that are too many, unknown, empty, from another group, a non-member, a closed vote or an old card — nothing changes', async () => {
    await h.say(ana, 'temas votar todos');
    const ballots = ballotsOf(h.notifier);
    const card1 = ballots.get(keyOf(carla))!;
    const card2 = ballots.get(keyOf(dora))!;
    const vote1 = voteIdOfCard(card1);
    const vote2 = voteIdOfCard(card2);
    const ids = choicesOfCard(card1);
    const submit = (who: typeof carla, voteId: string, picks: string) => h.submit(who, { verb: VERBS.topicVoteSubmit, voteId, picks });

    expect(await submit(carla, vote1, ids.slice(0, 6).join(','))).toMatch(/Puede elegir hasta 5 temas/);
    expect(await submit(carla, vote1, 'tema-inventado')).toMatch(/no está en el temario/);
    expect(await submit(carla, vote1, '')).toMatch(/Elija al menos un tema/);
    expect(await submit(carla, vote1, `${ids[0]},${ids[0]}`)).toMatch(/repite un tema/);
    // Dora (group 2) sends group 1's card: refused as another vote.
    expect(await submit(dora, vote1, ids[0]!)).toMatch(/corresponde a otra votación/);
    expect(await submit(outsider, vote1, ids[0]!)).toMatch(/solo para integrantes validadas/);
    // A forged payload without a vote id fails the schema.
    expect(await h.submit(carla, { verb: VERBS.topicVoteSubmit, picks: ids[0] })).toMatch(/No pude procesar los datos de esa tarjeta/);
    for (const id of [vote1, vote2]) expect(Object.keys((await votes().findOne({ _id: id }))!.ballots)).toEqual([]);

    await h.say(ana, 'temas cerrar grupo 1');
    expect(await submit(carla, vote1, ids[0]!)).toMatch(/ya cerró/);
    // A new round: the first round's card is old.
    await h.say(ana, 'temas votar grupo 1');
    expect(await submit(carla, vote1, ids[0]!)).toMatch(/otra votación de temas/);
    expect(Object.keys((await votes().findOne({ _id: vote1 }))!.ballots)).toEqual([]);
  });

  it('"temas cerrar": the ranking with ties goes to the space, the representante is told; "temas estado" shows ranking and turnout', async () => {
    await h.makeRepresentante(berta, 1);
    await h.say(ana, 'temas votar grupo 1');
    const ballots = ballotsOf(h.notifier);
    const voteId = voteIdOfCard(ballots.get(keyOf(berta))!);
    const ids = choicesOfCard(ballots.get(keyOf(berta))!);
    await h.submit(berta, { verb: VERBS.topicVoteSubmit, voteId, picks: `${ids[0]},${ids[1]}` });
    await h.submit(carla, { verb: VERBS.topicVoteSubmit, voteId, picks: `${ids[0]},${ids[2]}` });

    const status = await h.say(ana, 'temas estado');
    expect(status).toMatch(/Abierta · votaron 2 de 3 integrantes/);
    expect(status).toMatch(/Grupo 2[\s\S]*Sin votación de temas todavía/);

    h.notifier.conversations.length = 0;
    const closed = await h.say(ana, 'temas cerrar grupo 1');
    expect(closed).toMatch(/Se cerró la votación de temas del grupo 1: votaron 2 de 3 integrantes/);
    const posted = h.notifier.conversations.find((c) => c.broadcastId === `temas-resultado-espacio:${voteId}`)!;
    expect(posted.ref.conversation.id).toBe(CHANNEL);
    const text = cardText(posted.message.cards![0]);
    expect(text).toMatch(/1\.º[\s\S]*2 votos/);
    expect(text).toMatch(/Empates: .* con 1 voto/);
    const rep = h.notifier.people.find((p) => p.broadcastId === `temas-resultado-representante:${voteId}`)!;
    expect(rep.recipients.map((r) => r.personKey)).toEqual([keyOf(berta)]);
    expect(rep.recipients[0]!.message.text).toMatch(/\*\*plan confirmar\*\*/);

    expect(await h.say(ana, 'temas cerrar grupo 1')).toMatch(/ya estaba cerrada/);
    expect(await h.say(ana, 'temas estado')).toMatch(/Cerrada · votaron 2 de 3 integrantes/);
    expect(await h.say(ana, 'temas cerrar grupo 2')).toMatch(/todavía no tiene una votación/);
    expect(await h.say(ana, 'temas cerrar todos')).toMatch(/Ningún grupo tiene una votación de temas abierta/);
  });

  it('a group without a representante: UTIGyND is told nobody can build the plan yet', async () => {
    await h.say(ana, 'temas votar grupo 2');
    expect(await h.say(ana, 'temas cerrar todos')).toMatch(/El grupo 2 aún no tiene representante/);
  });

  it('the representante opens and closes her own group only; members and others are refused', async () => {
    expect(await h.say(carla, 'temas votar')).toMatch(/UTIGyND|no está disponible|exclusiva|representante/i);
    await h.makeRepresentante(berta, 1);
    expect(await h.say(berta, 'temas votar grupo 2')).toMatch(/solo puede hacerlo para su grupo, el grupo 1/);
    expect(await h.say(berta, 'temas votar todos')).toMatch(/solo puede hacerlo para su grupo/);
    expect(await h.say(berta, 'temas votar')).toMatch(/Se abrió la votación de temas del grupo 1/);
    expect(ballotsOf(h.notifier).size).toBe(3);
    expect(await h.say(berta, 'temas estado')).toMatch(/Grupo 1[\s\S]*su grupo, el grupo 1/);
    expect(await h.say(berta, 'temas estado')).not.toMatch(/Grupo 2/);
    expect(await h.say(berta, 'temas cerrar grupo 2')).toMatch(/solo puede hacerlo para su grupo/);
    expect(await h.say(berta, 'temas cerrar')).toMatch(/Se cerró la votación de temas del grupo 1/);
    expect((await votes().findOne({ editionId: EDITION, group: 1 }))!.closedBy).toBe(keyOf(berta));
  });

  it('the closing time: typed in her zone, closed by the scheduled job (jobs.runDue) with the ranking posted once', async () => {
    await h.makeRepresentante(berta, 1);
    expect(await h.say(ana, 'temas votar grupo 1 cierre 2027-01-09 10:00')).toMatch(/posterior al momento actual/);
    expect(await h.say(ana, 'temas votar grupo 1 cierre mañana')).toMatch(/No reconozco esa fecha/);
    const reply = await h.say(ana, 'temas votar grupo 1 cierre 2027-01-12 18:00');
    expect(reply).toMatch(/cierra el 12 de enero de 2027, 18:00 h \(hora del centro\)/);
    const voteId = voteIdOfCard(ballotsOf(h.notifier).get(keyOf(carla))!);
    const ids = choicesOfCard(ballotsOf(h.notifier).get(keyOf(carla))!);
    await h.submit(carla, { verb: VERBS.topicVoteSubmit, voteId, picks: ids[3]! });

    await h.core.services.jobs.runDue();
    expect((await votes().findOne({ _id: voteId }))!.state).toBe('open');

    h.now.value = new Date('2027-01-13T00:00:01Z'); // 18:00 in Mexico City is 00:00 UTC
    await h.core.services.jobs.runDue();
    const doc = (await votes().findOne({ _id: voteId }))!;
    expect(doc.state).toBe('closed');
    expect(doc.closedBy).toBe('system');
    const results = h.notifier.conversations.filter((c) => c.broadcastId === `temas-resultado-espacio:${voteId}`);
    expect(results).toHaveLength(1);
    expect(cardText(results[0]!.message.cards![0])).toMatch(/1 voto/);
    expect(h.notifier.people.some((p) => p.broadcastId === `temas-resultado-representante:${voteId}` && p.recipients[0]!.personKey === keyOf(berta))).toBe(true);
    expect(await h.submit(carla, { verb: VERBS.topicVoteSubmit, voteId, picks: ids[0]! })).toMatch(/ya cerró/);
    await h.core.services.jobs.runDue();
    expect(h.notifier.conversations.filter((c) => c.broadcastId === `temas-resultado-espacio:${voteId}`)).toHaveLength(1);
  });

  it('the job handler re-announces (idempotently) when the close happened but the notices did not', async () => {
    await h.say(ana, 'temas votar grupo 1 cierre 2027-01-12 18:00');
    const voteId = voteIdOfCard(ballotsOf(h.notifier).get(keyOf(carla))!);
    h.now.value = new Date('2027-01-13T01:00:00Z');
    await h.core.services.topics.topicVotes.closeIfDue(voteId); // closed as the job would, then "crashed"
    await h.core.services.jobs.runDue();
    expect(h.notifier.conversations.filter((c) => c.broadcastId === `temas-resultado-espacio:${voteId}`)).toHaveLength(1);
  });

  it('K comes from TOPIC_MAX_PICKS', async () => {
    const k2 = await createTopicsHarness({ TOPIC_MAX_PICKS: '2' });
    try {
      await k2.say(ana, 'temas votar grupo 2');
      const card = ballotsOf(k2.notifier).get(keyOf(dora))!;
      expect(cardText(card)).toMatch(/Elija hasta 2 temas/);
      const ids = choicesOfCard(card);
      expect(await k2.submit(dora, { verb: VERBS.topicVoteSubmit, voteId: voteIdOfCard(card), picks: ids.slice(0, 3).join(',') })).toMatch(/Puede elegir hasta 2 temas/);
    } finally {
      await k2.close();
    }
  });

  it('a representante types the closing time in her own zone (Baja California: hora del noroeste)', async () => {
    await h.store.collection<{ _id: string; entidad: string }>('members').updateOne({ _id: `${EDITION}:${keyOf(berta)}` }, { $set: { entidad: '02' } });
    await h.makeRepresentante(berta, 1);
    expect(await h.say(berta, 'temas votar cierre 2027-01-12 18:00')).toMatch(/cierra el 12 de enero de 2027, 18:00 h \(hora del noroeste\)/);
    const doc = (await votes().findOne({ editionId: EDITION, group: 1 }))!;
    expect(doc.closesAt!.toISOString()).toBe('2027-01-13T02:00:00.000Z');
  });
});
