import type { CommandDef } from '../domain/commands.js';
import { CORE_COMMANDS } from './core/commands.js';
import { REGISTRATION_COMMANDS } from './registration/commands.js';
import { PENDING_COMMANDS } from './pending/commands.js';
import { EDITIONS_COMMANDS } from './editions/commands.js';
import { ADMINS_COMMANDS } from './admins/commands.js';
import { ROSTER_COMMANDS } from './roster/commands.js';
import { REPORTS_COMMANDS } from './reports/commands.js';
import { GROUPS_COMMANDS } from './groups/commands.js';
import { DELIVERY_COMMANDS } from './delivery/commands.js';
import { ELECTIONS_COMMANDS } from './elections/commands.js';
import { TOPICS_COMMANDS } from './topics/commands.js';
import { CASES_COMMANDS } from './cases/commands.js';
import { SESSIONS_COMMANDS } from './sessions/commands.js';
import { SURVEYS_COMMANDS } from './surveys/commands.js';
import { ANNOUNCEMENTS_COMMANDS } from './announcements/commands.js';
import { DOCUMENTS_COMMANDS } from './documents/commands.js';
import { GENERAL_REPORT_COMMANDS } from './generalReport/commands.js';
import { GROUP_REPORTS_COMMANDS } from './groupReports/commands.js';
import { STATUS_COMMANDS } from './status/commands.js';
import { MEETINGS_COMMANDS } from './meetings/commands.js';
import { CALENDAR_COMMANDS } from './calendar/commands.js';

/**
 * Every command the bot answers, joined from the features' own lists (src/features/<name>/commands.ts).
 * One list for the help card, the message router and the Teams manifest's menus (scripts/manifest.ts).
 * Pure data: dialogs and scripts may import it.
 */
const ALL = [
  ...CORE_COMMANDS,
  ...REGISTRATION_COMMANDS,
  ...PENDING_COMMANDS,
  ...EDITIONS_COMMANDS,
  ...ADMINS_COMMANDS,
  ...ROSTER_COMMANDS,
  ...REPORTS_COMMANDS,
  ...GROUPS_COMMANDS,
  ...DELIVERY_COMMANDS,
  ...ELECTIONS_COMMANDS,
  ...TOPICS_COMMANDS,
  ...CASES_COMMANDS,
  ...SESSIONS_COMMANDS,
  ...SURVEYS_COMMANDS,
  ...ANNOUNCEMENTS_COMMANDS,
  ...DOCUMENTS_COMMANDS,
  ...GENERAL_REPORT_COMMANDS,
  ...GROUP_REPORTS_COMMANDS,
  ...STATUS_COMMANDS,
  ...MEETINGS_COMMANDS,
  ...CALENDAR_COMMANDS,
] as const satisfies readonly CommandDef[];

export const COMMANDS: readonly CommandDef[] = ALL;

type AnyCommand = (typeof ALL)[number];
export type CommandId = AnyCommand['id'];
/** The sub-commands a command declares (never, when it has none). */
export type SubcommandOf<I extends CommandId> = Extract<AnyCommand, { id: I }> extends { subcommands: readonly (infer S)[] } ? S : never;

const byId = new Map<string, CommandDef>(COMMANDS.map((c) => [c.id, c]));

export function commandById(id: CommandId): CommandDef {
  return byId.get(id)!;
}

/**
 * How a text names a command: its canonical word (and sub-command) in bold, e.g. `cmd('groups', 'mover')`
 * → "**grupos mover**". Texts never spell command words themselves, so renaming a command cannot leave a
 * text pointing at a word the bot no longer understands (test/architecture/texts.test.ts checks the rest).
 * `rest` is shown after the command in the same bold span, for examples ("**edicion crear 2026**").
 */
export function cmd<I extends CommandId>(id: I, sub?: SubcommandOf<I>, rest?: string): string {
  const word = commandById(id).words[0]!;
  return `**${[word, sub, rest].filter(Boolean).join(' ')}**`;
}
