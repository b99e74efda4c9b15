import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createRegistrationServices, type RegistrationServices } from '../../src/services/registration/index.js';
import { CONSENT_VERSION } from '../../src/domain/registration.js';
import { VERBS } from '../../src/cards/verbs.js';
import type { PlaygroundClient, PlaygroundConfig, PlaygroundMessage } from '../support/playgroundClient.js';
import { startPlaygroundApp, type PlaygroundApp } from '../support/playgroundApp.js';

/**
 * Issue 9, item 17 through the Microsoft 365 Agents Playground: its connector implements the update of a sent
 * activity (PUT /v3/conversations/{id}/activities/{activityId}), so the "pendientes" card is replaced in place
 * after "Aprobar". Only 127.0.0.1 is contacted.
 */
describe('"pendientes" card updated in place, through the Agents Playground', () => {
  let e2e: PlaygroundApp;
  let client: PlaygroundClient;
  let pg: PlaygroundConfig;
  let s: RegistrationServices;
  let frames: Record<string, unknown>[];
  let ws: WebSocket;

  beforeAll(async () => {
    e2e = await startPlaygroundApp({
      name: 'pending',
      beforeListen: async (app) => {
        s = createRegistrationServices(app.store, { adminAadIds: [] });
        await s.init();
        await s.editions.create({ id: '2026', nombre: 'Red de Coaching 2026' }, 'aad:setup');
        await s.editions.activate('2026', 'aad:setup');
        await s.editions.openNow('2026', 'aad:setup');
        for (const [i, nombre] of ['Berta Ruiz Soto', 'Carla Méndez'].entries()) {
          await s.members.register({
            editionId: '2026',
            aadObjectId: `00000000-0000-0000-0000-00000000000${i + 1}`,
            userId: `29:persona-${i}`,
            profile: { nombre, correo: `persona${i}@ine.mx`, vocalia: i ? 'VS' : 'VE', ambito: 'JDE', entidad: '09', distrito: 5, circunscripcion: 4, ejesInteres: [] },
            consent: { accepted: true, at: new Date(), version: CONSENT_VERSION },
          });
        }
      },
    });
    ({ client, pg } = e2e);
    // The Playground's user id is not a real Entra GUID: she is made an administrator directly in the store.
    await e2e.app.store.collection<{ _id: string; addedBy: string; addedAt: Date }>('admins').insertOne({ _id: e2e.currentUser.aadObjectId, addedBy: 'test', addedAt: new Date() });
    frames = [];
    ws = new WebSocket(`ws://127.0.0.1:${client.port}/_ws_conversation/v1/conversations/stream`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.on('message', (data: Buffer) => {
      try {
        frames.push(JSON.parse(data.toString('utf8')) as Record<string, unknown>);
      } catch {
        // not JSON
      }
    });
  });

  afterAll(async () => {
    ws?.close();
    await e2e?.close();
  });

  const cardText = (m: PlaygroundMessage) => JSON.stringify(m.attachments ?? []);

  it('"Aprobar" replaces the card the admin clicked on', async () => {
    const conv = pg.personalConversationId;
    const berta = (await s.members.list('2026')).find((m) => m.nombre === 'Berta Ruiz Soto')!;
    let from = client.messages.length;
    await client.send(conv, { from: pg.currentUserId, text: 'pendientes' });
    const card = await client.waitFor(conv, (m) => cardText(m).includes(VERBS.regApprove), from);
    expect(cardText(card)).toContain(berta._id);

    from = client.messages.length;
    const seen = frames.length;
    await client.submit(conv, pg.currentUserId, card.messageId ?? '', { verb: VERBS.regApprove, memberId: berta._id });
    await client.waitFor(conv, (m) => (m.text ?? '').includes('aprobé el registro de Berta Ruiz Soto'), from);
    // The Playground pushes the update on its WebSocket as { action: 'updateMessage', message: { messageId } }.
    const deadline = Date.now() + 10_000;
    let update: { message?: { messageId?: string; attachments?: unknown } } | undefined;
    while (!update && Date.now() < deadline) {
      update = frames.slice(seen).find((f) => f.action === 'updateMessage' && (f.message as { messageId?: string } | undefined)?.messageId === card.messageId);
      if (!update) await new Promise((r) => setTimeout(r, 50));
    }
    expect(update).toBeDefined();
    const updated = JSON.stringify(update?.message?.attachments ?? []);
    expect(updated).not.toContain(berta._id);
    expect(updated).toContain('Carla Méndez');
    expect(updated).toContain('1 registro por validar');
    expect((await s.members.get('2026', berta.personKey))?.status).toBe('validated');
  });
});
