import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Agent, request } from 'node:http';
import { VERBS } from '../src/cards/verbs.js';
import { mulberry32 } from '../src/domain/groups/index.js';
import { ELECTIONS_TEXTS } from '../src/features/elections/texts.js';
import { startVoteConnector, type VoteConnector } from './support/voteConnector.js';
import type { GroupRecount, VoteServerReady } from './support/voteServer.js';
import { type Load, summarize } from './support/stats.js';

/**
 * npm run bench:vote [-- --rounds 3 --concurrency 50 --window 60 --resubmit 60 --seed 1 --cpu-prof <dir>]
 *
 * Issue 10. The real server (bench/support/voteServer.ts: local mode, embedded store, 498 validated members in 14
 * confirmed groups, each group's channel linked) replies through a local connector stub (bench/support/
 * voteConnector.ts). Over HTTP, like Teams: every member writes once ("mi grupo": her personal chat is known);
 * UTIGyND types «elecciones abrir todos»; two members per role and group press «Postularme» on the nominations
 * card; UTIGyND types «elecciones votacion todos»; the delivery engine brings each member her ballot card 1:1
 * (within Teams' 50 messages per second: about 10 s for 498), and once every member has hers, the 498 members,
 * 50 at a time, press «Confirmar mi voto» on it (the Action.Submit data of cards/elections/electionBallot.json plus
 * the inputs voto0 = representante and voto1 = secretaria: "c0", "c1" or "abstencion"), with the id of the card
 * she received as replyToId. A member cannot press a card she has not received; waiting for all of them also
 * measures the vote turns, like the echo's, with no broadcast sending in the background. All of that within the
 * window (60 s, from «elecciones votacion todos»). A sample resubmits a different ballot (a second card, a retry): every one must be told
 * she had voted already. UTIGyND types «elecciones cerrar todos» (time to tally all groups, announcements
 * included), and the recount reads the box through ElectionService: lost votes = votes confirmed to the member but
 * not counted (or counted otherwise than she chose); double votes = ballots counted beyond one per voter, or a
 * resubmission that was not refused. A bare echo bot on the same stack (bench/support/turnsServer.ts) runs the same
 * number of turns at the same concurrency in the same run, before and after; its p99 is the reference (target:
 * the vote turn's p99 ≤ 2× the echo's). The whole election is repeated --rounds times (3), each on a fresh server,
 * and the median ratio is reported, as bench:turns does. `--cpu-prof <dir>` profiles the server (node --cpu-prof).
 */
function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const concurrency = Number(arg('concurrency', '50'));
const windowSeconds = Number(arg('window', '60'));
const resubmitCount = Number(arg('resubmit', '60'));
const seed = Number(arg('seed', '1'));
const rounds = Number(arg('rounds', '3'));
const ADMIN = { id: '29:bench-utigynd', aadObjectId: 'ffffffff-0000-0000-0000-000000000001', name: 'UTIGyND' };

interface Who {
  id: string;
  aadObjectId: string;
  name: string;
}

/** Runs `fn` over the items with at most `n` in flight. */
async function pool<T>(items: readonly T[], n: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
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

let seq = 0;
function activity(serviceUrl: string, who: Who, content: { text: string } | { value: Record<string, unknown>; replyToId: string }): { id: string; body: string } {
  const id = `bench-vote-${++seq}`;
  const body = JSON.stringify({
    type: 'message',
    id,
    channelId: 'msteams',
    serviceUrl,
    ...('text' in content ? { text: content.text, textFormat: 'plain' } : { value: content.value, replyToId: content.replyToId }),
    locale: 'es-MX',
    from: { id: who.id, name: who.name, aadObjectId: who.aadObjectId },
    recipient: { id: '28:bench-bot', name: 'Red de Coaching' },
    conversation: { id: `a:${who.id}`, conversationType: 'personal', tenantId: 'bench-tenant' },
    channelData: { tenant: { id: 'bench-tenant' } },
  });
  return { id, body };
}

function waitLine(child: ChildProcess, prefix: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    const onExit = (code: number | null) => reject(new Error(`server exited with ${code}`));
    rl.on('line', (line) => {
      if (!line.startsWith(`${prefix} `)) return;
      rl.close();
      child.off('exit', onExit);
      resolve(line.slice(prefix.length + 1));
    });
    child.once('exit', onExit);
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** The echo bot of bench/turns.ts: `turns` messages, `concurrency` at a time, after one warm-up turn each. */
async function echoRun(connector: VoteConnector, people: readonly Who[]): Promise<Load> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/support/turnsServer.ts', '--kind', 'echo'], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(child);
  const port = Number((await waitLine(child, 'PORT')).trim());
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency * 2 });
  try {
    await pool(people, concurrency, async (who) => void (await post(agent, port, activity(connector.url, who, { text: 'mi grupo' }).body)));
    const latencies: number[] = [];
    let errors = 0;
    const t0 = performance.now();
    await pool(people, concurrency, async (who) => {
      const a = activity(connector.url, who, { value: { verb: VERBS.electionVote, electionId: '2026:1:1', round: 1, voto0: 'c0', voto1: 'c1' }, replyToId: 'card' });
      const t = performance.now();
      const status = await post(agent, port, a.body);
      latencies.push(performance.now() - t);
      if (status !== 200) errors++;
    });
    return summarize('bot de eco (misma pila)', latencies, (performance.now() - t0) / 1000, errors);
  } finally {
    agent.destroy();
    await stop(child);
  }
}

type Choice = 'c0' | 'c1' | 'abstencion';

/** Progress, on stderr (the figures go to stdout). */
const progress = (text: string): void => void process.stderr.write(`· ${text}\n`);
const children = new Set<ChildProcess>();

interface RoundResult {
  members: number;
  groups: number;
  echoBefore: Load;
  vote: Load;
  echoAfter: Load;
  openMs: number;
  votingMs: number;
  closeMs: number;
  nominated: string;
  recorded: number;
  /** Ballot cards delivered 1:1 before the votes, and how long after «elecciones votacion todos». */
  delivered: number;
  deliverySeconds: number;
  ballotsSeconds: number;
  windowSeconds: number;
  lost: number;
  doubles: number;
  mismatches: number;
  resubmits: string;
  holders: number;
  ties: number;
  updates: number;
  proactive: number;
  problems: string[];
}

/** One whole election on a fresh server, between two runs of the echo bot. */
async function electionRound(round: number): Promise<RoundResult> {
  const connector = await startVoteConnector();
  const profile = arg('cpu-prof', '');
  const child = spawn(process.execPath, [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []), '--import', 'tsx', 'bench/support/voteServer.ts', '--connector', connector.url], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.add(child);
  const ready = JSON.parse(await waitLine(child, 'READY')) as VoteServerReady;
  const { port } = ready;
  const people: (Who & { group: number })[] = ready.members.map((m, i) => ({ id: m.userId, aadObjectId: m.aad, name: `Integrante ${i + 1}`, group: m.group }));
  progress(`servidor listo, ${people.length} integrantes en ${ready.groups} grupos; bot de eco (antes)…`);
  const echoBefore = await echoRun(connector, people);
  progress('primer mensaje de cada integrante…');

  const agent = new Agent({ keepAlive: true, maxSockets: concurrency * 2 });
  const problems: string[] = [];
  /** One turn; returns its HTTP latency and the texts the bot answered in it (and the card it pressed, if updated in place). */
  const turn = async (who: Who, content: Parameters<typeof activity>[2]): Promise<{ ms: number; status: number; texts: string[]; card: string }> => {
    const a = activity(connector.url, who, content);
    const t = performance.now();
    const status = await post(agent, port, a.body);
    const ms = performance.now() - t;
    const cardId = 'replyToId' in content && typeof content.replyToId === 'string' ? content.replyToId : undefined;
    return { ms, status, texts: connector.textsByTurn.get(a.id) ?? [], card: (cardId && connector.cardsById.get(cardId)) || '' };
  };
  const admin = async (text: string): Promise<{ ms: number; texts: string[] }> => {
    const r = await turn(ADMIN, { text });
    if (r.status !== 200) problems.push(`«${text}»: HTTP ${r.status}`);
    return r;
  };

  // Every member once (her personal chat becomes known to the bot); the administrator too.
  await pool(people, concurrency, async (who) => void (await turn(who, { text: 'mi grupo' })));
  await admin('ayuda');

  progress('elecciones abrir todos…');
  const opened = await admin('elecciones abrir todos');
  progress(`postulaciones (${opened.ms.toFixed(0)} ms)…`);
  const byGroup = new Map<number, (Who & { group: number })[]>();
  for (const p of people) byGroup.set(p.group, [...(byGroup.get(p.group) ?? []), p]);
  const electionOf = (group: number) => `${ready.editionId}:${group}:1`;
  // Two candidates per role and group press «Postularme» on their nominations card.
  const nominations = [...byGroup].flatMap(([group, ms]) =>
    ms.slice(0, 4).map((who, k) => ({ who, group, role: k < 2 ? 'representante' : 'secretaria' })),
  );
  let nominated = 0;
  await pool(nominations, concurrency, async (n) => {
    const r = await turn(n.who, { value: { verb: VERBS.electionNominate, electionId: electionOf(n.group), role: n.role }, replyToId: `nominacion-${n.who.id}` });
    // The card she pressed becomes «Postulación registrada» in place (no text); a text answer only when that fails.
    if (r.status === 200 && (r.texts.length === 0 || r.texts.some((t) => t === ELECTIONS_TEXTS.nominated(n.role as 'representante' | 'secretaria')))) nominated++;
    else problems.push(`postulación de ${n.who.name} (grupo ${n.group}): ${r.texts.join(' | ') || `HTTP ${r.status}`}`);
  });

  // The voting window: from «elecciones votacion todos» to the last ballot confirmed.
  progress('elecciones votacion todos…');
  const windowStart = performance.now();
  connector.markedCards.clear();
  connector.cardMarker = `"verb":"${VERBS.electionVote}"`;
  const votingOpened = await admin('elecciones votacion todos');
  const random = mulberry32(seed + round - 1);
  const pick = (): Choice => (['c0', 'c1', 'abstencion'] as const)[random.int(3)]!;
  const ballots = people.map((who) => ({ who, voto0: pick(), voto1: pick() }));
  const latencies: number[] = [];
  let httpErrors = 0;
  const recorded = new Set<string>();
  const refused: string[] = [];
  // She votes on the ballot card she received: wait until the delivery engine has brought every member hers.
  progress(`boletas en camino (votación abierta en ${votingOpened.ms.toFixed(0)} ms)…`);
  const cardOf = (who: Who): string | undefined => connector.markedCards.get(`a:${who.id}`);
  const deliveredBy = performance.now() + windowSeconds * 1000;
  while (people.some((who) => !cardOf(who)) && performance.now() < deliveredBy) await new Promise((r) => setTimeout(r, 100));
  const ballotsDelivered = people.filter((who) => cardOf(who)).length;
  const deliverySeconds = (performance.now() - windowStart) / 1000;
  progress(`boletas entregadas: ${ballotsDelivered} de ${people.length} en ${deliverySeconds.toFixed(1)} s; votos…`);
  const ballotsStart = performance.now();
  await pool(ballots, concurrency, async (b) => {
    const value = { verb: VERBS.electionVote, electionId: electionOf(b.who.group), round: 1, voto0: b.voto0, voto1: b.voto1 };
    const r = await turn(b.who, { value, replyToId: cardOf(b.who) ?? `boleta-${b.who.id}` });
    latencies.push(r.ms);
    if (r.status !== 200) httpErrors++;
    // She is told by the ballot card updated in place (or by the text reply when the update is not possible).
    if (r.texts.includes(ELECTIONS_TEXTS.voteRecorded) || r.card.includes(ELECTIONS_TEXTS.ballotDoneText(b.who.group))) recorded.add(b.who.aadObjectId);
    else refused.push(`${b.who.name}: ${r.texts.join(' | ') || `HTTP ${r.status}`}`);
  });
  const ballotsSeconds = (performance.now() - ballotsStart) / 1000;
  const windowSeconds_ = (performance.now() - windowStart) / 1000;
  const vote = summarize('Red de Coaching (boleta)', latencies, ballotsSeconds, httpErrors);

  // Double votes: a sample resubmits, all at once, a different ballot (a second card, a retried submission).
  progress('reenvíos…');
  const sample = ballots.filter((_, i) => i % Math.max(1, Math.floor(ballots.length / resubmitCount)) === 0).slice(0, resubmitCount);
  let resubmitRefused = 0;
  const resubmitAccepted: string[] = [];
  await pool(sample, concurrency, async (b) => {
    const flip = (c: Choice): Choice => (c === 'c0' ? 'c1' : 'c0');
    const value = { verb: VERBS.electionVote, electionId: electionOf(b.who.group), round: 1, voto0: flip(b.voto0), voto1: flip(b.voto1) };
    const r = await turn(b.who, { value, replyToId: `boleta-2-${b.who.id}` });
    if (r.texts.includes(ELECTIONS_TEXTS.alreadyVoted) || r.card.includes(ELECTIONS_TEXTS.alreadyVoted)) resubmitRefused++;
    else resubmitAccepted.push(`${b.who.name}: ${r.texts.join(' | ') || `HTTP ${r.status}`}`);
  });

  // Time to tally all groups: «elecciones cerrar todos» (closing, counting, roles, announcements queued).
  progress('elecciones cerrar todos…');
  const closed = await admin('elecciones cerrar todos');
  progress('recuento…');

  child.stdin!.write('RECOUNT\n');
  const recount = JSON.parse(await waitLine(child, 'RECOUNT')) as GroupRecount[] | { error: string };
  await stop(child);
  agent.destroy();
  progress('bot de eco (después)…');
  const echoAfter = await echoRun(connector, people);
  await connector.close();
  if (!Array.isArray(recount)) throw new Error(`recount failed: ${recount.error}`);

  // Expected counts from the ballots each member was told were registered.
  let lost = 0;
  let doubles = 0;
  let mismatches = 0;
  for (const g of recount) {
    const mine = ballots.filter((b) => b.who.group === g.group && recorded.has(b.who.aadObjectId));
    lost += Math.max(0, mine.length - g.registered);
    doubles += Math.max(0, g.registered - mine.length);
    g.contests.forEach((c, i) => {
      const expected: Record<string, number> = { c0: 0, c1: 0, abstencion: 0 };
      for (const b of mine) expected[i === 0 ? b.voto0 : b.voto1]!++;
      lost += Math.max(0, mine.length - c.ballots);
      doubles += Math.max(0, c.ballots - mine.length);
      const got = { c0: c.byPosition.c0 ?? 0, c1: c.byPosition.c1 ?? 0, abstencion: c.abstentions };
      for (const k of ['c0', 'c1', 'abstencion'] as const) if (got[k] !== expected[k]) mismatches++;
    });
    if (g.phase !== 'closed') problems.push(`grupo ${g.group}: fase ${g.phase ?? 'sin elección'} tras cerrar`);
  }
  doubles += resubmitAccepted.length;
  const holders = recount.reduce((n, g) => n + g.holders.length, 0);
  const ties = recount.reduce((n, g) => n + g.contests.length, 0) - holders;

  children.delete(child);
  return {
    members: people.length,
    groups: ready.groups,
    echoBefore,
    vote,
    echoAfter,
    openMs: opened.ms,
    votingMs: votingOpened.ms,
    closeMs: closed.ms,
    nominated: `${nominated}/${nominations.length}`,
    recorded: recorded.size,
    delivered: ballotsDelivered,
    deliverySeconds,
    ballotsSeconds,
    windowSeconds: windowSeconds_,
    lost,
    doubles,
    mismatches,
    resubmits: `${resubmitRefused}/${sample.length}`,
    holders,
    ties,
    updates: connector.updates,
    proactive: [...connector.proactive.values()].reduce((a, b) => a + b, 0),
    problems: [...problems, ...refused.slice(0, 5), ...resubmitAccepted.slice(0, 5)],
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const results: RoundResult[] = [];
  for (let round = 1; round <= rounds; round++) {
    progress(`ronda ${round} de ${rounds}`);
    results.push(await electionRound(round));
  }
  const first = results[0]!;
  const row = (round: number, r: Load) =>
    console.log(
      `${String(round).padStart(5)} ${r.label.padEnd(26)} ${String(r.turns).padStart(6)} ${(r.turns / r.seconds).toFixed(1).padStart(10)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${r.max.toFixed(1).padStart(8)} ${String(r.errors).padStart(8)}`,
    );
  const echoP99 = (r: RoundResult) => (r.echoBefore.p99 + r.echoAfter.p99) / 2;
  const echoTps = (r: RoundResult) => (r.echoBefore.turns / r.echoBefore.seconds + r.echoAfter.turns / r.echoAfter.seconds) / 2;
  console.log(`\nbench:vote — ${first.members} integrantes en ${first.groups} grupos confirmados, ${concurrency} concurrentes, ${rounds} rondas (una elección completa por ronda, servidor nuevo), HTTP local, almacén embebido, conector local`);
  console.log('ronda carga                      turnos   turnos/s   p50 ms   p99 ms   máx ms  errores');
  results.forEach((r, i) => {
    row(i + 1, { ...r.echoBefore, label: 'bot de eco (antes)' });
    row(i + 1, { ...r.vote, label: 'boleta (Red de Coaching)' });
    row(i + 1, { ...r.echoAfter, label: 'bot de eco (después)' });
  });
  console.log('ronda  postul.  abrir ms  votación ms  entregadas  s entrega  boletas  s boletas  ventana s  cerrar ms  perdidos  dobles  dif.recuento  reenvíos rech.  cargos  empates');
  results.forEach((r, i) =>
    console.log(
      `${String(i + 1).padStart(5)} ${r.nominated.padStart(8)} ${r.openMs.toFixed(0).padStart(9)} ${r.votingMs.toFixed(0).padStart(12)} ${`${r.delivered}/${r.members}`.padStart(11)} ${r.deliverySeconds.toFixed(1).padStart(9)} ${`${r.recorded}/${r.members}`.padStart(8)} ${r.ballotsSeconds.toFixed(1).padStart(9)} ${r.windowSeconds.toFixed(1).padStart(10)} ${r.closeMs.toFixed(0).padStart(10)} ${String(r.lost).padStart(9)} ${String(r.doubles).padStart(7)} ${String(r.mismatches).padStart(13)} ${r.resubmits.padStart(15)} ${String(r.holders).padStart(7)} ${String(r.ties).padStart(8)}`,
    ),
  );
  const ratios = results.map((r) => r.vote.p99 / echoP99(r));
  const ratio = median(ratios);
  console.log(`razón p99 (boleta / eco; eco = media de sus corridas antes y después) por ronda: ${ratios.map((x) => x.toFixed(2)).join(', ')}; mediana ${ratio.toFixed(2)}x (meta: ≤ 2x)`);
  console.log(`razón de turnos/s (boleta / eco), mediana: ${median(results.map((r) => r.vote.turns / r.vote.seconds / echoTps(r))).toFixed(2)}`);
  console.log(`tiempo de cómputo de los ${first.groups} grupos («elecciones cerrar todos»: cierre, cómputo, cargos y avisos en cola), mediana: ${median(results.map((r) => r.closeMs)).toFixed(0)} ms`);
  console.log(`votos perdidos: ${results.reduce((n, r) => n + r.lost, 0)}; votos dobles: ${results.reduce((n, r) => n + r.doubles, 0)} (meta: 0 y 0; recuento con ElectionService tras cerrar)`);
  console.log(`conector, por ronda: ${results.map((r) => `${r.updates} tarjetas actualizadas en su lugar, ${r.proactive} avisos proactivos entregados`).join('; ')}`);
  for (const p of results.flatMap((r, i) => r.problems.map((x) => `ronda ${i + 1}: ${x}`))) console.log(`  ! ${p}`);
  const ok = results.every((r) => r.lost === 0 && r.doubles === 0 && r.mismatches === 0 && r.recorded === r.members && r.delivered === r.members && r.windowSeconds <= windowSeconds && r.problems.length === 0);
  console.log(`${ok ? 'integridad y ventana: correctas' : 'integridad o ventana: CON PROBLEMAS'}; meta de p99 (≤ 2x el eco): ${ratio <= 2 ? 'cumplida' : `NO cumplida (${ratio.toFixed(2)}x)`}`);
  if (!ok) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  process.exit(1);
});
