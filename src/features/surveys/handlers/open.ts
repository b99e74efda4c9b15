import type { FeatureContext } from '../../feature.js';
import { HQ_TIME_ZONE, parseLocalDay } from '../../../domain/time.js';
import { SurveyError } from '../../../services/surveys/index.js';
import { autoPlan, inviteMissing, openAndInvite } from '../notices.js';
import { parseWave, refusalText } from '../support.js';
import { SURVEYS_TEXTS as T } from '../texts.js';
import { closingOf } from '../views.js';
import type { AdminTurn } from './turn.js';

const DAY = 86_400_000;

/**
 * «encuesta abrir 1|2|3 [cierre AAAA-MM-DD]»: opens the wave now, invites every validated member 1:1 and plans
 * the reminders and the closing (the end of the given day, headquarters' time). Without a date: wave 1 closes
 * the day before the first group session when the calendar has it; otherwise SURVEY_OPEN_DAYS days from now.
 */
export async function openCommand(ctx: FeatureContext, t: AdminTurn): Promise<void> {
  const [waveWord, ...rest] = t.words;
  const wave = parseWave(waveWord);
  if (!wave) {
    await t.context.sendActivity(T.needWave);
    return;
  }
  const now = ctx.clock();
  let closesAt: Date | undefined;
  if (rest.length > 0) {
    const day = rest[0]?.toLowerCase() === 'cierre' && rest.length === 2 ? parseLocalDay(rest[1]!, HQ_TIME_ZONE) : undefined;
    if (!day?.ok) {
      await t.context.sendActivity(day && !day.ok ? day.message : T.badClosing);
      return;
    }
    closesAt = day.value.end;
  } else {
    const planned = (await autoPlan(ctx, t.editionId))[wave];
    closesAt = planned && planned.closesAt.getTime() > now.getTime() ? planned.closesAt : new Date(now.getTime() + ctx.config.surveys.openDays * DAY);
  }
  try {
    const { wave: doc, invited } = await openAndInvite(ctx, { editionId: t.editionId, wave, closesAt, actor: t.actor });
    await t.context.sendActivity(T.opened(wave, invited, closingOf(doc)));
  } catch (err) {
    const open = err instanceof SurveyError && err.code === 'alreadyOpen' ? await ctx.services.surveys.getWave(t.editionId, wave) : null;
    // Already open: the invitations go again to whoever does not have one (validated later, an interrupted send).
    if (open) await t.context.sendActivity(T.alreadyOpenReinvited(wave, await inviteMissing(ctx, open), closingOf(open)));
    else await t.context.sendActivity(refusalText(err));
  }
}
