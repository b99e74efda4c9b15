import type { Middleware } from 'botbuilder';
import type { Logger } from '../logger.js';
import type { ActivityDedup } from '../services/activityDedup.js';
import { sanitizeActivity, tenantIdOf } from '../teams/activity.js';

/** Turn-state key holding the de-duplication claim of the current turn (released if the turn fails). */
export const DEDUP_KEY = Symbol('dedupClaim');

/**
 * First in the chain: removes fields of the wrong type from the incoming activity (src/teams/activity.ts,
 * sanitizeActivity), so that `entities: 5`, `membersAdded: "abc"` or an object as `from.aadObjectId` cannot
 * make a handler throw (the error reply would also clear the conversation state). An activity without a
 * conversation id, type or sender id is dropped like a foreign one (no reply, HTTP 200).
 */
export function activitySanitizer(logger: Logger): Middleware {
  return {
    async onTurn(context, next) {
      const { fixed, usable } = sanitizeActivity(context.activity);
      if (fixed.length || !usable) {
        logger.warn({ activityId: typeof context.activity.id === 'string' ? context.activity.id : null, fields: fixed.slice(0, 20), usable }, usable ? 'malformed activity fields removed' : 'unusable activity dropped');
      }
      if (!usable) return;
      return next();
    },
  };
}

/**
 * Drops activities from other tenants when a tenant is configured. SingleTenant authentication does not
 * filter by tenant, so this check is ours. The turn is skipped (no reply, no state change, HTTP 200),
 * because an error status would make Teams retry. A tenant id that is not a string counts as no tenant.
 *
 * No activity is exempt, not even botbuilder's ContinueConversation event (issue 9, item 13): its shape
 * is easy to forge over HTTP, and the bot never starts such turns — proactive messages go through the
 * delivery engine (src/services/delivery, ConnectorTransport), not adapter.continueConversationAsync. Were
 * one ever used, the continuation built from a stored reference carries conversation.tenantId and passes
 * on its merits. The HTTP layer refuses ContinueConversation events outright (src/server.ts).
 */
export function tenantGuard(tenantId: string | undefined, logger: Logger): Middleware {
  return {
    async onTurn(context, next) {
      if (!tenantId) return next();
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

/** Processes an activity delivered twice with the same id only once (every type, events included). */
export function dedupMiddleware(dedup: ActivityDedup, logger: Logger): Middleware {
  return {
    async onTurn(context, next) {
      const a = context.activity;
      if (!a.id) return next();
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
