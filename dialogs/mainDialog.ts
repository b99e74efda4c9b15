import {
  ComponentDialog,
  DialogSet,
  DialogTurnStatus,
  WaterfallDialog,
  type Dialog,
  type DialogState,
  type WaterfallStepContext,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { matchCommand, type CommandDef } from '../src/domain/commands.js';
import { COMMANDS } from '../src/features/commands.js';
import { DIALOG_TEXTS } from './texts.js';
import type { Role } from '../src/domain/roles.js';
import type { Person } from '../src/domain/person.js';
import type { Logger } from '../src/logger.js';
import { cleanText, personOf, scopeOf } from '../src/teams/activity.js';

/** What a command route receives. */
export interface CommandRequest {
  command: CommandDef;
  args: string;
  person: Person;
  roles: ReadonlySet<Role>;
}

/**
 * How a command is carried out: either a dialog to begin (multi-turn) or a one-turn handler.
 * Handlers live in the bot layer and call services; they never trust roles sent by a client.
 */
export type CommandRoute =
  | { commandId: string; dialogId: string }
  | { commandId: string; handle: (context: TurnContext, request: CommandRequest) => Promise<void> };

export interface MainDialogDeps {
  routes: readonly CommandRoute[];
  rolesOf: (person: Person) => Promise<Set<Role>>;
  /** Called when someone tries a command their roles do not allow (audit trail). */
  onDenied?: (request: CommandRequest) => Promise<void>;
  logger: Logger;
  commands?: readonly CommandDef[];
}

const ROUTE_STEP = 'mainWaterfall';

type RouteDecision = { kind: 'done' } | { kind: 'begin'; dialogId: string; args: string };
const DONE: RouteDecision = { kind: 'done' };
/** Turn-state key: a command requested by a card button instead of typed text. */
export const REQUESTED_COMMAND = Symbol('requestedCommand');

/**
 * Routes typed text to commands. Multi-turn commands begin their own dialog (one ComponentDialog per
 * file); one-turn commands answer directly. Unknown text gets a short hint, not an error.
 */
export class MainDialog extends ComponentDialog {
  static readonly id = 'mainDialog';
  private readonly routes: Map<string, CommandRoute>;

  constructor(
    private readonly deps: MainDialogDeps,
    childDialogs: readonly Dialog[] = [],
  ) {
    super(MainDialog.id);
    this.routes = new Map(deps.routes.map((r) => [r.commandId, r]));
    for (const d of childDialogs) this.addDialog(d);
    this.addDialog(new WaterfallDialog(ROUTE_STEP, [this.beginStep.bind(this), this.finalStep.bind(this)]));
    this.initialDialogId = ROUTE_STEP;
  }

  /**
   * Runs this turn (the botbuilder `runDialog` pattern). With no dialog in progress, the text is routed
   * first: one-turn commands answer without building a dialog stack (the common case, kept cheap), and only
   * multi-turn commands begin their dialog. With a dialog in progress, the turn continues it.
   */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    const state = await accessor.get(context);
    if (!state || state.dialogStack.length === 0) {
      const decision = await this.route(context);
      if (decision.kind === 'done') return;
      const dc = await this.createDialogContext(context, accessor);
      await dc.beginDialog(this.id, decision);
      return;
    }
    const dc = await this.createDialogContext(context, accessor);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) {
      const decision = await this.route(context);
      if (decision.kind === 'begin') await dc.beginDialog(this.id, decision);
    }
  }

  private async createDialogContext(context: TurnContext, accessor: StatePropertyAccessor<DialogState>) {
    const dialogSet = new DialogSet(accessor);
    dialogSet.add(this);
    return dialogSet.createContext(context);
  }

  /** Decides what the text asks for; answers one-turn commands, refusals and hints directly. */
  private async route(context: TurnContext): Promise<RouteDecision> {
    const requested = context.turnState.get(REQUESTED_COMMAND) as { commandId: string; args: string } | undefined;
    const commands = this.deps.commands ?? COMMANDS;
    let match: { command: CommandDef; args: string } | undefined;
    if (requested) {
      const command = commands.find((c) => c.id === requested.commandId);
      if (command) match = { command, args: requested.args };
    } else {
      match = matchCommand(cleanText(context), commands);
    }

    if (!match) {
      if (context.activity.value !== undefined && !context.activity.text) {
        await context.sendActivity(DIALOG_TEXTS.staleCard);
      } else {
        await context.sendActivity(DIALOG_TEXTS.notUnderstood);
      }
      return DONE;
    }

    const scope = scopeOf(context.activity);
    if (!match.command.scopes.includes(scope)) {
      await context.sendActivity(
        scope === 'personal'
          ? DIALOG_TEXTS.useInGroupSpace(match.command.words[0]!)
          : DIALOG_TEXTS.useInPersonalChat(match.command.words[0]!),
      );
      return DONE;
    }
    const person = personOf(context.activity);
    const roles = await this.deps.rolesOf(person);
    const request: CommandRequest = { command: match.command, args: match.args, person, roles };
    if (match.command.roles !== 'everyone' && !match.command.roles.some((r) => roles.has(r))) {
      this.deps.logger.warn({ commandId: match.command.id, userId: person.userId, aadObjectId: person.aadObjectId }, 'command denied by role');
      await this.deps.onDenied?.(request);
      await context.sendActivity(
        DIALOG_TEXTS.notForYourProfile(match.command.words[0]!),
      );
      return DONE;
    }

    const route = this.routes.get(match.command.id);
    if (!route) {
      this.deps.logger.error({ commandId: match.command.id }, 'command without route');
      await context.sendActivity(DIALOG_TEXTS.notAvailableYet);
      return DONE;
    }
    if ('dialogId' in route) return { kind: 'begin', dialogId: route.dialogId, args: match.args };
    await route.handle(context, request);
    return DONE;
  }

  /** Begins the multi-turn dialog chosen by `route`. Dialog options are persisted: plain data only. */
  private async beginStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const decision = step.options as Partial<RouteDecision> | undefined;
    if (decision?.kind !== 'begin' || !decision.dialogId) return step.endDialog();
    return step.beginDialog(decision.dialogId, { args: decision.args ?? '' });
  }

  private async finalStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog();
  }
}
