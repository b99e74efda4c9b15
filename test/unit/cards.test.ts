import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../architecture/imports.js';
import { renderTemplate, CardRenderError, templateIndex } from '../../src/cards/render.js';
import { CARD_FIXTURES } from '../fixtures/cardFixtures.js';
import { validateCard as validate } from '../cards/validate.js';

const templates = [...templateIndex().keys()];

describe('Adaptive Card templates', () => {
  it('templates live in one folder per feature (cards/<feature>/<name>.json)', () => {
    const features = new Set(readdirSync(path.join(ROOT, 'src', 'features'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name));
    for (const file of templateIndex().values()) {
      const m = /[\\/]cards[\\/]([^\\/]+)[\\/][A-Za-z]+\.json$/.exec(file);
      expect(m, file).not.toBeNull();
      expect(features.has(m![1]!), `${file}: cards/<feature>/ must name a folder of src/features/`).toBe(true);
    }
  });

  it('every template in cards/ has fixtures', () => {
    expect(templates.length).toBeGreaterThan(0);
    expect(templates.filter((t) => !CARD_FIXTURES[t])).toEqual([]);
  });

  it.each(templates)('%s renders and passes Microsoft\'s parser and validator', (name) => {
    const render = CARD_FIXTURES[name];
    expect(render).toBeDefined();
    for (const card of render!()) expect(validate(card)).toEqual([]);
  });

  it('the validator catches a broken card (unknown element, unlabeled input, bad verb)', () => {
    const problems = validate({
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'Foo' }, { type: 'Input.Text', id: 'x' }],
      actions: [{ type: 'Action.Submit', title: 'Ir', data: { verb: 'nope' } }],
    });
    expect(problems.some((p) => p.includes('Foo'))).toBe(true);
    expect(problems.some((p) => p.includes('no label'))).toBe(true);
    expect(problems.some((p) => p.includes('undeclared verb'))).toBe(true);
  });

  it('refuses output with an unbound expression', () => {
    expect(() => renderTemplate('help', { roleLabel: 'x', commands: [] })).toThrow(CardRenderError);
  });

  it('still refuses a template bug when the data holds text that looks like an expression', () => {
    expect(() => renderTemplate('help', { roleLabel: '${x}', commands: [{ word: '${', description: '}' }] })).toThrow(/unbound expression \$\{scopeNote\}/);
  });
});
