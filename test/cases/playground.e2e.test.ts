import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlaygroundApp, type PlaygroundApp } from '../support/playgroundApp.js';
import type { PlaygroundClient, PlaygroundConfig, PlaygroundMessage } from '../support/playgroundClient.js';
import { realisticRoster } from '../helpers/rosterFixtures.js';
import { validatedMember } from '../groups/support.js';
import { loadDefaultCatalog } from '../../src/data/defaultCatalog.js';
import type { MemberRecord } from '../../src/domain/member.js';
import { createRegistrationServices } from '../../src/services/registration/index.js';
import { MEMBERS_COLLECTION } from '../../src/services/registration/members.js';

/**
 * Issue 14 end to end through the Agents Playground: the Playground's current user (Alex Wilber) is a validated
 * member and UTIGyND. She writes «contactar», sends the card, gets her folio; the staff card reaches her 1:1
 * through the real delivery engine; she answers it as UTIGyND («Responder»); the answer reaches her 1:1 as the
 * member, and «mis consultas» shows it answered.
 */
describe('consultas end to end through the Agents Playground', () => {
  let e2e: PlaygroundApp;
  let client: PlaygroundClient;
  let pg: PlaygroundConfig;
  const EDITION = '2026';

  beforeAll(async () => {
    e2e = await startPlaygroundApp({
      name: 'cases',
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
    const [row] = realisticRoster(loadDefaultCatalog(), 1, 1);
    await store
      .collection<MemberRecord>(MEMBERS_COLLECTION)
      .insertOne(validatedMember(EDITION, row!, { key: `aad:${me}`, userId: pg.currentUserId, nombre: 'Alex Wilber', correo: e2e.currentUser.email ?? 'alexw@example.com' }));
  });

  afterAll(async () => e2e?.close());

  const cards = (m: { attachments?: unknown }) => JSON.stringify(m.attachments ?? []);
  const cardOf = (m: PlaygroundMessage): unknown => m.attachments?.[0]?.content;
  function submits(card: unknown): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === 'object') {
        const o = n as Record<string, unknown>;
        if (o.type === 'Action.Submit') out.push(o);
        Object.values(o).forEach(walk);
      }
    };
    walk(card);
    return out;
  }

  it('contactar → folio → staff card 1:1 → Responder → the member sees the answer', async () => {
    const me = pg.personalConversationId;
    let from = client.messages.length;
    await client.send(me, { from: pg.currentUserId, text: 'contactar' });
    const form = await client.waitFor(me, (m) => cards(m).includes('Escribir a la UTIGyND'), from);
    const send = submits(cardOf(form)).find((a) => a.title === 'Enviar')!;
    expect(send).toBeDefined();

    from = client.messages.length;
    await client.submit(me, pg.currentUserId, form.messageId ?? '', {
      ...(send.data as Record<string, unknown>),
      subject: 'No veo mi grupo',
      category: 'tecnico',
      message: 'Al escribir «mi grupo» no aparece nada. <b>gracias</b>',
    });
    await client.waitFor(me, (m) => (m.text ?? '').includes('Recibimos su consulta con el folio **1**'), from);
    // The staff card, 1:1 through the delivery engine, with her text as written.
    const staff = await client.waitFor(me, (m) => cards(m).includes('Consulta, folio 1') && cards(m).includes('Responder'), from, 20_000);
    expect(cards(staff)).toContain('Al escribir «mi grupo» no aparece nada. <b>gracias</b>');

    const answer = submits(cardOf(staff)).find((a) => a.title === 'Responder')!;
    from = client.messages.length;
    await client.submit(me, pg.currentUserId, staff.messageId ?? '', { ...(answer.data as Record<string, unknown>), reply: 'Ya puede verlo: revisamos su registro.' });
    await client.waitFor(me, (m) => (m.text ?? '').includes('va en camino a la integrante'), from);
    const reply = await client.waitFor(me, (m) => cards(m).includes('Respuesta de la UTIGyND · folio 1'), from, 20_000);
    expect(cards(reply)).toContain('Ya puede verlo: revisamos su registro.');

    from = client.messages.length;
    await client.send(me, { from: pg.currentUserId, text: 'mis consultas' });
    const mine = await client.waitFor(me, (m) => (m.text ?? '').includes('Sus consultas y solicitudes'), from);
    expect(mine.text).toContain('Consulta folio **1**: «No veo mi grupo» · Abierta, respondida');
  }, 120_000);
});
