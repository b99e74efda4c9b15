import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { checkSessionForm } from '../../../domain/sessions/index.js';
import { VERBS } from '../../../cards/verbs.js';
import type { FeatureContext } from '../../feature.js';
import { announceSession } from '../notices.js';
import { actorOf, BOTH_ROLES, mayActOn, withSessionErrors } from '../support.js';
import { INPUT_ERRORS, SESSION_ERRORS, SESSIONS_TEXTS as T } from '../texts.js';
import { whenIn } from '../views.js';
import { moveTo } from './session.js';

const text = z.string().max(2100).optional();

export const sessionFormSchema = z.object({
  verb: z.literal(VERBS.sessionFormSubmit),
  editionId: z.string().min(1).max(64),
  group: z.number().int().min(1).max(10_000),
  mode: z.enum(['schedule', 'move']),
  number: z.number().int().min(0).max(100_000),
  fecha: text,
  hora: text,
  duracion: text,
  tema: text,
  temaLibre: text,
  modalidad: text,
  liga: text,
});

export type SessionFormPayload = z.infer<typeof sessionFormSchema>;

/**
 * The schedule/move card. The group and edition come from the card but are never trusted: she must hold the
 * representante or secretaria role of THAT group (or be UTIGyND), and the edition must be the active one. The
 * date and time are read in her zone (her entidad's), whatever zone the card was sent in.
 */
export function sessionFormSubmitHandler(ctx: FeatureContext) {
  return async (context: TurnContext, p: SessionFormPayload): Promise<void> => {
    const edition = await ctx.services.editions.getActive();
    if (edition?._id !== p.editionId) {
      ctx.logger.warn({ editionId: p.editionId }, 'session form for an edition that is not the active one');
      await context.sendActivity(SESSION_ERRORS.badInput);
      return;
    }
    const actor = await actorOf(ctx, context, p.editionId);
    const refusal = await mayActOn(ctx, p.editionId, actor, p.group, BOTH_ROLES);
    if (refusal) {
      await context.sendActivity(refusal);
      return;
    }
    const set = await ctx.services.groups.confirmedSet(p.editionId);
    if (!set || p.group > set.groupCount) {
      await context.sendActivity(T.noGroup(p.group));
      return;
    }
    if (p.mode === 'move') {
      const s = await ctx.services.sessions.byNumber(p.editionId, p.group, p.number);
      if (!s) {
        await context.sendActivity(SESSION_ERRORS.notFound);
        return;
      }
      await moveTo(ctx, context, s._id, actor, { date: p.fecha, time: p.hora, duration: p.duracion });
      return;
    }
    const plan = await ctx.services.topics.workPlans.get(p.editionId, p.group);
    const checked = checkSessionForm(
      { date: p.fecha, time: p.hora, duration: p.duracion, topic: p.tema, freeTopic: p.temaLibre, modality: p.modalidad, link: p.liga },
      { zone: actor.zone, now: ctx.clock(), planTopics: (plan?.items ?? []).map((i) => ({ topicId: i.topicId, titulo: i.titulo })) },
    );
    if (!checked.ok) {
      ctx.logger.info({ group: p.group, errors: checked.errors }, 'session form refused');
      await context.sendActivity(T.formErrors(checked.errors.map((e) => INPUT_ERRORS[e])));
      return;
    }
    await withSessionErrors(context, async () => {
      const s = await ctx.services.sessions.schedule({ editionId: p.editionId, group: p.group, draft: checked.value, zone: actor.zone }, actor.key);
      const told = await announceSession(ctx, s, { kind: 'new' });
      await context.sendActivity(T.scheduled(s.number, s.group, whenIn(s, actor.zone), told.members) + (told.space ? '' : `\n\n${T.noSpace(s.group)}`));
    });
  };
}
