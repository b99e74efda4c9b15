import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs.js';
import { SURVEY_ANSWERS_COLLECTION, type AnswerDoc } from '../../src/services/surveys/index.js';
import { ana, berta } from '../helpers/activities.js';
import { EDITION, type Person } from '../elections/featureSupport.js';
import { buttonOf, cardText, fillPage, pageOf, surveyKit, type SurveyKit } from './support.js';

/**
 * Issue 12, bad input: forged card payloads are refused with a clear Spanish message, nothing is half-saved,
 * and the member can go on answering afterwards. The first page of wave 1 is «expectativas»: a single choice
 * (i0_0_0), a multiple choice (i1_0_0) and a long text (i2_0_0).
 */
describe('surveys: forged and stale payloads', () => {
  let k: SurveyKit;
  let a: Person;
  let version: string;
  let pages: string[];
  let valid: Record<string, unknown>;
  beforeEach(async () => {
    k = await surveyKit();
    a = k.people[0]!;
    await k.say(ana, 'encuesta abrir 1 cierre 2026-12-20');
    const wave = (await k.core.services.surveys.getWave(EDITION, 1))!;
    version = wave.instrumentVersion;
    const frozen = k.core.services.surveys.frozenOf(wave);
    pages = frozen.pages.map((p) => p.id);
    const first = frozen.instrument.sections[0]!.questions[0]!;
    valid = { i0_0_0: first.options![0]!.value, i2_0_0: 'Aprender de mis compañeras.' };
  });
  afterEach(async () => k.close());

  const page = (pageId: string, inputs: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    verb: VERBS.surveyPage,
    editionId: EDITION,
    wave: 1,
    version,
    pageId,
    nav: 'next',
    ...inputs,
    ...extra,
  });
  const stored = async (): Promise<AnswerDoc[]> => k.store.collection<AnswerDoc>(SURVEY_ANSWERS_COLLECTION).find({});

  it.each([
    ['an unknown question id', { q_inventada: 'hola' }, /una respuesta que no pertenece a esta página/],
    ['an unknown input position', { i9_0_0: 'hola' }, /no pertenece a esta página/],
    ['a value outside the options', { i0_0_0: 'no-existe' }, /no es una de las opciones/],
    ['a 10,000-character text', { i2_0_0: 'a'.repeat(10_000) }, /es demasiado largo/],
    ['a multiple choice with an invented value', { i1_0_0: 'inventado,otro' }, /no es una de las opciones/],
  ])('refuses %s and saves nothing', async (_label, inputs, message) => {
    const reply = await k.click(a, page(pages[0]!, inputs), 'card');
    expect(reply).toMatch(/no se guardó nada de esta página/);
    expect(reply).toMatch(message);
    expect(await stored()).toHaveLength(0);
    // She can go on with the same card.
    await k.click(a, page(pages[0]!, valid), 'card');
    expect(pageOf(k.cardNow(a, 'card')!)?.page).toBe(2);
    expect(await stored()).toHaveLength(1);
  });

  it('refuses a number outside its range, keeping the earlier pages', async () => {
    await k.click(a, buttonOf(k.cardNow(a, 'c')!, 'Responder la encuesta'), 'c');
    const card1 = k.cardNow(a, 'c')!;
    await k.click(a, { ...buttonOf(card1, 'Siguiente'), ...fillPage(card1) }, 'c');
    const before = JSON.stringify((await stored())[0]!.answers);
    const reply = await k.click(a, page(pages[1]!, { i0_0_0: 999, i1_0_0: 1, i2_0_0: 'titular' }), 'c');
    expect(reply).toMatch(/fuera del rango permitido/);
    expect(JSON.stringify((await stored())[0]!.answers)).toBe(before);
  });

  it('refuses a page out of order, a card of another version, a closed wave, and someone who is not a member', async () => {
    expect(await k.click(a, page(pages[3]!, {}), 'c')).toMatch(/faltan respuestas obligatorias en una página anterior/);
    expect(await k.click(a, page(pages[0]!, valid, { version: '1999.1' }), 'c')).toMatch(/versión anterior de la encuesta/);
    expect(await k.click(a, page('no-existe', valid), 'c')).toMatch(/no pertenece a esta encuesta/);
    expect(await k.click(berta, page(pages[0]!, valid), 'c')).toMatch(/no encontré su registro validado/);
    expect(await k.click(a, page(pages[0]!, valid, { editionId: 'otra' }), 'c')).toMatch(/no existe o todavía no se abre/);
    expect(await stored()).toHaveLength(0);
    // A forged send before answering: nothing is sent.
    expect(await k.click(a, { verb: VERBS.surveySubmit, editionId: EDITION, wave: 1, version }, 'c')).toMatch(/Faltan respuestas obligatorias/);
    expect(await stored()).toHaveLength(0);

    expect(await k.say(ana, 'encuesta cerrar 1')).toMatch(/Se cerró la Ola 1 · línea base con 0 respuestas enviadas/);
    expect(await k.click(a, page(pages[0]!, valid), 'c')).toMatch(/ya cerró/);
    expect(cardText(k.cardNow(a, 'c'))).toMatch(/Encuesta cerrada/);
    expect(await stored()).toHaveLength(0);
    expect(await k.say(a, 'encuesta')).toMatch(/no hay una encuesta abierta/);
  });

  it('another member pressing a copy of her card answers only for herself', async () => {
    const b = k.people[1]!;
    await k.click(a, buttonOf(k.cardNow(a, 'c')!, 'Responder la encuesta'), 'c');
    const card = k.cardNow(a, 'c')!;
    const data = { ...buttonOf(card, 'Siguiente'), ...fillPage(card) };
    await k.click(a, data, 'c');
    await k.click(b, data, 'copy');
    const docs = await stored();
    expect(docs).toHaveLength(2);
    const keys = k.core.services.surveys.keys;
    expect(docs.map((d) => d.respondent).sort()).toEqual([keys.of(EDITION, a.key), keys.of(EDITION, b.key)].sort());
  });
});
