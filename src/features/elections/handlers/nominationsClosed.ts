import type { FeatureContext } from '../../feature.js';
import { ELECTED_ROLES } from '../../../domain/elections/index.js';
import { BROADCAST_NOMINATIONS_CLOSED } from '../notices.js';
import { ELECTIONS_TEXTS as T } from '../texts.js';

/**
 * The scheduled end of nominations (job 'elections.nominationsClosed', scheduled by "elecciones abrir … cierre"):
 * nominations no longer accept candidacies from that time (the service checks it), and the administrator who
 * opened them is told 1:1 how many candidates each role has and how to open the vote. Nothing is sent when the
 * group already moved on (voting opened, the election closed or was replaced).
 */
export async function nominationsClosedByJob(ctx: FeatureContext, payload: { electionId: string; notify: string }): Promise<void> {
  const election = await ctx.services.elections.get(payload.electionId);
  if (!election?.active || election.phase !== 'nominations') return;
  const counts = ELECTED_ROLES.map((role) => ({ role, n: election.candidacies.filter((c) => c.role === role && c.status === 'accepted').length }));
  await ctx.services.notifier.notifyPeople({
    broadcastId: BROADCAST_NOMINATIONS_CLOSED(election.id),
    kind: 'election-nominations-closed',
    title: T.broadcastNominationsClosed(election.group),
    recipients: [{ personKey: payload.notify, message: { text: T.nominationsClosedAdmin(election.group, counts) } }],
  });
}
