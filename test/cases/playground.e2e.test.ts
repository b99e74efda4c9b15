import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaygroundApp } from '../support/playgroundApp.js';
import type { PlaygroundClient, PlaygroundConfig, PlaygroundMessage } from '../support/playgroundClient.js';
import { cardNodes, cardsText as cards, seedMembers, startPlaygroundWithEdition } from '../support/playgroundEdition.js';

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

  beforeAll(async () => {
    e2e = await startPlaygroundWithEdition('cases');
    ({ client, pg } = e2e);
    await seedMembers(e2e, { count: 1, seed: 1, keyBase: 0 });
  });

  afterAll(async () => e2e?.close());

  const cardOf = (m: PlaygroundMessage): unknown => m.attachments?.[0]?.content;
  const submits = (card: unknown): Record<string, unknown>[] => cardNodes(card, 'Action.Submit');

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
