import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { AuditLog } from '../../src/services/registration/audit.js';
import { EditionService } from '../../src/services/registration/editions.js';
import { startPlayground, waitForPlayground } from '../../scripts/playground.js';
import { freePort, PlaygroundClient, type PlaygroundConfig } from '../support/playgroundClient.js';

/**
 * Reports and file offers through the Microsoft 365 Agents Playground (local mode). The Playground cannot
 * answer a file consent card, so in local mode the bot's reply says the file is ready to accept (and why
 * the Playground shows no button); nothing else is offered. Only 127.0.0.1 is contacted.
 */
describe('files and reports through the Agents Playground', () => {
  let app: App;
  let playground: ChildProcess | undefined;
  let client: PlaygroundClient;
  let pg: PlaygroundConfig;
  let workDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), 'rdc-e2e-files-'));
    const config = loadConfig({ BOT_MODE: 'local', PORT: '0', DATA_DIR: path.join(workDir, 'data'), LOG_LEVEL: 'silent' });
    app = await createApp(config, { logger: pino({ level: 'silent' }) });
    const editions = new EditionService(app.store, new AuditLog(app.store));
    await editions.create({ id: '2026', nombre: 'Red de Coaching 2026' }, 'aad:setup');
    await editions.activate('2026', 'aad:setup');
    const botPort = await app.listen();
    const pgPort = await freePort();
    playground = startPlayground({ botEndpoint: `http://127.0.0.1:${botPort}/api/messages`, port: pgPort, cwd: workDir, stdio: 'ignore' });
    await waitForPlayground(pgPort);
    client = new PlaygroundClient(pgPort);
    pg = await client.config();
    // The Playground's current user is an administrator in this run (the 'admins' collection of RoleService).
    const raw = (await (await fetch(`${client.base}/_internal/v1/config`)).json()) as { config: { currentUser: { aadObjectId?: string } } };
    const adminId = raw.config.currentUser.aadObjectId?.toLowerCase() ?? '';
    expect(adminId).not.toBe('');
    await app.store.collection<{ _id: string; addedBy: string; addedAt: Date }>('admins').insertOne({ _id: adminId, addedBy: 'test', addedAt: new Date() });
    await client.connect();
  });

  afterAll(async () => {
    client?.close();
    if (playground && playground.exitCode === null) {
      const exited = new Promise((r) => playground!.once('exit', r));
      playground.kill('SIGTERM');
      await exited;
    }
    await app?.close();
    await rm(workDir, { recursive: true, force: true });
  });

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
