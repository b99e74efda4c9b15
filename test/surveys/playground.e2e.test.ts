import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaygroundApp } from '../support/playgroundApp.js';
import type { PlaygroundMessage } from '../support/playgroundClient.js';
import { cardsText, confirmGroupsWithChannel, seedMembers, startPlaygroundWithEdition, E2E_EDITION } from '../support/playgroundEdition.js';
import { buttonOf, fillPage, inputsOf, pageOf, submitsOf } from './support.js';
import { VERBS } from '../../src/cards/verbs.js';
import { SURVEY_ANSWERS_COLLECTION, SURVEY_PARTICIPATION_COLLECTION, type AnswerDoc, type ParticipationDoc } from '../../src/services/surveys/index.js';

/**
 * Issue 12 end to end through the Agents Playground (real app, real delivery engine): the Playground's current
 * user (Alex Wilber) is UTIGyND and a validated member of a confirmed group. She opens wave 1; the invitation
 * reaches her 1:1; she answers page by page on the same card (updated in place) with Siguiente and Atrás, stops
 * and continues later with «encuesta» (a new card on the page where she left), reviews and sends; the card
 * becomes «¡Gracias!» and a second press stores nothing more; the results for UTIGyND show the suppression of
 * cells under five answers.
 */
describe('surveys end to end through the Agents Playground', () => {
  let e2e: PlaygroundApp;

  beforeAll(async () => {
    e2e = await startPlaygroundWithEdition('surveys');
    const members = await seedMembers(e2e, { count: 8, seed: 21, keyBase: 900 });
    await confirmGroupsWithChannel(e2e, members, 2);
  });

  afterAll(async () => e2e?.close());

  const cardOf = (m: PlaygroundMessage): Record<string, unknown> => (m.attachments?.[0]?.content ?? {}) as Record<string, unknown>;

  it('opens wave 1, answers three pages with Atrás and Siguiente, continues later, sends once, sees the results', async () => {
    const { client, pg } = e2e;
    const me = pg.personalConversationId;
    const closing = DateTime.now().setZone('America/Mexico_City').plus({ days: 10 }).toFormat('yyyy-MM-dd');

    let from = client.messages.length;
    await client.send(me, { from: pg.currentUserId, text: `encuesta abrir 1 cierre ${closing}` });
    await client.waitFor(me, (m) => (m.text ?? '').includes('Se abrió la Ola 1'), from);
    const invitation = await client.waitFor(me, (m) => m.kind === 'create' && cardsText(m).includes('Responder la encuesta'), from, 30_000);
    const cardId = invitation.messageId ?? '';

    /** Presses a button of the card `id` (its latest version) and waits for the card to become page `page`. */
    const press = async (id: string, value: Record<string, unknown>, expectPage: (c: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> => {
      const mark = client.messages.length;
      await client.submit(me, pg.currentUserId, id, value);
      try {
        return cardOf(await client.waitForUpdate(id, (m) => expectPage(cardOf(m)), mark, 20_000));
      } catch (e) {
        const since = client.messages.slice(mark).map((m) => [m.kind, m.messageId, m.text, pageOf(cardOf(m)), cardsText(m).slice(0, 400)]);
        throw new Error(`${(e as Error).message.slice(0, 80)}; since the press: ${JSON.stringify(since)}`, { cause: e });
      }
    };
    const onPage = (n: number) => (c: Record<string, unknown>) => pageOf(c)?.page === n;

    // «Responder la encuesta»: the invitation becomes page 1.
    let card = await press(cardId, buttonOf(cardOf(invitation), 'Responder la encuesta'), onPage(1));
    const pages = pageOf(card)!.pages;
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(card)).not.toContain('"Atrás"');

    // Page 1 → 2 → 3, then Atrás → 2 with her answers of page 2 shown again.
    card = await press(cardId, { ...buttonOf(card, 'Siguiente'), ...fillPage(card) }, onPage(2));
    const page2 = fillPage(card);
    card = await press(cardId, { ...buttonOf(card, 'Siguiente'), ...page2 }, onPage(3));
    card = await press(cardId, { ...buttonOf(card, 'Atrás'), ...fillPage(card) }, onPage(2));
    const shown = Object.fromEntries(inputsOf(card).map((i) => [i.id, i.value]));
    for (const [id, v] of Object.entries(page2)) expect(String(shown[id]), id).toBe(String(v));

    // She stops; later «encuesta» brings a new card on the page where she left.
    from = client.messages.length;
    await client.send(me, { from: pg.currentUserId, text: 'encuesta' });
    const resumed = await client.waitFor(me, (m) => m.kind === 'create' && pageOf(cardOf(m))?.page === 2, from, 20_000);
    const resumedId = resumed.messageId ?? '';
    card = cardOf(resumed);

    // Siguiente to the end (a page shows again when an answer reveals a conditional question), then the review.
    for (let guard = 0; guard < 3 * pages && pageOf(card); guard++) {
      const at = pageOf(card)!.page;
      const next = submitsOf(card).find((d) => d.verb === VERBS.surveyPage && d.nav === 'next')!;
      card = await press(resumedId, { ...next, ...fillPage(card) }, (c) => JSON.stringify(c).includes('Revise sus respuestas') || (pageOf(c)?.page ?? 0) >= at);
    }
    expect(JSON.stringify(card)).toContain('Revise sus respuestas');
    const send = buttonOf(card, 'Enviar');
    card = await press(resumedId, send, (c) => JSON.stringify(c).includes('¡Gracias!'));
    expect(JSON.stringify(card)).not.toContain('"Enviar"');

    // A second press (double click, retried activity): one answer only, and never an error for her.
    from = client.messages.length;
    await client.submit(me, pg.currentUserId, resumedId, send);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(client.messages.slice(from).some((m) => /error|no se pudo/i.test(m.text ?? ''))).toBe(false);
    const store = e2e.app.store;
    const answers = await store.collection<AnswerDoc>(SURVEY_ANSWERS_COLLECTION).find({ editionId: E2E_EDITION, wave: 1 });
    expect(answers.map((a) => a.submitted)).toEqual([true]);
    const states = (await store.collection<ParticipationDoc>(SURVEY_PARTICIPATION_COLLECTION).find({ editionId: E2E_EDITION, wave: 1 })).map((p) => p.state);
    expect(states.filter((s) => s === 'finished')).toHaveLength(1);

    // UTIGyND's results: one answer, so every cell is suppressed (fewer than five).
    from = client.messages.length;
    await client.send(me, { from: pg.currentUserId, text: 'encuesta resultados 1' });
    const results = await client.waitFor(me, (m) => cardsText(m).includes('Resultados'), from, 20_000);
    expect(cardsText(results)).toContain('menos de 5 respuestas');
  }, 180_000);
});
