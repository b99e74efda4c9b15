import type { TurnContext } from 'botbuilder';
import { CORE_TEXTS } from '../texts.js';

/** "cancelar" with no dialog in progress (inside a dialog, CancelAndHelpDialog handles it). */
export async function cancelHandler(context: TurnContext): Promise<void> {
  await context.sendActivity(CORE_TEXTS.nothingToCancel);
}
