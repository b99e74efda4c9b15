import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommandLists } from '../../scripts/manifest.js';
import type { Scope } from '../../src/domain/commands.js';
import { COMMANDS } from '../../src/features/commands.js';
import { ana, channelMention, groupChatMention, personalMessage } from '../helpers/activities.js';
import { createHarness, textOf, type Harness } from '../helpers/harness.js';

/**
 * The Teams menus must only offer what the bot really answers: every command title in the generated manifest
 * is sent to the bot (wired exactly as in production) in its scope, by an administrator so that role checks
 * pass, and must not be treated as unknown or unrouted.
 */
const UNKNOWN = /No reconocí ese mensaje|todavía no está disponible|no está disponible para su perfil/;

function activityFor(scope: Scope, text: string) {
  if (scope === 'personal') return personalMessage(ana, text);
  if (scope === 'team') return channelMention(ana, text);
  return groupChatMention(ana, text);
}

describe('every command in the Teams manifest is answered by the bot', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ ADMIN_AAD_IDS: ana.aadObjectId! });
  });
  afterAll(async () => h.close());

  const menuCases = buildCommandLists().commandLists.flatMap((list) =>
    list.scopes.flatMap((scope) => list.commands.map((c) => ({ scope, title: c.title }))),
  );

  it('the manifest has menus', () => {
    expect(menuCases.length).toBeGreaterThan(0);
  });

  it.each(menuCases)('$scope: "$title"', async ({ scope, title }) => {
    // A fresh conversation per case (cancel anything a previous command began).
    await h.turn(activityFor(scope, 'cancelar'));
    const replies = await h.turn(activityFor(scope, title));
    expect(replies.length).toBeGreaterThan(0);
    for (const r of replies) expect(textOf(r)).not.toMatch(UNKNOWN);
  });

  const allCases = COMMANDS.map((c) => ({ id: c.id, word: c.words[0]!, scope: c.scopes[0]! }));
  it.each(allCases)('every declared command has a route: $id ("$word")', async ({ word, scope }) => {
    await h.turn(activityFor(scope, 'cancelar'));
    const replies = await h.turn(activityFor(scope, word));
    expect(replies.length).toBeGreaterThan(0);
    for (const r of replies) expect(textOf(r)).not.toMatch(UNKNOWN);
  });
});
