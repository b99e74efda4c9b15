import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/services/registration/audit.js';
import { EditionService } from '../../src/services/registration/editions.js';
import type { PlaygroundClient, PlaygroundConfig } from '../support/playgroundClient.js';
import { startPlaygroundApp, type PlaygroundApp } from '../support/playgroundApp.js';

/**
 * Reports and file offers through the Microsoft 365 Agents Playground (local mode). The Playground cannot
 * answer a file consent card, so in local mode the bot's reply says the file is ready to accept (and why
 * the Playground shows no button); nothing else is offered. Only 127.0.0.1 is contacted.
 */
describe('files and reports through the Agents Playground', () => {
  let e2e: PlaygroundApp;
  let client: PlaygroundClient;
  let pg: PlaygroundConfig;

  beforeAll(async () => {
    e2e = await startPlaygroundApp({
      name: 'files',
      beforeListen: async (app) => {
        const editions = new EditionService(app.store, new AuditLog(app.store));
        await editions.create({ id: '2026', nombre: 'Red de Coaching 2026' }, 'aad:setup');
        await editions.activate('2026', 'aad:setup');
      },
    });
    ({ client, pg } = e2e);
    // The Playground's current user is an administrator in this run (the 'admins' collection of RoleService).
    const adminId = e2e.currentUser.aadObjectId;
    expect(adminId).not.toBe('');
    await e2e.app.store.collection<{ _id: string; addedBy: string; addedAt: Date }>('admins').insertOne({ _id: adminId, addedBy: 'test', addedAt: new Date() });
  });

  afterAll(async () => e2e?.close());

  it('"registros" renders the statistics card', async () => {
    const from = client.messages.length;
    await client.send(pg.personalConversationId, { from: pg.currentUserId, text: 'registros' });
    const reply = await client.waitFor(pg.personalConversationId, (m) => JSON.stringify(m.attachments ?? []).includes('Registros de la Red de Coaching'), from);
    expect(JSON.stringify(reply.attachments)).toContain('Red de Coaching 2026');
  });

  it('"exportar registros" says the file is ready to accept, with the consent card referencing it by id', async () => {
    const from = client.messages.length;
    await client.send(pg.personalConversationId, { from: pg.currentUserId, text: 'exportar registros' });
    const text = await client.waitFor(pg.personalConversationId, (m) => (m.text ?? '').includes('está listo para aceptarse'), from);
    expect(text.text).toMatch(/Modo local: el Agents Playground no muestra las tarjetas de consentimiento/);
    const card = await client.waitFor(pg.personalConversationId, (m) => (m.attachments ?? []).some((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.consent'), from);
    const content = card.attachments![0]!.content as { acceptContext: { pendingFileId: string }; sizeInBytes: number };
    expect(content.acceptContext.pendingFileId).toMatch(/^[0-9a-f-]{36}$/);
    expect(content.sizeInBytes).toBeGreaterThan(0);
  });
});
