import type { FeatureContext } from '../../feature.js';
import { ElectionError, SYSTEM_ACTOR } from '../../../services/elections/index.js';
import { PermanentJobError } from '../../../services/jobs/index.js';
import { announceResults, closeJobKey } from '../notices.js';
import { ELECTIONS_TEXTS as T } from '../texts.js';
import { perGroup, report, targetGroups, type AdminTurn } from './turn.js';

/**
 * Closes a round, counts it and announces the results (the service gives the winners their roles). Shared by
 * "elecciones cerrar" and the scheduled closing: a second closer gets the same result and the announcements'
 * broadcast ids make sure nobody is told twice.
 */
async function closeAndAnnounce(ctx: FeatureContext, electionId: string, actor: string, round?: number): Promise<void> {
  const closed = await ctx.services.elections.closeVoting(electionId, actor, round === undefined ? {} : { round });
  // An administrator closed it first: the scheduled closing is no longer needed (the job itself never cancels).
  if (round === undefined) await ctx.services.jobs.cancel(closeJobKey(electionId, closed.round));
  await announceResults(ctx, closed);
}

/** The handler of the scheduled closing (job payload: the election and the round it was scheduled for). */
export async function closeByJob(ctx: FeatureContext, payload: { electionId: string; round: number }): Promise<void> {
  try {
    await closeAndAnnounce(ctx, payload.electionId, SYSTEM_ACTOR, payload.round);
  } catch (err) {
    // The election or the round does not exist (any more): retrying cannot fix it.
    if (err instanceof ElectionError && (err.code === 'notFound' || err.code === 'staleBallot')) throw new PermanentJobError(`elections.close: ${err.code}`);
    throw err;
  }
}

/** "elecciones cerrar [grupo N | todos]". */
export async function closeCommand(ctx: FeatureContext, t: AdminTurn): Promise<void> {
  const chosen = await targetGroups(ctx, t, { closing: false, defaultAll: true });
  if (!chosen) return;
  const { done, lines } = await perGroup(chosen.groups, async (group) => {
    const latest = await ctx.services.elections.latestOf(t.editionId, group);
    if (!latest || (latest.phase !== 'voting' && latest.phase !== 'closing')) return T.notVoting;
    await closeAndAnnounce(ctx, latest.id, t.actor);
    return null;
  });
  await report(t, done > 0 ? T.closedSummary(done) : null, lines);
}
