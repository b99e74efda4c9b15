import { type ChildProcess, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxDoc } from '../../src/services/delivery/types.js';
import { EmbeddedStore } from '../../src/store/embeddedStore.js';
import { ConnectorSimulator } from '../support/connectorSimulator.js';

/**
 * A broadcast survives SIGKILL: a child process sends through the simulator (running here), is killed
 * mid-broadcast, and a second child on the same data directory finishes it. Every recipient gets the
 * message, and only messages that were in flight at the kill (at most `concurrency`) may arrive twice.
 */

const FIXTURE = fileURLToPath(new URL('./fixtures/broadcastChild.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const N = 300;
const CONCURRENCY = 16;

const children: ChildProcess[] = [];
let sim: ConnectorSimulator | undefined;
let dataDir: string | undefined;

afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await sim?.close();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

interface Child {
  proc: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

function startChild(args: string[]): Child {
  // node --import tsx (not `npx tsx`, which runs the script in a grandchild that SIGKILL would not reach).
  const proc = spawn(process.execPath, ['--import', 'tsx', FIXTURE, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(proc);
  let stdout = '';
  let stderr = '';
  proc.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { proc, exited };
}

describe('delivery after SIGKILL', () => {
  it('resumes a killed broadcast: nobody lost, duplicates only among the messages in flight', async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'delivery-sigkill-'));
    sim = await ConnectorSimulator.start({ latencyMs: [20, 60], seed: 11 });
    const args = ['--data-dir', dataDir, '--service-url', sim.url, '--n', String(N), '--concurrency', String(CONCURRENCY), '--instance', 'nodo-1'];

    const first = startChild(args);
    const progressed = sim.waitForDeliveries(N / 3);
    const early = await Promise.race([progressed.then(() => null), first.exited]);
    expect(early, `the first child ended before being killed: ${JSON.stringify(early)}`).toBeNull();
    first.proc.kill('SIGKILL');
    const killed = await first.exited;
    expect(killed.signal).toBe('SIGKILL');
    const deliveredBeforeKill = sim.deliveries.length;
    expect(deliveredBeforeKill).toBeLessThan(N);

    // What the killed process left claimed: requests in flight (at most `concurrency`) plus messages
    // claimed ahead and waiting for the rate limiter (at most `concurrency` more, never sent).
    const store = await EmbeddedStore.open({ dataDir });
    const left = await store.collection<OutboxDoc>('outbox').find({});
    await store.close();
    expect(left).toHaveLength(N);
    const inFlight = new Set(left.filter((d) => d.state === 'sending').map((d) => `a:personal-29:u${d.recipientKey.slice(1)}`));
    expect(inFlight.size).toBeLessThanOrEqual(2 * CONCURRENCY);

    const second = startChild(args);
    const done = await second.exited;
    expect(done.code, done.stderr).toBe(0);
    const lines = done.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ event: 'enqueued', enqueued: 0, alreadyQueued: N });
    expect(lines[1]).toMatchObject({ event: 'drained', counts: { sent: N, pending: 0, sending: 0, failed: 0 } });

    const counts = sim.countsByConversation();
    const lost: string[] = [];
    const duplicated: string[] = [];
    for (let i = 0; i < N; i++) {
      const conv = `a:personal-29:u${i}`;
      const c = counts.get(conv) ?? 0;
      if (c === 0) lost.push(conv);
      if (c > 1) duplicated.push(conv);
      expect(c, conv).toBeLessThanOrEqual(2);
    }
    expect(lost).toEqual([]);
    expect(duplicated.length).toBeLessThanOrEqual(CONCURRENCY);
    console.info(`SIGKILL after ${deliveredBeforeKill}/${N} delivered: ${inFlight.size} claimed at the kill, ${duplicated.length} delivered twice, 0 lost`);
    for (const d of duplicated) expect(inFlight.has(d), `${d} was sent twice but was not in flight at the kill`).toBe(true);
  });
});
