import { CardFactory, type TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import { renderCaseNoteCard } from '../../../cards/cases.js';
import { notifyStaffMessage } from '../notices.js';
import { activeEditionId, me, parseFolio, personalOnly, replaceCard, withCaseErrors, zoneOf } from '../support.js';
import { CASES_TEXTS as T } from '../texts.js';
import { memberCaseCard, stateText } from '../views.js';

/**
 * Her side of her cases. Who she is always comes from the activity: a case id in a card that is not hers is
 * answered as a case that does not exist, and nothing changes.
 */

/** "mis consultas": her cases and their state; "mis consultas <folio>": the case card (to read and answer). */
export function myCasesHandler(ctx: FeatureContext): CommandHandler {
  return async (context, request) => {
    const editionId = await activeEditionId(ctx, context);
    if (!editionId) return;
    const key = me(context);
    const mine = await ctx.services.cases.cases.ofPerson(editionId, key);
    const word = request.args.trim().split(/\s+/)[0] ?? '';
    if (word) {
      const folio = parseFolio(word);
      const chosen = mine.filter((d) => d.folio === folio);
      if (chosen.length === 0) {
        await context.sendActivity(T.member.notFound(word));
        return;
      }
      const zone = await zoneOf(ctx, editionId, key);
      await context.sendActivity({ attachments: chosen.map((d) => CardFactory.adaptiveCard(memberCaseCard(d, zone))) });
      return;
    }
    if (mine.length === 0) {
      await context.sendActivity(T.member.none);
      return;
    }
    const lines = mine.map((d) => (d.kind === 'acompanamiento' ? T.member.confidentialLine(d.folio, stateText(d)) : T.member.consultaLine(d.folio, d.subject ?? '', stateText(d))));
    await context.sendActivity([T.member.listTitle, lines.join('\n'), T.member.hint].join('\n\n'));
  };
}

export interface MemberReplyPayload {
  caseId: string;
  reply?: string | undefined;
}

/** "Responder" on her case card: her answer on the same case; staff are told (a confidential one without content). */
export function memberReplySubmit(ctx: FeatureContext): (context: TurnContext, p: MemberReplyPayload) => Promise<void> {
  return async (context, p) => {
    if (!(await personalOnly(context))) return;
    await withCaseErrors(ctx, context, 'caseMemberReply', async () => {
      const doc = await ctx.services.cases.cases.memberReply(p.caseId, me(context), p.reply ?? '');
      await notifyStaffMessage(ctx, doc);
      const text = T.member.replied(doc.folio);
      await replaceCard(ctx, context, renderCaseNoteCard({ title: T.member.repliedTitle, paragraphs: [text] }));
      await context.sendActivity(text);
    });
  };
}

/** "Ver la respuesta" on the notice of her confidential request: her case card, only if it is hers. */
export function memberOpenSubmit(ctx: FeatureContext): (context: TurnContext, p: { caseId: string }) => Promise<void> {
  return async (context, p) => {
    if (!(await personalOnly(context))) return;
    await withCaseErrors(ctx, context, 'caseMemberOpen', async () => {
      const doc = await ctx.services.cases.cases.ownedBy(p.caseId, me(context));
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(memberCaseCard(doc, await zoneOf(ctx, doc.editionId, doc.personKey)))] });
    });
  };
}

/** Deletes her confidential request (its texts, for good). */
export async function deleteHers(ctx: FeatureContext, context: TurnContext, caseId: string): Promise<void> {
  await withCaseErrors(ctx, context, 'caseDelete', async () => {
    const doc = await ctx.services.cases.cases.deleteByMember(caseId, me(context));
    const text = T.accompaniment.deleted(doc.folio);
    await replaceCard(ctx, context, renderCaseNoteCard({ title: T.accompaniment.deletedTitle, paragraphs: [text] }));
    await context.sendActivity(text);
  });
}

/** "Sí, borrarla" on her confidential request's card. */
export function deleteSubmit(ctx: FeatureContext): (context: TurnContext, p: { caseId: string }) => Promise<void> {
  return async (context, p) => {
    if (!(await personalOnly(context))) return;
    await deleteHers(ctx, context, p.caseId);
  };
}
