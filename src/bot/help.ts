import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import { commandsFor, type CommandDef, type Scope } from '../domain/commands.js';
import { COMMANDS } from '../features/commands.js';
import { ROLE_LABELS, type Role } from '../domain/roles.js';
import type { Person } from '../domain/person.js';
import { renderHelpCard } from '../cards/core.js';
import type { CardJson } from '../cards/render.js';
import { personOf, scopeOf } from '../teams/activity.js';
import { BOT_TEXTS } from './texts.js';

/** Sends the help card listing what this person can do here, according to her roles. */
export function createHelpResponder(rolesOf: (p: Person) => Promise<Set<Role>>, commands: readonly CommandDef[] = COMMANDS) {
  // The card depends only on the roles and the scope: a handful of variants, built once each and only sent.
  const cards = new Map<string, CardJson>();
  /** `knownRoles`: the roles already computed in this turn (the command router has them), saving a lookup. */
  return async (context: TurnContext, knownRoles?: ReadonlySet<Role>): Promise<void> => {
    const roles = knownRoles ?? (await rolesOf(personOf(context.activity)));
    const scope = scopeOf(context.activity);
    const key = `${scope}|${[...roles].sort().join(',')}`;
    let card = cards.get(key);
    if (!card) {
      card = build(roles, scope);
      cards.set(key, card);
    }
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  };

  function build(roles: ReadonlySet<Role>, scope: Scope): CardJson {
    const available = commandsFor(roles, scope, commands);
    const roleLabel = roles.size === 0 ? BOT_TEXTS.guestRole : [...roles].map((r) => ROLE_LABELS[r]).join(', ');
    const scopeNote =
      scope === 'personal'
        ? BOT_TEXTS.helpScopePersonal
        : BOT_TEXTS.helpScopeShared;
    return renderHelpCard({
      roleLabel,
      commands: available.map((c) => ({ word: c.words[0] ?? c.id, description: c.description })),
      scopeNote,
    });
  }
}
