import restify, { type Request, type Response, type Server } from 'restify';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { Logger } from './logger.js';

/**
 * HTTP surface: POST /api/messages (Bot Framework), GET /healthz (alive), GET /readyz (store reachable).
 * The body of /api/messages is read and checked here before botbuilder sees it: not JSON, not an
 * activity or over the size limit → 400 with a short reason, never a crash.
 */
export interface ServerDeps {
  logger: Logger;
  maxBodyBytes: number;
  /** Processes a parsed, shape-checked activity body. */
  processActivity: (req: Request, res: Response) => Promise<void>;
  ready: () => Promise<void>;
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

class BodyError extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) throw new BodyError(`El cuerpo excede el límite de ${limit} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > limit) throw new BodyError(`El cuerpo excede el límite de ${limit} bytes.`);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
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

  server.post('/api/messages', async (req: Request, res: Response) => {
    inFlight++;
    try {
      let raw: Buffer;
      try {
        raw = await readBody(req, deps.maxBodyBytes);
      } catch (err) {
        log.warn({ reason: (err as Error).message, ip: req.socket.remoteAddress }, 'request body rejected');
        // Drain whatever is left so the connection can be reused or closed cleanly.
        req.resume();
        return badRequest(res, err instanceof BodyError ? err.message : 'No se pudo leer el cuerpo de la solicitud.');
      }
      let json: unknown;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        log.warn({ bytes: raw.length, ip: req.socket.remoteAddress }, 'request body is not JSON');
        return badRequest(res, 'El cuerpo no es JSON válido.');
      }
      const shape = activityShape.safeParse(json);
      if (!shape.success) {
        log.warn({ issues: shape.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`) }, 'request body is not an activity');
        return badRequest(res, 'El cuerpo no es una actividad de Bot Framework válida.');
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
