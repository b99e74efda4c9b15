import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger } from '../logger.js';
import type { ActivityDedup } from '../services/activityDedup.js';
import { tenantIdOf } from '../teams/activity.js';

/** Turn-state key holding the de-duplication claim of the current turn (released if the turn fails). */
export const DEDUP_KEY = Symbol('dedupClaim');

function isSyntheticContinuation(context: TurnContext): boolean {
  const a = context.activity;
  return a.type === ActivityTypes.Event && a.name === 'ContinueConversation';
}

/**
 * Drops activities from other tenants when a tenant is configured. SingleTenant authentication does not
 * filter by tenant, so this check is ours. The turn is skipped (no reply, no state change, HTTP 200),
 * because an error status would make Teams retry. Proactive continuations carry no tenant and pass.
 */
export function tenantGuard(tenantId: string | undefined, logger: Logger): Middleware {
  return {
    async onTurn(context, next) {
      if (!tenantId || isSyntheticContinuation(context)) return next();
      const actual = tenantIdOf(context.activity);
      if (actual?.toLowerCase() !== tenantId.toLowerCase()) {
        logger.warn(
          { activityId: context.activity.id, activityType: context.activity.type, tenantId: actual ?? null, conversationId: context.activity.conversation?.id },
          'activity from another tenant dropped',
        );
        return;
      }
      return next();
    },
  };
}

/** Processes an activity delivered twice with the same id only once. */
export function dedupMiddleware(dedup: ActivityDedup, logger: Logger): Middleware {
  return {
    async onTurn(context, next) {
      const a = context.activity;
      if (!a.id || isSyntheticContinuation(context)) return next();
      const key = `${a.channelId}|${a.conversation?.id ?? ''}|${a.id}`;
      if (!(await dedup.claim(key))) {
        logger.info({ activityId: a.id, conversationId: a.conversation?.id, activityType: a.type }, 'duplicate delivery skipped');
        return;
      }
      context.turnState.set(DEDUP_KEY, key);
      return next();
    },
  };
}
