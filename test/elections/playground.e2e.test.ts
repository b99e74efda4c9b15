import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlaygroundApp, type PlaygroundApp } from '../support/playgroundApp.js';
import type { PlaygroundClient, PlaygroundConfig, PlaygroundMessage } from '../support/playgroundClient.js';
import { realisticRoster } from '../helpers/rosterFixtures.js';
import { validatedMember } from '../groups/support.js';
import { loadDefaultCatalog } from '../../src/data/defaultCatalog.js';
import { memberId, type MemberRecord } from '../../src/domain/member.js';
import { GroupSetService } from '../../src/services/groupSets.js';
import { VOTERS_COLLECTION } from '../../src/services/elections/index.js';
import { createRegistrationServices } from '../../src/services/registration/index.js';
import { MEMBERS_COLLECTION } from '../../src/services/registration/members.js';

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
  const EDITION = '2026';

  beforeAll(async () => {
    e2e = await startPlaygroundApp({
      name: 'elections',
      beforeListen: async (app) => {
        const reg = createRegistrationServices(app.store, { adminAadIds: [] });
        await reg.init();
        await reg.editions.create({ id: EDITION, nombre: 'Red 2026' }, 'aad:setup');
        await reg.editions.activate(EDITION, 'aad:setup');
      },
    });
    ({ client, pg } = e2e);
    const me = e2e.currentUser.aadObjectId;
    expect(me).not.toBe('');
    const store = e2e.app.store;
    await store.collection<{ _id: string; addedBy: string; addedAt: Date }>('admins').insertOne({ _id: me, addedBy: 'test', addedAt: new Date() });
    const members = realisticRoster(loadDefaultCatalog(), 12, 40).map((r, i) =>
      validatedMember(
        EDITION,
        r,
        i === 0
          ? { key: `aad:${me}`, userId: pg.currentUserId, nombre: 'Alex Wilber', correo: e2e.currentUser.email ?? 'alexw@example.com' }
          : { key: `aad:00000000-0000-0000-0000-${String(700 + i).padStart(12, '0')}`, userId: `29:sin-app-${i}` },
      ),
    );
    await store.collection<MemberRecord>(MEMBERS_COLLECTION).insertMany(members);
    const groups = new GroupSetService(store, pino({ level: 'silent' }));
    await groups.propose(EDITION, members, { groups: 2 }, 'aad:setup');
    myGroup = (await groups.get(EDITION))!.assignment[memberId(EDITION, `aad:${me}`)]!;
    // The group's space: the General channel, linked the way UTIGyND does it (an @mention in the channel).
    const from = client.messages.length;
    await client.send(pg.generalChannelId, { from: pg.currentUserId, text: `vincular grupo ${myGroup}`, mentionBot: { id: pg.botId, name: pg.botName } });
    await client.waitFor(pg.generalChannelId, (m) => (m.text ?? '').includes(`vinculado con el Grupo ${myGroup}`), from);
    await groups.confirm(EDITION, 'aad:setup');
  });

  afterAll(async () => e2e?.close());

  const cards = (m: { attachments?: unknown }) => JSON.stringify(m.attachments ?? []);
  const cardOf = (m: PlaygroundMessage): unknown => m.attachments?.[0]?.content;

  /** Every node of a card with the given type (Action.Submit, Input.ChoiceSet…). */
  function nodes(card: unknown, type: string): Record<string, unknown>[] {
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
    from = client.messages.length;
    await client.submit(me, pg.currentUserId, nomination.messageId ?? '', postularme!.data as Record<string, unknown>);
    await client.waitFor(me, (m) => (m.text ?? '').includes('Quedó registrada como candidata a representante de su grupo.'), from);

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
