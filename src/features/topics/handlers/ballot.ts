import type { TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import { replacePressedCard } from '../../shared/replaceCard.js';
import { personKey } from '../../../domain/person.js';
import { personOf } from '../../../teams/activity.js';
import { ejeNames } from '../notices.js';
import { activeEdition, withTopicsErrors, zoneOf } from '../support.js';
import { TOPICS_TEXTS } from '../texts.js';
import { ballotCard } from '../views.js';

const V = TOPICS_TEXTS.votes;

export interface BallotPayload {
  voteId: string;
  picks?: string | undefined;
}

/**
 * A member's picks from her ballot card. Who she is comes from the activity, never from the card; the vote the
 * card was made for must be her group's current, open vote (the service refuses another group's vote, an old
 * round, a closed vote, unknown or too many topics, and changes nothing then). On success the card is updated
 * in place with her picks; she may send them again while the vote is open (they replace the previous ones).
 */
export function ballotSubmitHandler(ctx: FeatureContext): (context: TurnContext, payload: BallotPayload) => Promise<void> {
  return async (context, p) => {
    const edition = await activeEdition(ctx, context);
    if (!edition) return;
    const key = personKey(personOf(context.activity));
    await withTopicsErrors(context, async () => {
      const votes = ctx.services.topics.topicVotes;
      const result = await votes.submit(edition._id, key, p.picks ?? '', { voteId: p.voteId });
      const vote = await votes.get(result.voteId);
      const titles = new Map((vote?.topics ?? []).map((t) => [t.id, t.titulo]));
      if (vote) {
        await replacePressedCard(
          context,
          async () => ballotCard(vote, result.picks, await zoneOf(ctx, edition._id, await ctx.services.members.get(edition._id, key)), await ejeNames(ctx, edition._id), V.recorded),
          ctx.logger,
          'topic ballot card',
        );
      }
      await context.sendActivity(V.recordedReply(result.picks.map((id) => titles.get(id) ?? id)));
    });
  };
}
