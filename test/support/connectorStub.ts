import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A minimal Bot Connector on 127.0.0.1 that accepts the bot's replies
 * (POST /v3/conversations/{id}/activities[/{replyToId}]) and records them. Used by HTTP tests and by
 * bench:turns. It answers every reply immediately with a new activity id.
 */
export interface RecordedReply {
  conversationId: string;
  activity: Record<string, unknown>;
  at: number;
}

export interface ConnectorStub {
  url: string;
  replies: RecordedReply[];
  /** Delay before answering each reply (simulates a slow connector). */
  delayMs: number;
  /** Called for every reply (bench uses it to time turns). */
  onReply?: (r: RecordedReply) => void;
  waitForReplies(count: number, timeoutMs?: number): Promise<RecordedReply[]>;
  close(): Promise<void>;
}

export async function startConnectorStub(): Promise<ConnectorStub> {
  let seq = 0;
  const stub: ConnectorStub = {
    url: '',
    replies: [],
    delayMs: 0,
    async waitForReplies(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (stub.replies.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} replies, got ${stub.replies.length}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return stub.replies;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/.exec(req.url ?? '');
      if (req.method === 'POST' && m) {
        let activity: Record<string, unknown>;
        try {
          activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        } catch {
          res.writeHead(400);
          res.end();
          return;
        }
        const r: RecordedReply = { conversationId: decodeURIComponent(m[1]!), activity, at: performance.now() };
        stub.replies.push(r);
        stub.onReply?.(r);
        const answer = () => {
          // Not chained: restify, loaded in the same process, patches ServerResponse.writeHead.
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id: `reply-${++seq}` }));
        };
        if (stub.delayMs > 0) setTimeout(answer, stub.delayMs);
        else answer();
        return;
      }
      res.writeHead(404);
      res.end();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return stub;
}
