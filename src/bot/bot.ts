import {
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ChannelAccount,
  type FileConsentCardResponse,
  type ConversationState,
  type InvokeResponse,
  type StatePropertyAccessor,
  type TurnContext,
  type UserState,
} from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import type { ConversationService } from '../services/conversations.js';
import { personKey } from '../domain/person.js';
import type { ConversationRef } from '../domain/conversationRef.js';
import { MainDialog, REQUESTED_COMMAND } from '../../dialogs/mainDialog.js';
import { refreshedCardOf, SubmitRouter } from './submitRouter.js';
import { conversationKindOf, personOf, refOf } from '../teams/activity.js';
import type { FileConsentHandler } from './files.js';
import { BOT_TEXTS } from './texts.js';

export interface BotDeps {
  conversationState: ConversationState;
  userState: UserState;
  mainDialog: MainDialog;
  submitRouter: SubmitRouter;
  conversations: ConversationService;
  /** Called when a person installs the app (or comes back): queued notices can now reach her. */
  onPersonalInstall?: (personKey: string, ref: ConversationRef) => Promise<unknown>;
  /** Sends the welcome card in this turn's conversation. */
  welcome: (context: TurnContext) => Promise<void>;
  logger: Logger;
  /** Answers to file consent cards (files the bot offers; src/bot/files.ts). */
  fileConsent?: FileConsentHandler;
}

/**
 * The value of an `adaptiveCard/action` invoke (Action.Execute). botbuilder reads `value.action.type`
 * unchecked, so `value: "abc"` or `{action: null}` threw a TypeError (error reply, 501, state cleared);
 * it is checked here first and refused with a 400 invoke response.
 */
const adaptiveCardActionValue = z.looseObject({
  action: z.looseObject({
    type: z.literal('Action.Execute'),
    verb: z.string().min(1).max(200),
    id: z.string().optional(),
    data: z.record(z.string(), z.unknown()).nullable().optional(),
  }),
});

function invokeError(statusCode: 400, message: string): InvokeResponse {
  const body = { statusCode, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message } };
  return { status: statusCode, body };
}

/**
 * The Teams bot. Thin by design: typed text goes to the dialogs, card submissions to typed handlers,
 * installation and membership events to the conversation service. Everything else is ignored politely.
 */
export class RedCoachingBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;

  constructor(private readonly deps: BotDeps) {
    super();
    this.dialogState = deps.conversationState.createProperty<DialogState>('DialogState');

    this.onMessage(async (context, next) => {
      await this.rememberConversation(context);
      await this.routeMessage(context);
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      if (await this.rememberConversation(context)) await this.deps.welcome(context);
      await next();
    });

    this.onInstallationUpdateRemove(async (context, next) => {
      await this.deps.conversations.markInactive(context.activity.conversation.id);
      await next();
    });
  }

  /** Saves bot state at the end of every turn (after the handlers ran without error). */
  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.deps.conversationState.saveChanges(context, false);
    await this.deps.userState.saveChanges(context, false);
  }

  private async routeMessage(context: TurnContext): Promise<void> {
    const value: unknown = context.activity.value;
    const verb = SubmitRouter.verbOf(value);
    if (value !== undefined && this.deps.submitRouter.has(verb)) {
      await this.deps.submitRouter.dispatch(context, verb!, value);
      // A card button may ask for a command (e.g. "Registrarme"): run it now, with the usual role checks.
      if (context.turnState.get(REQUESTED_COMMAND)) await this.deps.mainDialog.run(context, this.dialogState);
      return;
    }
    await this.deps.mainDialog.run(context, this.dialogState);
  }

  /** Runs a command as if typed (used by card buttons such as "Ver ayuda"). */
  async runCommand(context: TurnContext, commandId: string, args = ''): Promise<void> {
    context.turnState.set(REQUESTED_COMMAND, { commandId, args });
    await this.deps.mainDialog.run(context, this.dialogState);
  }

  private async rememberConversation(context: TurnContext): Promise<boolean> {
    const kind = conversationKindOf(context.activity);
    const key = kind === 'personal' ? personKey(personOf(context.activity)) : undefined;
    const ref = refOf(context.activity);
    const isNew = await this.deps.conversations.remember(kind, ref, key);
    if (isNew && key && this.deps.onPersonalInstall) await this.deps.onPersonalInstall(key, ref);
    return isNew;
  }

  /** Refuses a malformed adaptiveCard/action invoke with 400 before botbuilder reads it. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'adaptiveCard/action') {
      const parsed = adaptiveCardActionValue.safeParse(context.activity.value);
      if (!parsed.success) {
        this.deps.logger.warn(
          { activityId: context.activity.id, userId: context.activity.from?.id, issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`) },
          'invalid adaptiveCard/action invoke refused',
        );
        return invokeError(400, BOT_TEXTS.invalidCardData);
      }
    }
    return super.onInvokeActivity(context);
  }

  protected override async onTeamsMembersAdded(context: TurnContext): Promise<void> {
    const added: unknown = context.activity.membersAdded;
    await this.onMembersAddedChange(context, Array.isArray(added) ? (added as ChannelAccount[]) : []);
    await this.defaultNextEvent(context)();
  }

  private async onMembersAddedChange(context: TurnContext, added: ChannelAccount[]): Promise<void> {
    const botAdded = added.some((m) => m?.id === context.activity.recipient.id);
    if (botAdded && (await this.rememberConversation(context))) await this.deps.welcome(context);
  }

  protected override async onTeamsMembersRemoved(context: TurnContext): Promise<void> {
    const removed: unknown = context.activity.membersRemoved;
    if (Array.isArray(removed) && (removed as ChannelAccount[]).some((m) => m?.id === context.activity.recipient.id)) {
      await this.deps.conversations.markInactive(context.activity.conversation.id);
    }
    await this.defaultNextEvent(context)();
  }

  protected override async handleTeamsFileConsentAccept(context: TurnContext, response: FileConsentCardResponse): Promise<void> {
    if (!this.deps.fileConsent) return super.handleTeamsFileConsentAccept(context, response);
    await this.deps.fileConsent.accept(context, response);
  }

  protected override async handleTeamsFileConsentDecline(context: TurnContext, response: FileConsentCardResponse): Promise<void> {
    if (!this.deps.fileConsent) return super.handleTeamsFileConsentDecline(context, response);
    await this.deps.fileConsent.decline(context, response);
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const verb = invokeValue.action?.verb;
    const outcome = verb ? await this.deps.submitRouter.dispatch(context, verb, { ...(invokeValue.action.data ?? {}), verb }) : 'notMine';
    if (outcome === 'notMine') {
      await context.sendActivity(BOT_TEXTS.actionUnavailable);
    }
    // A handler may answer with a refreshed card (RSVP counts updated in place): Teams replaces the pressed card.
    const card = refreshedCardOf(context);
    if (card) return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } as unknown as AdaptiveCardInvokeResponse;
    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: { message: 'OK' } } as unknown as AdaptiveCardInvokeResponse;
  }
}

