import { CardFactory, type TurnContext } from 'botbuilder';
import { renderWelcomeCard } from '../../../cards/core.js';
import { personOf } from '../../../teams/activity.js';
import type { FeatureContext } from '../../feature.js';
import { CORE_TEXTS } from '../texts.js';

/** The welcome card: on first contact (install) and for "hola". */
export function welcomeHandler(ctx: FeatureContext) {
  return async (context: TurnContext): Promise<void> => {
    const card = renderWelcomeCard({
      greeting: CORE_TEXTS.greeting(personOf(context.activity).name ?? ''),
      ejes: ctx.services.defaultCatalog.data.ejesTematicos.map((e) => ({ nombre: e.nombre })),
      supportContact: ctx.config.supportContact,
      privacyNoticeUrl: ctx.config.privacyNoticeUrl,
    });
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  };
}
