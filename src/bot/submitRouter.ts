import type { TurnContext } from 'botbuilder';
import type { z } from 'zod';
import type { Logger } from '../logger.js';
import { BOT_TEXTS } from './texts.js';

/**
 * Card submissions (Action.Submit values and adaptiveCard/action invokes) routed by their `verb` to typed
 * handlers. Every payload is validated by the handler's schema before use; a forged or stale payload gets
 * a clear Spanish answer and a structured log entry, never an exception.
 */
export interface SubmitHandler<S extends z.ZodType = z.ZodType> {
  verb: string;
  schema: S;
  handle: (context: TurnContext, payload: z.infer<S>) => Promise<void>;
}

export function defineSubmitHandler<S extends z.ZodType>(h: SubmitHandler<S>): SubmitHandler {
  return h as unknown as SubmitHandler;
}

export type SubmitOutcome = 'handled' | 'notMine' | 'invalid';

export class SubmitRouter {
  private readonly handlers = new Map<string, SubmitHandler>();

  constructor(
    handlers: readonly SubmitHandler[],
    private readonly logger: Logger,
  ) {
    for (const h of handlers) this.handlers.set(h.verb, h);
  }

  /** The verb of a payload, if it has one. */
  static verbOf(value: unknown): string | undefined {
    if (value && typeof value === 'object' && typeof (value as { verb?: unknown }).verb === 'string') return (value as { verb: string }).verb;
    return undefined;
  }

  has(verb: string | undefined): boolean {
    return verb !== undefined && this.handlers.has(verb);
  }

  async dispatch(context: TurnContext, verb: string, data: unknown): Promise<SubmitOutcome> {
    const handler = this.handlers.get(verb);
    if (!handler) return 'notMine';
    const parsed = handler.schema.safeParse(data);
    if (!parsed.success) {
      this.logger.warn(
        { verb, activityId: context.activity.id, userId: context.activity.from?.id, issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) },
        'invalid card payload rejected',
      );
      await context.sendActivity(BOT_TEXTS.invalidCardData);
      return 'invalid';
    }
    await handler.handle(context, parsed.data);
    return 'handled';
  }
}
