import type { TurnContext } from 'botbuilder';
import type { Logger } from '../../logger.js';
import type { RoleService } from '../../services/roles.js';
import { AUDIT_ACTIONS, fingerprint, type AuditInput, type AuditLog } from '../../services/registration/audit.js';
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
 * (who, what, how). Arguments may hold other people's emails: rows keep only their fingerprint (and the
 * sub-command word, itself a fingerprint when it looks like an email). Refusals are written through
 * `refusals` when given, which caps them per person and hour (anyone can produce them at will).
 */
export class AdminGuard {
  private readonly refusals: { append(input: AuditInput): Promise<unknown> };

  constructor(
    private readonly roles: Pick<RoleService, 'isAdmin'>,
    private readonly audit: Pick<AuditLog, 'append'>,
    private readonly logger: Logger,
    refusals?: { append(input: AuditInput): Promise<unknown> },
  ) {
    this.refusals = refusals ?? audit;
  }

  /** The person when she is an administrator; otherwise answers politely, logs, audits and returns undefined. */
  async check(context: TurnContext, what: string, channel: Channel = 'card', args?: string): Promise<Person | undefined> {
    const person = personOf(context.activity);
    if (await this.roles.isAdmin(person)) return person;
    await this.refused(person, what, channel, args);
    await context.sendActivity(SHARED_TEXTS.adminOnly);
    return undefined;
  }

  /** Logs and audits a refused attempt (also used by MainDialog for typed commands refused by role). */
  async refused(person: Person, what: string, channel: Channel, args?: string): Promise<void> {
    const typed = args?.trim() ? { sub: subcommandOf(args), args: fingerprint(args.trim()) } : {};
    this.logger.warn({ what, channel, userId: person.userId, aadObjectId: person.aadObjectId ?? null, ...typed }, 'admin action refused');
    await this.refusals.append({ actor: personKey(person), action: AUDIT_ACTIONS.denied, target: what, details: { channel, ...typed } });
  }

  /**
   * Wraps an admin command handler: checks the role, audits who ran which command (the sub-command word
   * only: arguments may hold emails), then runs it.
   */
  command(what: string, fn: CommandHandler): CommandHandler {
    return async (context, request) => {
      const person = await this.check(context, what, 'command', request.args);
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

/**
 * The first word of the arguments, lower-cased (never a whole argument); its fingerprint when it may identify
 * someone: an email, a long number (a phone, an employee number), an Entra object id or any long word.
 */
export function subcommandOf(args: string): string {
  const word = (args.trim().split(/\s+/)[0] ?? '').toLowerCase();
  return word.includes('@') || /\d{5,}/.test(word) || word.length > 20 ? fingerprint(word) : word;
}
