import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { VERBS } from '../../../cards/verbs.js';
import { REQUESTED_COMMAND } from '../../../../dialogs/mainDialog.js';

/** Commands a card button may start (Action.Submit { verb: startCommand, command }); roles are checked as if typed. */
export const STARTABLE_COMMANDS = ['register', 'myData', 'updateMyData'] as const;

export const startCommandSchema = z.object({ verb: z.literal(VERBS.startCommand), command: z.enum(STARTABLE_COMMANDS) });

/**
 * The startCommand card verb (e.g. the invitation's "Registrarme" button): requests the command for this turn.
 * The bot runs the main dialog after this handler (src/bot/bot.ts); MainDialog checks roles as for typed text.
 */
export async function handleStartCommand(context: TurnContext, payload: z.infer<typeof startCommandSchema>): Promise<void> {
  context.turnState.set(REQUESTED_COMMAND, { commandId: payload.command, args: '' });
}
