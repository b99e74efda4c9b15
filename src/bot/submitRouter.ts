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

/** Where a submit handler leaves the card an `adaptiveCard/action` (Action.Execute) invoke answers with. */
const REFRESHED_CARD = Symbol('refreshedCard');

/** True when this turn is an Action.Execute invoke (its answer may be a refreshed card). */
export function isCardActionInvoke(context: TurnContext): boolean {
  return context.activity.type === 'invoke' && context.activity.name === 'adaptiveCard/action';
}

/**
 * Answers the current Action.Execute invoke with `card` (invoke response `application/vnd.microsoft.card.adaptive`):
 * Teams replaces the card that was pressed with it, in place. Returns false (nothing done) when the turn is not
 * such an invoke, so the handler can answer another way.
 */
export function answerWithCard(context: TurnContext, card: Record<string, unknown>): boolean {
  if (!isCardActionInvoke(context)) return false;
  context.turnState.set(REFRESHED_CARD, card);
  return true;
}

/** The card a handler answered the invoke with (answerWithCard), if any. */
export function refreshedCardOf(context: TurnContext): Record<string, unknown> | undefined {
  return context.turnState.get(REFRESHED_CARD) as Record<string, unknown> | undefined;
}

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
