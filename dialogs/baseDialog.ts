import { ComponentDialog, DialogTurnStatus, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { matchCommand } from '../src/domain/commands.js';
import { CORE_COMMANDS } from '../src/features/core/commands.js';
import { DIALOG_TEXTS } from './texts.js';
import { cleanText } from '../src/teams/activity.js';

/** Sends the help card for the person in this turn. */
export type HelpResponder = (context: TurnContext) => Promise<void>;

/**
 * Base for every multi-turn dialog: "ayuda" shows help without leaving the dialog, "cancelar" ends it.
 * Both are handled here once, so child dialogs only implement their own steps.
 */
export abstract class CancelAndHelpDialog extends ComponentDialog {
  protected constructor(
    id: string,
    private readonly showHelp: HelpResponder,
  ) {
    super(id);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const interrupted = await this.interrupt(innerDc);
    return interrupted ?? super.onContinueDialog(innerDc);
  }

  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    if (innerDc.context.activity.value !== undefined) return undefined;
    const match = matchCommand(cleanText(innerDc.context), CORE_COMMANDS);
    if (!match || match.args) return undefined;
    if (match.command.id === 'help') {
      await this.showHelp(innerDc.context);
      await innerDc.context.sendActivity(DIALOG_TEXTS.continueOrCancel);
      return { status: DialogTurnStatus.waiting };
    }
    if (match.command.id === 'cancel') {
      await innerDc.context.sendActivity(DIALOG_TEXTS.cancelled);
      return innerDc.cancelAllDialogs();
    }
    return undefined;
  }
}
