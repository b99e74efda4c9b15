import { readFileSync } from 'node:fs';
import { Template } from 'adaptivecards-templating';
import { resourcePath } from '../resources.js';

/**
 * Expands the Adaptive Card templates in cards/ (Adaptive Cards 1.5, the highest Teams renders).
 * One typed render function per card lives next to its data type in src/cards/*.ts; they all go through
 * `renderTemplate`, which refuses output that still contains an unbound `${...}`.
 */
export type CardJson = Record<string, unknown>;

const cache = new Map<string, unknown>();

function loadTemplate(name: string): unknown {
  let t = cache.get(name);
  if (!t) {
    t = JSON.parse(readFileSync(resourcePath('cards', `${name}.json`), 'utf8')) as unknown;
    cache.set(name, t);
  }
  return t;
}

export class CardRenderError extends Error {
  constructor(
    readonly card: string,
    detail: string,
  ) {
    super(`Card ${card}: ${detail}`);
    this.name = 'CardRenderError';
  }
}

/**
 * Expanding a template evaluates its expressions (about a millisecond for a small card), and many cards are
 * rendered again and again with the same data (help per role and scope, welcome). Results are memoised by
 * template and data, and callers get their own copy.
 */
const MEMO_LIMIT = 500;
const memo = new Map<string, CardJson>();

export function renderTemplate(name: string, data: object): CardJson {
  const key = `${name}\u0000${JSON.stringify(data)}`;
  const hit = memo.get(key);
  if (hit) return structuredClone(hit);
  const card = expand(name, data);
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value!);
  memo.set(key, card);
  return structuredClone(card);
}

function expand(name: string, data: object): CardJson {
  const template = new Template(loadTemplate(name));
  const card = template.expand({ $root: data }) as CardJson;
  const text = JSON.stringify(card);
  const leftover = /\$\{[^}]*\}/.exec(text);
  if (leftover) throw new CardRenderError(name, `unbound expression ${leftover[0]}`);
  return card;
}

/** The card names available in cards/ (used by tests that validate every template). */
export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
