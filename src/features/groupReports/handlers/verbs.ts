import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { FeatureContext } from '../../feature.js';
import { defineSubmitHandler, type SubmitHandler } from '../../../bot/submitRouter.js';
import { VERBS } from '../../../cards/verbs.js';
import { BARRIER_CATEGORIES, type BarrierCategory } from '../../../domain/barriers.js';
import { personKey } from '../../../domain/person.js';
import type { ReportAction, ReportActor, ReportContent } from '../../../domain/groupReports/index.js';
import type { GroupReportDoc } from '../../../services/groupReports/index.js';
import { personOf } from '../../../teams/activity.js';
import { sendForReview, tellAdminDecision, tellApproved, tellReturnedByRep } from '../notices.js';
import { activeEdition, refusalText, writerRole } from '../support.js';
import { GROUP_REPORT_ERRORS, GROUP_REPORTS_TEXTS as T } from '../texts.js';

/**
 * The card verbs of the group reports. Who acts is always the activity's person: her role in the card's group
 * is looked up on the server (elections), UTIGyND's through the admin guard. The card's version and rev must be
 * the current ones (an old card is refused); the service's state machine refuses the rest. Nothing changes on a
 * refusal, which is answered in Spanish and logged.
 */
// Free texts are capped generously here (a forged huge payload is refused before any work); the domain
// enforces the real limits with a clear message.
const text = z.string().max(20_000).optional();
const base = {
  editionId: z.string().min(1).max(64),
  group: z.coerce.number().int().min(1).max(10_000),
  version: z.coerce.number().int().min(0).max(100_000),
  rev: z.coerce.number().int().min(0).max(1_000_000),
};
const formFields = {
  summary: text,
  achievements: text,
  agreements: text,
  proposals: text,
  ...Object.fromEntries(BARRIER_CATEGORIES.map((_, i) => [`barrier${i}`, text])),
} as Record<'summary' | 'achievements' | 'agreements' | 'proposals', typeof text> & Record<`barrier${number}`, typeof text>;

const formSchema = (verb: string) => z.object({ verb: z.literal(verb), ...base, ...formFields });
const reviewSchema = (verb: string) => z.object({ verb: z.literal(verb), ...base, comment: z.string().max(20_000).optional() });

type FormPayload = z.infer<ReturnType<typeof formSchema>>;
type ReviewPayload = z.infer<ReturnType<typeof reviewSchema>>;

export function contentOf(p: FormPayload): ReportContent {
  const barriers: Partial<Record<BarrierCategory, string>> = {};
  const raw = p as unknown as Record<string, unknown>;
  BARRIER_CATEGORIES.forEach((c, i) => {
    const v = raw[`barrier${i}`];
    if (typeof v === 'string') barriers[c] = v;
  });
  return { summary: p.summary ?? '', achievements: p.achievements ?? '', agreements: p.agreements ?? '', proposals: p.proposals ?? '', barriers };
}

const me = (context: TurnContext): string => personKey(personOf(context.activity));

interface Act {
  action: ReportAction;
  role: ReportActor;
  actor: string;
  p: { editionId: string; group: number; version: number; rev: number };
  content?: ReportContent;
  comment?: string;
}

/** Runs the action; answers a refusal in Spanish and returns undefined. */
async function run(ctx: FeatureContext, context: TurnContext, a: Act): Promise<GroupReportDoc | undefined> {
  try {
    const { report } = await ctx.services.groupReports.act({
      editionId: a.p.editionId,
      group: a.p.group,
      action: a.action,
      actor: a.actor,
      role: a.role,
      expected: { version: a.p.version, rev: a.p.rev },
      ...(a.content ? { content: a.content } : {}),
      ...(a.comment !== undefined ? { comment: a.comment } : {}),
    });
    return report;
  } catch (err) {
    const answer = refusalText(err);
    ctx.logger.warn({ verb: a.action, editionId: a.p.editionId, group: a.p.group, personKey: a.actor, refusal: err instanceof Error ? err.message : String(err) }, 'group report action refused');
    await context.sendActivity(answer);
    return undefined;
  }
}

/** Her role in the card's group (secretaria/representante), or undefined after refusing. */
async function roleIn(ctx: FeatureContext, context: TurnContext, p: { editionId: string; group: number }, verb: string, only?: 'representante'): Promise<ReportActor | undefined> {
  const edition = await activeEdition(ctx, context);
  if (!edition) return undefined;
  const actor = me(context);
  const held = edition._id === p.editionId ? await writerRole(ctx, p.editionId, actor) : undefined;
  if (!held || held.group !== p.group || (only && held.role !== only)) {
    ctx.logger.warn({ verb, editionId: p.editionId, group: p.group, personKey: actor, heldGroup: held?.group ?? null, heldRole: held?.role ?? null }, 'group report card refused: not her group or role');
    await context.sendActivity(GROUP_REPORT_ERRORS.notAllowed);
    return undefined;
  }
  return held.role;
}

export function groupReportSubmitHandlers(ctx: FeatureContext): SubmitHandler[] {
  const save = formSchema(VERBS.groupReportSave);
  const submit = formSchema(VERBS.groupReportSubmit);
  const approve = reviewSchema(VERBS.groupReportApprove);
  const giveBack = reviewSchema(VERBS.groupReportReturn);
  const accept = reviewSchema(VERBS.groupReportAccept);
  const adminReturn = reviewSchema(VERBS.groupReportAdminReturn);
  return [
    defineSubmitHandler({
      verb: VERBS.groupReportSave,
      schema: save,
      handle: async (context, p: FormPayload) => {
        const role = await roleIn(ctx, context, p, VERBS.groupReportSave);
        if (!role) return;
        const report = await run(ctx, context, { action: 'save', role, actor: me(context), p, content: contentOf(p) });
        if (report) await context.sendActivity(T.saved(report.version));
      },
    }),
    defineSubmitHandler({
      verb: VERBS.groupReportSubmit,
      schema: submit,
      handle: async (context, p: FormPayload) => {
        const role = await roleIn(ctx, context, p, VERBS.groupReportSubmit);
        if (!role) return;
        const report = await run(ctx, context, { action: 'submit', role, actor: me(context), p, content: contentOf(p) });
        if (!report) return;
        const told = await sendForReview(ctx, report);
        await context.sendActivity(told > 0 ? T.submitted : T.submittedNoRep);
      },
    }),
    defineSubmitHandler({
      verb: VERBS.groupReportApprove,
      schema: approve,
      handle: async (context, p: ReviewPayload) => {
        const role = await roleIn(ctx, context, p, VERBS.groupReportApprove, 'representante');
        if (!role) return;
        const report = await run(ctx, context, { action: 'approve', role, actor: me(context), p });
        if (!report) return;
        await tellApproved(ctx, report);
        await context.sendActivity(T.approved(report.group));
      },
    }),
    defineSubmitHandler({
      verb: VERBS.groupReportReturn,
      schema: giveBack,
      handle: async (context, p: ReviewPayload) => {
        const role = await roleIn(ctx, context, p, VERBS.groupReportReturn, 'representante');
        if (!role) return;
        const report = await run(ctx, context, { action: 'returnByRep', role, actor: me(context), p, comment: p.comment ?? '' });
        if (!report) return;
        await tellReturnedByRep(ctx, report, report.comment ?? '');
        await context.sendActivity(T.returnedByRep);
      },
    }),
    defineSubmitHandler({
      verb: VERBS.groupReportAccept,
      schema: accept,
      handle: ctx.guard.verb('groupReportAccept', async (context, p: ReviewPayload, admin) => {
        const report = await run(ctx, context, { action: 'accept', role: 'admin', actor: personKey(admin), p });
        if (!report) return;
        await tellAdminDecision(ctx, report, true);
        await context.sendActivity(T.accepted(report.group));
      }),
    }),
    defineSubmitHandler({
      verb: VERBS.groupReportAdminReturn,
      schema: adminReturn,
      handle: ctx.guard.verb('groupReportAdminReturn', async (context, p: ReviewPayload, admin) => {
        const report = await run(ctx, context, { action: 'returnByAdmin', role: 'admin', actor: personKey(admin), p, comment: p.comment ?? '' });
        if (!report) return;
        await tellAdminDecision(ctx, report, false, report.comment ?? '');
        await context.sendActivity(T.returnedByAdmin(report.group));
      }),
    }),
  ];
}
