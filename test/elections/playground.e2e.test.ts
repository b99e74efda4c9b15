import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaygroundApp } from '../support/playgroundApp.js';
import type { PlaygroundClient, PlaygroundConfig, PlaygroundMessage } from '../support/playgroundClient.js';
import { cardNodes, cardsText, confirmGroupsWithChannel, seedMembers, startPlaygroundWithEdition } from '../support/playgroundEdition.js';
import { VOTERS_COLLECTION } from '../../src/services/elections/index.js';

/**
 * Issue 10 end to end through the Agents Playground: the Playground's current user (Alex Wilber) is UTIGyND and a
 * member of a confirmed group linked to the General channel (with an @mention). From her personal chat she opens
 * nominations, presses «Postularme como representante» on the card that reaches her through the real delivery
 * engine, opens the vote, votes on her secret ballot card, and closes: the results card is posted in the channel
 * (and 1:1), and «mi grupo» shows her as the group's representante. The other members never talked to the bot.
 */
describe('elections end to end through the Agents Playground', () => {
  let e2e: PlaygroundApp;
  let client: PlaygroundClient;
  let pg: PlaygroundConfig;
  let myGroup: number;

  beforeAll(async () => {
    e2e = await startPlaygroundWithEdition('elections');
    ({ client, pg } = e2e);
    const members = await seedMembers(e2e, { count: 40, seed: 12, keyBase: 700 });
    myGroup = await confirmGroupsWithChannel(e2e, members, 2);
  });

  afterAll(async () => e2e?.close());

  const cards = cardsText;
  const cardOf = (m: PlaygroundMessage): unknown => m.attachments?.[0]?.content;
  const nodes = cardNodes;

  it('nominations, postularse, secret ballot, close: results in the channel and the role in «mi grupo»', async () => {
    const me = pg.personalConversationId;
    const channel = pg.generalChannelId;

    let from = client.messages.length;
    await client.send(me, { from: pg.currentUserId, text: 'mi grupo' });
    const before = await client.waitFor(me, (m) => cards(m).includes(`Grupo ${myGroup}`), from);
    expect(cards(before)).toContain('Representante: sin asignar');

    // Nominations: the card 1:1 and a notice in the channel.
    from = client.messages.length;
    await client.send(me, { from: pg.currentUserId, text: `elecciones abrir grupo ${myGroup}` });
    await client.waitFor(me, (m) => (m.text ?? '').includes('Se abrieron las postulaciones en 1 grupo'), from);
    const nomination = await client.waitFor(me, (m) => cards(m).includes(`Elección de cargos · Grupo ${myGroup}`), from, 20_000);
    await client.waitFor(channel, (m) => (m.text ?? '').includes(`Se abrieron las postulaciones para representante y secretaria del Grupo ${myGroup}`), from, 20_000);

    const postularme = nodes(cardOf(nomination), 'Action.Submit').find((a) => a.title === 'Postularme como representante');
    expect(postularme).toBeDefined();
    await client.submit(me, pg.currentUserId, nomination.messageId ?? '', postularme!.data as Record<string, unknown>);
    // The nomination card itself becomes «Postulación registrada» (an update in place, the only answer): wait for her candidacy.
    for (const deadline = Date.now() + 15_000; ; ) {
      const election = await e2e.app.store.collection<{ _id: string; candidacies: { personKey: string; status: string }[] }>('elections').findOne({ _id: `2026:${myGroup}:1` });
      if (election?.candidacies.some((c) => c.personKey === `aad:${e2e.currentUser.aadObjectId}` && c.status === 'accepted')) break;
      if (Date.now() > deadline) throw new Error('her candidacy was not recorded');
      await new Promise((r) => setTimeout(r, 50));
    }

    // Voting: her secret ballot 1:1 (she is the only candidate; secretaria had none) and a notice in the channel.
    from = client.messages.length;
    await client.send(me, { from: pg.currentUserId, text: `elecciones votacion grupo ${myGroup}` });
    await client.waitFor(me, (m) => (m.text ?? '').includes('Se abrió la votación en 1 grupo'), from);
    const ballot = await client.waitFor(me, (m) => cards(m).includes(`Boleta secreta · Grupo ${myGroup}`), from, 20_000);
    await client.waitFor(channel, (m) => (m.text ?? '').includes(`Se abrió la votación secreta del Grupo ${myGroup}`), from, 20_000);

    const [choiceSet, ...others] = nodes(cardOf(ballot), 'Input.ChoiceSet');
    expect(others).toHaveLength(0);
    const choices = choiceSet!.choices as { title: string; value: string }[];
    expect(choices.map((c) => c.title)).toEqual(['Alex Wilber', 'Abstención']);
    const confirm = nodes(cardOf(ballot), 'Action.Submit').find((a) => a.title === 'Confirmar mi voto')!;
    const vote = { ...(confirm.data as Record<string, unknown>), [choiceSet!.id as string]: choices[0]!.value };
    from = client.messages.length;
    await client.submit(me, pg.currentUserId, ballot.messageId ?? '', vote);
    // The ballot card itself becomes «Su voto quedó registrado» (an update in place, the only answer): wait for the register.
    const voters = e2e.app.store.collection<{ _id: string; state: string }>(VOTERS_COLLECTION);
    for (const deadline = Date.now() + 15_000; (await voters.countDocuments({ state: 'voted' })) === 0; ) {
      if (Date.now() > deadline) throw new Error('her vote was not recorded');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(client.messages.slice(from).filter((m) => m.conversationId === me && (m.text ?? '').includes('Su voto quedó registrado'))).toEqual([]);

    // The same ballot pressed again: refused (its card says «Ya votó en esta ronda»), nothing changes — the
    // results below count one vote for Alex Wilber and no abstention; «votar» says she voted.
    await client.submit(me, pg.currentUserId, ballot.messageId ?? '', { ...vote, [choiceSet!.id as string]: 'abstencion' });
    from = client.messages.length;
    await client.send(me, { from: pg.currentUserId, text: 'votar' });
    await client.waitFor(me, (m) => (m.text ?? '').startsWith('Ya votó en esta ronda'), from);
    expect(await voters.countDocuments({})).toBe(1);

    // Close: the results card in the channel and 1:1.
    from = client.messages.length;
    await client.send(me, { from: pg.currentUserId, text: `elecciones cerrar grupo ${myGroup}` });
    await client.waitFor(me, (m) => (m.text ?? '').includes('Se cerró la votación en 1 grupo'), from);
    const results = await client.waitFor(channel, (m) => cards(m).includes(`Resultados · Grupo ${myGroup}`), from, 20_000);
    const text = cards(results);
    expect(text).toContain('Participación: 1 integrante de 20 votó.');
    expect(text).toContain('electa **Alex Wilber**');
    expect(text).toContain('Alex Wilber (1 voto); 0 abstenciones');
    expect(text).toContain('**Secretaria:** sin candidatas; el cargo queda vacante.');
    await client.waitFor(me, (m) => cards(m).includes(`Resultados · Grupo ${myGroup}`), from, 20_000);

    // «mi grupo»: she is the representante.
    from = client.messages.length;
    await client.send(me, { from: pg.currentUserId, text: 'mi grupo' });
    const after = await client.waitFor(me, (m) => cards(m).includes(`Grupo ${myGroup}`), from);
    expect(cards(after)).toContain('Representante: Alex Wilber');
    expect(cards(after)).toContain('Secretaria: sin asignar');
  }, 120_000);
});
