import type { Role } from './roles.js';

/**
 * What a command is, and how typed text is matched to one. Pure: the lists themselves live with their
 * features (src/features/<name>/commands.ts) and are joined in src/features/commands.ts, the one list shared
 * by the help card, the message router and the Teams manifest's command menus, so the three never drift apart.
 */
export type Scope = 'personal' | 'team' | 'groupChat';

export interface CommandDef {
  /** Stable identifier used by the router. */
  readonly id: string;
  /** Words that invoke it; the first is the canonical one shown in menus. Matched without accents or case. */
  readonly words: readonly string[];
  /** Sub-commands (the first words of the arguments), when the command has them; texts may only name these. */
  readonly subcommands?: readonly string[];
  /** Short Spanish title for the manifest menu (at most 32 characters). */
  readonly title: string;
  /** Spanish description for help and the manifest (at most 128 characters). */
  readonly description: string;
  /** Who may use it; 'everyone' includes people who are not registered yet. */
  readonly roles: readonly Role[] | 'everyone';
  readonly scopes: readonly Scope[];
}

export const normalizeCommandText = (s: string): string =>
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
      .flatMap((command) => command.words.map((w) => ({ command, word: normalizeCommandText(w) })))
      .sort((a, b) => b.word.length - a.word.length);
    wordIndex.set(commands, index);
  }
  return index;
}

/** Finds the command whose longest word is a prefix of the text (on word boundaries). */
export function matchCommand(text: string, commands: readonly CommandDef[]): CommandMatch | undefined {
  const n = normalizeCommandText(text);
  const best = indexOf(commands).find(({ word }) => n === word || n.startsWith(`${word} `));
  if (!best) return undefined;
  const wordCount = best.word.split(' ').length;
  const args = text.trim().split(/\s+/).slice(wordCount).join(' ');
  return { command: best.command, args };
}

export function commandsFor(roles: ReadonlySet<Role>, scope: Scope, commands: readonly CommandDef[]): CommandDef[] {
  return commands.filter((c) => c.scopes.includes(scope) && (c.roles === 'everyone' || c.roles.some((r) => roles.has(r))));
}
