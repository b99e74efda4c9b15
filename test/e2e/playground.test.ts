import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { playgroundBin, startPlayground, waitForPlayground } from '../../scripts/playground.js';
import { freePort, PlaygroundClient, type PlaygroundConfig } from '../support/playgroundClient.js';

/**
 * End to end through the Microsoft 365 Agents Playground (the local Teams client and connector): the real
 * server on a free port, the Playground pointed at it, messages sent through its HTTP API and the bot's
 * replies read from its WebSocket. Only 127.0.0.1 is contacted.
 */
describe('end to end through the Agents Playground', () => {
  let app: App;
  let playground: ChildProcess;
  let client: PlaygroundClient;
  let pg: PlaygroundConfig;
  let workDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), 'rdc-e2e-'));
    const config = loadConfig({ BOT_MODE: 'local', PORT: '0', DATA_DIR: path.join(workDir, 'data'), LOG_LEVEL: 'silent' });
    app = await createApp(config, { logger: pino({ level: 'silent' }) });
    const botPort = await app.listen();
    const pgPort = await freePort();
    playground = startPlayground({ botEndpoint: `http://127.0.0.1:${botPort}/api/messages`, port: pgPort, cwd: workDir, stdio: 'ignore' });
    expect(playgroundBin()).toContain('m365agentsplayground');
    await waitForPlayground(pgPort);
    client = new PlaygroundClient(pgPort);
    pg = await client.config();
    await client.connect();
  });

  afterAll(async () => {
    client?.close();
    if (playground && playground.exitCode === null) {
      const exited = new Promise((r) => playground.once('exit', r));
      playground.kill('SIGTERM');
      await exited;
    }
    await app?.close();
    await rm(workDir, { recursive: true, force: true });
  });

  it('personal chat: "hola" gets the Spanish welcome', async () => {
    const from = client.messages.length;
    await client.send(pg.personalConversationId, { from: pg.currentUserId, text: 'hola' });
    const reply = await client.waitFor(pg.personalConversationId, (m) => JSON.stringify(m.attachments ?? []).includes('bienvenida'), from);
    expect(JSON.stringify(reply.attachments)).toContain('Red de Coaching');
  });

  it('personal chat: "ayuda" gets the help card', async () => {
    const from = client.messages.length;
    await client.send(pg.personalConversationId, { from: pg.currentUserId, text: 'ayuda' });
    const reply = await client.waitFor(pg.personalConversationId, (m) => JSON.stringify(m.attachments ?? []).includes('Ayuda de la Red de Coaching'), from);
    expect(JSON.stringify(reply.attachments)).toContain('ayuda');
  });

  it('personal chat: the card button "Ver ayuda" (Action.Submit) works', async () => {
    const from = client.messages.length;
    await client.send(pg.personalConversationId, { from: pg.currentUserId, text: 'hola' });
    const welcome = await client.waitFor(pg.personalConversationId, (m) => JSON.stringify(m.attachments ?? []).includes('bienvenida'), from);
    const after = client.messages.length;
    await client.submit(pg.personalConversationId, pg.currentUserId, welcome.messageId ?? '', { verb: 'showHelp' });
    await client.waitFor(pg.personalConversationId, (m) => JSON.stringify(m.attachments ?? []).includes('Ayuda de la Red de Coaching'), after);
  });

  it('team channel: an @mention with "ayuda" is answered in that channel', async () => {
    const from = client.messages.length;
    await client.send(pg.generalChannelId, { from: pg.currentUserId, text: 'ayuda', mentionBot: { id: pg.botId, name: pg.botName } });
    const reply = await client.waitFor(pg.generalChannelId, (m) => JSON.stringify(m.attachments ?? []).includes('Ayuda de la Red de Coaching'), from);
    expect(JSON.stringify(reply.attachments)).toContain('mencione al bot');
  });

  it('group chat: an @mention with "ayuda" is answered in that chat', async () => {
    const from = client.messages.length;
    await client.send(pg.groupChatId, { from: pg.currentUserId, text: 'ayuda', mentionBot: { id: pg.botId, name: pg.botName } });
    await client.waitFor(pg.groupChatId, (m) => JSON.stringify(m.attachments ?? []).includes('Ayuda de la Red de Coaching'), from);
  });
});
