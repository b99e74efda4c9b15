import { assertValidJobKey } from '../../domain/jobs/keys.js';
import type { Logger } from '../../logger.js';
import type { JobHandlerRegistry } from './handlers.js';
import type { JobRepository } from './repository.js';
import type { JobRunner } from './runner.js';
import { toJobInfo } from './schema.js';
import type {
  CancelResult,
  JobHandler,
  JobHandlerDefinition,
  JobInfo,
  JobListFilter,
  RunSummary,
  ScheduleInput,
  ScheduleResult,
} from './types.js';

/** The part of the jobs API that features use to plan work (what scheduleMessage needs). */
export interface JobScheduling {
  schedule<P>(input: ScheduleInput<P>): Promise<ScheduleResult>;
  cancel(key: string): Promise<CancelResult>;
  cancelByPrefix(prefix: string): Promise<number>;
  get(key: string): Promise<JobInfo | null>;
  list(filter?: JobListFilter): Promise<JobInfo[]>;
}

/** Durable scheduled jobs: scheduling, handlers and the runner. Built by createJobs (./index.ts). */
export interface Jobs extends JobScheduling {
  readonly instanceId: string;
  /** Creates the indexes and takes back the jobs this instanceId left running. Call once before start(). */
  init(): Promise<void>;
  register(definition: JobHandlerDefinition): void;
  register(kind: string, handler: JobHandler): void;
  /** Starts the runner loop (idempotent). Register the handlers first. */
  start(): void;
  /** Stops claiming jobs and waits for the running handlers to finish and their outcomes to be written. */
  stop(): Promise<void>;
  /** One pass over the jobs due now (see JobRunner.runDue); for tests with a fake clock and scripts. */
  runDue(): Promise<RunSummary>;
}

export interface JobSchedulerDeps {
  repo: JobRepository;
  handlers: JobHandlerRegistry;
  runner: JobRunner;
  clock: () => Date;
  logger: Logger;
  instanceId: string;
  defaultMaxAttempts: number;
}

export class JobScheduler implements Jobs {
  readonly instanceId: string;

  constructor(private readonly deps: JobSchedulerDeps) {
    this.instanceId = deps.instanceId;
  }

  async init(): Promise<void> {
    await this.deps.repo.ensureIndexes();
    await this.deps.runner.init();
  }

  register(definition: JobHandlerDefinition): void;
  register(kind: string, handler: JobHandler): void;
  register(kindOrDefinition: string | JobHandlerDefinition, handler?: JobHandler): void {
    if (typeof kindOrDefinition === 'string') this.deps.handlers.register(kindOrDefinition, handler!);
    else this.deps.handlers.register(kindOrDefinition);
  }

  /**
   * Schedules `key` to run at `runAt` (at once if it has passed). Scheduling a key again replaces the job:
   * new kind/runAt/payload, attempts and outcome reset, whether it was scheduled or had finished. If it is
   * running right now, the new version waits beside it and replaces it when that run ends (outcome
   * `after-current-run`): the new version is never lost and the two never run at the same time.
   * The payload is stored as JSON; when this process has a validating handler for `kind`, an invalid
   * payload is refused here.
   */
  async schedule<P>(input: ScheduleInput<P>): Promise<ScheduleResult> {
    assertValidJobKey(input.key);
    if (!input.kind) throw new Error('A job needs a kind');
    if (!(input.runAt instanceof Date) || Number.isNaN(input.runAt.getTime())) throw new Error(`Invalid runAt for job ${input.key}`);
    const maxAttempts = input.maxAttempts ?? this.deps.defaultMaxAttempts;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error(`maxAttempts must be a positive integer (job ${input.key})`);
    const payloadJson = JSON.stringify(input.payload ?? null);
    const problem = this.deps.handlers.get(input.kind)?.validate?.(JSON.parse(payloadJson));
    if (problem !== undefined) throw new Error(`Invalid payload for job ${input.key} (${input.kind}): ${problem}`);
    const result = await this.deps.repo.schedule(
      { key: input.key, kind: input.kind, runAt: new Date(input.runAt.getTime()), payloadJson, maxAttempts },
      this.deps.clock(),
    );
    this.deps.logger.debug({ jobKey: input.key, kind: input.kind, runAt: input.runAt, ...result }, 'jobs: scheduled');
    this.deps.runner.notifyScheduled(input.runAt);
    return result;
  }

  async cancel(key: string): Promise<CancelResult> {
    const result = await this.deps.repo.cancel(key, this.deps.clock());
    this.deps.logger.debug({ jobKey: key, result }, 'jobs: cancel');
    return result;
  }

  /** Cancels every scheduled or running job whose key starts with `prefix` (not empty); returns how many. */
  async cancelByPrefix(prefix: string): Promise<number> {
    if (!prefix) throw new Error('cancelByPrefix needs a non-empty prefix');
    let n = 0;
    for (const key of await this.deps.repo.activeKeysWithPrefix(prefix)) {
      const res = await this.deps.repo.cancel(key, this.deps.clock());
      if (res === 'cancelled' || res === 'cancel-requested') n++;
    }
    this.deps.logger.debug({ prefix, cancelled: n }, 'jobs: cancel by prefix');
    return n;
  }

  /** The job, or null when there is none (or its document is corrupt, which is logged). */
  async get(key: string): Promise<JobInfo | null> {
    const parsed = await this.deps.repo.get(key);
    if (!parsed) return null;
    if (!parsed.ok) {
      this.deps.logger.error({ jobKey: key, reason: parsed.reason }, 'jobs: corrupt job document');
      return null;
    }
    return toJobInfo(parsed.doc);
  }

  /** Jobs matching the filter by runAt (corrupt documents are skipped and logged). */
  async list(filter: JobListFilter = {}): Promise<JobInfo[]> {
    const out: JobInfo[] = [];
    for (const parsed of await this.deps.repo.list(filter)) {
      if (parsed.ok) out.push(toJobInfo(parsed.doc));
      else this.deps.logger.error({ jobKey: parsed.id, reason: parsed.reason }, 'jobs: corrupt job document skipped');
    }
    return out;
  }

  start(): void {
    this.deps.runner.start();
  }

  stop(): Promise<void> {
    return this.deps.runner.stop();
  }

  runDue(): Promise<RunSummary> {
    return this.deps.runner.runDue();
  }
}
