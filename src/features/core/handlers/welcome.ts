import { CardFactory, type TurnContext } from 'botbuilder';
import { renderWelcomeCard } from '../../../cards/core.js';
import { personKey } from '../../../domain/person.js';
import { describeCall } from '../../../domain/registration.js';
import { personOf, scopeOf } from '../../../teams/activity.js';
import type { FeatureContext } from '../../feature.js';
import { CORE_TEXTS } from '../texts.js';

/**
 * The welcome card: on first contact (install) and for "hola". In the personal chat, while the call is open and
 * she has no registration in the edition, it offers "Registrarme" (the startCommand verb, as the invitation
 * does); in a channel or group chat it says to mention the bot.
 */
export function welcomeHandler(ctx: FeatureContext) {
  return async (context: TurnContext): Promise<void> => {
    const s = ctx.services;
    const person = personOf(context.activity);
    const personal = scopeOf(context.activity) === 'personal';
    let callText = '';
    if (personal) {
      const edition = await s.editions.getActive();
      const now = ctx.clock();
      if (edition && s.editions.isOpen(edition, now) && !(await s.members.get(edition._id, personKey(person)))) {
        callText = CORE_TEXTS.welcomeCallOpen(describeCall(s.editions.state(edition, now)));
      }
    }
    const card = renderWelcomeCard({
      greeting: CORE_TEXTS.greeting(person.name ?? ''),
      // The ejes of the active edition's catalog (the project's when there is no edition or no replacement).
      ejes: (await s.catalogs.forActive()).data.ejesTematicos.map((e) => ({ nombre: e.nombre })),
      callText,
      canRegister: callText !== '',
      howTo: (personal ? CORE_TEXTS.welcomeHowTo.personal : CORE_TEXTS.welcomeHowTo.shared)(ctx.config.supportContact),
      privacyNoticeUrl: ctx.config.privacyNoticeUrl,
    });
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  };
}
