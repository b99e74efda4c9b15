import type { FeatureContext } from '../../feature.js';
import { currentRound } from '../../../domain/elections/index.js';
import type { ElectionView } from '../../../services/elections/index.js';
import { announceNoCandidates, announceVoting, closeJobKey, ELECTION_CLOSE_JOB } from '../notices.js';
import { closingText } from '../support.js';
import { ELECTIONS_TEXTS as T } from '../texts.js';
import { perGroup, report, targetGroups, type AdminTurn } from './turn.js';

/** Schedules the automatic closing of the election's current round (durable job), when it has a closing time. */
export async function scheduleClosing(ctx: FeatureContext, election: ElectionView): Promise<void> {
  const round = currentRound(election);
  if (!round?.closesAt) return;
  await ctx.services.jobs.schedule({ key: closeJobKey(election.id, round.no), kind: ELECTION_CLOSE_JOB, runAt: round.closesAt, payload: { electionId: election.id, round: round.no } });
}

/** "elecciones votacion [grupo N | todos] [cierre …]": closes nominations, sends every member her secret ballot. */
export async function openVotingCommand(ctx: FeatureContext, t: AdminTurn): Promise<void> {
  const chosen = await targetGroups(ctx, t, { closing: true, defaultAll: true });
  if (!chosen) return;
  const { target, groups } = chosen;
  const { done, lines } = await perGroup(groups, async (group) => {
    const latest = await ctx.services.elections.latestOf(t.editionId, group);
    if (!latest?.active) return T.noElection;
    const election = await ctx.services.elections.openVoting(latest.id, t.actor, target.closesAt ? { closesAt: target.closesAt } : {});
    if (election.phase === 'closed') {
      // Nobody ran for any role: the election ends at once and the roles stay vacant (the group is told).
      await announceNoCandidates(ctx, election);
      return T.noCandidatesAtAll;
    }
    await scheduleClosing(ctx, election);
    await announceVoting(ctx, election);
    return null;
  });
  await report(t, done > 0 ? T.votingOpened(done, closingText(target.closesAt)) : null, lines);
}
