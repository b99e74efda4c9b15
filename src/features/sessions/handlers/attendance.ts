import { CardFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { CommandRequest } from '../../../../dialogs/mainDialog.js';
import { renderSessionAttendanceCard } from '../../../cards/sessions.js';
import { VERBS } from '../../../cards/verbs.js';
import { hasStarted } from '../../../domain/sessions/index.js';
import { cmd } from '../../commands.js';
import type { FeatureContext } from '../../feature.js';
import { activeEditionId, actorOf, BOTH_ROLES, groupMembers, mayActOn, parseTargetArgs, sessionByNumber, targetGroup, withSessionErrors } from '../support.js';
import { SESSION_ERRORS, SESSIONS_TEXTS as T } from '../texts.js';
import { whenIn } from '../views.js';

export const attendanceSchema = z.object({ verb: z.literal(VERBS.sessionAttendanceSubmit), sessionId: z.string().min(1).max(300), presentes: z.string().max(20_000).optional() });

/** "asistencia N [grupo G]": after the start, the checklist of the group's members (self check-ins marked). */
export function attendanceHandler(ctx: FeatureContext) {
  return async (context: TurnContext, request: CommandRequest): Promise<void> => {
    const editionId = await activeEditionId(ctx, context);
    if (!editionId) return;
    const parsed = parseTargetArgs(request.args.split(/\s+/).filter(Boolean));
    if ('error' in parsed) {
      await context.sendActivity(parsed.error);
      return;
    }
    const actor = await actorOf(ctx, context, editionId);
    const group = await targetGroup(ctx, context, editionId, actor, parsed.group, BOTH_ROLES, cmd('sessionAttendance', undefined, '2 grupo 3'));
    if (group === undefined) return;
    const s = await sessionByNumber(ctx, context, editionId, group, parsed.number, cmd('sessionAttendance', undefined, '2'));
    if (!s) return;
    if (s.state === 'cancelled') {
      await context.sendActivity(SESSION_ERRORS.cancelled);
      return;
    }
    if (!hasStarted(s, ctx.clock())) {
      await context.sendActivity(SESSION_ERRORS.notStarted);
      return;
    }
    const members = await groupMembers(ctx, editionId, group);
    if (members.length === 0) {
      await context.sendActivity(T.noMembers);
      return;
    }
    const present = (await ctx.services.sessions.attendanceRecords(s._id)).filter((a) => a.present).map((a) => a.personKey);
    const card = renderSessionAttendanceCard({
      title: T.attendanceTitle(s.number, s.group),
      intro: T.attendanceIntro(whenIn(s, actor.zone)),
      label: T.attendanceLabel,
      memberChoices: members.map((m) => ({ title: m.nombre, value: m.personKey })).sort((a, b) => a.title.localeCompare(b.title, 'es')),
      present: present.join(','),
      sessionId: s._id,
      submitTitle: T.attendanceSubmit,
    });
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  };
}

/** The checklist: re-checks the role on the server for the session's group; a name outside the group refuses all. */
export function attendanceSubmitHandler(ctx: FeatureContext) {
  return async (context: TurnContext, p: z.infer<typeof attendanceSchema>): Promise<void> => {
    const s = await ctx.services.sessions.get(p.sessionId);
    if (!s) {
      await context.sendActivity(SESSION_ERRORS.notFound);
      return;
    }
    const actor = await actorOf(ctx, context, s.editionId);
    const refusal = await mayActOn(ctx, s.editionId, actor, s.group, BOTH_ROLES);
    if (refusal) {
      await context.sendActivity(refusal);
      return;
    }
    const keys = (p.presentes ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
    await withSessionErrors(context, async () => {
      const r = await ctx.services.sessions.recordAttendance(s._id, keys, actor.key);
      await context.sendActivity(T.attendanceSaved(s.number, r.present, r.members));
    });
  };
}
