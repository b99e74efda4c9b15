import { CardFactory, type TurnContext } from 'botbuilder';
import type { CommandRequest } from '../../../../dialogs/mainDialog.js';
import { checkDuration, checkStart, type SessionInputError } from '../../../domain/sessions/index.js';
import type { FeatureContext } from '../../feature.js';
import { announceSession } from '../notices.js';
import { activeEditionId, actorOf, BOTH_ROLES, parseTargetArgs, sessionByNumber, targetGroup, withSessionErrors, type SessionsActor } from '../support.js';
import { INPUT_ERRORS, SESSIONS_TEXTS as T } from '../texts.js';
import { moveForm, scheduleForm, whenIn } from '../views.js';
import { cmd } from '../../commands.js';

/**
 * "sesion programar [grupo G]" (the schedule card), "sesion mover N [AAAA-MM-DD HH:MM [minutos]]" (the move card,
 * or the typed new time) and "sesion cancelar N". Only the representante or secretaria of the group, or UTIGyND.
 */
export function sessionHandler(ctx: FeatureContext) {
  return async (context: TurnContext, request: CommandRequest): Promise<void> => {
    const editionId = await activeEditionId(ctx, context);
    if (!editionId) return;
    const [sub, ...words] = request.args.split(/\s+/).filter(Boolean);
    const parsed = parseTargetArgs(words);
    if ('error' in parsed) {
      await context.sendActivity(parsed.error);
      return;
    }
    const actor = await actorOf(ctx, context, editionId);
    switch (sub?.toLowerCase()) {
      case 'programar':
        return schedule(ctx, context, editionId, actor, parsed.group);
      case 'mover':
        return move(ctx, context, editionId, actor, parsed.group, parsed.number, parsed.rest);
      case 'cancelar':
        return cancel(ctx, context, editionId, actor, parsed.group, parsed.number);
      default:
        await context.sendActivity(T.usage);
    }
  };
}

async function schedule(ctx: FeatureContext, context: TurnContext, editionId: string, actor: SessionsActor, requested: number | undefined): Promise<void> {
  const group = await targetGroup(ctx, context, editionId, actor, requested, BOTH_ROLES, cmd('session', 'programar', 'grupo 3'));
  if (group === undefined) return;
  const plan = await ctx.services.topics.workPlans.get(editionId, group);
  const topics = (plan?.items ?? []).map((i) => ({ topicId: i.topicId, titulo: i.titulo }));
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(scheduleForm(editionId, group, actor.zone, topics))] });
}

async function move(ctx: FeatureContext, context: TurnContext, editionId: string, actor: SessionsActor, requested: number | undefined, number: number | undefined, rest: string[]): Promise<void> {
  const group = await targetGroup(ctx, context, editionId, actor, requested, BOTH_ROLES, cmd('session', 'mover', '2 grupo 3'));
  if (group === undefined) return;
  const s = await sessionByNumber(ctx, context, editionId, group, number, cmd('session', 'mover', '2'));
  if (!s) return;
  if (rest.length === 0) {
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(moveForm(s, actor.zone))] });
    return;
  }
  await moveTo(ctx, context, s._id, actor, { date: rest[0], time: rest[1], duration: rest[2] ?? s.durationMin });
}

/** Moves a session to a date and time typed (or chosen on the card) in her zone. */
export async function moveTo(ctx: FeatureContext, context: TurnContext, sessionId: string, actor: SessionsActor, input: { date: string | undefined; time: string | undefined; duration: string | number | undefined }): Promise<void> {
  const start = checkStart(input.date, input.time, actor.zone, ctx.clock());
  const duration = checkDuration(input.duration);
  const errors: SessionInputError[] = [...(start.ok ? [] : start.errors), ...(duration.ok ? [] : duration.errors)];
  if (!start.ok || !duration.ok) {
    await context.sendActivity(T.moveErrors(errors.map((e) => INPUT_ERRORS[e])));
    return;
  }
  await withSessionErrors(context, async () => {
    const { before, after } = await ctx.services.sessions.move(sessionId, { startsAt: start.value, durationMin: duration.value, zone: actor.zone }, actor.key);
    await announceSession(ctx, after, { kind: 'moved', before });
    await context.sendActivity(T.moved(after.number, whenIn(after, actor.zone)));
  });
}

async function cancel(ctx: FeatureContext, context: TurnContext, editionId: string, actor: SessionsActor, requested: number | undefined, number: number | undefined): Promise<void> {
  const group = await targetGroup(ctx, context, editionId, actor, requested, BOTH_ROLES, cmd('session', 'cancelar', '2 grupo 3'));
  if (group === undefined) return;
  const s = await sessionByNumber(ctx, context, editionId, group, number, cmd('session', 'cancelar', '2'));
  if (!s) return;
  await withSessionErrors(context, async () => {
    const after = await ctx.services.sessions.cancel(s._id, actor.key);
    await announceSession(ctx, after, { kind: 'cancelled' });
    await context.sendActivity(T.cancelledDone(after.number));
  });
}
