import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeCommandText, type CommandDef } from '../../src/domain/commands.js';
import { COMMANDS, cmd } from '../../src/features/commands.js';
import { agree, count, listJoin, NOUNS } from '../../src/texts/spanish.js';
import { listFiles, ROOT } from './imports.js';

/**
 * Texts name commands in bold ("Escriba **ayuda**"). Every bold span written literally in a text, a dialog, a
 * handler or a card template must be a command the bot understands (and, for commands with sub-commands, one
 * of those), so renaming or removing a command cannot leave a text pointing at a word that no longer works.
 * Values are emphasised with bold(x) (a template expression, not a literal span) and are not checked.
 */
function commandProblem(span: string, commands: readonly CommandDef[] = COMMANDS): string | undefined {
  const text = normalizeCommandText(span);
  for (const c of commands) {
    for (const w of c.words.map(normalizeCommandText)) {
      if (text !== w && !text.startsWith(`${w} `)) continue;
      const rest = text.slice(w.length).trim();
      if (!rest || !c.subcommands) return undefined;
      const ok = c.subcommands.map(normalizeCommandText).some((s) => rest === s || rest.startsWith(`${s} `));
      return ok ? undefined : `«${span}»: ${c.words[0]} no tiene el subcomando «${rest.split(' ')[0]}» (tiene: ${c.subcommands.join(', ')})`;
    }
  }
  return `«${span}» no es un comando`;
}

/** Literal bold spans of a source text, without those that contain a template expression. */
function boldSpans(source: string): string[] {
  return [...source.matchAll(/\*\*([^*\n]+?)\*\*/g)].map((m) => m[1]!).filter((s) => !s.includes('${') && !s.includes('`'));
}

const TEXT_SOURCES = [
  ...listFiles('src/features', '.ts'),
  ...listFiles('src/bot', '.ts'),
  ...listFiles('src/cards', '.ts'),
  ...listFiles('dialogs', '.ts'),
  ...listFiles('cards', '.json'),
].filter((f) => !f.endsWith('/commands.ts'));

describe('texts name only commands that exist', () => {
  it.each([
    ['Escriba **ayuda**', undefined],
    ['use **grupos mover** <correo> <grupo>', undefined],
    ['**edicion crear 2026**', undefined],
    ['**vincular grupo 3**', undefined],
    ['Escriba **talleres**', 'no es un comando'],
    ['**grupos borrar**', 'no tiene el subcomando'],
  ])('the checker: %s', (text, problem) => {
    const found = boldSpans(text).map((s) => commandProblem(s)).find(Boolean);
    if (problem) expect(found).toContain(problem);
    else expect(found).toBeUndefined();
  });

  it.each(TEXT_SOURCES)('%s', (file) => {
    const source = readFileSync(path.join(ROOT, file), 'utf8');
    const problems = boldSpans(source)
      .map((s) => commandProblem(s))
      .filter(Boolean);
    expect(problems).toEqual([]);
  });

  it('cmd() renders the canonical word and sub-command from the command list', () => {
    expect(cmd('groups', 'mover')).toBe('**grupos mover**');
    expect(cmd('edition', 'crear', '2026')).toBe('**edicion crear 2026**');
    expect(cmd('help')).toBe('**ayuda**');
    for (const c of COMMANDS) for (const sub of c.subcommands ?? []) expect(commandProblem(`${c.words[0]} ${sub}`)).toBeUndefined();
  });
});

describe('Spanish agreement helpers', () => {
  it.each([
    [0, NOUNS.integrante, '0 integrantes'],
    [1, NOUNS.integrante, '1 integrante'],
    [2, NOUNS.integrante, '2 integrantes'],
    [1, NOUNS.validada, '1 validada'],
    [0, NOUNS.dadaDeBaja, '0 dadas de baja'],
    [1250, NOUNS.registro, '1,250 registros'],
    [1, NOUNS.solicitud, '1 solicitud'],
  ])('count(%i) → %s', (n, forms, expected) => {
    expect(count(n, forms)).toBe(expected);
  });

  it('agree picks the singular only for one', () => {
    expect([0, 1, 2].map((n) => agree(n, NOUNS.grupo))).toEqual(['grupos', 'grupo', 'grupos']);
  });

  it.each([
    [[], ''],
    [['Liderazgo'], 'Liderazgo'],
    [['VE', 'VS'], 'VE y VS'],
    [['políticas', 'sociales', 'culturales'], 'políticas, sociales y culturales'],
    [['Liderazgo', 'Innovación'], 'Liderazgo e Innovación'],
  ])('listJoin(%j) → %s', (items, expected) => {
    expect(listJoin(items)).toBe(expected);
  });
});
