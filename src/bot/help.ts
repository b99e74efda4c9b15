import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import { commandsFor, type CommandDef, type Scope } from '../domain/commands.js';
import { COMMANDS } from '../features/commands.js';
import { ROLE_LABELS, type Role } from '../domain/roles.js';
import type { Person } from '../domain/person.js';
import { renderHelpCard } from '../cards/cards.js';
import type { CardJson } from '../cards/render.js';
import { personOf, scopeOf } from '../teams/activity.js';

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
    const roleLabel = roles.size === 0 ? 'Persona invitada (aún sin registro)' : [...roles].map((r) => ROLE_LABELS[r]).join(', ');
    const scopeNote =
      scope === 'personal'
        ? 'Escriba el comando en este chat. En el canal o chat de su grupo, mencione al bot (@Red de Coaching) antes del comando.'
        : 'En este espacio, mencione al bot (@Red de Coaching) antes del comando. Sus trámites personales se hacen en el chat personal con el bot.';
    return renderHelpCard({
      roleLabel,
      commands: available.map((c) => ({ word: c.words[0] ?? c.id, description: c.description })),
      scopeNote,
    });
  }
}
