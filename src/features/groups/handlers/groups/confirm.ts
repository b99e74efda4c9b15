import type { FeatureContext } from '../../../feature.js';
import { notifyMembers, postRoster } from '../../notices.js';
import { auditGroups, type GroupsTurn } from '../../support.js';
import { GROUPS_TEXTS } from '../../texts.js';

/**
 * "grupos confirmar": freezes the groups, queues each member's notice and posts the roster in every linked
 * space. Confirming again re-sends under the same broadcast ids, so nobody is notified twice.
 */
export async function groupsConfirm(ctx: FeatureContext, { context, request, edition, actor }: GroupsTurn): Promise<void> {
  const groups = ctx.services.groups;
  const confirmed = await groups.confirm(edition._id, actor);
  const set = confirmed ?? (await groups.get(edition._id));
  if (!set) return;
  if (confirmed) await auditGroups(ctx, request, 'groups.confirm', edition._id, { groups: set.groupCount, members: Object.keys(set.assignment).length });
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
