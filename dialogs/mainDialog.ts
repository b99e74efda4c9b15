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
import { COMMANDS, matchCommand, type CommandDef } from '../src/domain/commands.js';
import type { Role } from '../src/domain/roles.js';
import type { Person } from '../src/domain/person.js';
import type { Logger } from '../src/logger.js';
import { cleanText, personOf, scopeOf } from '../src/bot/activityInfo.js';

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
    this.addDialog(new WaterfallDialog(ROUTE_STEP, [this.routeStep.bind(this), this.finalStep.bind(this)]));
    this.initialDialogId = ROUTE_STEP;
  }

  /** Runs the dialog stack for this turn (the botbuilder `runDialog` pattern). */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogSet = new DialogSet(accessor);
    dialogSet.add(this);
    const dc = await dialogSet.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const context = step.context;
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
        await context.sendActivity('Esa tarjeta ya no está activa. Escriba **ayuda** para ver las opciones disponibles.');
      } else {
        await context.sendActivity('No reconocí ese mensaje. Escriba **ayuda** para ver lo que puedo hacer por usted.');
      }
      return step.endDialog();
    }

    const person = personOf(context.activity);
    const roles = await this.deps.rolesOf(person);
    const request: CommandRequest = { command: match.command, args: match.args, person, roles };
    const scope = scopeOf(context.activity);
    if (!match.command.scopes.includes(scope)) {
      await context.sendActivity(
        scope === 'personal'
          ? `El comando **${match.command.words[0]}** se usa en el canal o chat de su grupo, mencionando al bot.`
          : `El comando **${match.command.words[0]}** se usa en el chat personal con el bot.`,
      );
      return step.endDialog();
    }
    if (match.command.roles !== 'everyone' && !match.command.roles.some((r) => roles.has(r))) {
      this.deps.logger.warn({ commandId: match.command.id, userId: person.userId, aadObjectId: person.aadObjectId }, 'command denied by role');
      await this.deps.onDenied?.(request);
      await context.sendActivity(
        `Lo sentimos, el comando **${match.command.words[0]}** no está disponible para su perfil. Escriba **ayuda** para ver sus opciones.`,
      );
      return step.endDialog();
    }

    const route = this.routes.get(match.command.id);
    if (!route) {
      this.deps.logger.error({ commandId: match.command.id }, 'command without route');
      await context.sendActivity('Esta función todavía no está disponible. Escriba **ayuda** para ver las opciones actuales.');
      return step.endDialog();
    }
    // Dialog options are persisted with the dialog state: pass plain data only; dialogs re-check roles.
    if ('dialogId' in route) return step.beginDialog(route.dialogId, { args: match.args });
    await route.handle(context, request);
    return step.endDialog();
  }

  private async finalStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog();
  }
}
