/**
 * Reminders benchmark (issue 11): 14 groups × 12 sessions × 2 reminders plus a national meeting for 5,000
 * members, every reminder due within the same window, through the product's own code: the real services
 * (createBotCore with the meetings and sessions features), the real durable jobs runner and the real delivery
 * engine on an EmbeddedStore (temp dir), sending over HTTP to the local Bot Connector simulator on 127.0.0.1
 * (in a worker thread, like a remote service) that enforces the Teams limits (50 requests per second per
 * tenant, per-conversation windows).
 *
 * Timeline: the sessions and the meeting are scheduled through their services with the clock set three days
 * earlier (so their reminder jobs are created by the services as in production); then their reminder jobs are
 * re-scheduled, same key, kind and payload, to fall due inside a --window-s window starting --lead-s from
 * now (the meeting's day-before and hour-before reminders at 10% and 50% of the window, the session reminders
 * spread evenly), and the clock is the real one from then on. Starts are after the window, so every reminder
 * still applies when its job runs. Each session reminder posts in the group's channel and goes 1:1 to the
 * group's members (B1's sessions.reminder job); each meeting reminder goes 1:1 to the 5,000 members.
 *
 * Lateness = when the simulator accepted the message (outbox doneAt, which includes the simulated latency) −
 * when its job was due. The 50-per-second tenant limit alone forces some lateness: "forced" replays the due
 * times through an ideal sender at exactly 50 messages per second. Target: p99 lateness ≤ p99 forced + 5 s.
 * Exactly once: the simulator's count per conversation equals what each member and channel should receive.
 *
 *   npm run bench:reminders
 *   options: --members (5000), --groups (14), --group-size (35), --sessions (12), --window-s (120),
 *            --lead-s (30), --latency-ms (100), --concurrency (32), --log-level (warn),
 *            --max-wait-s (how long after the window to wait for the sends; default max(600 s, 4 × the minimum)),
 *            --margin-ms and --pace-tolerance-ms (the rate limiter's safety margin and pacing; default the engine's)
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { constants as perfConstants, performance as nodePerformance, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { createBotCore } from '../src/app.js';
import { ConnectorTransport } from '../src/bot/connectorTransport.js';
import { loadConfig } from '../src/config.js';
import type { ConversationRef } from '../src/domain/conversationRef.js';
import { TEAMS_RATE_LIMITS } from '../src/domain/delivery/rateLimiter.js';
import { memberId, type MemberRecord } from '../src/domain/member.js';
import { CONSENT_VERSION } from '../src/domain/registration.js';
import { HQ_TIME_ZONE } from '../src/domain/time.js';
import { completionNotice } from '../src/features/delivery/completionNotice.js';
import { createMeetingsFeature } from '../src/features/meetings/index.js';
import { createSessionsFeature } from '../src/features/sessions/index.js';
import { DeliveryEngine } from '../src/services/delivery/engine.js';
import { OUTBOX_COLLECTION } from '../src/services/delivery/outboxRepository.js';
import type { OutboxDoc } from '../src/services/delivery/types.js';
import { DeliveryNotifier } from '../src/services/deliveryNotifier.js';
import { MEETING_REMINDER_JOB, meetingNoticeJobKey } from '../src/services/meetings/index.js';
import { MEMBERS_COLLECTION } from '../src/services/registration/members.js';
import { SESSION_REMINDER_JOB } from '../src/services/sessions/index.js';
import { EmbeddedStore } from '../src/store/embeddedStore.js';
import { ConnectorSimulator } from '../test/support/connectorSimulator.js';
import { startSimulator } from './support/broadcastSim.js';
import { percentile } from './support/stats.js';

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '5000' },
    groups: { type: 'string', default: '14' },
    'group-size': { type: 'string', default: '35' },
    sessions: { type: 'string', default: '12' },
    'window-s': { type: 'string', default: '120' },
    'lead-s': { type: 'string', default: '30' },
    'latency-ms': { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '32' },
    'max-wait-s': { type: 'string', default: '0' },
    'log-level': { type: 'string', default: 'warn' },
    'margin-ms': { type: 'string', default: String(TEAMS_RATE_LIMITS.safetyMarginMs) },
    'pace-tolerance-ms': { type: 'string', default: String(TEAMS_RATE_LIMITS.paceToleranceMs) },
  },
});

const N = Number(values.members);
const GROUPS = Number(values.groups);
const GROUP_SIZE = Number(values['group-size']);
const SESSIONS = Number(values.sessions);
const WINDOW_MS = Number(values['window-s']) * 1000;
const LEAD_MS = Number(values['lead-s']) * 1000;
const LATENCY_MS = Number(values['latency-ms']);
const TENANT_RATE = TEAMS_RATE_LIMITS.perTenant[0]!.limit / (TEAMS_RATE_LIMITS.perTenant[0]!.windowMs / 1000);
const TARGET_EXCESS_MS = 5_000;
const EDITION = '2026';
const TENANT = 'tenant-ine';
const BOT = '28:bench-bot';
const LINK = 'https://teams.microsoft.com/l/meetup-join/bench';
const DAY_MS = 24 * 3_600_000;

const secs = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  if (GROUPS * GROUP_SIZE > N) throw new Error('--groups × --group-size must not exceed --members');
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-reminders-'));
  const sim = await startSimulator({ latencyMs: LATENCY_MS > 0 ? [LATENCY_MS * 0.8, LATENCY_MS * 1.2] : 0, seed: 11 });
  const store = await EmbeddedStore.open({ dataDir });
  const logger = pino({ level: values['log-level'] });
  // Scheduling happens "three days earlier"; the run uses the real clock.
  let offsetMs = -3 * DAY_MS;
  const clock = (): Date => new Date(Date.now() + offsetMs);
  const engine = new DeliveryEngine({
    store,
    transport: new ConnectorTransport({ timeoutMs: 10_000 }),
    logger: logger.child({ component: 'delivery' }),
    instanceId: 'bench-reminders',
    completionNotice,
    concurrency: Number(values.concurrency),
    limits: { safetyMarginMs: Number(values['margin-ms']), paceToleranceMs: Number(values['pace-tolerance-ms']) },
    personalChatDefaults: { serviceUrl: sim.url, tenantId: TENANT, botId: BOT },
  });
  const config = loadConfig({ BOT_MODE: 'local', LOG_LEVEL: 'silent', RATE_LIMIT_BURST: '0' });
  try {
    await engine.init();
    const core = await createBotCore(config, store, logger, {
      notifier: (c) => new DeliveryNotifier(engine, c),
      delivery: engine,
      clock,
      instanceId: 'bench-reminders',
      features: [createMeetingsFeature, createSessionsFeature],
    });
    const s = core.services;
    const t0 = performance.now();

    // --- Setup: edition, members with their personal chats, confirmed groups with linked channels.
    await s.editions.create({ id: EDITION, nombre: 'Red 2026' }, 'aad:bench');
    await s.editions.activate(EDITION, 'aad:bench');
    const catalog = await s.catalogs.forEdition(EDITION);
    const entidades = catalog.data.entidades.map((e) => e.clave);
    const at = clock();
    const records: MemberRecord[] = Array.from({ length: N }, (_, i) => {
      const aad = `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
      const entidad = entidades[i % entidades.length]!;
      return {
        _id: memberId(EDITION, `aad:${aad}`),
        editionId: EDITION,
        personKey: `aad:${aad}`,
        aadObjectId: aad,
        userId: `29:user-${i}`,
        nombre: `Integrante ${i + 1}`,
        correo: `m${i + 1}@ine.mx`,
        vocalia: 'VE',
        ambito: 'JDE',
        entidad,
        distrito: 1,
        circunscripcion: catalog.entidad(entidad)?.circunscripcion ?? 4,
        ejesInteres: [],
        consent: { accepted: true, at, version: CONSENT_VERSION },
        status: 'validated',
        rosterMatch: true,
        createdAt: at,
        updatedAt: at,
      };
    });
    for (let i = 0; i < N; i += 1000) await store.collection<MemberRecord>(MEMBERS_COLLECTION).insertMany(records.slice(i, i + 1000));
    const personalRef = (userId: string): ConversationRef => ({
      channelId: 'msteams',
      serviceUrl: sim.url,
      tenantId: TENANT,
      conversation: { id: ConnectorSimulator.personalConversationId(userId), conversationType: 'personal', isGroup: false, tenantId: TENANT },
      bot: { id: BOT },
      user: { id: userId },
    });
    for (let i = 0; i < N; i += 50) await Promise.all(records.slice(i, i + 50).map((m) => s.conversations.remember('personal', personalRef(m.userId), m.personKey)));
    const grouped = records.slice(0, GROUPS * GROUP_SIZE);
    await s.groups.propose(EDITION, grouped, { groups: GROUPS, seed: 1 }, 'aad:bench');
    await s.groups.confirm(EDITION, 'aad:bench');
    const set = (await s.groups.get(EDITION))!;
    const groupOf = new Map(grouped.map((m) => [m.personKey, set.assignment[m._id]!] as const));
    const channelOf = (g: number): string => `19:grupo-${g}@thread.tacv2`;
    for (let g = 1; g <= GROUPS; g++) {
      const ref: ConversationRef = { channelId: 'msteams', serviceUrl: sim.url, tenantId: TENANT, conversation: { id: channelOf(g), conversationType: 'channel', isGroup: true, tenantId: TENANT }, bot: { id: BOT } };
      await s.groups.linkSpace(EDITION, g, { kind: 'channel', name: `Grupo ${g}`, ref }, 'aad:bench');
    }

    // --- Scheduling through the services, three days before the window.
    const windowStart = Date.now() + LEAD_MS;
    const startsBase = windowStart + WINDOW_MS + 2 * 3_600_000;
    const meeting = await s.meetings.schedule(EDITION, { kind: 'national', moment: 'apertura', startsAt: new Date(startsBase), link: LINK }, 'aad:bench');
    // The invitation went out three days ago in this story: only the reminders are measured.
    await s.jobs.cancel(meetingNoticeJobKey(meeting._id, 'invite', 0));
    for (let g = 1; g <= GROUPS; g++) {
      for (let k = 0; k < SESSIONS; k++) {
        await s.sessions.schedule(
          { editionId: EDITION, group: g, draft: { startsAt: new Date(startsBase + (k + 1) * 3 * 3_600_000), durationMin: 60, topic: { kind: 'free', text: `Seguimiento ${k + 1}` }, modality: 'virtual', link: LINK }, zone: HQ_TIME_ZONE },
          'aad:bench',
        );
      }
    }
    // --- The same jobs, due inside the window.
    const meetingJobs = await s.jobs.list({ kind: MEETING_REMINDER_JOB, status: 'scheduled' });
    const sessionJobs = (await s.jobs.list({ kind: SESSION_REMINDER_JOB, status: 'scheduled', limit: 100_000 })).sort((a, b) => a.key.localeCompare(b.key));
    const dueOf = new Map<string, number>(); // broadcast-id stem → due time
    for (const j of meetingJobs) {
      const p = j.payload as { meetingId: string; which: 'day' | 'hour'; startsAtMs: number };
      const due = windowStart + Math.round((p.which === 'day' ? 0.1 : 0.5) * WINDOW_MS);
      await s.jobs.schedule({ key: j.key, kind: j.kind, runAt: new Date(due), payload: p });
      dueOf.set(`reunion-recordatorio:${p.meetingId}:${p.which}:${p.startsAtMs}`, due);
    }
    for (const [i, j] of sessionJobs.entries()) {
      const p = j.payload as { sessionId: string; version: number; offsetMin: number };
      const due = windowStart + Math.floor((i * WINDOW_MS) / sessionJobs.length);
      await s.jobs.schedule({ key: j.key, kind: j.kind, runAt: new Date(due), payload: p });
      dueOf.set(`sesion-recordatorio:${p.sessionId}:v${p.version}:${p.offsetMin}`, due);
      dueOf.set(`sesion-recordatorio-espacio:${p.sessionId}:v${p.version}:${p.offsetMin}`, due);
    }
    const setupSeconds = (performance.now() - t0) / 1000;
    if (Date.now() > windowStart) console.warn(`warning: setup took ${setupSeconds.toFixed(1)} s, longer than --lead-s; the first reminders were due before the runners started`);

    // Expected deliveries: every member 2 meeting reminders; a grouped member 2 per session of her group; each channel 2 per session.
    const expected = new Map<string, number>();
    for (const m of records) expected.set(ConnectorSimulator.personalConversationId(m.userId), meetingJobs.length + (groupOf.has(m.personKey) ? SESSIONS * 2 : 0));
    for (let g = 1; g <= GROUPS; g++) expected.set(channelOf(g), SESSIONS * 2);
    const expectedTotal = [...expected.values()].reduce((a, b) => a + b, 0);

    // --- Run: real clock, the jobs runner and the delivery engine.
    offsetMs = 0;
    // Garbage collections of this thread (the engine's): each one stops the sender for its duration.
    const gcs: { ms: number; major: boolean }[] = [];
    const gcObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { detail?: { kind?: number } })[]) {
        gcs.push({ ms: e.duration, major: e.detail?.kind === perfConstants.NODE_PERFORMANCE_GC_MAJOR });
      }
    });
    gcObserver.observe({ entryTypes: ['gc'] });
    const eluStart = nodePerformance.eventLoopUtilization();
    engine.start();
    s.jobs.start();
    const outbox = store.collection<OutboxDoc>(OUTBOX_COLLECTION);
    // Generous: a loaded machine may send well below the ceiling; the figures then say so.
    const maxWaitMs = Number(values['max-wait-s']) > 0 ? Number(values['max-wait-s']) * 1000 : Math.max(600_000, 4 * (expectedTotal / TENANT_RATE) * 1000);
    const deadline = windowStart + WINDOW_MS + maxWaitMs;
    let sent = 0;
    let lastProgress = Date.now();
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 2000));
      // The simulator's counter is cheap; the outbox (a scan of every message) is read once it looks done,
      // so polling does not take event-loop time from the engine being measured.
      sent = (await sim.stats()).delivered;
      if (Date.now() - lastProgress >= 30_000) {
        lastProgress = Date.now();
        console.error(`  ${Math.round((Date.now() - windowStart) / 1000)} s after the window opened: ${sent} of ${expectedTotal} delivered, load ${os.loadavg()[0]!.toFixed(1)}`);
      }
      if (sent < expectedTotal) continue;
      const recorded = await outbox.countDocuments({ state: 'sent' });
      const jobsLeft = await s.jobs.list({ status: ['scheduled', 'running'], limit: 10 });
      if (recorded >= expectedTotal && jobsLeft.length === 0) break;
    }
    await new Promise((r) => setTimeout(r, 1000)); // let any duplicate show up
    await s.jobs.stop();
    await engine.stop();
    gcObserver.disconnect();
    const elu = nodePerformance.eventLoopUtilization(eluStart);

    // --- Results.
    const docs = await outbox.find({});
    const lateness: number[] = [];
    const dues: number[] = [];
    let unmatched = 0;
    let lastDone = 0;
    for (const d of docs) {
      if (d.state !== 'sent' || !d.doneAt) continue;
      const stem = d.broadcastId.startsWith('sesion-recordatorio-espacio:') ? d.broadcastId.split(':').slice(0, 6).join(':') : d.broadcastId;
      const due = dueOf.get(stem);
      if (due === undefined) {
        unmatched++;
        continue;
      }
      dues.push(due);
      lateness.push(d.doneAt.getTime() - due);
      lastDone = Math.max(lastDone, d.doneAt.getTime());
    }
    // What 50 messages per second alone would force: an ideal sender taking them in due order.
    dues.sort((a, b) => a - b);
    const forced: number[] = [];
    let free = -Infinity;
    for (const due of dues) {
      const at2 = Math.max(due, free);
      forced.push(at2 - due);
      free = at2 + 1000 / TENANT_RATE;
    }
    lateness.sort((a, b) => a - b);
    forced.sort((a, b) => a - b);
    const report = await sim.report();
    const counts = new Map(report.counts);
    let exact = 0;
    let duplicated = 0;
    let missing = 0;
    for (const [conv, want] of expected) {
      const got = counts.get(conv) ?? 0;
      if (got === want) exact++;
      else if (got > want) duplicated += got - want;
      else missing += want - got;
    }
    const extraConversations = [...counts.keys()].filter((c) => !expected.has(c)).length;
    const jobsAll = [...(await s.jobs.list({ kind: MEETING_REMINDER_JOB, limit: 100 })), ...(await s.jobs.list({ kind: SESSION_REMINDER_JOB, limit: 100_000 }))];
    const jobsOnce = jobsAll.filter((j) => j.status === 'done' && j.attempts === 1).length;
    const firstDue = dues[0] ?? windowStart;
    const idealSpan = (dues.length ? dues[dues.length - 1]! + forced[forced.length - 1]! : firstDue) - firstDue;
    const minSpan = Math.max(idealSpan, (dues.length / TENANT_RATE) * 1000);
    const realSpan = lastDone - firstDue;
    const p99Excess = percentile(lateness, 99) - percentile(forced, 99);
    const st = report.stats;

    const line = (k: string, v: string): void => console.log(`${k.padEnd(34)} ${v}`);
    console.log(
      `\nbench:reminders  members=${N} groups=${GROUPS}×${GROUP_SIZE} sessions/group=${SESSIONS} window=${WINDOW_MS / 1000}s latency-ms=${LATENCY_MS} concurrency=${values.concurrency} store=embedded node=${process.version} cpus=${os.cpus().length}`,
    );
    line('setup (members, chats, schedules)', `${setupSeconds.toFixed(1)} s`);
    line('reminder jobs', `${meetingJobs.length} meeting + ${sessionJobs.length} session = ${jobsAll.length}; ran once: ${jobsOnce}`);
    line('messages expected / sent', `${expectedTotal} / ${docs.filter((d) => d.state === 'sent').length} (outbox states ${JSON.stringify(countStates(docs))})`);
    line('exactly once (per conversation)', `${exact} of ${expected.size} conversations exact; duplicated ${duplicated}; missing ${missing}; unexpected conversations ${extraConversations}`);
    line('lateness after due p50 / p99 / max', `${secs(percentile(lateness, 50))} / ${secs(percentile(lateness, 99))} / ${secs(lateness[lateness.length - 1] ?? NaN)}`);
    line('forced by 50/s p50 / p99', `${secs(percentile(forced, 50))} / ${secs(percentile(forced, 99))}`);
    line('p99 beyond the forced p99', `${secs(p99Excess)} (target ≤ ${secs(TARGET_EXCESS_MS)})`);
    line('first due → last sent', `${secs(realSpan)} vs rate-limit minimum ${secs(minSpan)} → ratio ${(realSpan / minSpan).toFixed(3)}`);
    line('requests admitted / 429 for limits', `${st.admitted} / ${st.rateLimited}`);
    // Where capacity went: how long a tenant slot took to be used again (the ideal is the 1 s window), and
    // how long the sender waited for the first reminders.
    const admitted = [...report.admittedAt].sort((a, b) => a - b);
    const tenantLimit = TEAMS_RATE_LIMITS.perTenant[0]!.limit;
    const reuse = admitted.slice(tenantLimit).map((t, i) => t - admitted[i]!).sort((a, b) => a - b);
    line('tenant slot reuse p50 / p90 / mean', `${percentile(reuse, 50).toFixed(0)} / ${percentile(reuse, 90).toFixed(0)} / ${(reuse.reduce((a, b) => a + b, 0) / Math.max(1, reuse.length)).toFixed(1)} ms (window ${TEAMS_RATE_LIMITS.perTenant[0]!.windowMs} ms)`);
    // Stalls of the sender: the longest pauses between two admitted requests (the even pace's tolerance catches
    // up on the first 100 ms of one; the rest is lost).
    const gaps = admitted.slice(1).map((t, i) => [t - admitted[i]!, admitted[i]! - firstDue] as const).sort((x, y) => y[0] - x[0]).slice(0, 5);
    line('longest pauses (ms at s after due)', gaps.map(([g, t]) => `${g} at ${(t / 1000).toFixed(0)}`).join(', '));
    // Span lost to slow slot reuse (each tenant slot's reuse beyond the window delays its chain of sends for
    // good; the sum over the 50 chains / 50 is the span lost): small delays (margin, timers, jitter) and stalls.
    const windowMs = TEAMS_RATE_LIMITS.perTenant[0]!.windowMs;
    const lostMs = (keep: (r: number) => boolean): number => reuse.filter(keep).reduce((sum, r) => sum + Math.max(0, r - windowMs), 0) / tenantLimit;
    line('span lost to slot reuse', `${secs(lostMs(() => true))}: reuses ≤ ${windowMs + 50} ms ${secs(lostMs((r) => r <= windowMs + 50))}, longer ones ${secs(lostMs((r) => r > windowMs + 50))}`);
    const majors = gcs.filter((g) => g.major);
    const gcMs = (list: typeof gcs): number => list.reduce((sum, g) => sum + g.ms, 0);
    line('engine thread GC major / all', `${majors.length} × ${secs(gcMs(majors))} (longest ${Math.round(Math.max(0, ...majors.map((g) => g.ms)))} ms) / ${gcs.length} × ${secs(gcMs(gcs))}; heap at the end ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MB`);
    line('engine thread busy (event loop)', `${(elu.utilization * 100).toFixed(1)} % of the run`);
    line('first due → first admitted', `${secs((admitted[0] ?? firstDue) - firstDue)}`);
    line('machine load (1 min) at the end', `${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cpus`);
    if (unmatched) line('outbox rows not from a reminder', String(unmatched));
    const ok = duplicated === 0 && missing === 0 && extraConversations === 0 && jobsOnce === jobsAll.length && p99Excess <= TARGET_EXCESS_MS;
    console.log(ok ? 'every reminder sent exactly once; p99 lateness target met' : 'FAILED: see above');
    if (!ok) process.exitCode = 1;
  } finally {
    await engine.stop();
    await store.close();
    await sim.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

function countStates(docs: readonly OutboxDoc[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of docs) out[d.state] = (out[d.state] ?? 0) + 1;
  return out;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
