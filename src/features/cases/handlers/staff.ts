import { CardFactory, type TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import { awaitingStaff } from '../../../domain/cases/index.js';
import { personKey } from '../../../domain/person.js';
import { notifyMemberClosed, notifyMemberReply } from '../notices.js';
import { activeEditionId, ageText, LIST_LIMIT, parseFolio, personalOnly, replaceCard, staffFor, withCaseErrors } from '../support.js';
import { CASES_TEXTS as T, CATEGORY_LABELS } from '../texts.js';
import { staffCaseCard } from '../views.js';

/**
 * UTIGyND's side of the consultas: "consultas" (open ones, oldest first, with age) and "consultas <folio>" (the
 * case card). Only kind 'consulta' is ever read here: a confidential request cannot be reached by folio through
 * this command. The card buttons ("Responder", "Cerrar") check on the server who may act on that case's kind.
 */
export function casesHandler(ctx: FeatureContext): CommandHandler {
  return async (context, request) => {
    const editionId = await activeEditionId(ctx, context, true);
    if (!editionId) return;
    const word = request.args.trim().split(/\s+/)[0] ?? '';
    const now = ctx.clock();
    const holidays = ctx.services.cases.holidays;
    if (word) {
      const folio = parseFolio(word);
      const doc = folio ? await ctx.services.cases.cases.byFolio(editionId, 'consulta', folio) : null;
      if (!doc) {
        await context.sendActivity(T.staff.notFound(word));
        return;
      }
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(staffCaseCard(doc, now, holidays))] });
      return;
    }
    const open = await ctx.services.cases.cases.listOpen(editionId, 'consulta');
    if (open.length === 0) {
      await context.sendActivity(T.staff.noneOpen);
      return;
    }
    const lines = open.slice(0, LIST_LIMIT).map((d) => T.staff.listLine(d.folio, d.category ? CATEGORY_LABELS[d.category] : '', d.subject ?? '', d.name ?? T.staff.member, ageText(d.createdAt, now, holidays), awaitingStaff(d.messages)));
    if (open.length > LIST_LIMIT) lines.push(T.more(open.length - LIST_LIMIT));
    await context.sendActivity([T.staff.listTitle(open.length), lines.join('\n'), T.staff.listHint].join('\n\n'));
  };
}

export interface StaffReplyPayload {
  caseId: string;
  reply?: string | undefined;
}

/** Loads the case of a staff button and checks who may act on it; undefined after answering why not. */
async function staffCase(ctx: FeatureContext, context: TurnContext, caseId: string, what: string) {
  const doc = await ctx.services.cases.cases.get(caseId);
  if (!doc) {
    ctx.logger.warn({ what, code: 'notFound' }, 'case action refused');
    await context.sendActivity(T.staff.notFound(''));
    return undefined;
  }
  const person = await staffFor(ctx, context, doc.kind, what, 'card');
  return person ? { doc, staffKey: personKey(person) } : undefined;
}

/** "Responder" on a case card: the answer goes to her 1:1; the card shows the conversation so far. */
export function staffReplySubmit(ctx: FeatureContext): (context: TurnContext, p: StaffReplyPayload) => Promise<void> {
  return async (context, p) => {
    if (!(await personalOnly(context))) return;
    const found = await staffCase(ctx, context, p.caseId, 'caseReply');
    if (!found) return;
    await withCaseErrors(ctx, context, 'caseReply', async () => {
      const doc = await ctx.services.cases.cases.staffReply(p.caseId, found.staffKey, p.reply ?? '');
      await notifyMemberReply(ctx, doc);
      await replaceCard(ctx, context, staffCaseCard(doc, ctx.clock(), ctx.services.cases.holidays));
      await context.sendActivity(T.staff.answered(doc.folio));
    });
  };
}

/** "Cerrar" on a case card: no more messages; she is told. */
export function closeSubmit(ctx: FeatureContext): (context: TurnContext, p: { caseId: string }) => Promise<void> {
  return async (context, p) => {
    if (!(await personalOnly(context))) return;
    const found = await staffCase(ctx, context, p.caseId, 'caseClose');
    if (!found) return;
    await withCaseErrors(ctx, context, 'caseClose', async () => {
      const doc = await ctx.services.cases.cases.close(p.caseId, found.staffKey);
      await notifyMemberClosed(ctx, doc);
      await replaceCard(ctx, context, staffCaseCard(doc, ctx.clock(), ctx.services.cases.holidays));
      await context.sendActivity(T.staff.closed(doc.folio));
    });
  };
}
