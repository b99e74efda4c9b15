import type { FeatureContext } from '../../feature.js';
import { STAGE_KEYS, stageDate } from '../../../domain/stages.js';
import { announceNominations, NOMINATIONS_CLOSED_JOB, nominationsClosedJobKey } from '../notices.js';
import { closingText } from '../support.js';
import { ELECTIONS_TEXTS as T } from '../texts.js';
import { perGroup, report, targetGroups, type AdminTurn } from './turn.js';

/**
 * "elecciones abrir [grupo N | todos] [cierre AAAA-MM-DD HH:MM] [forzar]": opens nominations; every member gets
 * the card. The elections belong to the first group session, after the Reunión Nacional de apertura: while the
 * edition calendar puts that meeting in the future, opening needs "forzar" (and the log says it was forced).
 */
export async function openNominationsCommand(ctx: FeatureContext, t: AdminTurn): Promise<void> {
  const chosen = await targetGroups(ctx, t, { closing: true, defaultAll: true, force: true });
  if (!chosen) return;
  const { target, groups } = chosen;
  const edition = await ctx.services.editions.get(t.editionId);
  const opening = edition ? stageDate(edition.calendar, STAGE_KEYS.opening) : undefined;
  if (opening && ctx.clock().getTime() < opening.getTime()) {
    if (!target.force) {
      await t.context.sendActivity(T.beforeOpening(opening));
      return;
    }
    ctx.logger.info({ editionId: t.editionId, actor: t.actor, opening: opening.toISOString() }, 'elections opened before the national opening meeting (forced)');
  }
  const { done, lines } = await perGroup(groups, async (group) => {
    const election = await ctx.services.elections.openNominations({ editionId: t.editionId, group, ...(target.closesAt ? { closesAt: target.closesAt } : {}) }, t.actor);
    await announceNominations(ctx, election);
    if (election.nominationsCloseAt) {
      await ctx.services.jobs.schedule({
        key: nominationsClosedJobKey(election.id),
        kind: NOMINATIONS_CLOSED_JOB,
        runAt: election.nominationsCloseAt,
        payload: { electionId: election.id, notify: t.actor },
      });
    }
    return null;
  });
  await report(t, done > 0 ? T.opened(done, closingText(target.closesAt)) : null, lines);
}
