import { afterEach, beforeEach, expect, it } from 'vitest';
import { createJobs, defineJobHandler, type Jobs, type JobsOptions, PermanentJobError } from '../../src/services/jobs/index.js';
import type { JobDoc } from '../../src/services/jobs/types.js';
import type { Store } from '../../src/store/types.js';
import { z } from 'zod';
import { captureLogger, deferred, FakeClock, forEachStore, silentLogger, type StoreHarness, until } from './support.js';

/**
 * Durable scheduled jobs on both store adapters, with a fake clock: runDue() is one pass at the clock's
 * time, so every timing below is exact. (SIGKILL is in sigkill.test.ts; scheduled messages in
 * scheduledMessages.test.ts.)
 */

const MIN = 60_000;

forEachStore((newHarness) => {
  let h: StoreHarness;
  let clock: FakeClock;
  const started: Jobs[] = [];

  beforeEach(async () => {
    h = await newHarness();
    clock = new FakeClock();
  });
  afterEach(async () => {
    for (const j of started.splice(0)) await j.stop();
    await h.dispose();
  });

  /** A jobs instance on `store`, initialised, with a handler of kind `work` that records its runs. */
  async function makeJobs(store: Store, opts: Partial<JobsOptions> = {}, runs: string[] = []): Promise<Jobs> {
    const jobs = createJobs(store, { logger: silentLogger(), instanceId: 'nodo-1', clock: clock.now, random: () => 0.5, ...opts });
    jobs.register('work', async (job) => {
      runs.push(`${job.key}:${JSON.stringify(job.payload)}`);
    });
    await jobs.init();
    started.push(jobs);
    return jobs;
  }

  it('runs a job when it is due, not before, and keeps its outcome', async () => {
    const runs: string[] = [];
    const jobs = await makeJobs(await h.open(), {}, runs);
    const res = await jobs.schedule({ key: 'k1', kind: 'work', runAt: clock.at(10 * MIN), payload: { n: 1 } });
    expect(res).toEqual({ key: 'k1', outcome: 'scheduled', replaced: false });
    expect((await jobs.runDue()).claimed).toBe(0);
    clock.advance(10 * MIN - 1);
    expect((await jobs.runDue()).claimed).toBe(0);
    clock.advance(1);
    expect(await jobs.runDue()).toMatchObject({ claimed: 1, done: 1 });
    expect(runs).toEqual(['k1:{"n":1}']);
    expect(await jobs.get('k1')).toMatchObject({ key: 'k1', kind: 'work', status: 'done', attempts: 1, payload: { n: 1 }, finishedAt: clock.now() });
    expect((await jobs.runDue()).claimed).toBe(0);
    expect(runs).toHaveLength(1);
  });

  it('a job due while the process is down runs once after the restart', async () => {
    const runs: string[] = [];
    const first = await h.open();
    const jobsBefore = await makeJobs(first, { instanceId: 'nodo-1' }, runs);
    await jobsBefore.schedule({ key: 'aviso', kind: 'work', runAt: clock.at(30 * MIN), payload: 'x' });
    await jobsBefore.stop();
    await first.close();

    clock.advance(2 * 60 * MIN); // the process was down when it was due
    const second = await h.open();
    const jobsAfter = await makeJobs(second, { instanceId: 'nodo-2' }, runs);
    expect((await jobsAfter.runDue()).done).toBe(1);
    expect((await jobsAfter.runDue()).claimed).toBe(0);
    await jobsAfter.stop();
    await second.close();

    const third = await h.open();
    const jobsLater = await makeJobs(third, { instanceId: 'nodo-2' }, runs);
    expect((await jobsLater.runDue()).claimed).toBe(0);
    expect(runs).toEqual(['aviso:"x"']);
    expect(await jobsLater.get('aviso')).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('two runners sharing one store run each of 200 jobs exactly once', async () => {
    const store = await h.open();
    const runs = new Map<string, string[]>();
    const make = async (instanceId: string, s: Store): Promise<Jobs> => {
      const jobs = createJobs(s, { logger: silentLogger(), instanceId, clock: clock.now, concurrency: 4, pollIntervalMs: 20 });
      jobs.register('work', async (job) => {
        runs.set(job.key, [...(runs.get(job.key) ?? []), instanceId]);
        await new Promise((r) => setImmediate(r));
      });
      await jobs.init();
      started.push(jobs);
      return jobs;
    };
    const a = await make('nodo-a', store);
    const b = await make('nodo-b', await h.second(store));
    for (let i = 0; i < 200; i++) await a.schedule({ key: `j${String(i).padStart(3, '0')}`, kind: 'work', runAt: clock.at(i % 7) });
    clock.advance(10);
    // Both loops and a concurrent one-off pass compete for the same jobs.
    a.start();
    b.start();
    const extra = await b.runDue();
    await until(async () => (await a.list({ status: 'done' })).length === 200, 10_000, '200 jobs done');
    await a.stop();
    await b.stop();
    expect(runs.size).toBe(200);
    const twice = [...runs.entries()].filter(([, by]) => by.length !== 1);
    expect(twice).toEqual([]);
    const all = await a.list();
    expect(all.every((j) => j.status === 'done' && j.attempts === 1)).toBe(true);
    expect(extra.claimed + extra.recovered).toBeLessThanOrEqual(200);
  });

  it('rescheduling moves a job (and replaces its payload); a finished job scheduled again runs again', async () => {
    const runs: string[] = [];
    const jobs = await makeJobs(await h.open(), {}, runs);
    await jobs.schedule({ key: 'r', kind: 'work', runAt: clock.at(10 * MIN), payload: 1 });
    expect(await jobs.schedule({ key: 'r', kind: 'work', runAt: clock.at(30 * MIN), payload: 2 })).toEqual({ key: 'r', outcome: 'scheduled', replaced: true });
    clock.advance(15 * MIN);
    expect((await jobs.runDue()).claimed).toBe(0);
    expect(await jobs.get('r')).toMatchObject({ status: 'scheduled', runAt: clock.at(15 * MIN), payload: 2 });
    // Earlier works too.
    await jobs.schedule({ key: 'r', kind: 'work', runAt: clock.at(5 * MIN), payload: 3 });
    clock.advance(5 * MIN);
    expect((await jobs.runDue()).done).toBe(1);
    expect(runs).toEqual(['r:3']);
    clock.advance(60 * MIN);
    expect((await jobs.runDue()).claimed).toBe(0);
    await jobs.schedule({ key: 'r', kind: 'work', runAt: clock.now(), payload: 4 });
    expect(await jobs.get('r')).toMatchObject({ status: 'scheduled', attempts: 0 });
    expect((await jobs.get('r'))?.finishedAt).toBeUndefined();
    expect((await jobs.runDue()).done).toBe(1);
    expect(runs).toEqual(['r:3', 'r:4']);
  });

  it('cancelling stops a job; cancel by key prefix; cancel reports what it found', async () => {
    const runs: string[] = [];
    const jobs = await makeJobs(await h.open(), {}, runs);
    const at = clock.at(MIN);
    for (const key of ['sesion:1:a', 'sesion:1:b', 'sesion:10:a', 'sesion:2:a', 'otro']) await jobs.schedule({ key, kind: 'work', runAt: at });
    expect(await jobs.cancel('otro')).toBe('cancelled');
    expect(await jobs.cancel('otro')).toBe('already-finished');
    expect(await jobs.cancel('nadie')).toBe('not-found');
    expect(await jobs.cancelByPrefix('sesion:1:')).toBe(2);
    expect(await jobs.cancelByPrefix('sesion:1:')).toBe(0);
    clock.advance(MIN);
    expect(await jobs.runDue()).toMatchObject({ claimed: 2, done: 2 });
    expect(runs.sort()).toEqual(['sesion:10:a:null', 'sesion:2:a:null']);
    expect(await jobs.get('sesion:1:a')).toMatchObject({ status: 'cancelled', attempts: 0 });
    expect((await jobs.list({ status: 'cancelled' })).map((j) => j.key).sort()).toEqual(['otro', 'sesion:1:a', 'sesion:1:b']);
    expect((await jobs.list({ keyPrefix: 'sesion:1' })).map((j) => j.key).sort()).toEqual(['sesion:10:a', 'sesion:1:a', 'sesion:1:b']);
  });

  it('rescheduling while it runs: the new version runs after the current run, never at the same time', async () => {
    const store = await h.open();
    const gate = deferred();
    const seen: unknown[] = [];
    let active = 0;
    let maxActive = 0;
    const handler = async (payload: unknown): Promise<void> => {
      active++;
      maxActive = Math.max(maxActive, active);
      seen.push(payload);
      if (payload === 'v1') await gate.promise;
      active--;
    };
    const a = createJobs(store, { logger: silentLogger(), instanceId: 'nodo-a', clock: clock.now });
    const b = createJobs(await h.second(store), { logger: silentLogger(), instanceId: 'nodo-b', clock: clock.now });
    for (const j of [a, b]) {
      j.register('work', (job) => handler(job.payload));
      await j.init();
      started.push(j);
    }
    await a.schedule({ key: 'x', kind: 'work', runAt: clock.now(), payload: 'v1' });
    const firstPass = a.runDue();
    await until(() => seen.length === 1, 5_000, 'v1 started');
    expect(await b.schedule({ key: 'x', kind: 'work', runAt: clock.at(MIN), payload: 'v2' })).toEqual({ key: 'x', outcome: 'after-current-run', replaced: true });
    expect(await b.get('x')).toMatchObject({ status: 'running', payload: 'v1', pendingVersion: { kind: 'work', runAt: clock.at(MIN) } });
    // It is running: another runner does not start it (neither version).
    expect((await b.runDue()).claimed).toBe(0);
    gate.resolve();
    expect(await firstPass).toMatchObject({ claimed: 1, replaced: 1 });
    expect(await a.get('x')).toMatchObject({ status: 'scheduled', payload: 'v2', attempts: 0, runAt: clock.at(MIN) });
    expect((await b.runDue()).claimed).toBe(0);
    clock.advance(MIN);
    expect(await b.runDue()).toMatchObject({ claimed: 1, done: 1 });
    expect(seen).toEqual(['v1', 'v2']);
    expect(maxActive).toBe(1);
    expect(await a.get('x')).toMatchObject({ status: 'done', payload: 'v2', attempts: 1 });
  });

  it('cancel while running: the run is not interrupted, a failing run is not retried, nothing runs after it', async () => {
    const store = await h.open();
    const gate = deferred();
    let calls = 0;
    const jobs = createJobs(store, { logger: silentLogger(), instanceId: 'nodo-1', clock: clock.now, random: () => 0.5 });
    jobs.register('fails', async () => {
      calls++;
      await gate.promise;
      throw new Error('se cayó la conexión');
    });
    await jobs.init();
    started.push(jobs);
    await jobs.schedule({ key: 'c', kind: 'fails', runAt: clock.now() });
    const pass = jobs.runDue();
    await until(() => calls === 1, 5_000, 'handler started');
    await jobs.schedule({ key: 'c', kind: 'fails', runAt: clock.now(), payload: 'later' });
    expect(await jobs.cancel('c')).toBe('cancel-requested');
    expect((await jobs.get('c'))?.pendingVersion).toBeUndefined();
    gate.resolve();
    expect(await pass).toMatchObject({ claimed: 1, cancelled: 1 });
    expect(await jobs.get('c')).toMatchObject({ status: 'cancelled', attempts: 1, lastError: 'se cayó la conexión' });
    clock.advance(24 * 60 * MIN);
    expect((await jobs.runDue()).claimed).toBe(0);
    expect(calls).toBe(1);
  });

  it('a throwing handler is retried with exponential backoff, then the job fails with the last error; the runner keeps going', async () => {
    const jobs = await makeJobs(await h.open(), { retry: { baseDelayMs: 1_000, maxDelayMs: 60_000 } });
    let calls = 0;
    jobs.register('flaky', async () => {
      calls++;
      throw new Error(`fallo ${calls}`);
    });
    jobs.register(
      defineJobHandler('permanent', z.object({}), async () => {
        throw new PermanentJobError('la sesión ya no existe');
      }),
    );
    await jobs.schedule({ key: 'f', kind: 'flaky', runAt: clock.now(), maxAttempts: 3 });
    await jobs.schedule({ key: 'p', kind: 'permanent', runAt: clock.now(), payload: {} });
    await jobs.schedule({ key: 'ok', kind: 'work', runAt: clock.now() });
    expect(await jobs.runDue()).toMatchObject({ claimed: 3, retried: 1, failed: 1, done: 1 });
    // random() = 0.5: delay = cap × 0.75, cap = 1 s, then 2 s.
    expect(await jobs.get('f')).toMatchObject({ status: 'scheduled', attempts: 1, lastError: 'fallo 1', nextAttemptAt: clock.at(750), runAt: clock.now() });
    expect(await jobs.get('p')).toMatchObject({ status: 'failed', attempts: 1, lastError: 'la sesión ya no existe' });
    clock.advance(749);
    expect((await jobs.runDue()).claimed).toBe(0);
    clock.advance(1);
    expect(await jobs.runDue()).toMatchObject({ claimed: 1, retried: 1 });
    expect(await jobs.get('f')).toMatchObject({ status: 'scheduled', attempts: 2, nextAttemptAt: clock.at(1_500) });
    clock.advance(1_500);
    expect(await jobs.runDue()).toMatchObject({ claimed: 1, failed: 1 });
    const f = await jobs.get('f');
    expect(f).toMatchObject({ status: 'failed', attempts: 3, finishedAt: clock.now() });
    expect(f?.lastError).toBe('fallo 3 (sin éxito tras 3 intentos)');
    clock.advance(60 * MIN);
    expect((await jobs.runDue()).claimed).toBe(0);
    expect(calls).toBe(3);
  });

  it('a job whose kind has no handler is marked failed with a clear reason', async () => {
    const runs: string[] = [];
    const jobs = await makeJobs(await h.open(), {}, runs);
    await jobs.schedule({ key: 'huerfano', kind: 'encuesta.cerrar', runAt: clock.now() });
    await jobs.schedule({ key: 'bien', kind: 'work', runAt: clock.now() });
    expect(await jobs.runDue()).toMatchObject({ claimed: 2, failed: 1, done: 1 });
    expect(await jobs.get('huerfano')).toMatchObject({
      status: 'failed',
      lastError: 'No hay un manejador registrado para el tipo de trabajo «encuesta.cerrar».',
    });
    expect(runs).toEqual(['bien:null']);
  });

  it('an invalid payload is refused when scheduled, and fails the job (no retry) when it is found at run time', async () => {
    const jobsStore = await h.open();
    const jobs = await makeJobs(jobsStore);
    const seen: number[] = [];
    jobs.register(
      defineJobHandler('typed', z.object({ n: z.number().int(), at: z.coerce.date() }), async (p) => {
        seen.push(p.n + p.at.getUTCFullYear());
      }),
    );
    await expect(jobs.schedule({ key: 't0', kind: 'typed', runAt: clock.now(), payload: { n: 'uno' } })).rejects.toThrow(/Invalid payload/);
    await jobs.schedule({ key: 't1', kind: 'typed', runAt: clock.now(), payload: { n: 1, at: new Date('2026-03-01T00:00:00Z') } });
    // Written by a process without this handler (so without the check).
    const elsewhere = createJobs(await h.second(jobsStore), { logger: silentLogger(), instanceId: 'nodo-2', clock: clock.now });
    await elsewhere.schedule({ key: 't2', kind: 'typed', runAt: clock.now(), payload: { n: 'dos' } });
    expect(await jobs.runDue()).toMatchObject({ done: 1, failed: 1 });
    expect(seen).toEqual([2027]);
    expect(await jobs.get('t0')).toBeNull();
    const t2 = await jobs.get('t2');
    expect(t2).toMatchObject({ status: 'failed', attempts: 1 });
    expect(t2?.lastError).toMatch(/^Los datos del trabajo no son válidos: n: /);
  });

  it('a corrupt job document is skipped and logged, marked failed, and never stops start-up or the runner', async () => {
    const store = await h.open();
    const { logger, lines } = captureLogger();
    const raw = store.collection<{ _id: string; [k: string]: unknown }>('jobs');
    const now = clock.now();
    const base = { status: 'scheduled', runAt: now, dueAtMs: now.getTime(), payloadJson: 'null', rev: 'r', attempts: 0, maxAttempts: 3, createdAt: now, updatedAt: now };
    await raw.insertOne({ ...base, _id: 'bad-kind', kind: 42 });
    await raw.insertOne({ ...base, _id: 'bad-json', kind: 'work', payloadJson: '{nope' });
    await raw.insertOne({ ...base, _id: 'bad-attempts', kind: 'work', attempts: 'tres' });
    // Left running by this instance, without maxAttempts: init() must not crash on it.
    await raw.insertOne({ ...base, _id: 'bad-lease', kind: 'work', status: 'running', dueAtMs: undefined, leaseOwner: 'nodo-1', leaseUntilMs: clock.ms - MIN, maxAttempts: undefined });
    const runs: string[] = [];
    const jobs = await makeJobs(store, { logger }, runs);
    await jobs.schedule({ key: 'good', kind: 'work', runAt: now });
    const summary = await jobs.runDue();
    expect(summary).toMatchObject({ done: 1 });
    expect(summary.corrupt).toBeGreaterThanOrEqual(3);
    expect(runs).toEqual(['good:null']);
    const logged = lines.filter((l) => l.msg === 'jobs: corrupt job document skipped').map((l) => l.jobKey);
    expect(new Set(logged)).toEqual(new Set(['bad-kind', 'bad-json', 'bad-attempts', 'bad-lease']));
    for (const id of ['bad-kind', 'bad-json', 'bad-attempts', 'bad-lease']) {
      const doc = await raw.findOne({ _id: id });
      expect(doc, id).toMatchObject({ status: 'failed' });
      expect(String(doc?.lastError), id).toMatch(/^Documento de trabajo dañado: /);
      expect(doc?.dueAtMs, id).toBeUndefined();
    }
    // Marked: a second pass does not report them again; list() skips them; the loop runs on.
    lines.length = 0;
    expect((await jobs.runDue()).corrupt).toBe(0);
    expect((await jobs.list()).map((j) => j.key)).toEqual(['good']);
    await jobs.schedule({ key: 'after', kind: 'work', runAt: clock.now() });
    jobs.start();
    await until(async () => (await jobs.get('after'))?.status === 'done', 5_000, 'the loop to run a job');
    await jobs.stop();
    expect(lines.filter((l) => l.level === 50 && l.msg !== 'jobs: corrupt job document skipped')).toEqual([]);
  });

  it('finished jobs are deleted after the retention period; scheduled ones are kept', async () => {
    const jobs = await makeJobs(await h.open(), { retentionDays: 1 });
    await jobs.schedule({ key: 'viejo', kind: 'work', runAt: clock.now() });
    await jobs.schedule({ key: 'cancelado', kind: 'work', runAt: clock.at(MIN) });
    await jobs.schedule({ key: 'futuro', kind: 'work', runAt: clock.at(10 * 24 * 60 * MIN) });
    await jobs.runDue();
    expect(await jobs.cancel('cancelado')).toBe('cancelled');
    clock.advance(12 * 60 * MIN);
    await jobs.schedule({ key: 'reciente', kind: 'work', runAt: clock.now() });
    await jobs.runDue();
    clock.advance(12 * 60 * MIN + 1);
    await jobs.runDue();
    expect((await jobs.list()).map((j) => [j.key, j.status])).toEqual([
      ['reciente', 'done'],
      ['futuro', 'scheduled'],
    ]);
  });

  it('stop() waits for the running handlers and records their outcome', async () => {
    const store = await h.open();
    const gate = deferred();
    let running = false;
    const jobs = createJobs(store, { logger: silentLogger(), instanceId: 'nodo-1', clock: clock.now, pollIntervalMs: 20 });
    jobs.register('slow', async () => {
      running = true;
      await gate.promise;
    });
    await jobs.init();
    await jobs.schedule({ key: 's', kind: 'slow', runAt: clock.now() });
    jobs.start();
    await until(() => running, 5_000, 'handler started');
    let stopped = false;
    const stopping = jobs.stop().then(() => {
      stopped = true;
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(stopped).toBe(false);
    expect(await jobs.get('s')).toMatchObject({ status: 'running' });
    gate.resolve();
    await stopping;
    expect(await jobs.get('s')).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('scheduling a job sooner than the next poll wakes the runner', async () => {
    const runs: string[] = [];
    const jobs = await makeJobs(await h.open(), { pollIntervalMs: 60_000 }, runs);
    jobs.start();
    await new Promise((r) => setTimeout(r, 50)); // the loop is asleep until the next poll, a minute away
    const t0 = Date.now();
    await jobs.schedule({ key: 'ya', kind: 'work', runAt: clock.now() });
    await until(() => runs.length === 1, 10_000, 'the job to run');
    // Far sooner than the next poll (a minute away), even on a loaded machine.
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it('an expired lease is taken back; the runner that lost it cannot overwrite the outcome', async () => {
    const store = await h.open();
    const gate = deferred();
    const calls: string[] = [];
    const a = createJobs(store, { logger: silentLogger(), instanceId: 'nodo-a', clock: clock.now, leaseMs: 30_000, heartbeatMs: 25_000 });
    const b = createJobs(await h.second(store), { logger: silentLogger(), instanceId: 'nodo-b', clock: clock.now, leaseMs: 30_000 });
    a.register('work', async (job) => {
      calls.push(`a${job.attempt}`);
      await gate.promise;
      throw new Error('a stale failure that must not be recorded');
    });
    b.register('work', async (job) => {
      calls.push(`b${job.attempt}`);
    });
    for (const j of [a, b]) {
      await j.init();
      started.push(j);
    }
    await a.schedule({ key: 'l', kind: 'work', runAt: clock.now() });
    const stale = a.runDue();
    await until(() => calls.length === 1, 5_000, 'a started');
    clock.advance(29_999);
    expect(await b.runDue()).toMatchObject({ recovered: 0, claimed: 0 });
    clock.advance(2);
    expect(await b.runDue()).toMatchObject({ recovered: 1, claimed: 1, done: 1 });
    gate.resolve();
    expect(await stale).toMatchObject({ claimed: 1, leaseLost: 1 });
    expect(calls).toEqual(['a1', 'b2']);
    const job = await a.get('l');
    expect(job).toMatchObject({ status: 'done', attempts: 2 });
    expect(job?.lastError).toMatch(/^Se interrumpió/);
  });

  it('a restart with the same instanceId takes back its interrupted job at once; with no attempts left it fails', async () => {
    const store = await h.open();
    const raw = store.collection<JobDoc>('jobs');
    const now = clock.now();
    const left = (id: string, attempts: number): JobDoc => ({
      _id: id,
      kind: 'work',
      status: 'running',
      runAt: now,
      payloadJson: 'null',
      rev: 'r1',
      attempts,
      maxAttempts: 2,
      leaseOwner: 'nodo-1',
      leaseToken: 't',
      leaseUntilMs: clock.ms + 60_000,
      startedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    await raw.insertMany([left('again', 1), left('spent', 2), { ...left('other', 1), leaseOwner: 'nodo-9' }]);
    const runs: string[] = [];
    const jobs = await makeJobs(store, { instanceId: 'nodo-1' }, runs);
    expect(await jobs.runDue()).toMatchObject({ claimed: 1, done: 1 });
    expect(runs).toEqual(['again:null']);
    expect(await jobs.get('again')).toMatchObject({ status: 'done', attempts: 2 });
    expect(await jobs.get('spent')).toMatchObject({ status: 'failed' });
    expect((await jobs.get('spent'))?.lastError).toMatch(/Sin intentos restantes \(2 de 2\)/);
    // Another live instance's lease is left alone until it expires.
    expect(await jobs.get('other')).toMatchObject({ status: 'running', leaseOwner: 'nodo-9' });
  });
});
