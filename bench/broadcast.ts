/**
 * Broadcast benchmark: the real delivery engine on an EmbeddedStore (temp dir) sending through the real
 * connector transport to the local Bot Connector simulator (in a worker thread, like a remote service),
 * which enforces the Teams limits and injects faults. Prints the time taken against the theoretical minimum (requests / global rate), throughput as a
 * share of the ceiling, and delivered / duplicated / lost counts.
 *
 *   npm run bench:broadcast -- --n 5000 --fault-429 0.05
 *   options: --n, --fault-429, --fault-503, --latency-ms, --concurrency, --retry-after (s),
 *            --create-share (share of recipients without a chat yet), --margin-ms (limiter safety margin),
 *            --histogram (requests admitted per second), --log-level
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { ConnectorTransport } from '../src/bot/connectorTransport.js';
import type { ConversationRef } from '../src/domain/conversationRef.js';
import { TEAMS_RATE_LIMITS } from '../src/domain/delivery/rateLimiter.js';
import { completionNotice } from '../src/features/delivery/completionNotice.js';
import { DeliveryEngine } from '../src/services/delivery/engine.js';
import type { BroadcastRecipient } from '../src/services/delivery/types.js';
import { EmbeddedStore } from '../src/store/embeddedStore.js';
import { ConnectorSimulator } from '../test/support/connectorSimulator.js';
import { deliveryCounts, startSimulator } from './support/broadcastSim.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '5000' },
    'fault-429': { type: 'string', default: '0' },
    'fault-503': { type: 'string', default: '0' },
    'latency-ms': { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '32' },
    'retry-after': { type: 'string', default: '1' },
    'create-share': { type: 'string', default: '0' },
    'margin-ms': { type: 'string', default: String(TEAMS_RATE_LIMITS.safetyMarginMs) },
    'log-level': { type: 'string', default: 'warn' },
    histogram: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});

const n = Number(values.n);
const fault429 = Number(values['fault-429']);
const fault503 = Number(values['fault-503']);
const latencyMs = Number(values['latency-ms']);
const concurrency = Number(values.concurrency);
const retryAfterSeconds = Number(values['retry-after']);
const createShare = Number(values['create-share']);
const marginMs = Number(values['margin-ms']);
const globalRate = TEAMS_RATE_LIMITS.perTenant[0]!.limit / (TEAMS_RATE_LIMITS.perTenant[0]!.windowMs / 1000);

const TENANT = 'tenant-ine';
const BOT = '28:bench-bot';

/** A card of realistic size (~1.5 KB), as reminders and notices carry. */
function reminderCard(i: number): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: 'Recordatorio de sesión de coaching', weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: `Hola, persona-${i}. Tu grupo se reúne el jueves a las 17:00 (hora del centro).`, wrap: true },
      {
        type: 'FactSet',
        facts: [
          { title: 'Grupo', value: 'Coaching 12 — Junta Local Ejecutiva' },
          { title: 'Coach', value: 'Mtra. Laura Hernández' },
          { title: 'Enlace', value: 'https://teams.microsoft.com/l/meetup-join/ejemplo' },
        ],
      },
      { type: 'TextBlock', text: 'Si no puedes asistir, avísale a tu coach con anticipación. '.repeat(6), wrap: true, isSubtle: true },
    ],
    actions: [{ type: 'Action.Submit', title: 'Confirmo asistencia', data: { verb: 'confirmar', sesion: 'S-2025-01-09' } }],
  };
}

async function main(): Promise<void> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-broadcast-'));
  // Latency jitter of ±20% around the mean, like a real network.
  const sim = await startSimulator({
    fault429,
    fault503,
    retryAfterSeconds,
    latencyMs: latencyMs > 0 ? [latencyMs * 0.8, latencyMs * 1.2] : 0,
    seed: 7,
  });
  const store = await EmbeddedStore.open({ dataDir });
  const logger = pino({ level: values['log-level'] });
  const engine = new DeliveryEngine({
    store,
    transport: new ConnectorTransport({ timeoutMs: 10_000 }),
    logger,
    instanceId: 'bench',
    completionNotice,
    concurrency,
    limits: { safetyMarginMs: marginMs },
    personalChatDefaults: { serviceUrl: sim.url, tenantId: TENANT, botId: BOT },
  });
  try {
    await engine.init();
    const recipients: BroadcastRecipient[] = [];
    let creates = 0;
    for (let i = 0; i < n; i++) {
      const userId = `29:user-${i}`;
      const needsCreate = i < Math.round(n * createShare);
      if (needsCreate) creates++;
      const ref: ConversationRef = {
        channelId: 'msteams',
        serviceUrl: sim.url,
        tenantId: TENANT,
        conversation: { id: ConnectorSimulator.personalConversationId(userId), conversationType: 'personal', isGroup: false, tenantId: TENANT },
        bot: { id: BOT },
        user: { id: userId },
      };
      recipients.push({
        recipientKey: `persona-${i}`,
        ...(needsCreate ? { user: { id: userId } } : { ref }),
        message: { text: `Recordatorio para persona-${i}`, cards: [reminderCard(i)] },
      });
    }

    const t0 = performance.now();
    const queued = await engine.enqueueBroadcast({ broadcastId: 'bench-1', kind: 'bench', recipients });
    const enqueueMs = performance.now() - t0;

    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const t1 = performance.now();
    await engine.drain();
    const seconds = (performance.now() - t1) / 1000;
    loopDelay.disable();

    const requestsNeeded = n + creates;
    const minSeconds = requestsNeeded / globalRate;
    const report = await sim.report();
    const { delivered, duplicated, lost } = deliveryCounts(
      report,
      Array.from({ length: n }, (_, i) => `29:user-${i}`),
    );
    const [status] = await engine.status('bench-1');
    const s = report.stats;
    const line = (k: string, v: string): void => console.log(`${k.padEnd(30)} ${v}`);
    console.log(`\nbench:broadcast  n=${n} fault-429=${fault429} fault-503=${fault503} latency-ms=${latencyMs} concurrency=${concurrency} create-share=${createShare} margin-ms=${marginMs}`);
    line('enqueue', `${(enqueueMs / 1000).toFixed(2)} s (${queued.enqueued} enqueued)`);
    line('time taken', `${seconds.toFixed(2)} s`);
    line('theoretical minimum', `${minSeconds.toFixed(2)} s (${requestsNeeded} requests / ${globalRate} per s)`);
    line('throughput', `${(n / seconds).toFixed(2)} msg/s = ${((100 * minSeconds) / seconds).toFixed(1)}% of the ceiling`);
    line('requests admitted', `${s.admitted} (${(s.admitted / seconds).toFixed(2)}/s = ${((100 * s.admitted) / seconds / globalRate).toFixed(1)}% of ${globalRate}/s)`);
    line('injected 429 / 503', `${s.injected429} / ${s.injected503}`);
    line('429 for exceeding limits', `${s.rateLimited}`);
    line('delivered / duplicated / lost', `${delivered} / ${duplicated} / ${lost}`);
    line('outbox states', JSON.stringify(status?.counts));
    if (values.histogram) {
      const start = report.admittedAt[0] ?? 0;
      const perSecond = new Map<number, number>();
      for (const t of report.admittedAt) perSecond.set(Math.floor((t - start) / 1000), (perSecond.get(Math.floor((t - start) / 1000)) ?? 0) + 1);
      line('requests per second', [...perSecond.entries()].map(([k, v]) => `${k}:${v}`).join(' '));
    }
    line('event-loop delay p50/p99/max', `${(loopDelay.percentile(50) / 1e6).toFixed(1)} / ${(loopDelay.percentile(99) / 1e6).toFixed(1)} / ${(loopDelay.max / 1e6).toFixed(1)} ms`);
  } finally {
    await engine.stop();
    await store.close();
    await sim.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
