/**
 * Announcement benchmark (issue 14): "aviso" to 5,000 validated members through the announcement's own path —
 * the draft and its confirmation (src/services/announcements/), audience resolution and notifyPeople
 * (src/features/announcements/send.ts) on the app's services (src/services/container.ts) with the real
 * DeliveryNotifier and delivery engine, the real connector transport and the local Bot Connector simulator in a
 * worker thread (bench/support/broadcastSim.ts, shared with bench:broadcast), which enforces the Teams limits
 * and injects faults. Prints the time from "Enviar" to the last delivery against the theoretical minimum
 * (requests / the tenant's ceiling), and delivered / duplicated / lost; then presses "Enviar" again (a double
 * click) and checks that nothing more is sent.
 *
 *   npm run bench:announce -- --n 5000 --fault-429 0.05
 *   options: --n, --fault-429, --latency-ms, --concurrency, --retry-after (s), --audience (todas | vocalia),
 *            --log-level
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { ConnectorTransport } from '../src/bot/connectorTransport.js';
import { loadConfig } from '../src/config.js';
import type { Audience } from '../src/domain/announcements/index.js';
import type { ConversationRef } from '../src/domain/conversationRef.js';
import { TEAMS_RATE_LIMITS } from '../src/domain/delivery/rateLimiter.js';
import { memberId, type MemberRecord } from '../src/domain/member.js';
import { CONSENT_VERSION } from '../src/domain/registration.js';
import { deliverAnnouncement } from '../src/features/announcements/send.js';
import { completionNotice } from '../src/features/delivery/completionNotice.js';
import { createServices } from '../src/services/container.js';
import { DeliveryEngine } from '../src/services/delivery/engine.js';
import { DeliveryNotifier } from '../src/services/deliveryNotifier.js';
import { MEMBERS_COLLECTION } from '../src/services/registration/members.js';
import { EmbeddedStore } from '../src/store/embeddedStore.js';
import { ConnectorSimulator } from '../test/support/connectorSimulator.js';
import { deliveryCounts, startSimulator } from './support/broadcastSim.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '5000' },
    'fault-429': { type: 'string', default: '0.05' },
    'latency-ms': { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '32' },
    'retry-after': { type: 'string', default: '1' },
    audience: { type: 'string', default: 'todas' },
    'log-level': { type: 'string', default: 'warn' },
  },
  allowPositionals: true,
});

const n = Number(values.n);
const fault429 = Number(values['fault-429']);
const latencyMs = Number(values['latency-ms']);
const concurrency = Number(values.concurrency);
const retryAfterSeconds = Number(values['retry-after']);
const globalRate = TEAMS_RATE_LIMITS.perTenant[0]!.limit / (TEAMS_RATE_LIMITS.perTenant[0]!.windowMs / 1000);
const TENANT = 'tenant-ine';
const BOT = '28:bench-bot';
const EDITION = '2026';
const VOCALIAS = ['VE', 'VS', 'VRFE', 'VOE', 'VCEYEC'];

async function main(): Promise<void> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-announce-'));
  const sim = await startSimulator({ fault429, fault503: 0, retryAfterSeconds, latencyMs: latencyMs > 0 ? [latencyMs * 0.8, latencyMs * 1.2] : 0, seed: 11 });
  const store = await EmbeddedStore.open({ dataDir });
  const logger = pino({ level: values['log-level'] });
  const config = loadConfig({ BOT_MODE: 'local', LOG_LEVEL: values['log-level'], DATA_DIR: dataDir });
  const engine = new DeliveryEngine({
    store,
    transport: new ConnectorTransport({ timeoutMs: 10_000 }),
    logger,
    instanceId: 'bench-announce',
    completionNotice,
    concurrency,
    personalChatDefaults: { serviceUrl: sim.url, tenantId: TENANT, botId: BOT },
  });
  const services = createServices({ config, store, clock: () => new Date(), logger, notifier: (c) => new DeliveryNotifier(engine, c), delivery: engine, instanceId: 'bench-announce' });
  try {
    await engine.init();
    await services.init();
    await services.editions.create({ id: EDITION, nombre: 'Red 2026' }, 'aad:bench');
    await services.editions.activate(EDITION, 'aad:bench');

    // 5,000 validated members, each with the personal chat the bot stored when she installed the app.
    const at = new Date();
    const members: MemberRecord[] = [];
    const userIds: string[] = [];
    for (let i = 0; i < n; i++) {
      const aad = `00000000-0000-0000-0000-${String(i + 1).padStart(12, '0')}`;
      const key = `aad:${aad}`;
      const userId = `29:user-${i}`;
      userIds.push(userId);
      members.push({
        _id: memberId(EDITION, key),
        editionId: EDITION,
        personKey: key,
        aadObjectId: aad,
        userId,
        nombre: `Integrante ${i + 1}`,
        correo: `m${i + 1}@ine.mx`,
        vocalia: VOCALIAS[i % VOCALIAS.length]!,
        ambito: i % 3 === 0 ? 'JLE' : 'JDE',
        entidad: String((i % 32) + 1).padStart(2, '0'),
        circunscripcion: (i % 5) + 1,
        ejesInteres: [],
        consent: { accepted: true, at, version: CONSENT_VERSION },
        status: 'validated',
        rosterMatch: true,
        createdAt: at,
        updatedAt: at,
      });
      const ref: ConversationRef = {
        channelId: 'msteams',
        serviceUrl: sim.url,
        tenantId: TENANT,
        conversation: { id: ConnectorSimulator.personalConversationId(userId), conversationType: 'personal', isGroup: false, tenantId: TENANT },
        bot: { id: BOT },
        user: { id: userId, aadObjectId: aad },
      };
      await services.conversations.remember('personal', ref, key);
    }
    await store.collection<MemberRecord>(MEMBERS_COLLECTION).insertMany(members);
    // Members who are not validated are never reached.
    const audience: Audience = values.audience === 'vocalia' ? { kind: 'vocalia', clave: 'VE' } : { kind: 'todas' };
    const expected = members.filter((m) => audience.kind === 'todas' || m.vocalia === 'VE').map((m) => m.userId);

    const draft = await services.announcements.createDraft(
      { editionId: EDITION, title: 'Reunión Nacional de la Red', text: 'La Reunión Nacional será el 15 de enero de 2027. '.repeat(12), link: 'https://www.ine.mx/', audience, previewCount: expected.length },
      'aad:bench',
    );
    const ctx = { services, logger };

    // "Enviar": the preview's state change, audience resolution, enqueue; the engine's worker runs meanwhile, as in
    // production (createApp starts it), and delivers.
    engine.start();
    const t0 = performance.now();
    const confirmed = await services.announcements.confirm(draft._id, 'aad:bench');
    if (!confirmed.ok) throw new Error('announcement not confirmed');
    const recipients = await deliverAnnouncement(ctx, confirmed.doc, 'aad:bench');
    const enqueueMs = performance.now() - t0;
    await engine.drain();
    const seconds = (performance.now() - t0) / 1000;

    // A double click or a retried job: the state refuses it, and even a forced second delivery queues nothing.
    const again = await services.announcements.confirm(draft._id, 'aad:bench');
    const forced = await services.notifier.notifyPeople({
      broadcastId: `aviso:${draft._id}`,
      kind: 'announcement',
      recipients: members.slice(0, 100).map((m) => ({ personKey: m.personKey, userId: m.userId, message: { text: 'duplicado' } })),
    });
    await engine.drain();

    const report = await sim.report();
    const { delivered, duplicated, lost } = deliveryCounts(report, expected);
    const [status] = await engine.status(`aviso:${draft._id}`);
    const minSeconds = expected.length / globalRate;
    const s = report.stats;
    // The sending phase, as the connector saw it: from the first admitted request to the last one.
    const admitted = [...report.admittedAt].sort((a, b) => a - b);
    const sendingSeconds = admitted.length > 1 ? (admitted.at(-1)! - admitted[0]!) / 1000 : seconds;
    const sendingShare = (100 * (s.admitted / sendingSeconds)) / globalRate;
    const line = (k: string, v: string): void => console.log(`${k.padEnd(32)} ${v}`);
    console.log(`\nbench:announce  n=${n} audience=${values.audience} fault-429=${fault429} latency-ms=${latencyMs} concurrency=${concurrency}`);
    line('recipients resolved', `${recipients} (expected ${expected.length})`);
    line('resolve + enqueue', `${(enqueueMs / 1000).toFixed(2)} s`);
    line('time from "Enviar" to last', `${seconds.toFixed(2)} s`);
    line('theoretical minimum', `${minSeconds.toFixed(2)} s (${expected.length} requests / ${globalRate} per s)`);
    line('throughput, end to end', `${(expected.length / seconds).toFixed(2)} msg/s = ${((100 * minSeconds) / seconds).toFixed(1)}% of the ceiling`);
    line('sending phase (connector)', `${sendingSeconds.toFixed(2)} s, ${(s.admitted / sendingSeconds).toFixed(2)} requests/s = ${sendingShare.toFixed(1)}% of ${globalRate}/s`);
    line('requests admitted', `${s.admitted} (${s.injected429} injected 429, ${s.rateLimited} 429 for exceeding limits)`);
    line('delivered / duplicated / lost', `${delivered} / ${duplicated} / ${lost}`);
    line('second "Enviar"', `${again.ok ? 'SENT AGAIN (bug)' : `refused (state ${again.current?.state})`}; forced re-send enqueued ${forced.enqueued}, already queued ${forced.alreadyQueued}`);
    line('broadcast title (envios estado)', `${status?.title ?? '(none)'}`);
    line('outbox states', JSON.stringify(status?.counts));
    const ok = delivered === expected.length && duplicated === 0 && lost === 0 && sendingShare >= 90 && !again.ok && forced.enqueued === 0;
    line('result', ok ? 'OK (sending at ≥ 90% of the ceiling, 0 lost, 0 duplicated, no second send)' : 'BELOW TARGET');
    if (!ok) process.exitCode = 1;
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
