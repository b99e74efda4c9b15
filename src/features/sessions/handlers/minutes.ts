import { CardFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { CommandRequest } from '../../../../dialogs/mainDialog.js';
import { VERBS } from '../../../cards/verbs.js';
import { checkMinutes, hasStarted } from '../../../domain/sessions/index.js';
import { cmd } from '../../commands.js';
import type { FeatureContext } from '../../feature.js';
import { postMinutes } from '../notices.js';
import { activeEditionId, actorOf, mayActOn, parseTargetArgs, sessionByNumber, targetGroup, withSessionErrors, type HolderRole } from '../support.js';
import { MINUTES_ERRORS, SESSION_ERRORS, SESSIONS_TEXTS as T } from '../texts.js';
import { BARRIER_ROWS, minutesForm } from '../views.js';

const SECRETARIA: readonly HolderRole[] = ['secretaria'];
const item = z.string().max(500).optional();
const long = z.string().max(12_000).optional();
const barrierFields = Object.fromEntries(Array.from({ length: BARRIER_ROWS }, (_, i) => [[`barreraCategoria${i}`, z.string().max(40).optional()] as const, [`barreraTexto${i}`, item] as const]).flat());

export const minutesSchema = z.object({
  verb: z.literal(VERBS.sessionMinutesSubmit),
  sessionId: z.string().min(1).max(300),
  temas: long,
  acuerdos: long,
  siguientes: long,
  ...barrierFields,
});

export type MinutesPayload = z.infer<typeof minutesSchema> & Record<string, string | undefined>;

/** "minuta N [grupo G]": the minutes form of a session that started (prefilled when already saved). */
export function minutesHandler(ctx: FeatureContext) {
  return async (context: TurnContext, request: CommandRequest): Promise<void> => {
    const editionId = await activeEditionId(ctx, context);
    if (!editionId) return;
    const parsed = parseTargetArgs(request.args.split(/\s+/).filter(Boolean));
    if ('error' in parsed) {
      await context.sendActivity(parsed.error);
      return;
    }
    const actor = await actorOf(ctx, context, editionId);
    const group = await targetGroup(ctx, context, editionId, actor, parsed.group, SECRETARIA, cmd('sessionMinutes', undefined, '2 grupo 3'));
    if (group === undefined) return;
    const s = await sessionByNumber(ctx, context, editionId, group, parsed.number, cmd('sessionMinutes', undefined, '2'));
    if (!s) return;
    if (s.state === 'cancelled') {
      await context.sendActivity(SESSION_ERRORS.cancelled);
      return;
    }
    if (!hasStarted(s, ctx.clock())) {
      await context.sendActivity(SESSION_ERRORS.notStarted);
      return;
    }
    if (await ctx.services.sessions.reportSubmitted(editionId, group)) {
      await context.sendActivity(SESSION_ERRORS.reportSubmitted);
      return;
    }
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(minutesForm(s, await ctx.services.sessions.getMinutes(s._id)))] });
  };
}

/** Saves the minutes (the secretaria of the session's group, or UTIGyND) and posts them in the group's space. */
export function minutesSubmitHandler(ctx: FeatureContext) {
  return async (context: TurnContext, p: MinutesPayload): Promise<void> => {
    const s = await ctx.services.sessions.get(p.sessionId);
    if (!s) {
      await context.sendActivity(SESSION_ERRORS.notFound);
      return;
    }
    const actor = await actorOf(ctx, context, s.editionId);
    const refusal = await mayActOn(ctx, s.editionId, actor, s.group, SECRETARIA);
    if (refusal) {
      await context.sendActivity(refusal);
      return;
    }
    const checked = checkMinutes({
      topicsCovered: p.temas,
      agreements: p.acuerdos,
      nextSteps: p.siguientes,
      barriers: Array.from({ length: BARRIER_ROWS }, (_, i) => ({ category: p[`barreraCategoria${i}`], text: p[`barreraTexto${i}`] })),
    });
    if (!checked.ok) {
      await context.sendActivity(checked.errors.map((e) => MINUTES_ERRORS[e]).join('\n\n'));
      return;
    }
    await withSessionErrors(context, async () => {
      const { minutes, created } = await ctx.services.sessions.saveMinutes(s._id, checked.value, actor.key);
      const posted = await postMinutes(ctx, s, minutes);
      await context.sendActivity(T.minutesSaved(s.number, created, posted));
    });
  };
}
