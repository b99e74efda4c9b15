import restify, { type Request, type Response, type Server } from 'restify';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { Logger } from './logger.js';

/**
 * HTTP surface: POST /api/messages (Bot Framework), GET /healthz (alive), GET /readyz (store reachable),
 * GET /calendario/<token>.ics (a person's calendar file behind a signed link; never 5xx for a bad token).
 * The body of /api/messages is read and checked here before botbuilder sees it: not JSON, not an
 * activity → 400, over the size limit (declared or chunked) → 413, each with a short reason, never a crash.
 */
export interface ServerDeps {
  logger: Logger;
  maxBodyBytes: number;
  /** Processes a parsed, shape-checked activity body. */
  processActivity: (req: Request, res: Response) => Promise<void>;
  ready: () => Promise<void>;
  /**
   * GET /calendario/<token>.ics: a person's calendar file behind a signed, expiring link
   * (src/services/calendar/feed.ts). Absent: the route answers 404.
   */
  calendarFeed?: (token: string) => Promise<{ status: number; contentType: string; body: string }>;
}

const activityShape = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(512).optional(),
    channelId: z.string().min(1).max(64),
    serviceUrl: z.string().max(2048).optional(),
    conversation: z.object({ id: z.string().min(1).max(1024) }).loose(),
    from: z.object({ id: z.string().max(1024) }).loose().optional(),
    recipient: z.object({ id: z.string().max(1024) }).loose().optional(),
    text: z.string().max(28_000).optional(),
  })
  .loose();

/** A body that cannot be accepted; `message` is the short Spanish reason sent back, `cause` stays in the log. */
class BodyError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
  }
}

/**
 * Reads the body up to `limit` bytes, with or without Content-Length (chunked). Over the limit it stops
 * buffering at once and rejects with 413; the rest of the upload is discarded (not destroyed), so the
 * answer can still be written on the same socket.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () => new BodyError(`El cuerpo excede el límite de ${limit} bytes.`, 413);
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) {
    req.resume();
    return Promise.reject(tooLarge());
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
      fn();
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        settle(() => {
          req.resume(); // discard the rest
          reject(tooLarge());
        });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => settle(() => resolve(Buffer.concat(chunks)));
    const onError = (err: Error): void => settle(() => reject(new BodyError('No se pudo leer el cuerpo de la solicitud.', 400, err)));
    const onAborted = (): void => settle(() => reject(new BodyError('La conexión se cerró antes de recibir el cuerpo completo.', 400)));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}

/**
 * botbuilder's marker for proactive turns (adapter.continueConversationAsync builds it in process). The Bot
 * Connector never sends it; arriving over HTTP it can only be forged, so it is refused before any
 * middleware or handler runs (issue 9, item 13).
 */
function isContinuationEvent(body: { type: string; name?: unknown }): boolean {
  return body.type.toLowerCase() === 'event' && typeof body.name === 'string' && body.name.toLowerCase() === 'continueconversation';
}

export interface HttpServer {
  server: Server;
  /** Turns currently being processed. */
  inFlight(): number;
}

export function createHttpServer(deps: ServerDeps): HttpServer {
  const log = deps.logger.child({ component: 'http' });
  const server = restify.createServer({ name: 'red-de-coaching', handleUncaughtExceptions: false });
  let inFlight = 0;

  const badRequest = (res: Response, reason: string): void => {
    res.status(400);
    res.json({ error: 'bad_request', reason });
  };

  const tooLarge = (res: Response, reason: string): void => {
    res.status(413);
    // The client may still be sending: the answer closes the connection instead of waiting for the rest.
    res.header('connection', 'close');
    res.json({ error: 'payload_too_large', reason });
  };

  server.post('/api/messages', async (req: Request, res: Response) => {
    inFlight++;
    // Read before the body: once a stream is over its limit or aborted, its socket may be gone.
    const ip = req.socket?.remoteAddress;
    try {
      let raw: Buffer;
      try {
        raw = await readBody(req, deps.maxBodyBytes);
      } catch (err) {
        const status = err instanceof BodyError ? err.status : 400;
        const reason = err instanceof BodyError ? err.message : 'No se pudo leer el cuerpo de la solicitud.';
        log.warn({ reason, status, ip, ...(err instanceof BodyError && err.cause !== undefined ? { err: err.cause } : {}) }, 'request body rejected');
        return status === 413 ? tooLarge(res, reason) : badRequest(res, reason);
      }
      let json: unknown;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        log.warn({ bytes: raw.length, ip }, 'request body is not JSON');
        return badRequest(res, 'El cuerpo no es JSON válido.');
      }
      const shape = activityShape.safeParse(json);
      if (!shape.success) {
        log.warn({ issues: shape.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`) }, 'request body is not an activity');
        return badRequest(res, 'El cuerpo no es una actividad de Bot Framework válida.');
      }
      if (isContinuationEvent(shape.data)) {
        log.warn({ ip, activityId: shape.data.id, conversationId: shape.data.conversation.id }, 'ContinueConversation event from outside refused');
        return badRequest(res, 'Ese tipo de evento no se acepta por HTTP.');
      }
      (req as Request & { body: unknown }).body = json;
      await deps.processActivity(req, res);
    } catch (err) {
      log.error({ err }, 'request failed');
      if (!res.headersSent) {
        res.status(500);
        res.json({ error: 'internal_error' });
      }
    } finally {
      inFlight--;
    }
  });

  // A wildcard, not a ":token" parameter: the router caps parameters at 100 characters.
  server.get('/calendario/*', async (req: Request, res: Response) => {
    const send = (status: number, contentType: string, body: string): void => {
      res.writeHead(status, {
        'content-type': contentType,
        'cache-control': 'no-store, private',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        ...(status === 200 ? { 'content-disposition': 'attachment; filename="red-de-coaching.ics"' } : {}),
      });
      res.end(body);
    };
    try {
      const token = (req.params as Record<string, unknown> | undefined)?.['*'];
      if (!deps.calendarFeed || typeof token !== 'string') return send(404, 'text/plain; charset=utf-8', 'Not found');
      const reply = await deps.calendarFeed(token);
      send(reply.status, reply.contentType, reply.body);
    } catch (err) {
      log.error({ err }, 'calendar request failed');
      if (!res.headersSent) send(404, 'text/plain; charset=utf-8', 'Not found');
    }
  });

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    try {
      await deps.ready();
      res.json({ status: 'ready' });
    } catch (err) {
      log.warn({ err }, 'not ready');
      res.status(503);
      res.json({ status: 'unavailable' });
    }
  });

  return { server, inFlight: () => inFlight };
}
