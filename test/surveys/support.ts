import type { Activity, ResourceResponse, TurnContext } from 'botbuilder';
import { vi } from 'vitest';
import { textOf } from '../helpers/harness.js';
import { cardSentTo, cardText, electionKit, submitsOf, type ElectionKit, type Person } from '../elections/featureSupport.js';
import { VERBS } from '../../src/cards/verbs.js';
import { personalMessage, personalSubmit, type UserLike } from '../helpers/activities.js';

/**
 * The surveys feature on the elections' kit (a bot wired as in production, embedded store, fake clock,
 * RecordingNotifier, validated members in confirmed groups): card updates in place are kept as cards, so a
 * test can press the buttons of the card the member sees now, as Teams would.
 */
export interface SurveyKit extends ElectionKit {
  /** Every card update in place: the card id (replyToId) and the new card. */
  cards: { id: string; card: Record<string, unknown> }[];
  /** The card she sees now under `cardId` (its latest update), or the invitation. */
  cardNow(p: Person, cardId: string): Record<string, unknown> | undefined;
  /** Cards sent as new messages in the last turns (e.g. by «encuesta»). */
  sent: Record<string, unknown>[];
}

export async function surveyKit(opts: { members?: number; groups?: number } = {}): Promise<SurveyKit> {
  const k = await electionKit(opts);
  const cards: { id: string; card: Record<string, unknown> }[] = [];
  vi.spyOn(k.adapter, 'updateActivity').mockImplementation(async (_c: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> => {
    if (k.failUpdates.has(activity.id!)) throw new Error('update refused');
    k.updates.push({ id: activity.id!, text: textOf(activity) });
    const card = activity.attachments?.[0]?.content as Record<string, unknown> | undefined;
    if (card) cards.push({ id: activity.id!, card });
    return { id: activity.id! };
  });
  const sent: Record<string, unknown>[] = [];
  const wrapped = async (activity: Partial<Activity>): Promise<string> => {
    const before = k.adapter.activeQueue.length;
    const queue = k.adapter.activeQueue;
    await k.adapter.processActivity(activity);
    const out = queue.splice(before);
    for (const a of out) for (const att of a.attachments ?? []) if (att.contentType === 'application/vnd.microsoft.card.adaptive') sent.push(att.content as Record<string, unknown>);
    return out.map(textOf).join('\n');
  };
  return {
    ...k,
    cards,
    sent,
    turn: wrapped,
    say: (who, text) => wrapped({ ...personalMessageOf(who, text) }),
    click: (who, value, cardId) => wrapped({ ...personalSubmitOf(who, value), ...(cardId ? { replyToId: cardId } : {}) }),
    cardNow: (p, cardId) => cards.filter((c) => c.id === cardId).at(-1)?.card ?? cardSentTo(k.notifier, 'encuesta-invitacion:', p.key),
  };
}

const userOf = (p: Person | UserLike): UserLike => ('user' in p ? p.user : p);
const personalMessageOf = (p: Person | UserLike, text: string): Partial<Activity> => personalMessage(userOf(p), text);
const personalSubmitOf = (p: Person | UserLike, value: Record<string, unknown>): Partial<Activity> => personalSubmit(userOf(p), value);

export interface CardInput {
  id: string;
  type: string;
  label: string;
  choices: { title: string; value: string }[];
  multi: boolean;
  min?: number;
  /** The value shown (her saved answer), if any. */
  value?: unknown;
}

/** The inputs of a card, in order. */
export function inputsOf(card: Record<string, unknown>): CardInput[] {
  const out: CardInput[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.')) {
        out.push({ id: o.id as string, type: o.type, label: String(o.label ?? ''), choices: (o.choices as { title: string; value: string }[] | undefined) ?? [], multi: o.isMultiSelect === true, ...(typeof o.min === 'number' ? { min: o.min } : {}), ...(o.value !== undefined ? { value: o.value } : {}) });
      }
      for (const v of Object.values(o)) if (typeof v === 'object') walk(v);
    }
  };
  walk(card);
  return out;
}

/** A valid answer for every input of a page card: first choice, the minimum, a short text. */
export function fillPage(card: Record<string, unknown>, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const input of inputsOf(card)) {
    if (input.type === 'Input.ChoiceSet') value[input.id] = input.choices[0]?.value;
    else if (input.type === 'Input.Number') value[input.id] = input.min ?? 0;
    else if (input.type === 'Input.Text') value[input.id] = 'Respuesta de prueba';
  }
  return { ...value, ...overrides };
}

/** The Action.Submit data of a card's button with this title. */
export function buttonOf(card: Record<string, unknown>, title: string): Record<string, unknown> {
  const walk = (node: unknown): Record<string, unknown> | undefined => {
    if (Array.isArray(node)) {
      for (const n of node) {
        const r = walk(n);
        if (r) return r;
      }
    } else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Submit' && o.title === title) return o.data as Record<string, unknown>;
      for (const v of Object.values(o)) {
        if (typeof v === 'object') {
          const r = walk(v);
          if (r) return r;
        }
      }
    }
    return undefined;
  };
  const data = walk(card);
  if (!data) throw new Error(`no button «${title}» on the card: ${cardText(card).slice(0, 300)}`);
  return data;
}

/** «Página 2 de 5» of a page card, or undefined. */
export function pageOf(card: Record<string, unknown>): { page: number; pages: number } | undefined {
  const m = /Página (\d+) de (\d+)/.exec(cardText(card));
  return m ? { page: Number(m[1]), pages: Number(m[2]) } : undefined;
}

/**
 * Answers the whole survey with the card `cardId` (pressing «Responder la encuesta» first when it is the
 * invitation), filling every page and pressing Siguiente, until the review page. Returns the pages seen.
 */
export async function answerToReview(k: SurveyKit, p: Person, cardId: string, firstChoice = 0): Promise<number> {
  let card = k.cardNow(p, cardId)!;
  if (submitsOf(card).some((d) => d.verb === VERBS.surveyStart)) {
    await k.click(p, submitsOf(card).find((d) => d.verb === VERBS.surveyStart)!, cardId);
    card = k.cardNow(p, cardId)!;
  }
  let pages = 0;
  for (let guard = 0; guard < 40 && pageOf(card); guard++) {
    const next = submitsOf(card).find((d) => d.verb === VERBS.surveyPage && d.nav === 'next')!;
    // On the first page, the first question's option number `firstChoice` (to vary the answers).
    const first = pages === 0 ? inputsOf(card)[0] : undefined;
    const override = first?.type === 'Input.ChoiceSet' && first.choices[firstChoice] ? { [first.id]: first.choices[firstChoice].value } : {};
    await k.click(p, { ...next, ...fillPage(card, override) }, cardId);
    card = k.cardNow(p, cardId)!;
    pages++;
  }
  return pages;
}

export { cardText, submitsOf };
