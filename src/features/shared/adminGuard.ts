import type { TurnContext } from 'botbuilder';
import type { Logger } from '../../logger.js';
import type { RoleService } from '../../services/roles.js';
import { AUDIT_ACTIONS, type AuditLog } from '../../services/registration/audit.js';
import { personKey, type Person } from '../../domain/person.js';
import { personOf } from '../../teams/activity.js';
import type { CommandRequest } from '../../../dialogs/mainDialog.js';
import { SHARED_TEXTS } from './texts.js';

export type CommandHandler = (context: TurnContext, request: CommandRequest) => Promise<void>;

/** How a refused attempt arrived: a typed command or a card button. */
export type Channel = 'command' | 'card';

/**
 * The one admin check. MainDialog already refuses typed admin commands by role; card buttons reach their
 * handlers directly, and roles can change between the two, so every admin command and card verb checks the
 * role again on the server through this guard. Refusals are logged and audited the same way everywhere
 * (who, what, how) and never record the arguments, which may hold other people's emails.
 */
export class AdminGuard {
  constructor(
    private readonly roles: Pick<RoleService, 'isAdmin'>,
    private readonly audit: Pick<AuditLog, 'append'>,
    private readonly logger: Logger,
  ) {}

  /** The person when she is an administrator; otherwise answers politely, logs, audits and returns undefined. */
  async check(context: TurnContext, what: string, channel: Channel = 'card'): Promise<Person | undefined> {
    const person = personOf(context.activity);
    if (await this.roles.isAdmin(person)) return person;
    await this.refused(person, what, channel);
    await context.sendActivity(SHARED_TEXTS.adminOnly);
    return undefined;
  }

  /** Logs and audits a refused attempt (also used by MainDialog for typed commands refused by role). */
  async refused(person: Person, what: string, channel: Channel): Promise<void> {
    this.logger.warn({ what, channel, userId: person.userId, aadObjectId: person.aadObjectId ?? null }, 'admin action refused');
    await this.audit.append({ actor: personKey(person), action: AUDIT_ACTIONS.denied, target: what, details: { channel } });
  }

  /**
   * Wraps an admin command handler: checks the role, audits who ran which command (the sub-command word
   * only: arguments may hold emails), then runs it.
   */
  command(what: string, fn: CommandHandler): CommandHandler {
    return async (context, request) => {
      const person = await this.check(context, what, 'command');
      if (!person) return;
      await this.audit.append({ actor: personKey(person), action: AUDIT_ACTIONS.commandRun, target: what, details: { sub: subcommandOf(request.args) } });
      await fn(context, request);
    };
  }

  /** Wraps an admin card verb handler: checks the role, then runs it. */
  verb<P>(what: string, fn: (context: TurnContext, payload: P, admin: Person) => Promise<void>): (context: TurnContext, payload: P) => Promise<void> {
    return async (context, payload) => {
      const person = await this.check(context, what, 'card');
      if (person) await fn(context, payload, person);
    };
  }
}

/** The first word of the arguments, lower-cased and short (never a whole argument). */
export function subcommandOf(args: string): string {
  return (args.trim().split(/\s+/)[0] ?? '').toLowerCase().slice(0, 20);
}
