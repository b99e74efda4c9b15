import { z } from 'zod';
import { defineJobHandler, type JobHandlerDefinition } from '../../services/jobs/index.js';
import { TOPIC_VOTE_CLOSE_JOB } from '../../services/topics/index.js';
import type { FeatureContext } from '../feature.js';
import { announceClosed } from './notices.js';

/**
 * The closing time of a topic vote (TOPIC_VOTE_CLOSE_JOB, scheduled by the topics service when the vote was
 * opened with "cierre"): closes the vote if it is still open and due, then posts the ranking in the group's
 * space and tells the representante she can build the plan. A retry after a crash between the close and the
 * notices sends them then (the vote is already closed by the system; the broadcast ids never send twice).
 */
export function topicVoteCloseJob(ctx: FeatureContext): JobHandlerDefinition {
  return defineJobHandler(TOPIC_VOTE_CLOSE_JOB, z.object({ voteId: z.string().min(1).max(200) }), async ({ voteId }) => {
    const votes = ctx.services.topics.topicVotes;
    const closed = await votes.closeIfDue(voteId);
    if (closed) {
      await announceClosed(ctx, closed);
      return;
    }
    const vote = await votes.get(voteId);
    if (vote?.state !== 'closed' || vote.closedBy !== 'system') return;
    const ranking = await votes.ranking(vote.editionId, vote.group, { voteId });
    if (ranking) await announceClosed(ctx, ranking);
  });
}
