import type { FeatureContext } from '../../../feature.js';
import { warnIfCallOpen } from '../../confirmations.js';
import { notifyMembers, postRoster } from '../../notices.js';
import { auditGroups, type GroupsTurn } from '../../support.js';
import { GROUPS_TEXTS } from '../../texts.js';

/**
 * "grupos confirmar": freezes the groups, queues each member's notice and posts the roster in every linked
 * space. Confirming again re-sends under the same broadcast ids, so nobody is notified twice. While the call
 * is still open it asks first (the card's button comes back with `callOpenAccepted`).
 */
export async function groupsConfirm(ctx: FeatureContext, { context, edition, args, actor, callOpenAccepted }: GroupsTurn): Promise<void> {
  const groups = ctx.services.groups;
  const existing = await groups.get(edition._id);
  if (!callOpenAccepted && existing?.state === 'proposed' && (await warnIfCallOpen(ctx, context, edition, 'confirm', args))) return;
  const confirmed = await groups.confirm(edition._id, actor);
  const set = confirmed ?? (await groups.get(edition._id));
  if (!set) return;
  if (confirmed) {
    await auditGroups(ctx, actor, 'groups.confirm', edition._id, {
      groups: set.groupCount,
      members: Object.keys(set.assignment).length,
      ...(callOpenAccepted ? { callOpen: true } : {}),
    });
  }
  const notice = await notifyMembers(ctx, context, edition._id, set);
  let rosters = 0;
  for (const space of await groups.listSpaces(edition._id)) {
    rosters += (await postRoster(ctx, edition._id, space, set)).enqueued;
  }
  await context.sendActivity(
    GROUPS_TEXTS.confirmed({
      confirmedNow: confirmed !== null,
      enqueued: notice.enqueued,
      alreadyQueued: notice.alreadyQueued,
      waitingInstall: notice.waitingInstall,
      rosters,
    }),
  );
}
