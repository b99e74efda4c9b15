import { renderTemplate, type CardJson } from './render.js';

/** The delivery status card of the admins (src/features/delivery/; template cards/delivery/deliveryStatus.json). */

export interface DeliveryStatusCardData {
  emptyNote: string;
  /** Each broadcast with its title in words, its state, its counts and one line per reason (with what to do). */
  broadcasts: { title: string; state: string; counts: string; errors: { text: string }[] }[];
  waitingTitle: string;
  waitingNote: string;
  /** One line per person waiting for the app: who, which notice, since when and why. */
  waiting: { line: string }[];
  /** "Y 12 personas más." when the list was cut, else ''. */
  moreWaiting: string;
}

export function renderDeliveryStatusCard(data: DeliveryStatusCardData): CardJson {
  return renderTemplate('deliveryStatus', { ...data, hasMoreWaiting: data.moreWaiting !== '' });
}
