import { WebSocket } from 'ws';
import net from 'node:net';

/** A client for the Agents Playground's HTTP/WebSocket API (see docs in README: pruebas de extremo a extremo). */
export interface PlaygroundMessage {
  conversationId: string;
  messageId?: string;
  text?: string;
  attachments?: { contentType?: string; content?: unknown }[];
  /** 'update' when the bot replaced an earlier message in place (updateActivity); same messageId as the original. */
  kind: 'create' | 'update';
  raw: Record<string, unknown>;
}

export interface PlaygroundConfig {
  tenantId: string;
  botId: string;
  botName: string;
  currentUserId: string;
  personalConversationId: string;
  groupChatId: string;
  teamId: string;
  generalChannelId: string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export class PlaygroundClient {
  private ws?: WebSocket;
  readonly messages: PlaygroundMessage[] = [];

  constructor(readonly port: number) {}

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async config(): Promise<PlaygroundConfig> {
    const res = await fetch(`${this.base}/_internal/v1/config`);
    const c = (await res.json()) as Record<string, unknown>;
    return extractConfig(c);
  }

  async connect(): Promise<void> {
    const ws = new WebSocket(`ws://127.0.0.1:${this.port}/_ws_conversation/v1/conversations/stream`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.on('message', (data: Buffer) => {
      try {
        const m = JSON.parse(data.toString('utf8')) as { action?: string; actionConversationId?: string; message?: Record<string, unknown> };
        if ((m.action === 'createMessage' || m.action === 'updateMessage') && m.message) {
          this.messages.push({
            kind: m.action === 'updateMessage' ? 'update' : 'create',
            conversationId: m.actionConversationId ?? '',
            messageId: m.message.messageId as string | undefined,
            text: m.message.text as string | undefined,
            attachments: m.message.attachments as PlaygroundMessage['attachments'],
            raw: m.message,
          });
        }
      } catch {
        // ignore frames that are not JSON
      }
    });
    this.ws = ws;
  }

  /** Sends a message as a mock user; in group chats and channels pass the bot mention. */
  async send(conversationId: string, body: { from: string; text: string; mentionBot?: { id: string; name: string } }): Promise<string> {
    const payload: Record<string, unknown> = { from: { id: body.from }, text: body.text, textFormat: 'plain' };
    if (body.mentionBot) {
      const mention = `<at>${body.mentionBot.name}</at>`;
      payload.text = `${mention} ${body.text}`;
      payload.mentions = [{ mentioned: { id: body.mentionBot.id, name: body.mentionBot.name }, text: mention }];
    }
    const res = await fetch(`${this.base}/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    if (!res.ok) throw new Error(`Playground send failed: ${res.status} ${await res.text()}`);
    return res.text();
  }

  async submit(conversationId: string, from: string, replyToId: string, value: Record<string, unknown>): Promise<void> {
    const res = await fetch(`${this.base}/_conversation/v1/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ conversation: { id: conversationId }, from: { id: from }, replyToId, value }),
    });
    if (!res.ok) throw new Error(`Playground submit failed: ${res.status} ${await res.text()}`);
  }

  /** Waits for a bot message in a conversation (optionally matching a predicate) after index `from`. */
  async waitFor(conversationId: string, predicate: (m: PlaygroundMessage) => boolean = () => true, from = 0, timeoutMs = 15_000): Promise<PlaygroundMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // A reply in a channel goes to the thread: "<channel>;messageid=<root>".
      const found = this.messages.slice(from).find((m) => (m.conversationId === conversationId || m.conversationId.startsWith(`${conversationId};`)) && predicate(m));
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(`No matching bot message in ${conversationId}; got: ${JSON.stringify(this.messages.map((m) => [m.conversationId, m.text]))}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** The latest version of a message (its last update in place, or the message itself). */
  latest(messageId: string): PlaygroundMessage | undefined {
    return this.messages.filter((m) => m.messageId === messageId).at(-1);
  }

  /** Waits for the message `messageId` to be updated in place after index `from` so that it matches `predicate`. */
  async waitForUpdate(messageId: string, predicate: (m: PlaygroundMessage) => boolean = () => true, from = 0, timeoutMs = 15_000): Promise<PlaygroundMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.slice(from).find((m) => m.kind === 'update' && m.messageId === messageId && predicate(m));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`Message ${messageId} was not updated as expected; its versions: ${JSON.stringify(this.messages.filter((m) => m.messageId === messageId).map((m) => m.text ?? JSON.stringify(m.attachments ?? []).slice(0, 200)))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  close(): void {
    this.ws?.close();
  }
}

/** Reads the ids the tests need from GET /_internal/v1/config (conversation ids change on every start). */
interface RawConfig {
  config: {
    tenantId: string;
    bot: { id: string; name: string };
    currentUser: { id: string };
    personalChat: { id: string };
    groupChats: { id: string }[];
    teams: { id: string; channels: { id: string; name: string }[] }[];
  };
}

function extractConfig(c: Record<string, unknown>): PlaygroundConfig {
  const { config } = c as unknown as RawConfig;
  const team = config.teams[0];
  return {
    tenantId: config.tenantId,
    botId: config.bot.id,
    botName: config.bot.name,
    currentUserId: config.currentUser.id,
    personalConversationId: config.personalChat.id,
    groupChatId: config.groupChats[0]?.id ?? '',
    teamId: team?.id ?? '',
    generalChannelId: team?.channels.find((ch) => ch.name === 'General')?.id ?? team?.id ?? '',
  };
}
