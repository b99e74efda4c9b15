import { CardFactory, type TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { CardJson } from '../../src/cards/render.js';
import { personOf } from '../../src/teams/activity.js';
import { personKey } from '../../src/domain/person.js';
import { VERBS } from '../../src/cards/verbs.js';
import type { Logger } from '../../src/logger.js';
import { REGISTRATION_DIALOG_TEXTS } from './texts.js';

const T = REGISTRATION_DIALOG_TEXTS.prompt;

/**
 * Waits for the submission of one Adaptive Card (Action.Submit values reach the active dialog because their
 * verbs are not global; see src/bot/submitRouter.ts). The payload is checked on the server, never trusted:
 * its verb must be one this step expects, its `forKey` must be the person who sends it, and the step's
 * check (zod plus domain rules) must accept it. Otherwise she gets a clear Spanish message and the same
 * step again (with the card re-rendered when the check provides one); nothing is saved until a step ends.
 */
export interface CardPromptOptions {
  /** Which check of the prompt applies (a key of the checks given to the constructor). */
  step: string;
  card: CardJson;
  /** Verbs this step accepts. */
  verbs: string[];
  /** personKey of the person the card is for. */
  forKey: string;
  /**
   * When set, the card's Cancelar button (verb regCancel) ends the whole dialog with this message, as typing
   * "cancelar" does; nothing of the dialog is saved.
   */
  cancelMessage?: string;
}

export type CardCheckResult = { ok: true; result: unknown } | { ok: false; message: string; card?: CardJson };

export type CardCheck = (context: TurnContext, payload: Record<string, unknown>, options: CardPromptOptions) => Promise<CardCheckResult> | CardCheckResult;

interface PromptState {
  options: CardPromptOptions;
}

export class CardPrompt extends Dialog {
  constructor(
    id: string,
    private readonly checks: Record<string, CardCheck>,
    private readonly logger: Logger,
  ) {
    super(id);
  }

  override async beginDialog(dc: DialogContext, options?: CardPromptOptions): Promise<DialogTurnResult> {
    if (!options || !this.checks[options.step]) throw new Error(`CardPrompt ${this.id}: unknown step`);
    (dc.activeDialog!.state as PromptState).options = options;
    await dc.context.sendActivity({ attachments: [CardFactory.adaptiveCard(options.card)] });
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const context = dc.context;
    if (context.activity.type !== 'message') return Dialog.EndOfTurn;
    const state = dc.activeDialog!.state as PromptState;
    const options = state.options;
    const value: unknown = context.activity.value;
    const resend = async (card: CardJson = options.card): Promise<void> => {
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
    };

    if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
      await context.sendActivity(T.notACard);
      return Dialog.EndOfTurn;
    }
    const payload = value as Record<string, unknown>;
    const sender = personKey(personOf(context.activity));
    const cancels = options.cancelMessage !== undefined && payload.verb === VERBS.regCancel;
    if (typeof payload.verb !== 'string' || (!options.verbs.includes(payload.verb) && !cancels)) {
      this.logger.warn({ step: options.step, verb: typeof payload.verb === 'string' ? payload.verb.slice(0, 40) : undefined }, 'card payload for another step');
      await context.sendActivity(T.wrongStep);
      await resend();
      return Dialog.EndOfTurn;
    }
    if (payload.forKey !== sender || options.forKey !== sender) {
      this.logger.warn({ step: options.step, sender }, 'card payload for another person rejected');
      await context.sendActivity(T.otherPerson);
      await resend();
      return Dialog.EndOfTurn;
    }
    if (cancels) {
      await context.sendActivity(options.cancelMessage!);
      return dc.cancelAllDialogs();
    }
    const check = this.checks[options.step]!;
    const outcome = await check(context, payload, options);
    if (outcome.ok) return dc.endDialog(outcome.result);
    await context.sendActivity(outcome.message);
    if (outcome.card) state.options = { ...options, card: outcome.card };
    await resend(state.options.card);
    return Dialog.EndOfTurn;
  }
}
