import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Agent, request } from 'node:http';
import { pathToFileURL } from 'node:url';
import { pino } from 'pino';
import { VERBS } from '../src/cards/verbs.js';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { loadDefaultCatalog } from '../src/data/defaultCatalog.js';
import { loadDefaultInstrument } from '../src/data/surveys/index.js';
import type { MemberRecord } from '../src/domain/member.js';
import type { Instrument } from '../src/domain/surveys/types.js';
import { GroupSetService } from '../src/services/groupSets.js';
import { createRegistrationServices } from '../src/services/registration/index.js';
import { MEMBERS_COLLECTION } from '../src/services/registration/members.js';
import { SURVEY_ANSWERS_COLLECTION, SURVEY_INSTRUMENTS_COLLECTION, SURVEY_PARTICIPATION_COLLECTION, type AnswerDoc, type InstrumentDoc, type ParticipationDoc } from '../src/services/surveys/index.js';
import { openStore } from '../src/store/openStore.js';
import { realisticRoster } from '../test/helpers/rosterFixtures.js';
import { validatedMember } from '../test/groups/support.js';
import { startVoteConnector, type VoteConnector } from './support/voteConnector.js';
import { formatSurveyResultsFigures, runSurveyResultsBench } from './surveyResults.js';
import { type Load, summarize } from './support/stats.js';

/**
 * npm run bench:survey [-- --members 498 --concurrency 50 --window 10 --resubmit 50]
 *
 * Issue 12. The real server (this file with --server: createApp in local mode on an embedded store in a temp
 * dir; an active edition, 498 validated members of the realistic roster in 14 confirmed groups; wave 1 with a
 * five-page instrument: expectativas, trayectoria, competencias de liderazgo, competencias técnicas, barreras)
 * replies through the local connector stub (bench/support/voteConnector.ts). Over HTTP, like Teams: every member
 * writes once (her personal chat becomes known); UTIGyND types «encuesta abrir 1 cierre …» (498 invitations 1:1
 * through the delivery engine); then the members, `concurrency` at a time, press «Responder la encuesta» on the
 * invitation, fill each page card as the connector received it (updated in place) and press «Siguiente» five
 * times, then «Enviar» on the review page. A sample presses «Enviar» again (a double click): nothing more may be
 * stored. The server then counts what the store holds: answers stored must equal the surveys whose card became
 * «¡Gracias!», with 0 duplicates. A bare echo bot on the same stack (bench/support/turnsServer.ts) runs the same
 * number of turns at the same concurrency, before and after; its p99 is the reference (target: the page turn's
 * p99 ≤ 2× the echo's). Finally C1's bench/surveyResults.ts: results and XLSX of 50,000 synthetic respondents.
 */
function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const memberCount = Number(arg('members', '498'));
const concurrency = Number(arg('concurrency', '50'));
const windowSeconds = Number(arg('window', '10'));
const resubmitCount = Number(arg('resubmit', '50'));
const ADMIN = { id: '29:bench-utigynd', aadObjectId: 'ffffffff-0000-0000-0000-000000000001', name: 'UTIGyND' };
const EDITION = '2026';

// --- The server (child process) ---------------------------------------------------------------------------

interface ServerReady {
  port: number;
  members: { aad: string; userId: string }[];
  pages: number;
}

/** The five-page instrument of the bench: wave 1's sections without the career events. */
function benchInstrument(): Instrument {
  const base = loadDefaultInstrument(1);
  const keep = new Set(['expectativas', 'trayectoria', 'competencias_liderazgo', 'competencias_tecnicas', 'barreras']);
  return { ...base, version: `${base.version}-bench`, sections: base.sections.filter((s) => keep.has(s.id)) };
}

async function server(): Promise<void> {
  const logger = pino({ level: 'silent' });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rdc-bench-survey-'));
  const config = loadConfig({ BOT_MODE: 'local', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ADMIN_AAD_IDS: ADMIN.aadObjectId });
  const store = await openStore(config.store);
  const registration = createRegistrationServices(store, { adminAadIds: [ADMIN.aadObjectId] });
  await registration.init();
  await registration.editions.create({ id: EDITION, nombre: 'Red de Coaching 2026' }, 'aad:bench');
  await registration.editions.activate(EDITION, 'aad:bench');
  const records: MemberRecord[] = realisticRoster(loadDefaultCatalog(), 1, memberCount).map((r, i) => {
    const aad = `00000000-0000-0000-0000-${String(i + 1).padStart(12, '0')}`;
    return validatedMember(EDITION, r, { key: `aad:${aad}`, userId: `29:survey-${i + 1}`, nombre: r.nombre, correo: `integrante${i + 1}@ine.mx` });
  });
  await store.collection<MemberRecord>(MEMBERS_COLLECTION).insertMany(records);
  const groups = new GroupSetService(store, logger);
  await groups.init();
  await groups.propose(EDITION, records, { groups: 14 }, 'aad:bench');
  await groups.confirm(EDITION, 'aad:bench');
  // The wave's instrument, stored as UTIGyND would replace it before opening (five sections, five pages).
  const instrument = benchInstrument();
  await store.collection<InstrumentDoc>(SURVEY_INSTRUMENTS_COLLECTION).insertOne({
    _id: `${EDITION}:1`,
    editionId: EDITION,
    wave: 1,
    instrumentId: instrument.id,
    version: instrument.version,
    instrumentJson: JSON.stringify(instrument),
    by: 'aad:bench',
    at: new Date(),
  });

  const app = await createApp(config, { logger, store });
  const port = await app.listen();
  const ready: ServerReady = { port, members: records.map((m) => ({ aad: m.aadObjectId, userId: m.userId })), pages: instrument.sections.length };
  console.log(`READY ${JSON.stringify(ready)}`);
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() !== 'COUNT') return;
    const answers = store.collection<AnswerDoc>(SURVEY_ANSWERS_COLLECTION);
    const register = store.collection<ParticipationDoc>(SURVEY_PARTICIPATION_COLLECTION);
    Promise.all([answers.find({ editionId: EDITION, wave: 1 }), register.countDocuments({ editionId: EDITION, wave: 1, state: 'finished' })]).then(
      ([docs, finished]) => {
        const respondents = new Set(docs.map((d) => d.respondent));
        console.log(`COUNT ${JSON.stringify({ docs: docs.length, submitted: docs.filter((d) => d.submitted).length, respondents: respondents.size, finished })}`);
      },
      (err: unknown) => console.log(`COUNT ${JSON.stringify({ error: err instanceof Error ? err.message : String(err) })}`),
    );
  });
  process.once('SIGTERM', () => {
    void app
      .close()
      .then(() => rm(dataDir, { recursive: true, force: true }))
      .then(() => process.exit(0));
  });
}

// --- The load generator -----------------------------------------------------------------------------------

interface Who {
  id: string;
  aadObjectId: string;
  name: string;
}

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
function activity(serviceUrl: string, who: Who, content: { text: string } | { value: Record<string, unknown>; replyToId: string }): string {
  return JSON.stringify({
    type: 'message',
    id: `bench-survey-${++seq}`,
    channelId: 'msteams',
    serviceUrl,
    ...('text' in content ? { text: content.text, textFormat: 'plain' } : { value: content.value, replyToId: content.replyToId }),
    locale: 'es-MX',
    from: { id: who.id, name: who.name, aadObjectId: who.aadObjectId },
    recipient: { id: '28:bench-bot', name: 'Red de Coaching' },
    conversation: { id: `a:${who.id}`, conversationType: 'personal', tenantId: 'bench-tenant' },
    channelData: { tenant: { id: 'bench-tenant' } },
  });
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

const progress = (text: string): void => void process.stderr.write(`· ${text}\n`);
const children = new Set<ChildProcess>();

/** The echo bot of bench/turns.ts: `turns` messages, `concurrency` at a time, after one warm-up turn each. */
async function echoRun(connector: VoteConnector, people: readonly Who[], turns: number, label: string): Promise<Load> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/support/turnsServer.ts', '--kind', 'echo'], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(child);
  const port = Number((await waitLine(child, 'PORT')).trim());
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency * 2 });
  try {
    await pool(people, concurrency, async (who) => void (await post(agent, port, activity(connector.url, who, { text: 'hola' }))));
    const latencies: number[] = [];
    let errors = 0;
    const jobs = Array.from({ length: turns }, (_, i) => people[i % people.length]!);
    const t0 = performance.now();
    await pool(jobs, concurrency, async (who) => {
      const t = performance.now();
      const status = await post(agent, port, activity(connector.url, who, { value: { verb: VERBS.surveyPage, editionId: EDITION, wave: 1, version: 'x', pageId: 'p', nav: 'next', i0_0_0: '1' }, replyToId: 'card' }));
      latencies.push(performance.now() - t);
      if (status !== 200) errors++;
    });
    return summarize(label, latencies, (performance.now() - t0) / 1000, errors);
  } finally {
    agent.destroy();
    await stop(child);
    children.delete(child);
  }
}

interface CardInput {
  id: string;
  type: string;
  choices: string[];
  min?: number;
}

/** The card's inputs and the data of the button titled `title` (as Teams would submit it). */
function readCard(attachmentsJson: string | undefined, title: string): { inputs: CardInput[]; data?: Record<string, unknown>; text: string } {
  const inputs: CardInput[] = [];
  let data: Record<string, unknown> | undefined;
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.text === 'string') texts.push(o.text);
      if (typeof o.type === 'string' && o.type.startsWith('Input.')) {
        inputs.push({ id: String(o.id), type: o.type, choices: ((o.choices as { value: string }[] | undefined) ?? []).map((c) => c.value), ...(typeof o.min === 'number' ? { min: o.min } : {}) });
      }
      if (o.type === 'Action.Submit' && o.title === title) data = o.data as Record<string, unknown>;
      for (const v of Object.values(o)) if (typeof v === 'object') walk(v);
    }
  };
  walk(attachmentsJson ? (JSON.parse(attachmentsJson) as unknown) : []);
  return { inputs, ...(data ? { data } : {}), text: texts.join('\n') };
}

function fill(inputs: readonly CardInput[], n: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const i of inputs) {
    if (i.type === 'Input.ChoiceSet') out[i.id] = i.choices[n % Math.max(1, i.choices.length)] ?? '';
    else if (i.type === 'Input.Number') out[i.id] = (i.min ?? 0) + (n % 10);
    else if (i.type === 'Input.Text') out[i.id] = `Respuesta ${n}`;
  }
  return out;
}

async function main(): Promise<void> {
  const connector = await startVoteConnector();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/survey.ts', '--server', '--members', String(memberCount)], { stdio: ['pipe', 'pipe', 'inherit'] });
  children.add(child);
  const ready = JSON.parse(await waitLine(child, 'READY')) as ServerReady;
  const people: Who[] = ready.members.map((m, i) => ({ id: m.userId, aadObjectId: m.aad, name: `Integrante ${i + 1}` }));
  const turnsPerMember = ready.pages + 2; // «Responder», five «Siguiente», «Enviar»
  progress(`servidor listo, ${people.length} integrantes; bot de eco (antes)…`);
  const echoBefore = await echoRun(connector, people, people.length * turnsPerMember, 'bot de eco (antes)');

  const agent = new Agent({ keepAlive: true, maxSockets: concurrency * 2 });
  const admin: Who = ADMIN;
  await pool(people, concurrency, async (who) => void (await post(agent, ready.port, activity(connector.url, who, { text: 'hola' }))));
  const proactiveBefore = [...connector.proactive.values()].reduce((a, b) => a + b, 0);
  let t = performance.now();
  await post(agent, ready.port, activity(connector.url, admin, { text: 'encuesta abrir 1 cierre 2099-12-31' }));
  const openMs = performance.now() - t;
  // Wait until the invitations were delivered (the delivery engine's outbox, through the connector).
  const deadline = Date.now() + 120_000;
  while ([...connector.proactive.values()].reduce((a, b) => a + b, 0) - proactiveBefore < people.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const invitationsMs = performance.now() - t;
  progress(`ola abierta (${openMs.toFixed(0)} ms), invitaciones entregadas en ${(invitationsMs / 1000).toFixed(1)} s; respondiendo…`);

  const pageTurns: number[] = [];
  const problems: string[] = [];
  let errors = 0;
  let thanked = 0;
  const send = async (who: Who, value: Record<string, unknown>, cardId: string): Promise<void> => {
    const s = performance.now();
    const status = await post(agent, ready.port, activity(connector.url, who, { value, replyToId: cardId }));
    pageTurns.push(performance.now() - s);
    if (status !== 200) errors++;
  };
  t = performance.now();
  await pool(people, concurrency, async (who, n) => {
    const cardId = `card-${n}`;
    await send(who, { verb: VERBS.surveyStart, editionId: EDITION, wave: 1 }, cardId);
    for (let page = 0; page < ready.pages; page++) {
      const card = readCard(connector.cardsById.get(cardId), page === ready.pages - 1 ? 'Revisar y enviar' : 'Siguiente');
      if (!card.data) {
        problems.push(`${who.name}: sin botón en la página ${page + 1}: ${card.text.slice(0, 120)}`);
        return;
      }
      await send(who, { ...card.data, ...fill(card.inputs, n) }, cardId);
    }
    const review = readCard(connector.cardsById.get(cardId), 'Enviar');
    if (!review.data) {
      problems.push(`${who.name}: sin «Enviar»: ${review.text.slice(0, 160)}`);
      return;
    }
    await send(who, review.data, cardId);
    if (readCard(connector.cardsById.get(cardId), '').text.includes('¡Gracias!')) thanked++;
    else problems.push(`${who.name}: la tarjeta no cambió a «¡Gracias!»`);
  });
  const answerSeconds = (performance.now() - t) / 1000;
  const survey = summarize('encuesta (Red de Coaching)', pageTurns, answerSeconds, errors);

  // Double clicks: «Enviar» again on the same card, then from a second card.
  const sample = people.slice(0, Math.min(resubmitCount, people.length));
  let resubmitOk = 0;
  await pool(sample, concurrency, async (who, n) => {
    const review = { verb: VERBS.surveySubmit, editionId: EDITION, wave: 1, version: `${loadDefaultInstrument(1).version}-bench` };
    await post(agent, ready.port, activity(connector.url, who, { value: review, replyToId: `card-${n}` }));
    await post(agent, ready.port, activity(connector.url, who, { value: review, replyToId: `copia-${n}` }));
    if (readCard(connector.cardsById.get(`copia-${n}`), '').text.includes('¡Gracias!')) resubmitOk++;
  });
  agent.destroy();

  child.stdin!.write('COUNT\n');
  const counted = JSON.parse(await waitLine(child, 'COUNT')) as { docs: number; submitted: number; respondents: number; finished: number; error?: string };
  await stop(child);
  children.delete(child);
  progress('bot de eco (después)…');
  const echoAfter = await echoRun(connector, people, people.length * turnsPerMember, 'bot de eco (después)');
  await connector.close();

  const row = (r: Load) =>
    console.log(
      `${r.label.padEnd(28)} ${String(r.turns).padStart(6)} ${(r.turns / r.seconds).toFixed(1).padStart(10)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${r.max.toFixed(1).padStart(8)} ${String(r.errors).padStart(8)}`,
    );
  console.log(`\nbench:survey — ${people.length} integrantes, ola de ${ready.pages} páginas, ${concurrency} concurrentes, HTTP local, almacén embebido, conector local`);
  console.log('carga                         turnos   turnos/s   p50 ms   p99 ms   máx ms  errores');
  row(echoBefore);
  row(survey);
  row(echoAfter);
  const echoP99 = (echoBefore.p99 + echoAfter.p99) / 2;
  const ratio = survey.p99 / echoP99;
  const duplicates = counted.docs - counted.respondents + Math.max(0, counted.submitted - thanked);
  console.log(`abrir la ola: ${openMs.toFixed(0)} ms; ${people.length} invitaciones entregadas en ${(invitationsMs / 1000).toFixed(1)} s`);
  console.log(`respuestas: ${people.length} integrantes × ${turnsPerMember} turnos (Responder, ${ready.pages} páginas, Enviar) en ${answerSeconds.toFixed(1)} s (meta: ~${windowSeconds} s); ${(people.length / answerSeconds).toFixed(1)} encuestas/s`);
  console.log(`razón p99 (página / eco; eco = media antes y después): ${ratio.toFixed(2)}x (meta: ≤ 2x)`);
  console.log(`encuestas enviadas (tarjeta «¡Gracias!»): ${thanked}; guardadas como enviadas: ${counted.submitted}; registro «terminó»: ${counted.finished}; documentos de respuesta: ${counted.docs}; duplicados: ${duplicates}`);
  console.log(`reenvíos de «Enviar» (doble clic y otra tarjeta): ${resubmitOk}/${sample.length} respondidos con «¡Gracias!» sin guardar nada más`);
  for (const p of problems.slice(0, 10)) console.log(`  ! ${p}`);
  const ok = errors === 0 && problems.length === 0 && thanked === people.length && counted.submitted === thanked && counted.finished === thanked && duplicates === 0 && resubmitOk === sample.length;
  console.log(`${ok ? 'integridad: correcta' : 'integridad: CON PROBLEMAS'}; meta de p99 (≤ 2x el eco): ${ratio <= 2 ? 'cumplida' : `NO cumplida (${ratio.toFixed(2)}x)`}; ventana: ${answerSeconds <= windowSeconds * 1.5 ? 'cumplida' : `NO cumplida (${answerSeconds.toFixed(1)} s)`}`);

  progress('resultados y XLSX de 50,000 respuestas sintéticas (bench/surveyResults.ts)…');
  const figures = await runSurveyResultsBench({ respondents: 50_000 });
  console.log(formatSurveyResultsFigures(figures));
  if (!ok) process.exitCode = 1;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  (process.argv.includes('--server') ? server() : main()).catch((err: unknown) => {
    console.error(err);
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    process.exit(1);
  });
}
