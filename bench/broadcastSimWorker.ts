/**
 * Runs the connector simulator in a worker thread for bench/broadcast.ts, so that it behaves like a
 * remote service: the engine's pauses (store reads, GC) do not delay when the simulator sees requests.
 * Protocol: posts { type: 'ready', url }; answers 'report' with counts and stats, 'stats' with the stats alone
 * (cheap, for progress); 'close' ends it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ConnectorSimulator, type SimulatorOptions, type SimulatorStats } from '../test/support/connectorSimulator.js';

export interface SimReport {
  type: 'report';
  counts: [string, number][];
  stats: SimulatorStats;
  admittedAt: number[];
}

const port = parentPort;
if (!port) throw new Error('broadcastSimWorker must run in a worker thread');

const sim = await ConnectorSimulator.start(workerData as SimulatorOptions);
port.on('message', (msg: { type: string }) => {
  if (msg.type === 'report') {
    const report: SimReport = { type: 'report', counts: [...sim.countsByConversation()], stats: { ...sim.stats }, admittedAt: sim.admittedAt };
    port.postMessage(report);
  } else if (msg.type === 'stats') {
    port.postMessage({ type: 'stats', stats: { ...sim.stats } });
  } else if (msg.type === 'close') {
    void sim.close().then(() => port.close());
  }
});
port.postMessage({ type: 'ready', url: sim.url });
