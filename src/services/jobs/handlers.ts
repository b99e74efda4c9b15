import type { z } from 'zod';
import { type JobContext, type JobHandler, type JobHandlerDefinition, PermanentJobError } from './types.js';

/**
 * Job handlers by kind. A handler receives the payload as stored (unknown); `defineJobHandler` checks it
 * against a zod schema first, so the function only ever sees a valid, typed payload.
 */

/**
 * A handler whose payload is validated by `schema`. An invalid payload fails the job at once (retrying
 * cannot fix it) with the validation message; the same check runs when a job of this kind is scheduled
 * in a process where the handler is registered, so a bad payload is refused up front.
 */
export function defineJobHandler<S extends z.ZodType>(
  kind: string,
  schema: S,
  fn: (payload: z.output<S>, job: JobContext<z.output<S>>) => Promise<void>,
): JobHandlerDefinition<z.input<S>> {
  const check = (payload: unknown): { ok: true; value: z.output<S> } | { ok: false; message: string } => {
    const res = schema.safeParse(payload);
    if (res.success) return { ok: true, value: res.data };
    const message = res.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join('.') || '(datos)'}: ${i.message}`)
      .join('; ');
    return { ok: false, message };
  };
  return {
    kind,
    validate: (payload) => {
      const res = check(payload);
      return res.ok ? undefined : res.message;
    },
    handle: async (job) => {
      const res = check(job.payload);
      if (!res.ok) throw new PermanentJobError(`Los datos del trabajo no son válidos: ${res.message}`);
      await fn(res.value, { ...job, payload: res.value });
    },
  };
}

export class JobHandlerRegistry {
  private readonly byKind = new Map<string, JobHandlerDefinition>();

  register(definition: JobHandlerDefinition): void;
  register(kind: string, handler: JobHandler): void;
  register(kindOrDefinition: string | JobHandlerDefinition, handler?: JobHandler): void {
    const def: JobHandlerDefinition = typeof kindOrDefinition === 'string' ? { kind: kindOrDefinition, handle: handler! } : kindOrDefinition;
    if (!def.kind) throw new Error('A job handler needs a kind');
    if (typeof def.handle !== 'function') throw new Error(`The handler of job kind ${def.kind} is not a function`);
    if (this.byKind.has(def.kind)) throw new Error(`A handler for job kind ${def.kind} is already registered`);
    this.byKind.set(def.kind, def);
  }

  get(kind: string): JobHandlerDefinition | undefined {
    return this.byKind.get(kind);
  }

  kinds(): string[] {
    return [...this.byKind.keys()];
  }
}
