import { CardFactory, type TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import { personKey } from '../../../domain/person.js';
import { personOf } from '../../../teams/activity.js';
import { SurveyError } from '../../../services/surveys/index.js';
import { activeEditionId, refusalText } from '../support.js';
import { SURVEYS_TEXTS as T } from '../texts.js';
import { viewCard } from '../views.js';

/**
 * «encuesta» (members): sends the card of the page where she left the open wave (the first page when she has
 * not started). Saying it again sends the same page again; the earlier card keeps working.
 */
export async function continueSurvey(ctx: FeatureContext, context: TurnContext): Promise<void> {
  const editionId = await activeEditionId(ctx, context);
  if (!editionId) return;
  const who = personKey(personOf(context.activity));
  const surveys = ctx.services.surveys;
  const open = (await surveys.listWaves(editionId)).filter((w) => surveys.isAnswerable(w)).reverse();
  let sentAll = false;
  for (const wave of open) {
    if (await surveys.hasSent(editionId, wave.wave, who)) {
      sentAll = true;
      continue;
    }
    try {
      const view = await surveys.current(editionId, wave.wave, who);
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(viewCard(view))] });
    } catch (err) {
      if (err instanceof SurveyError && err.code === 'notMember') break;
      await context.sendActivity(refusalText(err));
    }
    return;
  }
  await context.sendActivity(sentAll ? T.allSent : T.nothingOpen);
}
