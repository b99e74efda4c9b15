import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaygroundApp } from '../support/playgroundApp.js';
import type { PlaygroundClient, PlaygroundConfig } from '../support/playgroundClient.js';
import { cardsText, E2E_EDITION, seedMembers, startPlaygroundWithEdition } from '../support/playgroundEdition.js';
import { memberId } from '../../src/domain/member.js';
import type { GroupSetDoc } from '../../src/services/groupSets.js';

/**
 * Issue 4 end to end through the Agents Playground: the administrator (the Playground's current user) forms
 * and confirms groups from her personal chat after linking her group to the General channel with an
 * @mention; her 1:1 notice and the channel roster arrive through the real delivery engine and transport.
 */
describe('groups end to end through the Agents Playground', () => {
  let e2e: PlaygroundApp;
  let client: PlaygroundClient;
  let pg: PlaygroundConfig;
  const EDITION = E2E_EDITION;

  beforeAll(async () => {
    e2e = await startPlaygroundWithEdition('groups');
    ({ client, pg } = e2e);
    await seedMembers(e2e, { count: 40, seed: 11, keyBase: 900 });
  });

  afterAll(async () => e2e?.close());

  const cards = cardsText;

  it('link a channel, confirm groups: the member gets her 1:1 card and the channel gets the roster', async () => {
    const me = pg.personalConversationId;
    let from = client.messages.length;
    await client.send(me, { from: pg.currentUserId, text: 'grupos proponer grupos 2' });
    await client.waitFor(me, (m) => cards(m).includes('Propuesta de grupos'), from);
    const set = await e2e.app.store.collection<GroupSetDoc>('groupSets').findOne({ _id: EDITION });
    const myGroup = set!.assignment[memberId(EDITION, `aad:${e2e.currentUser.aadObjectId}`)]!;
    expect(myGroup).toBeGreaterThanOrEqual(1);

    from = client.messages.length;
    await client.send(pg.generalChannelId, { from: pg.currentUserId, text: `vincular grupo ${myGroup}`, mentionBot: { id: pg.botId, name: pg.botName } });
    await client.waitFor(pg.generalChannelId, (m) => (m.text ?? '').includes(`vinculado con el Grupo ${myGroup}`), from);

    from = client.messages.length;
    await client.send(me, { from: pg.currentUserId, text: 'grupos confirmar' });
    await client.waitFor(me, (m) => (m.text ?? '').includes('Grupos confirmados'), from);
    const notice = await client.waitFor(me, (m) => cards(m).includes(`Su grupo en la Red de Coaching: Grupo ${myGroup}`), from, 20_000);
    expect(cards(notice)).toContain('Alex Wilber');
    const roster = await client.waitFor(pg.generalChannelId, (m) => cards(m).includes(`Integrantes del Grupo ${myGroup}`), from, 20_000);
    expect(cards(roster)).toContain('Alex Wilber');
    // The other members have no chat with the bot: they wait for the install, listed for UTIGyND.
    from = client.messages.length;
    await client.send(me, { from: pg.currentUserId, text: 'envios estado' });
    const status = await client.waitFor(me, (m) => cards(m).includes('Estado de los envíos'), from);
    expect(cards(status)).toMatch(/en espera de la aplicación 39/);
  });
});
