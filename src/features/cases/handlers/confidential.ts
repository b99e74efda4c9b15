import { CardFactory, type TurnContext } from 'botbuilder';
import { renderCaseNoteCard } from '../../../cards/cases.js';
import { personKey } from '../../../domain/person.js';
import { personOf } from '../../../teams/activity.js';
import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import { notifyStaffNew } from '../notices.js';
import { activeEditionId, ageText, LIST_LIMIT, mayWrite, me, parseFolio, personalOnly, replaceCard, staffFor, withCaseErrors } from '../support.js';
import { CASES_TEXTS as T } from '../texts.js';
import { confidentialIntroCard, staffCaseCard } from '../views.js';
import { awaitingStaff } from '../../../domain/cases/index.js';
import { nameOf } from './contact.js';
import { deleteHers } from './member.js';

const A = T.accompaniment;

/**
 * Confidential accompaniment requests. The member writes after reading what the channel is and is not (the
 * formal complaint reference comes from configuration) and who reads it; only administrators with the
 * acompanamiento role are told (without content) and can open one ("confidenciales <folio>" or "Abrir"), each
 * opening audited. Any other administrator is refused by every command and button, and nothing of the case is
 * logged.
 */

/** "acompañamiento": the explanation and the form; "acompañamiento borrar <folio>": deletes her request. */
export function accompanimentHandler(ctx: FeatureContext): CommandHandler {
  return async (context, request) => {
    const editionId = await activeEditionId(ctx, context);
    if (!editionId) return;
    const [sub = '', folioWord] = request.args.trim().split(/\s+/);
    if (sub.toLowerCase() === 'borrar') {
      const folio = parseFolio(folioWord);
      const doc = folio ? await ctx.services.cases.cases.byFolio(editionId, 'acompanamiento', folio) : null;
      if (!folio) {
        await context.sendActivity(A.deleteUsage);
        return;
      }
      // Someone else's folio is answered like one that does not exist (the service checks the author again).
      await deleteHers(ctx, context, doc?._id ?? `${editionId}:acompanamiento:${folio}`);
      return;
    }
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(confidentialIntroCard(ctx.config))] });
  };
}

export interface ConfidentialPayload {
  formId: string;
  message?: string | undefined;
}

/** "Enviar de forma confidencial": opens the request, gives her the folio, tells the role holders without content. */
export function confidentialSubmit(ctx: FeatureContext): (context: TurnContext, p: ConfidentialPayload) => Promise<void> {
  return async (context, p) => {
    if (!(await personalOnly(context)) || !(await mayWrite(ctx, context))) return;
    const editionId = await activeEditionId(ctx, context);
    if (!editionId) return;
    await withCaseErrors(ctx, context, 'confidential', async () => {
      const key = me(context);
      const name = await nameOf(ctx, context, editionId, key);
      const { doc, created } = await ctx.services.cases.cases.open({
        editionId,
        kind: 'acompanamiento',
        personKey: key,
        userId: personOf(context.activity).userId,
        ...(name ? { name } : {}),
        text: p.message ?? '',
        formId: p.formId,
      });
      if (!created) {
        await context.sendActivity(A.alreadySent(doc.folio));
        return;
      }
      await notifyStaffNew(ctx, doc);
      const text = A.created(doc.folio);
      await replaceCard(ctx, context, renderCaseNoteCard({ title: A.sentTitle, paragraphs: [text] }));
      await context.sendActivity(text);
    });
  };
}

/** Shows a confidential request to a role holder, after auditing the opening. */
async function openFor(ctx: FeatureContext, context: TurnContext, caseId: string, staffKey: string, channel: 'command' | 'card'): Promise<void> {
  const doc = await ctx.services.cases.cases.get(caseId);
  if (!doc || doc.kind !== 'acompanamiento') {
    await context.sendActivity(A.notFound(''));
    return;
  }
  await ctx.services.cases.cases.recordOpening(doc, staffKey, channel);
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(staffCaseCard(doc, ctx.clock(), ctx.services.cases.holidays))] });
}

/** "confidenciales" (acompanamiento role): open requests (folio, age, state; no content); "confidenciales <folio>" opens one. */
export function confidentialHandler(ctx: FeatureContext): CommandHandler {
  return async (context, request) => {
    const person = await staffFor(ctx, context, 'acompanamiento', 'confidential', 'command');
    if (!person) return;
    const editionId = await activeEditionId(ctx, context, true);
    if (!editionId) return;
    const word = request.args.trim().split(/\s+/)[0] ?? '';
    if (word) {
      const folio = parseFolio(word);
      const doc = folio ? await ctx.services.cases.cases.byFolio(editionId, 'acompanamiento', folio) : null;
      if (!doc) {
        await context.sendActivity(A.notFound(word));
        return;
      }
      await openFor(ctx, context, doc._id, personKey(person), 'command');
      return;
    }
    const open = await ctx.services.cases.cases.listOpen(editionId, 'acompanamiento');
    if (open.length === 0) {
      await context.sendActivity(A.noneOpen);
      return;
    }
    const now = ctx.clock();
    const lines = open.slice(0, LIST_LIMIT).map((d) => A.listLine(d.folio, ageText(d.createdAt, now, ctx.services.cases.holidays), awaitingStaff(d.messages)));
    if (open.length > LIST_LIMIT) lines.push(T.more(open.length - LIST_LIMIT));
    await context.sendActivity([A.listTitle(open.length), lines.join('\n'), A.listHint].join('\n\n'));
  };
}

/** "Abrir" on a content-free notice: the role is checked again on the server, the opening audited. */
export function confidentialOpenSubmit(ctx: FeatureContext): (context: TurnContext, p: { caseId: string }) => Promise<void> {
  return async (context, p) => {
    if (!(await personalOnly(context))) return;
    const person = await staffFor(ctx, context, 'acompanamiento', 'confidentialOpen', 'card');
    if (!person) return;
    await openFor(ctx, context, p.caseId, personKey(person), 'card');
  };
}
