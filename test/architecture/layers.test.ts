import { describe, expect, it } from 'vitest';
import { cyclesOf, importsOf, listFiles } from './imports.js';

/**
 * The layering of issue 8, checked on every import of the source tree:
 * - domain: pure (no I/O libraries, no botbuilder, nothing outside src/domain);
 * - store, services and scheduling: no botbuilder types (the Bot Framework SDK is archived);
 * - dialogs: never the bot layer nor a feature's handlers (only command lists);
 * - features: never another feature's folder (only shared/, commands lists, feature.ts);
 * - no import cycles anywhere.
 */
const SOURCES = [...listFiles('src', '.ts'), ...listFiles('dialogs', '.ts')];
const graph = new Map(SOURCES.map((f) => [f, importsOf(f).local]));

const BOTBUILDER = /^botbuilder/;
const featureOf = (f: string): string | undefined => /^src\/features\/([^/]+)\//.exec(f)?.[1];
const isCommandList = (f: string): boolean => f === 'src/features/commands.ts' || /^src\/features\/[^/]+\/commands\.ts$/.test(f);

interface Rule {
  name: string;
  applies: (file: string) => boolean;
  forbids: (target: string, isPackage: boolean) => boolean;
}

const RULES: Rule[] = [
  {
    name: 'domain is pure',
    applies: (f) => f.startsWith('src/domain/'),
    forbids: (t, pkg) => (pkg ? BOTBUILDER.test(t) || /^(mongodb|@seald-io|restify|node:fs|node:net|node:http)/.test(t) : !t.startsWith('src/domain/')),
  },
  {
    name: 'store and services are free of botbuilder',
    applies: (f) => f.startsWith('src/store/') || f.startsWith('src/services/'),
    forbids: (t, pkg) => (pkg ? BOTBUILDER.test(t) : /^(src\/bot|src\/features|src\/teams|dialogs)\//.test(t)),
  },
  {
    name: 'dialogs do not reach into the bot layer or feature handlers',
    applies: (f) => f.startsWith('dialogs/'),
    forbids: (t, pkg) => !pkg && (t.startsWith('src/bot/') || (t.startsWith('src/features/') && !isCommandList(t))),
  },
  {
    name: 'a feature does not import another feature',
    applies: (f) => featureOf(f) !== undefined && featureOf(f) !== 'shared',
    forbids: (t, pkg) => {
      if (pkg) return false;
      const target = featureOf(t);
      return target !== undefined && target !== 'shared' && !isCommandList(t);
    },
  },
];

describe('architecture: import rules', () => {
  it('finds the sources it checks', () => {
    expect(SOURCES.length).toBeGreaterThan(50);
    expect(SOURCES).toContain('src/domain/commands.ts');
  });

  it.each(RULES.map((r) => [r.name, r] as const))('%s', (_name, rule) => {
    const violations: string[] = [];
    for (const file of SOURCES.filter(rule.applies)) {
      const { local, packages } = importsOf(file);
      for (const t of local) {
        // A feature's own files are always fine.
        if (featureOf(file) !== undefined && featureOf(t) === featureOf(file)) continue;
        if (rule.forbids(t, false)) violations.push(`${file} → ${t}`);
      }
      for (const p of packages) if (rule.forbids(p, true)) violations.push(`${file} → ${p}`);
    }
    expect(violations).toEqual([]);
  });

  it('has no import cycles', () => {
    expect(cyclesOf(graph)).toEqual([]);
  });

  it('the cycle finder finds a planted cycle (so the check above can fail)', () => {
    const planted = new Map([...graph, ['x/a.ts', ['x/b.ts']], ['x/b.ts', ['x/a.ts']]]);
    expect(cyclesOf(planted)).toContainEqual(['x/a.ts', 'x/b.ts']);
  });
});
