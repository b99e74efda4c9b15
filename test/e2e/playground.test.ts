import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlaygroundApp, type PlaygroundApp } from '../support/playgroundApp.js';
import type { PlaygroundClient, PlaygroundConfig } from '../support/playgroundClient.js';

/**
 * End to end through the Microsoft 365 Agents Playground (the local Teams client and connector): the real
 * server on a free port, the Playground pointed at it, messages sent through its HTTP API and the bot's
 * replies read from its WebSocket. Only 127.0.0.1 is contacted.
 */
describe('end to end through the Agents Playground', () => {
  let e2e: PlaygroundApp;
  let client: PlaygroundClient;
  let pg: PlaygroundConfig;

  beforeAll(async () => {
    e2e = await startPlaygroundApp({ name: 'basics' });
    ({ client, pg } = e2e);
  });

  afterAll(async () => e2e?.close());

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
