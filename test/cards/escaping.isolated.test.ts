import { describe, expect, it, vi } from 'vitest';
import { TEXT_FUNCTION_SEPARATOR, renderTemplate, type CardJson } from '../../src/cards/render.js';
import { CARD_FIXTURES } from '../fixtures/cardFixtures.js';
import { validateCard, walk } from './validate.js';

/**
 * Issue 8, deliverable 4: no text typed by a person can break or alter a card.
 *
 * Every card fixture is run once with renderTemplate recorded, which yields the data each card is expanded
 * with. Then every free-text string of that data (walked generically, at any depth) is replaced with hostile
 * text, and the card must render, pass Microsoft's parser and validator, and show the text literally.
 * Escaping happens once, inside renderTemplate, so the data as the templates see it is the right place to inject.
 */

const recorded = vi.hoisted(() => ({ calls: [] as { name: string; data: object }[] }));

vi.mock('../../src/cards/render.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/cards/render.js')>();
  return {
    ...actual,
    renderTemplate: (name: string, data: object): CardJson => {
      recorded.calls.push({ name, data: structuredClone(data) });
      return actual.renderTemplate(name, data);
    },
  };
});

// --- What is not free text (explicit and short) ---------------------------------------------------------

/** Keys that never hold free text, at any depth: verbs, ids, URLs, the consent version. */
const SKIP_KEYS = new Set(['verbs', 'confirmVerb', 'forKey', 'importId', 'memberId', 'requestId', 'reasonId', 'privacyNoticeUrl', 'version', 'spaceUrl', 'url']);
/** Choice values (catalog keys) and the numeric inputs of the profile form: `parent.key`. */
const SKIP_PATHS = new Set([
  'values.vocalia',
  'values.ambito',
  'values.entidad',
  'values.ejes',
  'values.distrito',
  'values.aniosSpen',
  'vocalias.value',
  'ambitos.value',
  'entidades.value',
  'ejes.value',
  // Topic ids and months offered on the topics cards (src/features/topics/).
  'choices.value',
  'topicChoices.value',
  'monthChoices.value',
]);

function isFreeText(parent: string, key: string): boolean {
  return !SKIP_KEYS.has(key) && !SKIP_PATHS.has(`${parent}.${key}`);
}

/** A copy of `data` where every free-text string is replaced with `text(fieldNumber)`. */
function inject(data: unknown, text: (field: number) => string): unknown {
  let field = 0;
  const visit = (node: unknown, parent: string, key: string): unknown => {
    if (typeof node === 'string') return isFreeText(parent, key) ? text(field++) : node;
    if (Array.isArray(node)) return node.map((n) => visit(n, key, key));
    if (node && typeof node === 'object') {
      if (SKIP_KEYS.has(key)) return node;
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, visit(v, key, k)]));
    }
    return node;
  };
  return visit(data, '', '');
}

// --- Hostile text ---------------------------------------------------------------------------------------

const LONG = 'Texto largo de una integrante, con acentos (ñ, á, ü) y signos ¿? ¡! '.repeat(80).slice(0, 5000);
const PAYLOADS: [label: string, text: string][] = [
  ['${x}', 'Eva ${x} Ruiz'],
  ['${', 'abre ${ sin cerrar'],
  ['}', 'cierra } sola'],
  ['$root', '$root $data $index $when $host'],
  ['${$root.verbs}', '${$root.verbs} ${$data} ${$index}'],
  ['{{', 'dos {{ llaves }}'],
  ['{{DATE}}', '{{DATE(2017-02-14T06:08:39Z, SHORT)}} y {{TIME(2017-02-14T06:08:39Z)}}'],
  ['5,000 characters', LONG],
  ['emoji', '👩🏽‍💼 Ruiz 🇲🇽'],
  ['private-use sentinels', 'a\uE000b\uE001c\uE002d $\uE001{'],
];

/** How the text may appear: exactly, or with the invisible separator inside a `{{` (displayed text only). */
function acceptedForms(text: string): string[] {
  return [text, text.replaceAll('{{', `{${TEXT_FUNCTION_SEPARATOR}{`)];
}

/** Every string in the card; `exact` ones are values that come back to the bot (input values, action data). */
function strings(card: CardJson): { text: string; exact: boolean }[] {
  const out: { text: string; exact: boolean }[] = [];
  const visit = (node: unknown, exact: boolean): void => {
    if (typeof node === 'string') out.push({ text: node, exact });
    else if (Array.isArray(node)) node.forEach((n) => visit(n, exact));
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      const type = typeof o.type === 'string' ? o.type : '';
      for (const [k, v] of Object.entries(o)) visit(v, exact || (type.startsWith('Input.') && k === 'value') || (type.startsWith('Action.') && k === 'data'));
    }
  };
  visit(card, false);
  return out;
}

// Adaptive Cards' text functions, as the SDK matches them (adaptivecards/lib/text-formatters.js).
const TEXT_FUNCTION = /\{{2}(?:DATE|TIME)\(/;

// --- The fixtures' data -----------------------------------------------------------------------------------

recorded.calls.length = 0;
for (const render of Object.values(CARD_FIXTURES)) render();
const cases = recorded.calls.map((c, i) => ({ ...c, label: `${c.name} #${recorded.calls.slice(0, i).filter((p) => p.name === c.name).length + 1}` }));

describe('user text cannot break or alter any card (issue 8)', () => {
  it('every template is covered by recorded fixture data', () => {
    expect(LONG).toHaveLength(5000);
    expect(new Set(cases.map((c) => c.name))).toEqual(new Set(Object.keys(CARD_FIXTURES)));
  });

  const table = cases.flatMap((c) => PAYLOADS.map(([label, text]) => ({ ...c, payload: label, text })));

  it.each(table)('$label with $payload in every free-text field renders, validates and shows it literally', ({ name, data, text }) => {
    // 1. Every free-text field holds exactly the hostile text.
    const card = renderTemplate(name, inject(data, () => text) as object);
    expect(validateCard(card)).toEqual([]);
    const all = strings(card);
    const forms = acceptedForms(text);
    expect(all.some((s) => forms.some((f) => s.text.includes(f)))).toBe(true);
    for (const s of all) if (!s.exact) expect(s.text).not.toMatch(TEXT_FUNCTION);

    // 2. Each field tagged, to check every field the card shows, one by one.
    const tag = (i: number): string => `«campo ${i}»`;
    const tagged = renderTemplate(name, inject(data, (i) => `${tag(i)}${text}`) as object);
    expect(validateCard(tagged)).toEqual([]);
    const shown = strings(renderTemplate(name, inject(data, (i) => `${tag(i)}.`) as object));
    let fields = 0;
    inject(data, () => String(fields++));
    let checked = 0;
    for (let i = 0; i < fields; i++) {
      const inPlain = shown.filter((s) => s.text.includes(`${tag(i)}.`));
      if (inPlain.length === 0) continue; // hidden by a $when in this fixture (e.g. an empty note)
      checked++;
      const inTagged = strings(tagged).filter((s) => s.text.includes(tag(i)));
      expect(inTagged).toHaveLength(inPlain.length);
      for (const s of inTagged) {
        const expected = s.exact ? [`${tag(i)}${text}`] : acceptedForms(`${tag(i)}${text}`);
        expect(expected.some((f) => s.text.includes(f)), `field ${i} of ${name}: ${s.text.slice(0, 120)}`).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe('renderTemplate escaping', () => {
  it('shows `${x}` exactly and breaks only a `{{` that comes from data, outside values that come back', () => {
    const card = renderTemplate('regProfile', {
      ...(cases.find((c) => c.name === 'regProfile')!.data as Record<string, unknown>),
      title: 'Eva ${x} {{DATE(2017-02-14T06:08:39Z, SHORT)}}',
      values: { nombre: 'Eva {{x}} ${x}', correo: '', vocalia: '', ambito: '', entidad: '', distrito: '', aniosSpen: '', ejes: '', accesibilidad: '' },
    });
    const texts: string[] = [];
    const values: string[] = [];
    walk(card, (o) => {
      if (o.type === 'TextBlock' && typeof o.text === 'string') texts.push(o.text);
      if (o.type === 'Input.Text' && typeof o.value === 'string') values.push(o.value);
    });
    expect(texts).toContain(`Eva \${x} {${TEXT_FUNCTION_SEPARATOR}{DATE(2017-02-14T06:08:39Z, SHORT)}}`);
    expect(values).toContain('Eva {{x}} ${x}');
  });

  it('memoises on the original data: text that differs only in sentinels renders differently', () => {
    const data = cases.find((c) => c.name === 'memberConfirm')!.data;
    const a = renderTemplate('memberConfirm', { ...data, title: '$' });
    const b = renderTemplate('memberConfirm', { ...data, title: '\uE001' });
    expect(JSON.stringify(a)).toContain('"$"');
    expect(JSON.stringify(b)).toContain('"\uE001"');
    expect(JSON.stringify(b)).not.toContain('"$"');
  });

  it('does not change the caller\'s data and gives every caller its own copy', () => {
    const data = { roleLabel: 'Eva ${x}', commands: [{ word: 'ayuda', description: '{{x}}' }], scopeNote: '' };
    const before = structuredClone(data);
    const first = renderTemplate('help', data);
    (first.body as unknown[]).length = 0;
    expect(data).toEqual(before);
    expect(JSON.stringify(renderTemplate('help', data))).toContain('Eva ${x}');
  });
});
