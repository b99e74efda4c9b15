import { z } from 'zod';
import { JOB_STATUSES, type JobDoc, type JobInfo } from './types.js';

/**
 * The shape a stored job must have. Documents are checked when read: one that does not match (edited by
 * hand, written by a broken version, damaged file) is reported and skipped instead of crashing the runner.
 */

const jsonText = z.string().refine(
  (s) => {
    try {
      JSON.parse(s);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not valid JSON' },
);

const nextVersionSchema = z.object({
  kind: z.string().min(1),
  runAt: z.date(),
  payloadJson: jsonText,
  maxAttempts: z.number().int().min(1),
  rev: z.string().min(1),
  scheduledAt: z.date(),
});

export const jobDocSchema = z.object({
  _id: z.string().min(1),
  kind: z.string().min(1),
  status: z.enum(JOB_STATUSES as [JobDoc['status'], ...JobDoc['status'][]]),
  runAt: z.date(),
  dueAtMs: z.number().int().optional(),
  payloadJson: jsonText,
  rev: z.string().min(1),
  attempts: z.number().int().min(0),
  maxAttempts: z.number().int().min(1),
  leaseOwner: z.string().optional(),
  leaseUntilMs: z.number().int().optional(),
  leaseToken: z.string().optional(),
  startedAt: z.date().optional(),
  finishedAt: z.date().optional(),
  expiresAt: z.date().optional(),
  lastError: z.string().optional(),
  next: nextVersionSchema.optional(),
  cancelRequested: z.boolean().optional(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

// Keeps the schema and the JobDoc interface in step: each must be assignable to the other.
type Parsed = z.infer<typeof jobDocSchema>;
const _schemaMatchesDoc: [Parsed extends JobDoc ? true : false, JobDoc extends Parsed ? true : false] = [true, true];
void _schemaMatchesDoc;

export type ParsedJob = { ok: true; doc: JobDoc } | { ok: false; id: unknown; reason: string };

/** Checks a stored document; the reason names the first problems found. */
export function parseJobDoc(raw: unknown): ParsedJob {
  const res = jobDocSchema.safeParse(raw);
  if (res.success) return { ok: true, doc: res.data };
  const id = raw !== null && typeof raw === 'object' ? (raw as { _id?: unknown })._id : undefined;
  const reason = res.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(documento)'}: ${i.message}`)
    .join('; ');
  return { ok: false, id, reason };
}

export function toJobInfo(doc: JobDoc): JobInfo {
  return {
    key: doc._id,
    kind: doc.kind,
    status: doc.status,
    runAt: doc.runAt,
    ...(doc.dueAtMs !== undefined ? { nextAttemptAt: new Date(doc.dueAtMs) } : {}),
    payload: JSON.parse(doc.payloadJson) as unknown,
    attempts: doc.attempts,
    maxAttempts: doc.maxAttempts,
    ...(doc.lastError !== undefined ? { lastError: doc.lastError } : {}),
    ...(doc.startedAt ? { startedAt: doc.startedAt } : {}),
    ...(doc.finishedAt ? { finishedAt: doc.finishedAt } : {}),
    ...(doc.leaseOwner ? { leaseOwner: doc.leaseOwner } : {}),
    ...(doc.leaseUntilMs !== undefined ? { leaseUntil: new Date(doc.leaseUntilMs) } : {}),
    ...(doc.next ? { pendingVersion: { kind: doc.next.kind, runAt: doc.next.runAt } } : {}),
    cancelRequested: doc.cancelRequested === true,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
