import { CardFactory, type TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import { personKey } from '../../../domain/person.js';
import { personOf } from '../../../teams/activity.js';
import { ballotCard, nominationCard } from '../notices.js';
import { groupOfPerson, membersByKey } from '../support.js';
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

/** "postularme": the nomination card of her group again, while nominations are open. */
export function nominateHandler(ctx: FeatureContext): CommandHandler {
  return async (context) => {
    const her = await herGroup(ctx, context);
    if (!her) return;
    const election = await ctx.services.elections.latestOf(her.editionId, her.group);
    if (!election?.active || election.phase !== 'nominations') {
      await context.sendActivity(T.notNominating);
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
