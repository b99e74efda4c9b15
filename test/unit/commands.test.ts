import { describe, expect, it } from 'vitest';
import { commandsFor, matchCommand } from '../../src/domain/commands.js';
import { COMMANDS } from '../../src/features/commands.js';

describe('command matching', () => {
  it.each([
    ['ayuda', 'help', ''],
    ['Ayuda', 'help', ''],
    ['menú', 'help', ''],
    ['¡Hola!', 'greeting', ''],
    ['buenos días', 'greeting', ''],
    ['cancelar ahora', 'cancel', 'ahora'],
  ])('%s → %s', (text, id, args) => {
    const m = matchCommand(text, COMMANDS);
    expect(m?.command.id).toBe(id);
    expect(m?.args).toBe(args);
  });

  it.each(['ayudame', 'hol', '', 'xayuda'])('does not match %j', (text) => {
    expect(matchCommand(text, COMMANDS)).toBeUndefined();
  });

  it('prefers the longest word', () => {
    const cmds = [
      { id: 'a', words: ['grupos'], title: 'grupos', description: '', roles: 'everyone' as const, scopes: ['personal' as const] },
      { id: 'b', words: ['grupos proponer'], title: 'grupos proponer', description: '', roles: 'everyone' as const, scopes: ['personal' as const] },
    ];
    expect(matchCommand('grupos proponer tamaño 30', cmds)).toMatchObject({ command: { id: 'b' }, args: 'tamaño 30' });
    expect(matchCommand('grupos', cmds)?.command.id).toBe('a');
  });

  it('filters by role and scope', () => {
    const guestPersonal = commandsFor(new Set(), 'personal', COMMANDS).map((c) => c.id);
    expect(guestPersonal).toContain('help');
    for (const c of commandsFor(new Set(), 'team', COMMANDS)) expect(c.scopes).toContain('team');
  });

  it('has unique words, and titles and descriptions that fit the Teams manifest', () => {
    const words = COMMANDS.flatMap((c) => c.words.map((w) => w.toLowerCase()));
    expect(new Set(words).size).toBe(words.length);
    for (const c of COMMANDS) {
      expect(c.title.length).toBeLessThanOrEqual(32);
      expect(c.description.length).toBeLessThanOrEqual(128);
      expect(c.words).toContain(c.title);
    }
  });
});
