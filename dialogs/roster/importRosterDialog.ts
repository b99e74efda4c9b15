import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { CancelAndHelpDialog, type HelpResponder } from '../baseDialog.js';
import { matchCommand } from '../../src/domain/commands.js';
import { COMMANDS, type CommandId } from '../../src/features/commands.js';
import { IMPORT_ROSTER_DIALOG_TEXTS as T } from './texts.js';

const STEPS = 'importRosterSteps';
const MAX_FILE_PROMPTS = 3;

/**
 * What a turn of the import did: 'done' ends the dialog (imported, held for confirmation, or refused with an
 * answer); 'retry' waits for another file; 'noFile' means the message had no file attached.
 */
export type ImportTurnOutcome = 'done' | 'retry' | 'noFile';

/** The roster feature's work, injected so the dialog only holds the conversation flow. */
export interface ImportRosterDialogDeps {
  showHelp: HelpResponder;
  /** The command itself: checks the role and the active edition, then imports a file attached to it. */
  start(context: TurnContext, args: string): Promise<ImportTurnOutcome>;
  /** A later message: imports its attached file (checking the role again), or 'noFile'. */
  receive(context: TurnContext): Promise<ImportTurnOutcome>;
}

interface ImportDialogOptions {
  args?: string;
  /** Set when the dialog restarts itself to wait for another message. */
  waiting?: boolean;
  prompts?: number;
}

/** "importar padrón": the file in the same message, or in one of the next messages (up to three prompts). */
export class ImportRosterDialog extends CancelAndHelpDialog {
  static readonly id = 'importRosterDialog';

  constructor(private readonly deps: ImportRosterDialogDeps) {
    super(ImportRosterDialog.id, deps.showHelp);
    this.addDialog(new WaterfallDialog(STEPS, [this.startStep.bind(this), this.receiveStep.bind(this)]));
    this.initialDialogId = STEPS;
  }

  private async startStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as ImportDialogOptions;
    if (options.waiting) return WaterfallDialog.EndOfTurn;
    const outcome = await this.deps.start(step.context, options.args ?? '');
    if (outcome === 'done') return step.endDialog();
    if (outcome === 'noFile') await step.context.sendActivity(T.askForFile);
    return step.replaceDialog(STEPS, { waiting: true, prompts: 1 });
  }

  private async receiveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const prompts = ((step.options ?? {}) as ImportDialogOptions).prompts ?? 1;
    const outcome = await this.deps.receive(step.context);
    if (outcome === 'done') return step.endDialog();
    if (outcome === 'noFile') {
      const other = matchCommand(step.context.activity.text ?? '', COMMANDS);
      if (other && other.command.id !== 'importRoster') {
        // The match comes from COMMANDS, so its id is a CommandId.
        await step.context.sendActivity(T.leftForOtherCommand(other.command.id as CommandId));
        return step.endDialog();
      }
      if (prompts < MAX_FILE_PROMPTS) await step.context.sendActivity(T.noFileReceived);
    }
    if (prompts >= MAX_FILE_PROMPTS) {
      await step.context.sendActivity(T.gaveUp);
      return step.endDialog();
    }
    return step.replaceDialog(STEPS, { waiting: true, prompts: prompts + 1 });
  }
}
