import { CardFactory, type TurnContext } from 'botbuilder';
import { formatDateTime } from '../../domain/registration.js';
import { renderGroupsActionConfirmCard, type GroupsActionConfirmCardData } from '../../cards/groups.js';
import { VERBS } from '../../cards/verbs.js';
import type { Edition } from '../../services/registration/editions.js';
import type { FeatureContext } from '../feature.js';
import { GROUPS_TEXTS } from './texts.js';

/**
 * Questions the groups feature asks before a change the administrator may not expect (issue 9): forming or
 * confirming groups before the call closes, and linking a space that changes another link. The answer comes
 * back as a card verb (index.ts), re-checked by ctx.guard and validated with zod; "Cancelar" changes nothing.
 */
export async function askToConfirm(context: TurnContext, d: GroupsActionConfirmCardData): Promise<void> {
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(renderGroupsActionConfirmCard(d))] });
}

/**
 * Before "grupos proponer" and "grupos confirmar": while the call has not closed (open, or scheduled and not
 * open yet), asks first and returns true; the card's "de todos modos" button runs the command again with
 * `callOpenAccepted`. Returns false when the command may go ahead.
 */
export async function warnIfCallOpen(
  ctx: FeatureContext,
  context: TurnContext,
  edition: Edition,
  what: 'propose' | 'confirm',
  args: readonly string[],
): Promise<boolean> {
  const state = ctx.services.editions.state(edition, ctx.clock());
  if (state.kind !== 'open' && state.kind !== 'notYetOpen') return false;
  const texts = GROUPS_TEXTS.callOpen;
  const date = state.kind === 'open' ? state.closesAt : state.opensAt;
  await askToConfirm(context, {
    title: what === 'propose' ? texts.proposeTitle : texts.confirmTitle,
    paragraphs: [texts.state(state.kind, date ? formatDateTime(date) : undefined), what === 'propose' ? texts.proposeEffect : texts.confirmEffect],
    confirmTitle: what === 'propose' ? texts.proposeAnyway : texts.confirmAnyway,
    cancelTitle: texts.cancelTitle,
    confirmVerb: what === 'propose' ? VERBS.groupsProposeConfirm : VERBS.groupsConfirmConfirm,
    editionId: edition._id,
    group: 0,
    args: args.join(' '),
  });
  return true;
}
