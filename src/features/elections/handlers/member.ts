import { CardFactory, type TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import { personKey } from '../../../domain/person.js';
import { personOf } from '../../../teams/activity.js';
import { ballotCard, nominationCard } from '../notices.js';
import { groupOfPerson, membersByKey, refusalText } from '../support.js';
import { ELECTIONS_TEXTS as T } from '../texts.js';

/** Her group in the active edition, or undefined after saying she has none. */
async function herGroup(ctx: FeatureContext, context: TurnContext): Promise<{ editionId: string; group: number; key: string } | undefined> {
  const key = personKey(personOf(context.activity));
  const edition = await ctx.services.editions.getActive();
  const placed = edition ? await groupOfPerson(ctx, edition._id, key) : null;
  if (!edition || !placed) {
    await context.sendActivity(T.noGroup);
    return undefined;
  }
  return { editionId: edition._id, group: placed.group, key };
}

/**
 * "postularme": the nomination card of her group again, while nominations are open.
 * "postularme retirar": withdraws her candidacy (she can be a candidate for one role only).
 */
export function nominateHandler(ctx: FeatureContext): CommandHandler {
  return async (context, request) => {
    const her = await herGroup(ctx, context);
    if (!her) return;
    const election = await ctx.services.elections.latestOf(her.editionId, her.group);
    if (!election?.active || election.phase !== 'nominations') {
      await context.sendActivity(T.notNominating);
      return;
    }
    if (request.args.trim().toLowerCase().startsWith('retirar')) {
      const mine = election.candidacies.find((c) => c.personKey === her.key && c.status === 'accepted');
      if (!mine) {
        await context.sendActivity(T.notCandidate);
        return;
      }
      try {
        await ctx.services.elections.withdrawCandidacy(election.id, her.key, mine.role);
        await context.sendActivity(T.withdrawn(mine.role));
      } catch (err) {
        await context.sendActivity(refusalText(err));
      }
      return;
    }
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(nominationCard(election))] });
  };
}

/** "votar": her pending ballot again (the current round), or why there is none. */
export function voteHandler(ctx: FeatureContext): CommandHandler {
  return async (context) => {
    const her = await herGroup(ctx, context);
    if (!her) return;
    const pending = await ctx.services.elections.pendingBallot(her.editionId, her.key);
    if (!pending) {
      await context.sendActivity(T.noPendingBallot);
      return;
    }
    if (pending.voted) {
      await context.sendActivity(T.alreadyVoted);
      return;
    }
    const card = ballotCard(pending.election, await membersByKey(ctx, her.editionId));
    await context.sendActivity(card ? { attachments: [CardFactory.adaptiveCard(card)] } : T.noPendingBallot);
  };
}
