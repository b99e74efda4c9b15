import { decideAfterFailure, type JobRetryOptions } from '../../domain/jobs/backoff.js';
import type { Logger } from '../../logger.js';
import type { JobHandlerRegistry } from './handlers.js';
import type { ClaimedJob, FinishOutcome, FinishResult, JobRepository } from './repository.js';
import { type ParsedJob, parseJobDoc } from './schema.js';
import { emptySummary, PermanentJobError, type RunSummary } from './types.js';

/**
 * Runs due jobs. The store is the only record of what is due and who runs it; timers only pace the
 * polling (and wake the loop early when this process schedules something sooner).
 *
 * One pass: take back expired leases (at most once per poll interval), read the jobs due now (plus those
 * due before the next poll, to know when to wake), claim as many as there are free slots in one write,
 * and start their handlers; up to `concurrency` run at once. While a handler runs its lease is renewed
 * every `heartbeatMs`. The outcome is written fenced by the claim (see JobRepository).
 *
 * Guarantees
 * - Each job runs once, whatever the number of runners sharing the store and however often they restart.
 * - A runner killed during a handler (SIGKILL, power loss) leaves the job running with a lease that
 *   expires after at most `leaseMs` (or at once when a process with the same instanceId starts again);
 *   it then runs again, once, if it has attempts left. So a handler can be interrupted and re-run: make
 *   its effects idempotent (scheduled messages use a broadcast id derived from the key, which the outbox
 *   de-duplicates).
 * - A handler never runs twice at the same time while its runner is alive and reaches the store; a runner
 *   that cannot renew its lease for `leaseMs` may see the job taken over (logged).
 * - The runner never stops on a handler error, a missing handler, a corrupt document or a store error.
 */

export interface JobRunnerOptions {
  clock: () => Date;
  logger: Logger;
  instanceId: string;
  concurrency: number;
  pollIntervalMs: number;
  leaseMs: number;
  heartbeatMs: number;
  retry: JobRetryOptions;
  random: () => number;
}

type TaskResult = FinishResult | 'unrecorded';

/** A job read from the store as due (or soon due): claiming it still checks the store. */
interface Candidate {
  key: string;
  dueAtMs: number;
}

interface FillResult {
  claimed: number;
  /** More jobs are due than could be claimed now. */
  more: boolean;
  /** When to look again (clock ms): the next candidate's due time, or the end of the read's look-ahead window. */
  wakeAt?: number;
}

const REASON_EXPIRED = 'Se interrumpió: el proceso que lo ejecutaba se detuvo o dejó de renovar su turno.';
const REASON_RESTARTED = 'Se interrumpió: el proceso que lo ejecutaba se reinició.';
const RECOVER_BATCH = 200;
/** How often the loop deletes the finished jobs past their retention (monotonic ms). */
const PURGE_INTERVAL_MS = 60 * 60_000;
const WRITE_ATTEMPTS = 5;

function describeError(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.replace(/\s+/g, ' ').trim() || 'Error sin mensaje').slice(0, 500);
}

function count(summary: RunSummary, result: TaskResult): void {
  switch (result) {
    case 'done':
      summary.done++;
      break;
    case 'retried':
      summary.retried++;
      break;
    case 'failed':
      summary.failed++;
      break;
    case 'cancelled':
      summary.cancelled++;
      break;
    case 'replaced':
      summary.replaced++;
      break;
    case 'lease-lost':
    case 'unrecorded':
      summary.leaseLost++;
      break;
  }
}

export class JobRunner {
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private readonly inFlight = new Map<string, Promise<TaskResult>>();
  private sleeper: { until: number; wake: () => void } | undefined;
  private wakeRequested = false;
  private waitingForSlot = false;
  private lastRecoveryAt = -Infinity;
  private lastPurgeAt = -Infinity;
  /**
   * Jobs read as due or soon due, earliest first: a read-ahead that saves a sorted query per claim. Only a
   * hint: each claim re-checks the store, and the list is read again after any local change and at least
   * once per poll interval.
   */
  private candidates: Candidate[] = [];
  private candidatesReadAt = -Infinity;
  private candidatesReadAtMono = -Infinity;
  private candidatesDirty = true;
  private candidatesComplete = false;
  private readonly readBatch: number;
  /** Corrupt documents that could not be marked failed: not reported again by this process. */
  private readonly unmarkable = new Set<string>();
  private readonly logger: Logger;

  constructor(
    private readonly repo: JobRepository,
    private readonly handlers: JobHandlerRegistry,
    private readonly opts: JobRunnerOptions,
  ) {
    if (!opts.instanceId) throw new Error('JobRunner needs an instanceId');
    if (opts.leaseMs <= opts.heartbeatMs) throw new Error('leaseMs must be longer than heartbeatMs');
    this.logger = opts.logger;
    this.readBatch = Math.max(256, 4 * opts.concurrency);
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Jobs whose handlers are running in this process now. */
  get activeCount(): number {
    return this.inFlight.size;
  }

  /**
   * Takes back the jobs a previous process with this instanceId left running (it stopped without
   * finishing them): they run again at once if they have attempts left.
   */
  async init(): Promise<number> {
    const now = this.opts.clock();
    let recovered = 0;
    for (const raw of await this.repo.leasedBy(this.opts.instanceId)) {
      const parsed = parseJobDoc(raw);
      if (!parsed.ok) {
        await this.handleCorrupt(parsed, now);
        continue;
      }
      if (this.inFlight.has(parsed.doc._id)) continue;
      const res = await this.repo.recover(parsed.doc, now, REASON_RESTARTED);
      if (res === 'gone') continue;
      recovered++;
      this.candidatesDirty = true;
      this.logger.warn({ jobKey: parsed.doc._id, kind: parsed.doc.kind, outcome: res }, 'jobs: job left running by the previous process taken back');
    }
    return recovered;
  }

  /** Starts the polling loop (idempotent). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.wakeRequested = false;
    this.loopDone = this.loop();
  }

  /** Stops claiming and waits for the handlers under way to finish and their outcomes to be written. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loopDone;
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight.values()]);
  }

  /**
   * One pass (for tests with a fake clock, and scripts): takes back expired leases, then runs every job
   * due at the clock's time, claiming more as slots free up, and resolves when they have all finished.
   * Retries it schedules are in the future, so they wait for a later pass.
   */
  async runDue(): Promise<RunSummary> {
    const summary = emptySummary();
    this.candidatesDirty = true;
    await this.purge(this.opts.clock());
    await this.recoverExpiredLeases(this.opts.clock(), summary);
    const tasks = new Set<Promise<TaskResult>>();
    let idleRounds = 0;
    for (;;) {
      const r = await this.fill(this.opts.clock(), summary, tasks);
      if (r.claimed > 0) {
        idleRounds = 0;
        if (this.free() > 0) continue;
      } else if (!r.more || idleRounds++ > 3) {
        // Nothing due now: wait for our runs (they may make something due again only in the future).
        if (tasks.size === 0) break;
        await Promise.race(tasks);
        continue;
      }
      const waitOn = tasks.size > 0 ? [...tasks] : [...this.inFlight.values()];
      if (waitOn.length > 0) await Promise.race(waitOn);
    }
    return summary;
  }

  /** Called when this process scheduled a job: wakes the loop if it would sleep past `runAt`. */
  notifyScheduled(runAt: Date): void {
    this.candidatesDirty = true;
    if (!this.running) return;
    if (!this.sleeper) this.wakeRequested = true;
    else if (runAt.getTime() < this.sleeper.until) this.wake();
  }

  // ---- loop -------------------------------------------------------------------------------------

  private free(): number {
    return this.opts.concurrency - this.inFlight.size;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (this.running) {
      let waitMs = this.opts.pollIntervalMs;
      try {
        const now = this.opts.clock();
        const t = now.getTime();
        // Expired leases are looked for once per poll interval (monotonic time: works with any test clock).
        const mono = performance.now();
        if (mono - this.lastRecoveryAt >= this.opts.pollIntervalMs) {
          this.lastRecoveryAt = mono;
          await this.recoverExpiredLeases(now);
        }
        if (mono - this.lastPurgeAt >= PURGE_INTERVAL_MS) {
          this.lastPurgeAt = mono;
          await this.purge(now);
        }
        const r = await this.fill(now);
        failures = 0;
        if (r.more) {
          if (this.free() > 0) continue;
          // Every slot is busy: a finishing run wakes the loop.
          this.waitingForSlot = true;
        } else if (r.wakeAt !== undefined) {
          waitMs = Math.min(waitMs, r.wakeAt - t);
        }
      } catch (err) {
        failures++;
        waitMs = Math.min(this.opts.pollIntervalMs * 2 ** Math.min(failures, 5), 30_000);
        this.logger.error({ err, failures }, 'jobs: runner pass failed; trying again');
      }
      if (!this.running) break;
      await this.sleep(waitMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.wakeRequested) {
      this.wakeRequested = false;
      return Promise.resolve();
    }
    if (ms <= 0) return new Promise((resolve) => setImmediate(resolve));
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.sleeper === sleeper) this.sleeper = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      const sleeper = { until: this.opts.clock().getTime() + ms, wake: done };
      this.sleeper = sleeper;
    });
  }

  private wake(): void {
    if (this.sleeper) this.sleeper.wake();
    else this.wakeRequested = true;
  }

  /**
   * Whether to read the store again before claiming: after a local change (dirty), when the last read is
   * older than a poll interval (work scheduled by other processes, and the end of its look-ahead window),
   * or when the candidates of a capped read are used up (more may be due beyond them).
   */
  private needsRead(t: number): boolean {
    if (this.candidatesDirty || t - this.candidatesReadAt >= this.opts.pollIntervalMs || t < this.candidatesReadAt) return true;
    // Also by the monotonic clock, so a frozen or stepped test clock still polls.
    if (performance.now() - this.candidatesReadAtMono >= this.opts.pollIntervalMs) return true;
    return this.candidates.length === 0 && !this.candidatesComplete;
  }

  /** Reads the jobs due by the end of the look-ahead window, earliest first (at most `readBatch`). */
  private async readCandidates(now: Date, summary?: RunSummary): Promise<void> {
    const t = now.getTime();
    // Set before the read: a job scheduled while it is under way marks the candidates dirty again.
    this.candidatesDirty = false;
    const limit = this.readBatch + this.unmarkable.size;
    const raw = await this.repo.dueBy(new Date(t + this.opts.pollIntervalMs), limit);
    const candidates: Candidate[] = [];
    for (const r of raw) {
      const parsed = parseJobDoc(r);
      if (!parsed.ok) {
        await this.handleCorrupt(parsed, now, summary);
        continue;
      }
      const doc = parsed.doc;
      if (doc.dueAtMs === undefined || this.inFlight.has(doc._id)) continue;
      candidates.push({ key: doc._id, dueAtMs: doc.dueAtMs });
    }
    this.candidates = candidates;
    this.candidatesComplete = raw.length < limit;
    this.candidatesReadAt = t;
    this.candidatesReadAtMono = performance.now();
  }

  /**
   * Takes up to `n` due candidates, earliest first. With a backlog (more than twice as many due as it can
   * take) it starts at a random place among them instead, so runners sharing the store mostly claim
   * different jobs rather than all racing for the same earliest ones.
   */
  private takeDue(t: number, n: number): string[] {
    let dueCount = 0;
    while (dueCount < this.candidates.length && this.candidates[dueCount]!.dueAtMs <= t) dueCount++;
    const start = dueCount > 2 * n ? Math.floor(this.opts.random() * (dueCount - n + 1)) : 0;
    return this.candidates.splice(start, Math.min(n, dueCount)).map((c) => c.key);
  }

  /** Claims due jobs for the free slots and starts them. */
  private async fill(now: Date, summary?: RunSummary, tasks?: Set<Promise<TaskResult>>): Promise<FillResult> {
    const t = now.getTime();
    const free = this.free();
    if (free <= 0) return { claimed: 0, more: true };
    if (this.needsRead(t)) await this.readCandidates(now, summary);
    const due = this.takeDue(t, free);
    let started = 0;
    if (due.length > 0) {
      // Jobs another runner claimed first (or that were moved or cancelled) are simply not returned.
      const claimed = await this.repo.claim(due, this.opts.instanceId, now, this.opts.leaseMs);
      for (const raw of claimed) {
        const parsed = parseJobDoc(raw);
        if (!parsed.ok) {
          await this.handleCorrupt(parsed, now, summary);
          continue;
        }
        started++;
        if (summary) summary.claimed++;
        const task = this.spawn(parsed.doc as ClaimedJob, summary);
        if (tasks) {
          tasks.add(task);
          void task.finally(() => tasks.delete(task));
        }
      }
    }
    const head = this.candidates[0];
    const more = (head !== undefined && head.dueAtMs <= t) || (due.length > 0 && this.candidates.length === 0 && !this.candidatesComplete);
    // Wake for the next candidate, or when the look-ahead window of the last read ends (a new read is due).
    const wakeAt = Math.min(head !== undefined && head.dueAtMs > t ? head.dueAtMs : Infinity, this.candidatesReadAt + this.opts.pollIntervalMs);
    return { claimed: started, more, wakeAt };
  }

  private spawn(job: ClaimedJob, summary?: RunSummary): Promise<TaskResult> {
    const task = this.execute(job)
      .catch((err: unknown): TaskResult => {
        this.logger.error({ err, jobKey: job._id }, 'jobs: unexpected error while running a job');
        return 'unrecorded';
      })
      .then((result) => {
        if (summary) count(summary, result);
        return result;
      })
      .finally(() => {
        this.inFlight.delete(job._id);
        if (this.waitingForSlot) {
          this.waitingForSlot = false;
          this.wake();
        }
      });
    this.inFlight.set(job._id, task);
    return task;
  }

  private async execute(job: ClaimedJob): Promise<TaskResult> {
    const log = this.logger.child({ jobKey: job._id, kind: job.kind, attempt: job.attempts });
    const heartbeat = this.startHeartbeat(job, log);
    let outcome: FinishOutcome;
    try {
      const def = this.handlers.get(job.kind);
      if (!def) throw new PermanentJobError(`No hay un manejador registrado para el tipo de trabajo «${job.kind}».`);
      await def.handle({
        key: job._id,
        kind: job.kind,
        payload: JSON.parse(job.payloadJson) as unknown,
        attempt: job.attempts,
        maxAttempts: job.maxAttempts,
        runAt: job.runAt,
        logger: log,
      });
      outcome = { kind: 'done' };
    } catch (err) {
      const permanent = err instanceof PermanentJobError;
      const error = describeError(err);
      const decision = decideAfterFailure({ attempt: job.attempts, maxAttempts: job.maxAttempts, permanent }, this.opts.retry, this.opts.random);
      if (decision.kind === 'retry') {
        outcome = { kind: 'retry', dueAtMs: this.opts.clock().getTime() + decision.delayMs, error };
        log.warn({ err, retryInMs: decision.delayMs }, 'jobs: job failed; it will be retried');
      } else {
        outcome = { kind: 'failed', error: decision.why === 'exhausted' ? `${error} (sin éxito tras ${job.attempts} intentos)` : error };
        log.error({ err, why: decision.why }, 'jobs: job failed for good');
      }
    } finally {
      heartbeat.stop();
    }
    const result = await this.record(job, outcome, log);
    // Scheduled again (a retry, or the version scheduled meanwhile): the next read must see it.
    if (result === 'retried' || result === 'replaced') this.candidatesDirty = true;
    if (result === 'lease-lost') log.warn('jobs: lease lost before the outcome was recorded (another runner took the job over)');
    else if (result === 'replaced') log.info({ outcome: outcome.kind }, 'jobs: run ended; the version scheduled meanwhile replaces it');
    else if (result === 'done') log.debug('jobs: job done');
    return result;
  }

  /** Writes the outcome; retried a few times so a store hiccup does not make the job run again. */
  private async record(job: ClaimedJob, outcome: FinishOutcome, log: Logger): Promise<TaskResult> {
    let delay = 50;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.repo.finish(job, outcome, this.opts.clock());
      } catch (err) {
        if (attempt >= WRITE_ATTEMPTS) {
          log.error({ err }, 'jobs: could not record the outcome; the job runs again when its lease expires');
          return 'unrecorded';
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay *= 4;
      }
    }
  }

  private startHeartbeat(job: ClaimedJob, log: Logger): { stop: () => void } {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      void this.repo
        .renewLease(job, this.opts.clock(), this.opts.leaseMs)
        .then((ok) => {
          if (!ok) log.warn('jobs: lease lost while the handler runs');
        })
        .catch((err: unknown) => log.warn({ err }, 'jobs: could not renew a lease'))
        .finally(() => {
          busy = false;
        });
    }, this.opts.heartbeatMs);
    timer.unref();
    return { stop: () => clearInterval(timer) };
  }

  private async recoverExpiredLeases(now: Date, summary?: RunSummary): Promise<void> {
    for (const raw of await this.repo.expiredLeases(now, RECOVER_BATCH + this.unmarkable.size)) {
      const parsed = parseJobDoc(raw);
      if (!parsed.ok) {
        await this.handleCorrupt(parsed, now, summary);
        continue;
      }
      const doc = parsed.doc;
      // Ours and still running (our heartbeat is late): leave it to us.
      if (this.inFlight.has(doc._id)) continue;
      const res = await this.repo.recover(doc, now, REASON_EXPIRED, { expiredBefore: now });
      if (res === 'gone') continue;
      if (summary) summary.recovered++;
      this.candidatesDirty = true;
      this.logger.warn({ jobKey: doc._id, kind: doc.kind, previousOwner: doc.leaseOwner, outcome: res }, 'jobs: expired lease taken back');
    }
  }

  /** Deletes the finished jobs past their retention; a failure is only logged. */
  private async purge(now: Date): Promise<void> {
    try {
      const n = await this.repo.purgeFinished(now);
      if (n > 0) this.logger.info({ deleted: n }, 'jobs: finished jobs past their retention deleted');
    } catch (err) {
      this.logger.warn({ err }, 'jobs: could not delete the finished jobs past their retention');
    }
  }

  /** Logs a document that fails the schema and marks it failed, so it is not read again. */
  private async handleCorrupt(parsed: Extract<ParsedJob, { ok: false }>, now: Date, summary?: RunSummary): Promise<void> {
    const id = typeof parsed.id === 'string' || typeof parsed.id === 'number' ? String(parsed.id) : undefined;
    if (id !== undefined && this.unmarkable.has(id)) return;
    if (summary) summary.corrupt++;
    this.logger.error({ jobKey: parsed.id, reason: parsed.reason }, 'jobs: corrupt job document skipped');
    if (parsed.id === undefined || parsed.id === null) return;
    let marked = false;
    try {
      marked = await this.repo.markCorrupt(parsed.id, `Documento de trabajo dañado: ${parsed.reason}`, now);
    } catch (err) {
      this.logger.error({ err, jobKey: parsed.id }, 'jobs: could not mark a corrupt job document failed');
    }
    if (!marked && id !== undefined) this.unmarkable.add(id);
  }
}
