/**
 * Shared by the broadcast benchmarks (bench/broadcast.ts, bench/announce.ts): the Bot Connector simulator in a
 * worker thread (a separate event loop, like a remote service), and the count of what reached each personal chat.
 */
import { Worker } from 'node:worker_threads';
import { ConnectorSimulator, type SimulatorOptions, type SimulatorStats } from '../../test/support/connectorSimulator.js';
import type { SimReport } from '../broadcastSimWorker.js';

export interface SimHandle {
  url: string;
  report: () => Promise<SimReport>;
  /** The simulator's counters only (cheap enough to poll while measuring). */
  stats: () => Promise<SimulatorStats>;
  close: () => Promise<void>;
}

/** The simulator in a worker thread: a separate event loop, like a remote service. */
export async function startSimulator(options: SimulatorOptions): Promise<SimHandle> {
  // Workers do not inherit tsx's loader: register it in the worker, then load the TypeScript module.
  const entry = new URL('../broadcastSimWorker.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: options });
  const url = await new Promise<string>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (m: { type: string; url: string }) => resolve(m.url));
  });
  return {
    url,
    report: () =>
      new Promise<SimReport>((resolve) => {
        worker.once('message', (m: SimReport) => resolve(m));
        worker.postMessage({ type: 'report' });
      }),
    stats: () =>
      new Promise<SimulatorStats>((resolve) => {
        worker.once('message', (m: { stats: SimulatorStats }) => resolve(m.stats));
        worker.postMessage({ type: 'stats' });
      }),
    close: async () => {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage({ type: 'close' });
      await exited;
    },
  };
}

/** Delivered (at least once), duplicated (extra copies) and lost among the personal chats of `userIds`. */
export function deliveryCounts(report: SimReport, userIds: readonly string[]): { delivered: number; duplicated: number; lost: number } {
  const counts = new Map(report.counts);
  let delivered = 0;
  let duplicated = 0;
  for (const id of userIds) {
    const c = counts.get(ConnectorSimulator.personalConversationId(id)) ?? 0;
    if (c > 0) delivered++;
    if (c > 1) duplicated += c - 1;
  }
  return { delivered, duplicated, lost: userIds.length - delivered };
}
