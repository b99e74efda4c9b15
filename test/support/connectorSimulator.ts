import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local Bot Connector v3 simulator for delivery tests and benchmarks (the subset the connector
 * transport uses), on 127.0.0.1 with an ephemeral port:
 * - `POST /v3/conversations` creates (or returns the existing) personal chat of one member;
 * - `POST /v3/conversations/{id}/activities` delivers an activity and records it.
 *
 * It enforces the Teams limits (per conversation 7/1 s, 8/2 s, 60/30 s, 1,800/h; 50 requests per second
 * overall — creating a conversation counts), answering 429 with Retry-After when a request exceeds them.
 * A request counts when it arrives, if admitted; injected faults count too (the request was made).
 * Faults on demand: a share of 429 (with Retry-After), a share of 503, response latency, and 403
 * (MessageWritesBlocked) for chosen users or conversations. Randomness is seeded, so runs repeat.
 * Its own limiter is written independently of src/domain/delivery/rateLimiter.ts on purpose.
 */

export interface SimWindow {
  limit: number;
  windowMs: number;
}

export interface SimulatorFaults {
  /** Share (0..1) of admitted requests answered 429 with Retry-After. */
  fault429?: number;
  /** Retry-After of injected 429s, in seconds (default 1). */
  retryAfterSeconds?: number;
  /** Send Retry-After as an HTTP date instead of seconds. */
  retryAfterAsDate?: boolean;
  /** Share (0..1) of admitted requests answered 503 (not delivered). */
  fault503?: number;
  /** Delay before every answer: fixed, or uniformly random in [min, max]. */
  latencyMs?: number | [number, number];
}

export interface SimulatorOptions extends SimulatorFaults {
  perConversation?: SimWindow[];
  perTenant?: SimWindow[];
  /** false: accept everything (no 429 for rate). */
  enforceLimits?: boolean;
  /** User ids (`29:…`) or conversation ids that answer 403 MessageWritesBlocked. */
  forbidden?: Iterable<string>;
  seed?: number;
}

export interface DeliveredActivity {
  conversationId: string;
  activity: Record<string, unknown>;
  /** Arrival time (ms since epoch). */
  at: number;
  authorization?: string;
}

export interface SimulatorStats {
  requests: number;
  admitted: number;
  /** 429 because the client exceeded a limit (not injected). */
  rateLimited: number;
  injected429: number;
  injected503: number;
  forbidden: number;
  created: number;
  delivered: number;
  badRequests: number;
}

export const TEAMS_CONVERSATION_WINDOWS: SimWindow[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
];
export const TEAMS_TENANT_WINDOWS: SimWindow[] = [{ limit: 50, windowMs: 1_000 }];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Request times of one key; answers "how long until one more fits". */
class Ledger {
  private times: number[] = [];
  constructor(private readonly windows: SimWindow[]) {}

  waitMs(now: number): number {
    let wait = 0;
    for (const w of this.windows) {
      const inWindow = this.times.filter((t) => t > now - w.windowMs);
      if (inWindow.length >= w.limit) {
        const oldestThatMustLeave = inWindow[inWindow.length - w.limit]!;
        wait = Math.max(wait, oldestThatMustLeave + w.windowMs - now);
      }
    }
    return wait;
  }

  add(now: number): void {
    this.times.push(now);
    const longest = Math.max(...this.windows.map((w) => w.windowMs));
    if (this.times.length > 4096 || (this.times[0] ?? now) <= now - longest) this.times = this.times.filter((t) => t > now - longest);
  }
}

export class ConnectorSimulator {
  readonly deliveries: DeliveredActivity[] = [];
  readonly stats: SimulatorStats = { requests: 0, admitted: 0, rateLimited: 0, injected429: 0, injected503: 0, forbidden: 0, created: 0, delivered: 0, badRequests: 0 };
  /** Admission times of all admitted requests (for throughput figures). */
  readonly admittedAt: number[] = [];
  private readonly forbiddenIds: Set<string>;
  private readonly conversationUser = new Map<string, string>();
  private readonly conversationLedgers = new Map<string, Ledger>();
  private readonly tenantLedger: Ledger;
  private readonly random: () => number;
  private faults: SimulatorFaults;
  private waiters: { count: number; resolve: () => void }[] = [];

  private constructor(
    private readonly server: Server,
    private readonly options: SimulatorOptions,
  ) {
    this.forbiddenIds = new Set(options.forbidden ?? []);
    this.tenantLedger = new Ledger(options.perTenant ?? TEAMS_TENANT_WINDOWS);
    this.random = mulberry32(options.seed ?? 42);
    this.faults = { ...options };
  }

  static async start(options: SimulatorOptions = {}): Promise<ConnectorSimulator> {
    const server = createServer();
    const sim = new ConnectorSimulator(server, options);
    server.on('request', (req, res) => {
      sim.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return sim;
  }

  /** The serviceUrl to give the bot (with a trailing slash, as Teams sends it). */
  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/`;
  }

  setFaults(faults: SimulatorFaults): void {
    this.faults = { ...this.faults, ...faults };
  }

  forbid(id: string): void {
    this.forbiddenIds.add(id);
  }

  /** The personal chat id the simulator gives a user (same as POST /v3/conversations returns). */
  static personalConversationId(userId: string): string {
    return `a:personal-${userId}`;
  }

  /** Activities delivered per conversation. */
  countsByConversation(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const d of this.deliveries) counts.set(d.conversationId, (counts.get(d.conversationId) ?? 0) + 1);
    return counts;
  }

  /** Resolves once at least `count` activities were delivered. */
  waitForDeliveries(count: number): Promise<void> {
    if (this.deliveries.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private ledgerOf(conversationId: string): Ledger {
    let l = this.conversationLedgers.get(conversationId);
    if (!l) {
      l = new Ledger(this.options.perConversation ?? TEAMS_CONVERSATION_WINDOWS);
      this.conversationLedgers.set(conversationId, l);
    }
    return l;
  }

  private latency(): number {
    const l = this.faults.latencyMs;
    if (l === undefined) return 0;
    if (typeof l === 'number') return l;
    return l[0] + this.random() * (l[1] - l[0]);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const now = Date.now(); // arrival
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    this.stats.requests++;
    const answer = this.decide(req, Buffer.concat(chunks).toString('utf8'), now);
    const delay = this.latency();
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.headers ?? {}) });
    res.end(JSON.stringify(answer.body));
  }

  private decide(req: IncomingMessage, raw: string, now: number): { status: number; body: unknown; headers?: Record<string, string> } {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const error = (status: number, code: string, message: string, headers?: Record<string, string>) => ({ status, body: { error: { code, message } }, headers });
    if (req.method !== 'POST') return error(405, 'MethodNotAllowed', 'Only POST is simulated');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      this.stats.badRequests++;
      return error(400, 'BadArgument', 'Invalid JSON');
    }

    // Which conversation the request is charged to, and whose it is.
    let conversationId: string;
    let userId: string | undefined;
    const isCreate = url.pathname === '/v3/conversations';
    const m = /^\/v3\/conversations\/([^/]+)\/activities$/.exec(url.pathname);
    if (isCreate) {
      const members = body.members as { id?: string }[] | undefined;
      userId = members?.[0]?.id;
      const tenant = (body.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? (body.tenantId as string | undefined);
      if (body.isGroup !== false || members?.length !== 1 || !userId || !tenant || !(body.bot as { id?: string } | undefined)?.id) {
        this.stats.badRequests++;
        return error(400, 'BadArgument', 'Expected a personal conversation with one member, bot and tenant');
      }
      conversationId = ConnectorSimulator.personalConversationId(userId);
    } else if (m) {
      conversationId = decodeURIComponent(m[1]!);
      userId = this.conversationUser.get(conversationId) ?? (body.recipient as { id?: string } | undefined)?.id;
      if (body.type !== 'message') {
        this.stats.badRequests++;
        return error(400, 'BadArgument', 'Only message activities are simulated');
      }
    } else {
      return error(404, 'NotFound', `No route for ${url.pathname}`);
    }

    if (this.options.enforceLimits !== false) {
      const wait = Math.max(this.ledgerOf(conversationId).waitMs(now), this.tenantLedger.waitMs(now));
      if (wait > 0) {
        this.stats.rateLimited++;
        return error(429, 'Throttled', 'Rate limit exceeded', { 'retry-after': String(Math.max(1, Math.ceil(wait / 1000))) });
      }
      this.ledgerOf(conversationId).add(now);
      this.tenantLedger.add(now);
    }
    this.stats.admitted++;
    this.admittedAt.push(now);

    const roll = this.random();
    const p429 = this.faults.fault429 ?? 0;
    const p503 = this.faults.fault503 ?? 0;
    if (roll < p429) {
      this.stats.injected429++;
      const secs = this.faults.retryAfterSeconds ?? 1;
      const retryAfter = this.faults.retryAfterAsDate ? new Date(now + secs * 1000).toUTCString() : String(secs);
      return error(429, 'Throttled', 'Injected throttling', { 'retry-after': retryAfter });
    }
    if (roll < p429 + p503) {
      this.stats.injected503++;
      return error(503, 'ServiceUnavailable', 'Injected outage');
    }
    if (this.forbiddenIds.has(conversationId) || (userId && this.forbiddenIds.has(userId))) {
      this.stats.forbidden++;
      return error(403, 'MessageWritesBlocked', 'The user blocked the bot');
    }

    if (isCreate) {
      this.stats.created++;
      this.conversationUser.set(conversationId, userId!);
      return { status: 201, body: { id: conversationId } };
    }
    const attachments = body.attachments as { contentType?: string }[] | undefined;
    if (!body.text && !attachments?.length) {
      this.stats.badRequests++;
      return error(400, 'BadArgument', 'Empty message');
    }
    const authorization = req.headers.authorization;
    this.deliveries.push({ conversationId, activity: body, at: now, ...(authorization ? { authorization } : {}) });
    this.stats.delivered++;
    if (this.waiters.length) {
      const ready = this.waiters.filter((w) => this.deliveries.length >= w.count);
      this.waiters = this.waiters.filter((w) => this.deliveries.length < w.count);
      for (const w of ready) w.resolve();
    }
    return { status: 201, body: { id: `act-${this.stats.delivered}` } };
  }
}
