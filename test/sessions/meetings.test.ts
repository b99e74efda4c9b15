import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs.js';
import { memberId } from '../../src/domain/member.js';
import { STAGE_KEYS, stageDate } from '../../src/domain/stages.js';
import { MEMBERS_COLLECTION } from '../../src/services/registration/members.js';
import { MEETING_REMINDER_JOB } from '../../src/services/meetings/index.js';
import { ana } from '../helpers/activities.js';
import { cardText, EDITION, electionKit, submitsOf, type ElectionKit, type Person } from '../elections/featureSupport.js';

/**
 * Issue 11: national and regional meetings with the fake clock and the durable jobs. Members live in different
 * zones (entidad → zone and circunscripción from the catalog); each invitation shows HER local time, computed
 * here independently with luxon (never a hard-coded offset). Reminders a day and an hour before go out exactly
 * once, never after the start, never for a moved or cancelled meeting; a reminder due while the bot was down is
 * sent late only before the start.
 */

/** Entidades of the kit's first members: Baja California (Tijuana, circ. 1), Quintana Roo (Cancún, circ. 3), Sonora (Hermosillo, circ. 1). */
const ENTIDADES: Record<number, { clave: string; zone: string; circ: number }> = {
  0: { clave: '02', zone: 'America/Tijuana', circ: 1 },
  1: { clave: '23', zone: 'America/Cancun', circ: 3 },
  2: { clave: '26', zone: 'America/Hermosillo', circ: 1 },
};
const HQ = 'America/Mexico_City';
const LINK = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0';

describe('meetings: national and regional, invitations per zone, reminders, check-in', () => {
  let k: ElectionKit;
  const zoneOfPerson = (p: Person): string => ENTIDADES[k.people.indexOf(p)]?.zone ?? HQ;
  const advance = async (to: Date): Promise<void> => {
    k.now.t = to;
    await k.core.services.jobs.runDue();
  };
  const broadcasts = (prefix: string) => k.notifier.people.filter((b) => b.broadcastId.startsWith(prefix));
  const hhmm = (localIso: string, from: string, to: string): string => DateTime.fromISO(localIso, { zone: from }).setZone(to).toFormat('HH:mm');

  beforeEach(async () => {
    k = await electionKit({ members: 8, groups: 2 });
    const col = k.store.collection(MEMBERS_COLLECTION);
    for (const [i, e] of Object.entries(ENTIDADES)) await col.updateOne({ _id: memberId(EDITION, k.people[Number(i)]!.key) }, { $set: { entidad: e.clave } });
  });
  afterEach(async () => k.close());

  it('a national meeting invites every validated member 1:1 with the time in HER zone, and sets the opening stage', async () => {
    const reply = await k.say(ana, `reunion programar nacional apertura 2026-12-10 10:00 ${LINK}`);
    expect(reply).toMatch(/Programé la \*\*Reunión Nacional de apertura\*\* \(reunión 1\)/);
    expect(reply).toMatch(/10 de diciembre de 2026, 10:00 h \(hora del centro\)/);
    expect(reply).toContain('8 integrantes');
    await k.core.services.jobs.runDue();
    const invites = broadcasts('reunion-invite:2026:1:0');
    expect(invites).toHaveLength(1);
    expect(invites[0]!.recipients.map((r) => r.personKey).sort()).toEqual(k.people.map((p) => p.key).sort());
    for (const p of k.people) {
      const card = invites[0]!.recipients.find((r) => r.personKey === p.key)!.message.cards![0]!;
      const text = cardText(card);
      expect(text, p.nombre).toContain(`${hhmm('2026-12-10T10:00', HQ, zoneOfPerson(p))} h`);
      expect(JSON.stringify(card)).toContain(LINK.replace(/%/g, '%'));
      expect(submitsOf(card)).toEqual([{ verb: VERBS.meetingCheckIn, meetingId: '2026:1' }]);
    }
    // Tijuana is two hours behind Mexico City in December; Cancún one ahead (from the zone rules, checked above).
    const edition = (await k.core.services.editions.get(EDITION))!;
    expect(stageDate(edition.calendar, STAGE_KEYS.opening)?.toISOString()).toBe(DateTime.fromISO('2026-12-10T10:00', { zone: HQ }).toUTC().toISO());
    // A second run never sends the invitation again.
    await k.core.services.jobs.runDue();
    expect(broadcasts('reunion-invite:')).toHaveLength(1);
  });

  it('a regional meeting invites only the members of that circunscripción (from the catalog, not the stored field)', async () => {
    await k.say(ana, `reunion programar regional 1 2026-12-15 17:30 ${LINK}`);
    await k.core.services.jobs.runDue();
    const invite = broadcasts('reunion-invite:2026:1:0')[0]!;
    expect(invite.recipients.map((r) => r.personKey).sort()).toEqual([k.people[0]!.key, k.people[2]!.key].sort());
    const tijuana = cardText(invite.recipients.find((r) => r.personKey === k.people[0]!.key)!.message.cards![0]);
    expect(tijuana).toContain(`${hhmm('2026-12-15T17:30', HQ, 'America/Tijuana')} h (hora del noroeste)`);
  });

  it('reminders: a day and an hour before, each exactly once, none after the start', async () => {
    await k.say(ana, `reunion programar nacional cierre 2026-12-20 10:00 ${LINK}`);
    const start = DateTime.fromISO('2026-12-20T10:00', { zone: HQ }).toJSDate();
    await k.core.services.jobs.runDue();
    await advance(new Date(start.getTime() - 24 * 3_600_000 - 1000));
    expect(broadcasts('reunion-recordatorio:')).toHaveLength(0);
    await advance(new Date(start.getTime() - 24 * 3_600_000 + 1000));
    expect(broadcasts('reunion-recordatorio:2026:1:day:')).toHaveLength(1);
    await advance(new Date(start.getTime() - 2 * 3_600_000));
    expect(broadcasts('reunion-recordatorio:')).toHaveLength(1);
    await advance(new Date(start.getTime() - 3_600_000 + 5000));
    const hour = broadcasts('reunion-recordatorio:2026:1:hour:');
    expect(hour).toHaveLength(1);
    expect(hour[0]!.recipients).toHaveLength(8);
    expect(cardText(hour[0]!.recipients[1]!.message.cards![0])).toMatch(/comienza en una hora/);
    await advance(new Date(start.getTime() + 3_600_000));
    await advance(new Date(start.getTime() + 30 * 3_600_000));
    expect(broadcasts('reunion-recordatorio:')).toHaveLength(2);
  });

  it('down-time catch-up: a reminder due while the bot was down goes out late only before the start', async () => {
    await k.say(ana, `reunion programar nacional apertura 2026-12-10 10:00 ${LINK}`);
    await k.say(ana, `reunion programar regional 3 2026-12-11 09:00 ${LINK}`);
    const start1 = DateTime.fromISO('2026-12-10T10:00', { zone: HQ }).toJSDate();
    // Down from before both reminders of meeting 1 until 20 minutes before its start: only the hour one goes out.
    await advance(new Date(start1.getTime() - 20 * 60_000));
    expect(broadcasts('reunion-recordatorio:2026:1:day:')).toHaveLength(0);
    expect(broadcasts('reunion-recordatorio:2026:1:hour:')).toHaveLength(1);
    // Meeting 2's day-before reminder was due 40 minutes earlier: still before its start, so it goes out late.
    expect(broadcasts('reunion-recordatorio:2026:2:day:')).toHaveLength(1);
    // Down past meeting 2's start: its hour reminder is never sent.
    await advance(new Date(start1.getTime() + 25 * 3_600_000));
    expect(broadcasts('reunion-recordatorio:2026:2:hour:')).toHaveLength(0);
    const jobs = await k.core.services.jobs.list({ kind: MEETING_REMINDER_JOB });
    expect(jobs.every((j) => j.status === 'done')).toBe(true);
  });

  it('moved: reminders follow the new time, the invitees are told; cancelled: they are told and no reminder fires', async () => {
    await k.say(ana, `reunion programar regional 1 2026-12-10 10:00 ${LINK}`);
    await k.say(ana, `reunion programar nacional apertura 2026-12-12 10:00 ${LINK}`);
    expect(await k.say(ana, 'reunion mover 1 2026-12-14 12:00')).toMatch(/ahora es el 14 de diciembre de 2026, 12:00 h/);
    expect(await k.say(ana, 'reunion cancelar 2')).toMatch(/Cancelé la \*\*Reunión Nacional de apertura\*\* \(reunión 2\)/);
    await k.core.services.jobs.runDue();
    expect(broadcasts('reunion-invite:2026:1:0')).toHaveLength(0); // superseded by the change before it ran
    expect(broadcasts('reunion-moved:2026:1:1')).toHaveLength(1);
    const cancelled = broadcasts('reunion-cancelled:2026:2:1');
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]!.recipients).toHaveLength(8);
    expect(cardText(cancelled[0]!.recipients[0]!.message.cards![0])).toMatch(/Cancelada: Reunión Nacional de apertura/);
    // Past the old times of meeting 1 and every time of meeting 2: nothing; the new times of meeting 1: both.
    const newStart = DateTime.fromISO('2026-12-14T12:00', { zone: HQ }).toJSDate();
    for (const h of [25, 20, 2, 0.5]) await advance(DateTime.fromISO('2026-12-10T10:00', { zone: HQ }).minus({ hours: h }).toJSDate());
    await advance(DateTime.fromISO('2026-12-12T09:30', { zone: HQ }).toJSDate());
    expect(broadcasts('reunion-recordatorio:')).toHaveLength(0);
    await advance(new Date(newStart.getTime() - 23 * 3_600_000));
    await advance(new Date(newStart.getTime() - 30 * 60_000));
    expect(broadcasts('reunion-recordatorio:').map((b) => b.broadcastId)).toEqual([
      `reunion-recordatorio:2026:1:day:${newStart.getTime()}`,
      `reunion-recordatorio:2026:1:hour:${newStart.getTime()}`,
    ]);
    // The cancelled national meeting released its stage.
    expect(stageDate((await k.core.services.editions.get(EDITION))!.calendar, STAGE_KEYS.opening)).toBeUndefined();
  });

  it('check-in: only invitees, only during the window, once; refusals change nothing', async () => {
    await k.say(ana, `reunion programar regional 1 2026-12-10 10:00 ${LINK}`);
    const start = DateTime.fromISO('2026-12-10T10:00', { zone: HQ }).toJSDate();
    const press = { verb: VERBS.meetingCheckIn, meetingId: '2026:1' };
    const tijuana = k.people[0]!;
    const cancun = k.people[1]!;
    expect(await k.click(tijuana, press)).toMatch(/se abre 15 minutos antes/);
    k.now.t = new Date(start.getTime() + 10 * 60_000);
    expect(await k.click(tijuana, press)).toMatch(/registré su asistencia/);
    expect(await k.click(tijuana, press)).toMatch(/ya estaba registrada/);
    expect(await k.click(cancun, press)).toMatch(/no le corresponde/);
    expect(await k.click(tijuana, { ...press, meetingId: '2026:99' })).toMatch(/ya no es válida/);
    expect(await k.click(tijuana, { ...press, meetingId: 'x'.repeat(5000) })).not.toMatch(/registré/);
    k.now.t = new Date(start.getTime() + 3 * 3_600_000);
    expect(await k.click(k.people[2]!, press)).toMatch(/ya terminó/);
    expect((await k.core.services.meetings.attendees('2026:1')).map((a) => a.personKey)).toEqual([tijuana.key]);
    expect(await k.say(ana, 'reunion lista')).toMatch(/1\. Reunión regional de la circunscripción 1: .*1 invitada con asistencia registrada/);
  });

  it('refusals: members, bad input and a second national meeting get a clear answer and change nothing', async () => {
    const member = k.people[3]!;
    expect(await k.say(member, `reunion programar nacional apertura 2026-12-10 10:00 ${LINK}`)).toMatch(/no está disponible para su perfil|exclusiva de la administración/);
    const cases: [string, RegExp][] = [
      ['reunion', /Opciones de \*\*reunion\*\*/],
      ['reunion programar', /Escriba, por ejemplo/],
      [`reunion programar nacional inicio 2026-12-10 10:00 ${LINK}`, /apertura o de cierre/],
      [`reunion programar regional 6 2026-12-10 10:00 ${LINK}`, /del 1 al 5/],
      [`reunion programar regional 0 2026-12-10 10:00 ${LINK}`, /del 1 al 5/],
      [`reunion programar nacional apertura 2027-02-31 10:00 ${LINK}`, /Esa fecha no existe/],
      [`reunion programar nacional apertura 2026-12-10 25:00 ${LINK}`, /Esa hora no existe/],
      [`reunion programar nacional apertura 2026-11-30 10:00 ${LINK}`, /ya pasaron/],
      ['reunion programar nacional apertura 2026-12-10 10:00 http://teams.example.org/x', /https:\/\//],
      ['reunion programar nacional apertura 2026-12-10 10:00 javascript:alert(1)', /https:\/\//],
      [`reunion programar nacional apertura 2026-12-10 10:00 ${LINK} extra`, /Escriba, por ejemplo/],
      ['reunion mover 7 2026-12-10 10:00', /No encuentro esa reunión/],
      ['reunion mover uno 2026-12-10 10:00', /Indique el número/],
      ['reunion cancelar 3', /No encuentro esa reunión/],
    ];
    for (const [text, expected] of cases) expect(await k.say(ana, text), text).toMatch(expected);
    expect(await k.core.services.meetings.list(EDITION)).toHaveLength(0);
    await k.say(ana, `reunion programar nacional apertura 2026-12-10 10:00 ${LINK}`);
    expect(await k.say(ana, `reunion programar nacional apertura 2026-12-11 10:00 ${LINK}`)).toMatch(/Ya hay una reunión nacional de ese tipo programada \(reunión 1\)/);
    expect(await k.say(ana, 'reunion mover 1 2026-11-01 10:00')).toMatch(/ya pasaron/);
    expect(await k.say(ana, 'reunion cancelar 1')).toMatch(/Cancelé/);
    expect(await k.say(ana, 'reunion cancelar 1')).toMatch(/fue cancelada; no se hizo ningún cambio/);
    expect(await k.say(ana, 'reunion mover 1 2026-12-12 10:00')).toMatch(/fue cancelada/);
    expect(await k.core.services.meetings.list(EDITION)).toHaveLength(1);
    const audit = await k.core.services.audit.list({ action: 'meetings.schedule' });
    expect(audit).toHaveLength(1);
  });
});
