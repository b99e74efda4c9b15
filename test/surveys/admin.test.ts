import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PENDING_FILES, type PendingFileDoc } from '../../src/services/reports/pendingFiles.js';
import { AUDIT_COLLECTION } from '../../src/services/registration/audit.js';
import { SURVEY_ANSWERS_COLLECTION, SURVEY_PARTICIPATION_COLLECTION, type AnswerDoc, type ParticipationDoc } from '../../src/services/surveys/index.js';
import { loadDefaultInstrument } from '../../src/data/surveys/index.js';
import { ana } from '../helpers/activities.js';
import { EDITION, type Person } from '../elections/featureSupport.js';
import { answerToReview, buttonOf, cardText, surveyKit, type SurveyKit } from './support.js';

/**
 * Issue 12, UTIGyND: «encuestas» (state and response rates), «encuesta resultados» with suppression visible,
 * «encuesta comparar», «encuesta exportar» (anonymous XLSX through the file flow), «encuesta instrumento»
 * (replacement before opening, frozen after) and «borrar mis datos» removing her answers.
 */
describe('surveys: administration, results and erasure', () => {
  let k: SurveyKit;
  beforeEach(async () => {
    k = await surveyKit();
  });
  afterEach(async () => k.close());

  async function send(p: Person, wave = 1, firstChoice = 0): Promise<void> {
    const id = `inv-${wave}-${p.key}`;
    if (wave !== 1) k.cards.push({ id, card: cardOfInvitation(wave, p) });
    await answerToReview(k, p, id, firstChoice);
    await k.click(p, buttonOf(k.cardNow(p, id)!, 'Enviar'), id);
  }
  function cardOfInvitation(wave: number, p: Person): Record<string, unknown> {
    const b = k.notifier.people.find((x) => x.broadcastId === `encuesta-invitacion:${EDITION}:${wave}`)!;
    return b.recipients.find((r) => r.personKey === p.key)!.message.cards![0]!;
  }
  const texts = (): string => k.sent.map((c) => cardText(c)).join('\n');

  it('«encuestas» shows state, counts and the rate by vocalía with small cells withheld', async () => {
    expect(await k.say(ana, 'encuestas')).toMatch(/Ola 1 · línea base[\s\S]*Sin abrir/);
    await k.say(ana, 'encuesta abrir 1 cierre 2026-12-20');
    for (const p of k.people.slice(0, 6)) await send(p);
    k.sent.length = 0;
    await k.say(ana, 'encuestas');
    const status = texts();
    expect(status).toMatch(/Abierta desde el 1 de diciembre de 2026/);
    expect(status).toMatch(/Invitadas: 8 · iniciaron: 6 · enviaron: 6 · tasa de respuesta: 75 %/);
    // Six of eight sent it: the two who did not are fewer than five, so the vocalía's rate is withheld.
    expect(status).toMatch(/Tasa de respuesta por vocalía:[\s\S]*VE \(8 integrantes invitadas\): menos de 5 respuestas/);
    // A member cannot see it.
    expect(await k.say(k.people[0]!, 'encuestas')).toMatch(/no está disponible para su perfil|exclusiva de la administración/);
  });

  it('«encuesta resultados» shows the distributions with suppression, «por vocalia» and the barrier block', async () => {
    await k.close();
    k = await surveyKit({ members: 14 });
    await k.say(ana, 'encuesta abrir 1 cierre 2026-12-20');
    for (const p of k.people.slice(0, 3)) await send(p);
    k.sent.length = 0;
    await k.say(ana, 'encuesta resultados 1');
    // Three respondents: everything is withheld.
    expect(texts()).toMatch(/Respuestas enviadas: menos de 5 respuestas de 14 invitadas/);
    expect(texts()).not.toMatch(/\d+ % /);
    // Seven more: ten chose the first option of the first question (3 + 7), three the second.
    for (const p of k.people.slice(3, 10)) await send(p);
    for (const p of k.people.slice(10, 13)) await send(p, 1, 1);
    k.sent.length = 0;
    await k.say(ana, 'encuesta resultados 1');
    const results = texts();
    expect(results).toMatch(/Respuestas enviadas: 13 de 14 invitadas \(tasa: 93 %\)/);
    // The first option (10 of 13) would be published; the second (3) is fewer than five, so both are
    // withheld (the first would reveal the second by subtraction from n).
    expect(results).toMatch(/n = 13/);
    expect(results).toMatch(/menos de 5 respuestas/);
    expect(results).toMatch(/no se publica \(permitiría deducir una celda pequeña\)/);
    expect(results).toMatch(/Media: 0\.00/);
    expect(results).toMatch(/Barreras/);
    expect(results).toMatch(/IC 95 %/);
    for (const c of k.sent) expect(Buffer.byteLength(JSON.stringify(c))).toBeLessThan(28_000);
    k.sent.length = 0;
    await k.say(ana, 'encuesta resultados 1 por vocalia');
    expect(texts()).toMatch(/Desglose por vocalía/);
    expect(texts()).toMatch(/Vocalía VE \(13\)/);
    expect(await k.say(ana, 'encuesta resultados 1 por color')).toMatch(/Puede desglosar por vocalia, ambito o circunscripcion/);
    expect(await k.say(ana, 'encuesta resultados 2')).toMatch(/no existe o todavía no se abre/);
  });

  it('«encuesta comparar» links the two waves of each person; «encuesta exportar» gives an anonymous XLSX', async () => {
    await k.say(ana, 'encuesta abrir 1 cierre 2026-12-20');
    for (const p of k.people.slice(0, 6)) await send(p);
    await k.say(ana, 'encuesta cerrar 1');
    await k.say(ana, 'encuesta abrir 2 cierre 2026-12-30');
    for (const p of k.people.slice(0, 5)) await send(p, 2);
    k.sent.length = 0;
    await k.say(ana, 'encuesta comparar 1 2');
    expect(texts()).toMatch(/Personas enlazadas \(respondieron las dos olas\): 5/);

    const reply = await k.say(ana, 'encuesta exportar 1');
    expect(reply).toMatch(/listo para aceptarse|descargar|archivo/i);
    const [file] = await k.store.collection<PendingFileDoc>(PENDING_FILES).find({});
    expect(file!.name).toMatch(/^encuesta-2026-ola1-\d{8}-\d{4}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file!.data, 'base64') as unknown as ArrayBuffer);
    const all = book.worksheets.flatMap((ws) => ws.getSheetValues().flat().map(String)).join('\n');
    for (const p of k.people) {
      expect(all).not.toContain(p.nombre);
      expect(all).not.toContain(p.correo);
      expect(all).not.toContain(p.key);
    }
    const respondents = (await k.store.collection<AnswerDoc>(SURVEY_ANSWERS_COLLECTION).find({ wave: 1 })).map((d) => d.respondent);
    for (const r of respondents) expect(all).not.toContain(r);
    const audit = await k.store.collection<{ _id: string; action: string }>(AUDIT_COLLECTION).find({ action: 'survey.export' });
    expect(audit).toHaveLength(1);
  });

  it('replaces an instrument before the wave opens (errors by path), and never after', async () => {
    const good = structuredClone(loadDefaultInstrument(2)) as unknown as Record<string, unknown>;
    good.version = '2026.2';
    good.title = 'Encuesta de cierre (versión para la edición)';
    const bad = { ...good, sections: [{ id: 'x', title: 'X', questions: [{ id: 'Mal Id', type: 'single', text: '', required: true }] }] };
    const s = k.core.services.surveys;
    await expect(s.replaceInstrument(EDITION, 2, bad, ana.aadObjectId!)).rejects.toMatchObject({ code: 'invalidInstrument' });
    try {
      await s.replaceInstrument(EDITION, 2, bad, 'aad:x');
    } catch (err) {
      const problems = (err as { detail: { problems: string[] } }).detail.problems;
      expect(problems.some((p) => p.includes('sections[0].questions[0]'))).toBe(true);
    }
    const replaced = await s.replaceInstrument(EDITION, 2, good, 'aad:x');
    expect(replaced.version).toBe('2026.2');
    await k.say(ana, 'encuesta abrir 2 cierre 2026-12-30');
    expect((await s.getWave(EDITION, 2))!.instrumentVersion).toBe('2026.2');
    await expect(s.replaceInstrument(EDITION, 2, { ...good, version: '2026.3' }, 'aad:x')).rejects.toMatchObject({ code: 'frozen' });
    expect(await k.say(ana, 'encuesta instrumento 2')).toMatch(/versión \*\*2026.2\*\*/);
  });

  it('«borrar mis datos» removes her answers and her rows of the register', async () => {
    await k.say(ana, 'encuesta abrir 1 cierre 2026-12-20');
    const [a, b] = k.people as [Person, Person];
    await send(a);
    await send(b);
    const removed = await k.core.services.members.erasePersonalData(a.key, a.key);
    expect(removed).toBe(1);
    const answers = await k.store.collection<AnswerDoc>(SURVEY_ANSWERS_COLLECTION).find({});
    expect(answers.map((d) => d.respondent)).toEqual([k.core.services.surveys.keys.of(EDITION, b.key)]);
    expect(await k.store.collection<ParticipationDoc>(SURVEY_PARTICIPATION_COLLECTION).countDocuments({ personKey: a.key })).toBe(0);
  });
});
