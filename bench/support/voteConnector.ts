import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Bot Connector on 127.0.0.1 for bench/vote.ts. Like test/support/connectorStub.ts it accepts the bot's
 * replies (POST /v3/conversations/{id}/activities[/{replyToId}]) at once, and also what the vote turn and the
 * delivery engine need besides: card updates in place (PUT /v3/conversations/{id}/activities/{activityId}) and
 * personal chats opened proactively (POST /v3/conversations). It keeps, per incoming activity id (the reply's
 * replyToId), the texts the bot answered, and per updated card id its latest attachments (JSON), and counts
 * everything else (proactive notices, card updates).
 */
export interface VoteConnector {
  url: string;
  /** Texts answered in a turn, by the id of the activity the bot was answering. */
  textsByTurn: Map<string, string[]>;
  /** Messages without replyToId (notices through the delivery engine), by conversation id. */
  proactive: Map<string, number>;
  /** Proactive messages carrying a card with this marker in its JSON (the ballot's verb): conversation id → the message id. */
  markedCards: Map<string, string>;
  /** The marker looked for in proactive cards (set by the bench). */
  cardMarker: string;
  /** Cards updated in place: card (activity) id → its latest attachments as JSON text. */
  cardsById: Map<string, string>;
  updates: number;
  conversationsCreated: number;
  close(): Promise<void>;
}

export async function startVoteConnector(): Promise<VoteConnector> {
  let seq = 0;
  const c: VoteConnector = {
    url: '',
    textsByTurn: new Map(),
    proactive: new Map(),
    markedCards: new Map(),
    cardMarker: '',
    cardsById: new Map(),
    updates: 0,
    conversationsCreated: 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (b: Buffer) => chunks.push(b));
    req.on('end', () => {
      let body: Record<string, unknown>;
      try {
        body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
      } catch {
        json(res, 400, {});
        return;
      }
      const url = req.url ?? '';
      if (req.method === 'POST' && /^\/v3\/conversations\/?$/.test(url)) {
        c.conversationsCreated++;
        json(res, 201, { id: `a:bench-created-${++seq}` });
        return;
      }
      const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(url);
      if (m && req.method === 'PUT') {
        c.updates++;
        c.cardsById.set(decodeURIComponent(m[2] ?? ''), JSON.stringify(body.attachments ?? []));
        json(res, 200, { id: decodeURIComponent(m[2] ?? '') });
        return;
      }
      if (m && req.method === 'POST') {
        const replyTo = typeof body.replyToId === 'string' ? body.replyToId : undefined;
        if (replyTo) {
          const list = c.textsByTurn.get(replyTo) ?? [];
          list.push(typeof body.text === 'string' ? body.text : '');
          c.textsByTurn.set(replyTo, list);
        } else {
          const conv = decodeURIComponent(m[1]!);
          c.proactive.set(conv, (c.proactive.get(conv) ?? 0) + 1);
          const id = `reply-${++seq}`;
          if (c.cardMarker && JSON.stringify(body.attachments ?? []).includes(c.cardMarker)) c.markedCards.set(conv, id);
          json(res, 200, { id });
          return;
        }
        json(res, 200, { id: `reply-${++seq}` });
        return;
      }
      json(res, 404, {});
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  c.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return c;
}
