import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Agent, request } from 'node:http';
import { startConnectorStub } from '../test/support/connectorStub.js';
import { type Load, summarize } from './support/stats.js';

/**
 * npm run bench:turns [-- --conversations 50 --turns 40 --text ayuda]
 *
 * Drives many concurrent conversations over HTTP against the real server (local mode, embedded store) and,
 * in the same run, against a bare echo bot on the same stack. Both reply through a local connector stub.
 * A turn's latency is the time from POST /api/messages to its HTTP answer, which the adapter sends after
 * the bot's reply was accepted by the connector. Prints turns/s, p50 and p99 for each, and their ratio.
 */
function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const conversations = Number(arg('conversations', '50'));
const turnsPerConversation = Number(arg('turns', '40'));
const warmupTurns = Number(arg('warmup', '5'));
const text = arg('text', 'ayuda');
const rounds = Number(arg('rounds', '3'));

async function startServer(kind: 'bot' | 'echo'): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/support/turnsServer.ts', '--kind', kind], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.on('line', (line) => {
      const m = /^PORT (\d+)/.exec(line);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  return { child, port };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

function post(agent: Agent, port: number, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/api/messages', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function run(label: string, port: number, serviceUrl: string): Promise<Load> {
  const agent = new Agent({ keepAlive: true, maxSockets: conversations * 2 });
  let seq = 0;
  const activity = (c: number) =>
    JSON.stringify({
      type: 'message',
      id: `bench-${label}-${++seq}`,
      channelId: 'msteams',
      serviceUrl,
      text,
      textFormat: 'plain',
      locale: 'es-MX',
      from: { id: `29:user-${c}`, name: `Integrante ${c}`, aadObjectId: `00000000-0000-0000-0000-${String(c).padStart(12, '0')}` },
      recipient: { id: '28:bench-bot', name: 'Red de Coaching' },
      conversation: { id: `a:bench-${c}`, conversationType: 'personal', tenantId: 'bench-tenant' },
      channelData: { tenant: { id: 'bench-tenant' } },
    });
  // Warm-up: every conversation once or more (first turns create state and conversation records).
  await Promise.all(Array.from({ length: conversations }, async (_, c) => {
    for (let i = 0; i < warmupTurns; i++) await post(agent, port, activity(c));
  }));
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: conversations }, async (_, c) => {
      for (let i = 0; i < turnsPerConversation; i++) {
        const t0 = performance.now();
        const status = await post(agent, port, activity(c));
        latencies.push(performance.now() - t0);
        if (status !== 200) errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return summarize(label, latencies, seconds, errors);
}

async function main(): Promise<void> {
  const connector = await startConnectorStub();
  // Rounds alternate echo and bot so that background load on the machine affects both alike.
  const rows: { round: number; echo: Load; bot: Load }[] = [];
  for (let round = 1; round <= rounds; round++) {
    const byKind: Partial<Record<'echo' | 'bot', Load>> = {};
    for (const kind of ['echo', 'bot'] as const) {
      const { child, port } = await startServer(kind);
      try {
        byKind[kind] = await run(kind === 'bot' ? `Red de Coaching ("${text}")` : 'bot de eco (misma pila)', port, connector.url);
      } finally {
        await stop(child);
      }
    }
    rows.push({ round, echo: byKind.echo!, bot: byKind.bot! });
  }
  await connector.close();

  console.log(`\nbench:turns — ${conversations} conversaciones concurrentes × ${turnsPerConversation} turnos (más ${warmupTurns} de calentamiento), ${rounds} rondas, HTTP local, almacén embebido`);
  console.log('ronda bot                                  turnos   turnos/s   p50 ms   p99 ms   máx ms   errores');
  const line = (round: number, r: Load) =>
    console.log(
      `${String(round).padStart(5)} ${r.label.padEnd(36)} ${String(r.turns).padStart(6)} ${(r.turns / r.seconds).toFixed(1).padStart(10)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${r.max.toFixed(1).padStart(8)} ${String(r.errors).padStart(9)}`,
    );
  for (const row of rows) {
    line(row.round, row.echo);
    line(row.round, row.bot);
  }
  const ratios = rows.map((r) => r.bot.p99 / r.echo.p99).sort((a, b) => a - b);
  const median = ratios[Math.floor(ratios.length / 2)]!;
  console.log(`razón p99 (Red de Coaching / eco) por ronda: ${rows.map((r) => (r.bot.p99 / r.echo.p99).toFixed(2)).join(', ')}; mediana ${median.toFixed(2)}x (meta: ≤ 1.5x)`);
  const tput = rows.map((r) => r.bot.turns / r.bot.seconds / (r.echo.turns / r.echo.seconds)).sort((a, b) => a - b);
  console.log(`razón de turnos/s (Red de Coaching / eco), mediana: ${tput[Math.floor(tput.length / 2)]!.toFixed(2)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
