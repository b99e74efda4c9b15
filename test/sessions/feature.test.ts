import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs.js';
import { AUDIT_COLLECTION } from '../../src/services/registration/audit.js';
import { ana } from '../helpers/activities.js';
import { EDITION } from '../elections/featureSupport.js';
import { cardTo, execute, executesOf, scheduleValue, sessionKit, spacePosts, textOfCard, type SessionKit } from './support.js';

const TIJUANA = 'America/Tijuana';
const CANCUN = 'America/Cancun';
const S1 = `${EDITION}:g1:s1`;
/** 2026-12-10 10:00 as a clock in Tijuana shows it (the offset comes from the zone database). */
const START = DateTime.fromObject({ year: 2026, month: 12, day: 10, hour: 10, minute: 0 }, { zone: TIJUANA });
const H = 3_600_000;

describe('group sessions: schedule, time zones, RSVP (issue 11)', () => {
  let k: SessionKit;
  beforeEach(async () => {
    k = await sessionKit();
  });
  afterEach(async () => k.close());

  it('the representante in Baja California schedules 10:00; the member in Quintana Roo reads her own time; reminders are jobs at the right instants', async () => {
    const form = await k.say(k.rep, 'sesion programar');
    expect(form).toMatch(/Programar una sesión · grupo 1/);
    expect(form).toMatch(/hora del noroeste/);
    const done = await k.click(k.rep, scheduleValue());
    expect(done).toMatch(/programé la sesión 1 del grupo 1 para el 10 de diciembre de 2026, 10:00 h \(hora del noroeste\)/);
    expect(done).toMatch(/4 integrantes la reciben/);

    const session = (await k.core.services.sessions.get(S1))!;
    expect(session.startsAt.getTime()).toBe(START.toMillis());
    const cancun = START.setZone(CANCUN).toFormat('HH:mm');
    const qrooCard = textOfCard(cardTo(k, `sesion:${S1}:v1`, k.qroo.key));
    expect(qrooCard).toContain(`10 de diciembre de 2026, ${cancun} h (hora del sureste)`);
    expect(textOfCard(cardTo(k, `sesion:${S1}:v1`, k.rep.key))).toContain('10:00 h (hora del noroeste)');
    expect(spacePosts(k).some((p) => p.broadcastId.startsWith(`sesion-espacio:${S1}:v1:`) && p.text.includes('Sesión 1 del grupo 1') && p.text.includes('Balance del primer mes'))).toBe(true);
    expect(executesOf(cardTo(k, `sesion:${S1}:v1`, k.qroo.key)).map((a) => a.title)).toEqual(['Asistiré', 'No podré asistir', 'Estoy presente']);

    const jobs = await k.core.services.jobs.list({ keyPrefix: `sessions.reminder:${S1}:` });
    expect(jobs.map((j) => [j.key, j.runAt.getTime()]).sort()).toEqual(
      [
        [`sessions.reminder:${S1}:1440:v1`, START.toMillis() - 24 * H],
        [`sessions.reminder:${S1}:60:v1`, START.toMillis() - H],
      ].sort(),
    );
    const audit = (await k.store.collection<{ _id: string; action: string }>(AUDIT_COLLECTION).find({})).map((x) => x.action);
    expect(audit).toContain('session.schedule');
  });

  it('RSVP: counts update in place (refreshed card), duplicate clicks change nothing, another group is refused', async () => {
    await k.click(k.rep, scheduleValue());
    const yes = await execute(k, k.qroo, VERBS.sessionRsvp, { sessionId: S1, answer: 'yes' });
    expect(yes.status).toBe(200);
    expect(yes.responseType).toBe('application/vnd.microsoft.card.adaptive');
    expect(textOfCard(yes.card)).toMatch(/Asistirán: 1 · No podrán: 0 · Sin respuesta: 3/);
    expect(textOfCard(yes.card)).toMatch(/Su respuesta: asistirá/);
    expect(textOfCard(yes.card)).toContain(`${START.setZone(CANCUN).toFormat('HH:mm')} h (hora del sureste)`);
    const again = await execute(k, k.qroo, VERBS.sessionRsvp, { sessionId: S1, answer: 'yes' });
    expect(textOfCard(again.card)).toMatch(/Asistirán: 1 · No podrán: 0/);
    const no = await execute(k, k.sec, VERBS.sessionRsvp, { sessionId: S1, answer: 'no' }, 'space');
    // In the space everybody sees the card: counts only, no personal answer.
    expect(textOfCard(no.card)).toMatch(/Asistirán: 1 · No podrán: 1 · Sin respuesta: 2/);
    expect(textOfCard(no.card)).not.toMatch(/Su respuesta/);
    expect(await k.core.services.sessions.rsvpsOf(S1)).toHaveLength(2);

    const outsider = await execute(k, k.g2[1]!, VERBS.sessionRsvp, { sessionId: S1, answer: 'yes' });
    expect(outsider.text).toMatch(/otro grupo/);
    expect(outsider.card).toBeUndefined();
    const forged = await execute(k, k.qroo, VERBS.sessionRsvp, { sessionId: S1, answer: 'maybe' });
    expect(forged.text).toMatch(/No pude procesar los datos de esa tarjeta/);
    expect((await k.core.services.sessions.sessionsOf(EDITION, 1))[0]!.counts).toEqual({ invited: 4, yes: 1, no: 1, noAnswer: 2 });
    // A client that sends the button as a plain submit: the pressed card is updated in place and she gets a text.
    expect(await k.click(k.rep, { verb: VERBS.sessionRsvp, sessionId: S1, answer: 'yes' }, 'session-card-rep')).toMatch(/Anotado: asistirá a la sesión 1/);
    expect(k.updates.find((u) => u.id === 'session-card-rep')?.text).toMatch(/Asistirán: 2 · No podrán: 1 · Sin respuesta: 1/);
  });

  it('refusals: not her group, not a role holder, bad dates, links and durations, a second press of the form', async () => {
    // The representante of group 2 forging the card for group 1.
    expect(await k.click(k.rep2, scheduleValue())).toMatch(/Solo puede hacerlo para su propio grupo, el grupo 2/);
    expect(await k.say(k.rep2, 'sesion cancelar 1 grupo 1')).toMatch(/Solo puede hacerlo para su propio grupo, el grupo 2/);
    // A member without a role: the command is not hers, and a forged card is refused on the server.
    expect(await k.click(k.qroo, scheduleValue())).toMatch(/representante o la secretaria del grupo/);
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ fecha: '2026-11-30' }, /ya pasaron/],
      [{ fecha: '2027-02-31' }, /Esa fecha no existe/],
      [{ fecha: '2027-03-14', hora: '02:30' }, /no existe en su zona ese día/],
      [{ duracion: '600' }, /máxima de una sesión es de 8 horas/],
      [{ liga: 'http://teams.microsoft.com/l/x' }, /debe empezar con https/],
      [{ liga: '' }, /Falta la liga/],
      [{ tema: 'plan:inexistente' }, /no está en el plan de trabajo/],
    ];
    for (const [fields, message] of bad) expect(await k.click(k.rep, scheduleValue(fields)), JSON.stringify(fields)).toMatch(message);
    expect(await k.core.services.sessions.sessionsOf(EDITION)).toHaveLength(0);
    expect(k.notifier.people.filter((b) => b.broadcastId.startsWith('sesion'))).toHaveLength(0);

    expect(await k.click(k.sec, scheduleValue())).toMatch(/programé la sesión 1/);
    expect(await k.click(k.sec, scheduleValue())).toMatch(/ya tiene una sesión programada a esa misma hora/);
    expect(await k.core.services.sessions.sessionsOf(EDITION)).toHaveLength(1);
    // UTIGyND acts for any group, naming it.
    expect(await k.say(ana, 'sesion programar')).toMatch(/Indique el grupo/);
    expect(await k.say(ana, 'sesion programar grupo 2')).toMatch(/Programar una sesión · grupo 2/);
    expect(await k.say(ana, 'sesion programar grupo 9')).toMatch(/El grupo 9 no existe/);
  });
});

describe('group sessions: reminders through durable jobs (fake clock)', () => {
  let k: SessionKit;
  beforeEach(async () => {
    k = await sessionKit();
    await k.click(k.rep, scheduleValue());
  });
  afterEach(async () => k.close());

  const reminders = (k: SessionKit) => spacePosts(k).filter((p) => p.broadcastId.startsWith('sesion-recordatorio-espacio:'));
  const at = (k: SessionKit, ms: number) => {
    k.now.t = new Date(ms);
  };

  it('exactly once each, in the space and 1:1 to those who did not decline; never after the start', async () => {
    await execute(k, k.sec, VERBS.sessionRsvp, { sessionId: S1, answer: 'no' });
    await execute(k, k.qroo, VERBS.sessionRsvp, { sessionId: S1, answer: 'yes' });
    at(k, START.toMillis() - 24 * H);
    await k.core.services.jobs.runDue();
    expect(reminders(k)).toHaveLength(1);
    expect(reminders(k)[0]!.text).toMatch(/la sesión 1 del grupo 1 comienza en 24 horas/);
    const oneToOne = k.notifier.people.find((b) => b.broadcastId === `sesion-recordatorio:${S1}:v1:1440`)!;
    expect(oneToOne.recipients.map((r) => r.personKey).sort()).toEqual(k.g1.filter((p) => p !== k.sec).map((p) => p.key).sort());
    expect(textOfCard(oneToOne.recipients.find((r) => r.personKey === k.qroo.key)!.message.cards![0])).toContain(`${START.setZone(CANCUN).toFormat('HH:mm')} h (hora del sureste)`);
    await k.core.services.jobs.runDue();
    expect(reminders(k)).toHaveLength(1);
    at(k, START.toMillis() - H);
    // Two runners at once (two instances): still one reminder.
    await Promise.all([k.core.services.jobs.runDue(), k.core.services.jobs.runDue()]);
    expect(reminders(k)).toHaveLength(2);
    expect(reminders(k)[1]!.text).toMatch(/comienza en 1 hora/);
    at(k, START.toMillis() + H);
    await k.core.services.jobs.runDue();
    expect(reminders(k)).toHaveLength(2);
  });

  it('a moved session: old reminders never fire, new ones do, members are told with their own time', async () => {
    expect(await k.say(k.rep, 'sesion mover 1 2026-12-11 12:00')).toMatch(/se movió al 11 de diciembre de 2026, 12:00 h \(hora del noroeste\)/);
    const moved = DateTime.fromObject({ year: 2026, month: 12, day: 11, hour: 12 }, { zone: TIJUANA });
    const card = textOfCard(cardTo(k, `sesion:${S1}:v2`, k.qroo.key));
    expect(card).toContain(`Nuevo horario (antes: 10 de diciembre de 2026, ${START.setZone(CANCUN).toFormat('HH:mm')} h (hora del sureste))`);
    expect(spacePosts(k).some((p) => p.broadcastId.startsWith(`sesion-espacio:${S1}:v2:`) && p.text.includes('Nuevo horario'))).toBe(true);
    at(k, START.toMillis() - H);
    await k.core.services.jobs.runDue();
    expect(reminders(k)).toHaveLength(0);
    at(k, moved.toMillis() - H);
    await k.core.services.jobs.runDue();
    expect(reminders(k).map((r) => r.broadcastId)).toEqual([expect.stringMatching(new RegExp(`^sesion-recordatorio-espacio:${S1}:v2:60:`))]);
    // The move form: bad input changes nothing.
    expect(await k.say(k.rep, 'sesion mover 1 2026-02-31 10:00')).toMatch(/No se movió la sesión/);
    expect(await k.say(k.rep, 'sesion mover 1')).toMatch(/Mover la sesión 1/);
    expect((await k.core.services.sessions.get(S1))!.version).toBe(2);
  });

  it('a cancelled session: reminders cancelled, members told, the old card answers that it was cancelled', async () => {
    expect(await k.say(k.sec, 'sesion cancelar 1')).toMatch(/cancelé la sesión 1/);
    expect(textOfCard(cardTo(k, `sesion:${S1}:v2`, k.qroo.key))).toMatch(/Sesión cancelada/);
    expect(executesOf(cardTo(k, `sesion:${S1}:v2`, k.qroo.key))).toEqual([]);
    const stale = await execute(k, k.qroo, VERBS.sessionRsvp, { sessionId: S1, answer: 'yes' });
    expect(stale.text).toMatch(/fue cancelada/);
    expect(textOfCard(stale.card)).toMatch(/Sesión cancelada/);
    expect(await k.core.services.sessions.rsvpsOf(S1)).toHaveLength(0);
    at(k, START.toMillis() - H);
    await k.core.services.jobs.runDue();
    expect(reminders(k)).toHaveLength(0);
    expect((await k.core.services.jobs.list({ keyPrefix: `sessions.reminder:${S1}:` })).map((j) => j.status)).toEqual(['cancelled', 'cancelled']);
    expect(await k.say(k.sec, 'sesion cancelar 1')).toMatch(/fue cancelada/);
  });

  it('down-time: a reminder due while the bot was down is sent late only before the start, and only the latest one', async () => {
    at(k, START.toMillis() - 30 * 60_000);
    await k.core.services.jobs.runDue();
    expect(reminders(k)).toHaveLength(1);
    expect(reminders(k)[0]!.text).toMatch(/comienza en 30 minutos/);
  });

  it('down-time past the start: nothing is sent', async () => {
    at(k, START.toMillis() + 60_000);
    await k.core.services.jobs.runDue();
    expect(reminders(k)).toHaveLength(0);
    expect(k.notifier.people.filter((b) => b.broadcastId.startsWith('sesion-recordatorio'))).toHaveLength(0);
  });
});
