import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs.js';
import { SURVEY_ANSWERS_COLLECTION, SURVEY_PARTICIPATION_COLLECTION, type AnswerDoc, type ParticipationDoc } from '../../src/services/surveys/index.js';
import { ana } from '../helpers/activities.js';
import { EDITION, type Person } from '../elections/featureSupport.js';
import { answerToReview, buttonOf, cardText, fillPage, inputsOf, pageOf, submitsOf, surveyKit, type SurveyKit } from './support.js';

/**
 * Issue 12, the answering flow through the bot (TestAdapter): UTIGyND opens a wave, every validated member
 * gets the invitation 1:1, a member answers page by page with Atrás and Siguiente, stops and continues with
 * «encuesta», reviews and sends; the card becomes «Gracias» in place and cannot be sent again.
 */
describe('surveys: open, answer page by page, continue, send', () => {
  let k: SurveyKit;
  let a: Person;
  beforeEach(async () => {
    k = await surveyKit();
    a = k.people[0]!;
  });
  afterEach(async () => k.close());

  it('opens a wave and invites every validated member 1:1', async () => {
    const reply = await k.say(ana, 'encuesta abrir 1 cierre 2026-12-20');
    expect(reply).toMatch(/Se abrió la Ola 1 · línea base hasta el 20 de diciembre de 2026, 23:59 h/);
    expect(reply).toMatch(/Se envió la invitación a 8 integrantes invitadas/);
    const invitations = k.notifier.people.find((b) => b.broadcastId === `encuesta-invitacion:${EDITION}:1`)!;
    expect(invitations.recipients.map((r) => r.personKey).sort()).toEqual(k.people.map((p) => p.key).sort());
    expect(cardText(invitations.recipients[0]!.message.cards![0])).toMatch(/Responder la encuesta/);
    // Opening twice is refused; a member cannot open a wave.
    expect(await k.say(ana, 'encuesta abrir 1')).toMatch(/ya está abierta/);
    expect(await k.say(a, 'encuesta abrir 2')).toMatch(/exclusiva de la administración/);
  });

  it('answers with Siguiente and Atrás, continues later with «encuesta», sends once, and the card says Gracias', async () => {
    await k.say(ana, 'encuesta abrir 1 cierre 2026-12-20');
    const cardId = 'invitation-a';
    await k.click(a, buttonOf(k.cardNow(a, cardId)!, 'Responder la encuesta'), cardId);
    let card = k.cardNow(a, cardId)!;
    const first = pageOf(card)!;
    expect(first.page).toBe(1);
    expect(first.pages).toBeGreaterThanOrEqual(3);
    expect(cardText(card)).not.toContain('Atrás');

    // Page 1 → 2.
    await k.click(a, { ...buttonOf(card, 'Siguiente'), ...fillPage(card) }, cardId);
    card = k.cardNow(a, cardId)!;
    expect(pageOf(card)?.page).toBe(2);
    // Page 2 → 3, then Atrás → 2 (her answers of page 2 are shown again).
    const page2 = fillPage(card);
    await k.click(a, { ...buttonOf(card, 'Siguiente'), ...page2 }, cardId);
    card = k.cardNow(a, cardId)!;
    expect(pageOf(card)?.page).toBe(3);
    await k.click(a, { ...buttonOf(card, 'Atrás'), ...fillPage(card) }, cardId);
    card = k.cardNow(a, cardId)!;
    expect(pageOf(card)?.page).toBe(2);
    // Her answers of page 2 are pre-filled on the card.
    const prefilled = Object.fromEntries(inputsOf(card).map((i) => [i.id, i.value]));
    for (const [id, v] of Object.entries(page2)) expect(String(prefilled[id]), id).toBe(String(v));

    // She stops; «encuesta» sends the page where she left (a new card).
    k.sent.length = 0;
    await k.say(a, 'encuesta');
    expect(k.sent).toHaveLength(1);
    expect(pageOf(k.sent[0]!)?.page).toBe(2);

    // She finishes from the new card: review page, then Enviar.
    const second = 'continued-card';
    k.cards.push({ id: second, card: k.sent[0]! });
    await answerToReview(k, a, second);
    const review = k.cardNow(a, second)!;
    expect(cardText(review)).toMatch(/Revise sus respuestas/);
    const send = buttonOf(review, 'Enviar');
    await k.click(a, send, second);
    expect(cardText(k.cardNow(a, second))).toMatch(/¡Gracias!/);
    expect(cardText(k.cardNow(a, second))).not.toMatch(/Enviar/);

    // Double click / retried activity: one answer, still «Gracias», never an error.
    const again = await k.click(a, send, second);
    expect(again).not.toMatch(/no|error/i);
    expect(cardText(k.cardNow(a, second))).toMatch(/¡Gracias!/);
    const answers = await k.store.collection<AnswerDoc>(SURVEY_ANSWERS_COLLECTION).find({ editionId: EDITION, wave: 1 });
    expect(answers).toHaveLength(1);
    expect(answers[0]!.submitted).toBe(true);
    const register = await k.store.collection<ParticipationDoc>(SURVEY_PARTICIPATION_COLLECTION).find({ personKey: a.key });
    expect(register.map((r) => r.state)).toEqual(['finished']);

    // The old page card cannot change anything now.
    expect(await k.click(a, { ...buttonOf(card, 'Siguiente'), ...fillPage(card) }, cardId)).toMatch(/ya envió esta encuesta/);
    expect(await k.say(a, 'encuesta')).toMatch(/Ya envió la encuesta abierta/);
  });

  it('stores answers only under the pseudonymous key: no person, name or time in the answers', async () => {
    await k.say(ana, 'encuesta abrir 1 cierre 2026-12-20');
    await answerToReview(k, a, 'inv');
    await k.click(a, buttonOf(k.cardNow(a, 'inv')!, 'Enviar'), 'inv');
    const [doc] = await k.store.collection<AnswerDoc>(SURVEY_ANSWERS_COLLECTION).find({});
    const json = JSON.stringify(doc);
    expect(json).not.toContain(a.key);
    expect(json).not.toContain(a.user.aadObjectId!);
    expect(json).not.toContain(a.nombre);
    expect(json).not.toContain(a.correo);
    expect(json).not.toMatch(/20\d\d-\d\d-\d\dT/);
    expect(doc!.respondent).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(doc!.profile).sort()).toEqual(['ambito', 'circunscripcion', 'group', 'vocalia']);
    // The same person in the same edition always gets the same key; another person another one.
    const keys = k.core.services.surveys.keys;
    expect(keys.of(EDITION, a.key)).toBe(doc!.respondent);
    expect(keys.of(EDITION, k.people[1]!.key)).not.toBe(doc!.respondent);
    expect(keys.pseudonym(doc!.respondent)).not.toContain(doc!.respondent.slice(0, 12));
  });

  it('«Siguiente» with a required question unanswered saves the rest and names what is missing', async () => {
    await k.say(ana, 'encuesta abrir 1 cierre 2026-12-20');
    await k.click(a, buttonOf(k.cardNow(a, 'c')!, 'Responder la encuesta'), 'c');
    const card = k.cardNow(a, 'c')!;
    const next = submitsOf(card).find((d) => d.verb === VERBS.surveyPage && d.nav === 'next')!;
    await k.click(a, next, 'c');
    const again = k.cardNow(a, 'c')!;
    expect(pageOf(again)?.page).toBe(1);
    expect(cardText(again)).toMatch(/Faltan respuestas obligatorias en esta página/);
  });
});
