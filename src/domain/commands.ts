import type { Role } from './roles.js';
import { CORE_COMMANDS } from './commandLists/core.js';
import { REGISTRATION_COMMANDS } from './commandLists/registration.js';
import { ADMIN_COMMANDS } from './commandLists/admin.js';
import { GROUPS_COMMANDS } from './commandLists/groups.js';
import { DELIVERY_COMMANDS } from './commandLists/delivery.js';

/**
 * The commands the bot answers: one list shared by the help text, the message router and the Teams
 * manifest's command menus (scripts/package.ts), so the three never drift apart.
 */
export type Scope = 'personal' | 'team' | 'groupChat';

export interface CommandDef {
  /** Stable identifier used by the router. */
  readonly id: string;
  /** Words that invoke it; the first is the canonical one shown in menus. Matched without accents or case. */
  readonly words: readonly string[];
  /** Short Spanish title for the manifest menu (at most 32 characters). */
  readonly title: string;
  /** Spanish description for help and the manifest (at most 128 characters). */
  readonly description: string;
  /** Who may use it; 'everyone' includes people who are not registered yet. */
  readonly roles: readonly Role[] | 'everyone';
  readonly scopes: readonly Scope[];
}

/** Every command, from the per-feature lists in src/domain/commandLists/. */
export const COMMANDS: readonly CommandDef[] = [
  ...CORE_COMMANDS,
  ...REGISTRATION_COMMANDS,
  ...ADMIN_COMMANDS,
  ...GROUPS_COMMANDS,
  ...DELIVERY_COMMANDS,
];

const normalize = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[¡!¿?.,;:]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

export interface CommandMatch {
  command: CommandDef;
  /** The rest of the text after the command word(s), original case preserved, trimmed. */
  args: string;
}

/** Normalised words per command list, computed once per list (matching runs on every message). */
const wordIndex = new WeakMap<readonly CommandDef[], { command: CommandDef; word: string }[]>();

function indexOf(commands: readonly CommandDef[]): { command: CommandDef; word: string }[] {
  let index = wordIndex.get(commands);
  if (!index) {
    index = commands
      .flatMap((command) => command.words.map((w) => ({ command, word: normalize(w) })))
      .sort((a, b) => b.word.length - a.word.length);
    wordIndex.set(commands, index);
  }
  return index;
}

/** Finds the command whose longest word is a prefix of the text (on word boundaries). */
export function matchCommand(text: string, commands: readonly CommandDef[] = COMMANDS): CommandMatch | undefined {
  const n = normalize(text);
  const best = indexOf(commands).find(({ word }) => n === word || n.startsWith(`${word} `));
  if (!best) return undefined;
  const wordCount = best.word.split(' ').length;
  const args = text.trim().split(/\s+/).slice(wordCount).join(' ');
  return { command: best.command, args };
}

export function commandsFor(roles: ReadonlySet<Role>, scope: Scope, commands: readonly CommandDef[] = COMMANDS): CommandDef[] {
  return commands.filter((c) => c.scopes.includes(scope) && (c.roles === 'everyone' || c.roles.some((r) => roles.has(r))));
}
