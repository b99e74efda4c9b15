import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EDITION } from '../elections/featureSupport.js';
import { answerToReview, buttonOf, surveyKit, type SurveyKit } from './support.js';

/**
 * Issue 12, durable jobs with the fake clock: the calendar opens the three waves (wave 1 after the groups are
 * confirmed, closing before the first group session; wave 2 when the Red ends; wave 3 four months later), the
 * reminders go 72 and 24 hours before closing only to members who have not sent the survey, and the closing
 * time closes the wave.
 */
describe('surveys: calendar, reminders and closing (durable jobs)', () => {
  let k: SurveyKit;
  beforeEach(async () => {
    k = await surveyKit();
  });
  afterEach(async () => k.close());

  const at = (iso: string): void => {
    k.now.t = new Date(iso);
  };
  const run = () => k.core.services.jobs.runDue();

  it('opens wave 1 from the calendar, reminds only those who have not sent it, and closes it on time', async () => {
    const s = k.core.services;
    // No calendar: the planner looks and opens nothing.
    await run();
    expect(await s.surveys.getWave(EDITION, 1)).toBeNull();

    // The first group session on 15 December: wave 1 opens (groups are confirmed) and closes the day before.
    await s.editions.setStage(EDITION, 'Primera sesión grupal', new Date('2026-12-15T06:00:00Z'), 'aad:setup');
    at('2026-12-02T16:00:00Z');
    await run();
    const wave = (await s.surveys.getWave(EDITION, 1))!;
    expect(wave.state).toBe('open');
    expect(wave.openedBy).toBe('sistema');
    expect(wave.closesAt.toISOString()).toBe('2026-12-15T05:59:59.999Z');
    const invitation = k.notifier.people.find((b) => b.broadcastId === `encuesta-invitacion:${EDITION}:1`)!;
    expect(invitation.recipients).toHaveLength(k.people.length);

    // Two members send it; a third only starts.
    const [a, b, c] = k.people as [(typeof k.people)[0], (typeof k.people)[0], (typeof k.people)[0]];
    for (const p of [a, b]) {
      await answerToReview(k, p, `inv-${p.key}`);
      await k.click(p, buttonOf(k.cardNow(p, `inv-${p.key}`)!, 'Enviar'), `inv-${p.key}`);
    }
    await k.click(c, buttonOf(k.cardNow(c, 'inv-c')!, 'Responder la encuesta'), 'inv-c');

    // 72 hours before closing: the reminder, to the six who have not sent it (c included), once.
    at('2026-12-12T06:00:00Z');
    await run();
    const first = k.notifier.people.filter((x) => x.broadcastId === `encuesta-recordatorio:${EDITION}:1:72`);
    expect(first).toHaveLength(1);
    const reminded = first[0]!.recipients.map((r) => r.personKey).sort();
    expect(reminded).toEqual(k.people.filter((p) => p !== a && p !== b).map((p) => p.key).sort());
    expect(reminded).toContain(c.key);
    await run();
    expect(k.notifier.people.filter((x) => x.broadcastId.startsWith(`encuesta-recordatorio:${EDITION}:1:72`))).toHaveLength(1);

    // c finishes; 24 hours before: only five.
    await answerToReview(k, c, 'inv-c');
    await k.click(c, buttonOf(k.cardNow(c, 'inv-c')!, 'Enviar'), 'inv-c');
    at('2026-12-14T06:00:00Z');
    await run();
    const second = k.notifier.people.find((x) => x.broadcastId === `encuesta-recordatorio:${EDITION}:1:24`)!;
    expect(second.recipients.map((r) => r.personKey)).not.toContain(c.key);
    expect(second.recipients).toHaveLength(k.people.length - 3);

    // After the closing time nothing is accepted and the job records the wave as closed.
    at('2026-12-15T06:00:01Z');
    expect(await k.say(k.people[4]!, 'encuesta')).toMatch(/no hay una encuesta abierta/);
    await run();
    expect((await s.surveys.getWave(EDITION, 1))!.state).toBe('closed');
    expect((await s.surveys.counts(EDITION, 1)).finished).toBe(3);
  });

  it('opens wave 2 when the Red ends and wave 3 four months later', async () => {
    const s = k.core.services;
    await s.editions.setStage(EDITION, 'Fin de la Red', new Date('2027-06-01T06:00:00Z'), 'aad:setup');
    at('2027-05-31T16:00:00Z');
    await run();
    expect(await s.surveys.getWave(EDITION, 2)).toBeNull();
    at('2027-06-01T07:00:00Z');
    await run();
    const w2 = (await s.surveys.getWave(EDITION, 2))!;
    expect(w2.state).toBe('open');
    // SURVEY_OPEN_DAYS (14) after the end of that day.
    expect(w2.closesAt.toISOString()).toBe('2027-06-16T05:59:59.999Z');
    expect(await s.surveys.getWave(EDITION, 3)).toBeNull();
    at('2027-10-01T07:00:00Z');
    await run();
    expect((await s.surveys.getWave(EDITION, 3))?.state).toBe('open');
    expect(k.notifier.people.filter((b) => b.broadcastId.startsWith('encuesta-invitacion:')).map((b) => b.broadcastId)).toEqual([`encuesta-invitacion:${EDITION}:2`, `encuesta-invitacion:${EDITION}:3`]);
  });
});
