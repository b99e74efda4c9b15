import { CardFactory, type TurnContext } from 'botbuilder';
import { renderAnnouncementComposeCard, type AnnouncementComposeValues } from '../../cards/announcements.js';
import { ANNOUNCEMENTS_TEXTS as T } from './texts.js';

export const EMPTY_VALUES: AnnouncementComposeValues = { titulo: '', texto: '', enlace: '', audiencia: 'todas', valor: '', envio: '' };

/** The compose card, empty or with what she typed. */
export async function sendComposeCard(context: TurnContext, values: AnnouncementComposeValues = EMPTY_VALUES): Promise<void> {
  const card = renderAnnouncementComposeCard({
    title: T.composeTitle,
    intro: T.composeIntro,
    valueLabel: T.valueLabel,
    whenLabel: T.whenLabel,
    values,
  });
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}

