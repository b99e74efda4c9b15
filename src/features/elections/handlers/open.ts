import type { FeatureContext } from '../../feature.js';
import { announceNominations } from '../notices.js';
import { closingText } from '../support.js';
import { ELECTIONS_TEXTS as T } from '../texts.js';
import { perGroup, report, targetGroups, type AdminTurn } from './turn.js';

/** "elecciones abrir [grupo N | todos] [cierre AAAA-MM-DD HH:MM]": opens nominations; every member gets the card. */
export async function openNominationsCommand(ctx: FeatureContext, t: AdminTurn): Promise<void> {
  const chosen = await targetGroups(ctx, t, { closing: true, defaultAll: true });
  if (!chosen) return;
  const { target, groups } = chosen;
  const { done, lines } = await perGroup(groups, async (group) => {
    const election = await ctx.services.elections.openNominations({ editionId: t.editionId, group, ...(target.closesAt ? { closesAt: target.closesAt } : {}) }, t.actor);
    await announceNominations(ctx, election);
    return null;
  });
  await report(t, done > 0 ? T.opened(done, closingText(target.closesAt)) : null, lines);
}
