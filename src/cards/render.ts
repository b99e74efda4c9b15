import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Template } from 'adaptivecards-templating';
import { resourcePath } from '../resources.js';

/**
 * Expands the Adaptive Card templates in cards/<feature>/ (Adaptive Cards 1.5, the highest Teams renders).
 * A template is named by its file name without folder and extension ('groupNotice' is
 * cards/groups/groupNotice.json); names are unique across folders.
 * One typed render function per card lives next to its data type in src/cards/*.ts; they all go through
 * `renderTemplate`, which escapes the data (see below) and refuses output that still contains an unbound `${...}`.
 */
export type CardJson = Record<string, unknown>;

const cache = new Map<string, unknown>();

// adaptivecards-templating parses every `${…}` string of a template again on each expansion (an ANTLR parse
// per string, about 3 ms for a small card). The parse depends only on the template's own string — data
// strings never reach it (see Escaping below) — and evaluating an Expression does not change it, so each
// distinct template string is parsed once per process. Bounded, as a guard: templates have a few thousand.
const parsedStrings = new Map<string, ReturnType<typeof Template.parseInterpolatedString>>();
const MAX_PARSED_STRINGS = 20_000;
const parseInterpolatedString = Template.parseInterpolatedString.bind(Template);
Template.parseInterpolatedString = (interpolatedString: string) => {
  const known = parsedStrings.get(interpolatedString);
  if (known !== undefined) return known;
  const parsed = parseInterpolatedString(interpolatedString);
  if (parsedStrings.size < MAX_PARSED_STRINGS) parsedStrings.set(interpolatedString, parsed);
  return parsed;
};

let index: Map<string, string> | undefined;

/** Every template under cards/, by name → path (read once). Two templates with one name are a packaging error. */
export function templateIndex(): ReadonlyMap<string, string> {
  if (index) return index;
  const found = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.json')) {
        const name = entry.name.slice(0, -'.json'.length);
        if (found.has(name)) throw new CardRenderError(name, `two templates with this name: ${found.get(name)} and ${full}`);
        found.set(name, full);
      }
    }
  };
  walk(resourcePath('cards'));
  index = found;
  return found;
}

function loadTemplate(name: string): unknown {
  let t = cache.get(name);
  if (!t) {
    const file = templateIndex().get(name);
    if (!file) throw new CardRenderError(name, 'no such template under cards/');
    t = JSON.parse(readFileSync(file, 'utf8')) as unknown;
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

// --- Escaping -------------------------------------------------------------------------------------
//
// Card data carries text typed by people (names, reasons, edition names…), and it is escaped here, once,
// for every card; render functions pass their data as it is.
//
// adaptivecards-templating parses `${...}` only in the template: a data string is inserted as it is, even
// `${x}` or `${$root.verbs}`, and data objects ($when or $data keys included) are copied, never expanded.
// What a data string can break is our own check for unbound expressions (a template bug leaves `${path}`
// in the output), and Teams itself, which rewrites `{{DATE(...)}}` and `{{TIME(...)}}` in displayed text.
//
// So, before expansion every `$` and `{` of every data string becomes a private-use sentinel (one code
// unit for one, so lengths and comparisons with '' are unchanged); the check then sees only the template's
// own expressions. After expansion every output string gets its characters back exactly, except that a
// `{{` with at least one brace from data gets TEXT_FUNCTION_SEPARATOR between the braces in displayed
// text, so Teams shows it instead of formatting a date. Values that come back to the bot (input values,
// action data, ids, URLs) are restored exactly.

const ESCAPE = '\uE000'; // precedes a sentinel code point that was already in the data
const DOLLAR = '\uE001';
const BRACE = '\uE002';
const SENTINELS = /[\uE000-\uE002]/;

/** Invisible character put between the braces of a `{{` that comes from data (Teams text functions). */
export const TEXT_FUNCTION_SEPARATOR = '\u200B';

function escapeText(text: string): string {
  return text.replace(/[${\uE000-\uE002]/g, (c) => (c === '$' ? DOLLAR : c === '{' ? BRACE : ESCAPE + c));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A copy of the data with every string (in arrays and plain objects, at any depth) escaped. */
function escapeData(value: unknown): unknown {
  if (typeof value === 'string') return escapeText(value);
  if (Array.isArray(value)) return value.map(escapeData);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = escapeData(v);
    return out;
  }
  return value;
}

function restoreText(text: string, breakBraces: boolean): string {
  if (!SENTINELS.test(text)) return text;
  let out = '';
  let previousBrace: 'none' | 'template' | 'data' = 'none';
  for (let i = 0; i < text.length; i++) {
    let c = text[i]!;
    let fromData = false;
    if (c === ESCAPE) c = text[++i] ?? '';
    else if (c === DOLLAR) c = '$';
    else if (c === BRACE) {
      c = '{';
      fromData = true;
    }
    if (c === '{') {
      if (breakBraces && previousBrace !== 'none' && (fromData || previousBrace === 'data')) out += TEXT_FUNCTION_SEPARATOR;
      previousBrace = fromData ? 'data' : 'template';
    } else previousBrace = 'none';
    out += c;
  }
  return out;
}

/** Keys whose values come back to the bot or are addresses: restored exactly, no separator. */
const EXACT_KEYS = new Set(['id', 'url', 'iconUrl', 'verb']);
/** Keys of Input.* elements (and of their choices) whose values come back on submit. */
const EXACT_INPUT_KEYS = new Set(['value', 'valueOn', 'valueOff']);

/** A copy of the expanded card with the data's characters back; `owner` is the nearest element with a type. */
function restoreCard(node: unknown, owner: string, breakBraces: boolean): unknown {
  if (typeof node === 'string') return restoreText(node, breakBraces);
  if (Array.isArray(node)) return node.map((n) => restoreCard(n, owner, breakBraces));
  if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>;
    const type = typeof record.type === 'string' ? record.type : owner;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(record)) {
      const exact =
        EXACT_KEYS.has(k) || (k === 'data' && type.startsWith('Action.')) || (EXACT_INPUT_KEYS.has(k) && type.startsWith('Input.'));
      out[k] = restoreCard(v, type, breakBraces && !exact);
    }
    return out;
  }
  return node;
}

// --- Rendering ------------------------------------------------------------------------------------

/**
 * Expanding a template evaluates its expressions (about a millisecond for a small card), and many cards are
 * rendered again and again with the same data (help per role and scope, welcome). Results are memoised by
 * template and (original) data, and callers get their own copy.
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
  const expanded = template.expand({ $root: escapeData(data) }) as CardJson;
  // Data strings hold no `$` now: whatever `${` is left is the template's (a missing field or a failed expression).
  const leftover = /\$\{[^}]*\}?/.exec(JSON.stringify(expanded));
  if (leftover) throw new CardRenderError(name, `unbound expression ${leftover[0]}`);
  return restoreCard(expanded, '', true) as CardJson;
}

/** Content type of an Adaptive Card attachment. */
export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
