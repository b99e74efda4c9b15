import type { TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import { parseTarget, refusalText, type Target } from '../support.js';
import { ELECTION_ERRORS, ELECTIONS_TEXTS as T } from '../texts.js';

/** What an "elecciones <sub>" handler receives. */
export interface AdminTurn {
  context: TurnContext;
  editionId: string;
  /** The words after the sub-command. */
  words: string[];
  /** The administrator's personKey (the actor in the audit log). */
  actor: string;
  /** Her time zone (closing times she types are read in it). */
  zone: string;
}

/** Parses the target; answers the problem and returns undefined when the words are not understood. */
export async function targetOf(t: AdminTurn, opts: { closing: boolean; defaultAll: boolean; force?: boolean }): Promise<Target | undefined> {
  const parsed = parseTarget(t.words, t.zone, opts);
  if ('error' in parsed) {
    await t.context.sendActivity(parsed.error);
    return undefined;
  }
  return parsed;
}

/**
 * The target and the group numbers it names (all confirmed groups for 'todos'); answers and returns undefined
 * when the words are not understood or the edition has no confirmed groups.
 */
export async function targetGroups(ctx: FeatureContext, t: AdminTurn, opts: { closing: boolean; defaultAll: boolean; force?: boolean }): Promise<{ target: Target; groups: number[] } | undefined> {
  const target = await targetOf(t, opts);
  if (!target) return undefined;
  const all = await ctx.services.elections.groupNumbers(t.editionId);
  if (all.length === 0) {
    await t.context.sendActivity(ELECTION_ERRORS.noGroups);
    return undefined;
  }
  return { target, groups: target.groups === 'all' ? all : target.groups };
}

/**
 * Runs `fn` for each group; returns the Spanish lines of the groups where it was refused (nothing changed
 * there) and how many succeeded.
 */
export async function perGroup(groups: readonly number[], fn: (group: number) => Promise<string | null>): Promise<{ done: number; lines: string[] }> {
  const lines: string[] = [];
  let done = 0;
  for (const group of groups) {
    try {
      const refusal = await fn(group);
      if (refusal === null) done++;
      else lines.push(T.groupLine(group, refusal));
    } catch (err) {
      lines.push(T.groupLine(group, refusalText(err)));
    }
  }
  return { done, lines };
}

/** Sends the summary and the refused groups, one message. */
export async function report(t: AdminTurn, summary: string | null, lines: readonly string[]): Promise<void> {
  const text = [summary, ...lines].filter((x): x is string => !!x).join('\n\n');
  await t.context.sendActivity(text || T.nothingDone);
}
