/**
 * Scrubbing of free text before it is published in the general report (barrier examples, group reports'
 * texts): e-mail addresses, telephone numbers, the names of people the bot knows (members), and places smaller
 * than a circunscripción (entidades, cabeceras, districts and juntas). Pure; the placeholders come from the
 * caller's texts module. Unknown names and municipalities cannot be recognized: the report's method section says
 * the examples were reviewed for that.
 */

export interface ScrubPlaceholders {
  person: string;
  email: string;
  phone: string;
  place: string;
}

export interface Scrubber {
  scrub(text: string): string;
}

const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const PHONE = /(?:\+?\d[\d\s().-]{7,}\d)/g;
/** "distrito 5", "Distrito Federal 05", "JDE 09-05", "JLE-14", "junta distrital 3", "junta local ejecutiva en X". */
const DISTRICT = /\b(?:distrito(?:\s+(?:federal|electoral))?\s*(?:n[uú]m\.?|no\.?)?\s*\d+|j[dl]e[\s-]*\d+(?:[\s-]+\d+)?|junta\s+(?:distrital|local)(?:\s+ejecutiva)?\s*(?:n[uú]m\.?|no\.?)?\s*\d+)/giu;
/** Connectors inside a person's name ("María de la Luz"). */
const CONNECTORS = new Set(['de', 'del', 'la', 'las', 'los', 'y']);
/** A word: letters (with accents), apostrophes and inner hyphens. */
const WORD = /[\p{L}][\p{L}\p{N}'’-]*/gu;

/**
 * Builds a scrubber for one report: `names` are the people's full names (every token of three or more letters
 * becomes a known name token), `places` the names of entidades and cabeceras.
 */
export function createScrubber(names: readonly string[], places: readonly string[], placeholders: ScrubPlaceholders): Scrubber {
  const tokens = new Set<string>();
  for (const name of names) {
    for (const t of name.match(WORD) ?? []) {
      const f = fold(t);
      if (f.length >= 3 && !CONNECTORS.has(f)) tokens.add(f);
    }
  }
  const placeList = [...new Set(places.map((p) => p.trim()).filter((p) => p.length >= 3))].sort((a, b) => b.length - a.length);
  // Accent-insensitive place matching: match on the folded text, replace the same span of the original
  // (folding with NFD + removal of combining marks keeps one character per precomposed letter).
  const placeRe = placeList.length ? new RegExp(`(?<![\\p{L}])(?:${placeList.map((p) => escapeRe(fold(p))).join('|')})(?![\\p{L}])`, 'gu') : undefined;

  function scrubNames(text: string): string {
    let out = '';
    let last = 0;
    const words = [...text.matchAll(WORD)];
    let i = 0;
    while (i < words.length) {
      const w = words[i]!;
      const isCap = /^\p{Lu}/u.test(w[0]);
      if (!isCap || !tokens.has(fold(w[0]))) {
        i++;
        continue;
      }
      // Extend over the following capitalized words and connectors that belong to the name.
      let end = i;
      let j = i + 1;
      while (j < words.length) {
        const between = text.slice(words[j - 1]!.index + words[j - 1]![0].length, words[j]!.index);
        if (!/^\s+$/.test(between)) break;
        const word = words[j]![0];
        if (/^\p{Lu}/u.test(word)) {
          end = j;
          j++;
        } else if (CONNECTORS.has(fold(word))) j++;
        else break;
      }
      const start = w.index;
      const stop = words[end]!.index + words[end]![0].length;
      out += text.slice(last, start) + placeholders.person;
      last = stop;
      i = end + 1;
    }
    return out + text.slice(last);
  }

  function scrubPlaces(text: string): string {
    if (!placeRe) return text;
    const folded = fold(text);
    if (folded.length !== text.length) return text.replace(new RegExp(placeRe.source, 'giu'), placeholders.place);
    let out = '';
    let last = 0;
    for (const m of folded.matchAll(placeRe)) {
      out += text.slice(last, m.index) + placeholders.place;
      last = m.index + m[0].length;
    }
    return out + text.slice(last);
  }

  return {
    scrub(text: string): string {
      let t = text.replace(EMAIL, placeholders.email);
      t = t.replace(PHONE, (m) => (m.replace(/\D/g, '').length >= 8 ? placeholders.phone : m));
      t = t.replace(DISTRICT, placeholders.place);
      t = scrubPlaces(t);
      return scrubNames(t);
    },
  };
}
