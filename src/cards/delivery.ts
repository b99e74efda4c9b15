import { renderTemplate, type CardJson } from './render.js';

/** The delivery status card of the admins (src/features/delivery/; template cards/delivery/deliveryStatus.json). */

export interface DeliveryStatusCardData {
  emptyNote: string;
  broadcasts: { title: string; state: string; counts: string; errors: string }[];
  waitingNote: string;
  waiting: { name: string; kind: string; since: string }[];
}

export function renderDeliveryStatusCard(data: DeliveryStatusCardData): CardJson {
  return renderTemplate('deliveryStatus', data);
}
