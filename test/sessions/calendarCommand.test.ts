import ical, { type VEvent } from 'node-ical';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { memberId } from '../../src/domain/member.js';
import { MEMBERS_COLLECTION } from '../../src/services/registration/members.js';
import { calendarFeed } from '../../src/services/calendar/index.js';
import { ana, personalMessage } from '../helpers/activities.js';
import { EDITION, electionKit, type ElectionKit } from '../elections/featureSupport.js';

/**
 * Issue 11: "calendario" through the bot wired as in production. Her card lists her events (national, her
 * circunscripción's regional meeting, edition stages) in her zone and offers "Agregar a mi calendario": a signed
 * link to a file with HER events only. "convocatoria estado" lists the same stages.
 */
const LINK = 'https://teams.microsoft.com/l/meetup-join/abc';

describe('calendario', () => {
  let k: ElectionKit;
  beforeEach(async () => {
    k = await electionKit({ members: 4, groups: 2 });
    // Member 1 in Baja California (circunscripción 1, Tijuana); the others stay in Ciudad de México (4).
    await k.store.collection(MEMBERS_COLLECTION).updateOne({ _id: memberId(EDITION, k.people[0]!.key) }, { $set: { entidad: '02' } });
    await k.say(ana, 'edicion etapa 2027-05-30 Entrega de informes');
    await k.say(ana, `reunion programar nacional apertura 2026-12-10 10:00 ${LINK}`);
    await k.say(ana, `reunion programar regional 1 2026-12-15 17:00 ${LINK}`);
    await k.say(ana, `reunion programar regional 4 2026-12-16 17:00 ${LINK}`);
    await k.say(ana, 'reunion cancelar 3');
  });
  afterEach(async () => k.close());

  const cardOf = async (who: (typeof k.people)[number]): Promise<Record<string, unknown>> => {
    const before = k.adapter.activeQueue.length;
    await k.adapter.processActivity(personalMessage(who.user, 'calendario'));
    const sent = k.adapter.activeQueue.splice(before) as Partial<Activity>[];
    const card = sent.flatMap((a) => a.attachments ?? [])[0]?.content as Record<string, unknown> | undefined;
    expect(card).toBeDefined();
    return card!;
  };
  const urlOf = (card: Record<string, unknown>): string => ((card.actions as { type: string; url: string }[]) ?? []).find((a) => a.type === 'Action.OpenUrl')!.url;

  it('shows her events in her zone, without another circunscripción\'s meeting, and the edition stages', async () => {
    const tijuana = JSON.stringify(await cardOf(k.people[0]!));
    expect(tijuana).toContain('Reunión Nacional de apertura');
    expect(tijuana).toContain('10 de diciembre de 2026, 08:00 h (hora del noroeste)');
    expect(tijuana).toContain('Reunión regional · Circunscripción 1');
    expect(tijuana).not.toContain('Circunscripción 4');
    expect(tijuana).toContain('Entrega de informes');
    expect(tijuana).toContain('Agregar a mi calendario');
    const cdmx = JSON.stringify(await cardOf(k.people[1]!));
    expect(cdmx).toContain('Circunscripción 4');
    expect(cdmx).toContain('Cancelada');
    expect(cdmx).not.toContain('Circunscripción 1');
  });

  it('"Agregar a mi calendario" is a signed link to a file with her events only', async () => {
    const url = urlOf(await cardOf(k.people[0]!));
    const token = url.split('/calendario/')[1]!;
    const links = k.core.services.calendarLinks!;
    const verdict = links.verify(token);
    expect(verdict.ok && verdict.claims.personKey).toBe(k.people[0]!.key);
    const feed = calendarFeed({ signer: links, calendar: k.core.services.calendar, clock: () => k.now.t, logger: pino({ level: 'silent' }) });
    const reply = await feed(token);
    expect(reply.status).toBe(200);
    const events = Object.values(ical.sync.parseICS(reply.body)).filter((c): c is VEvent => c?.type === 'VEVENT');
    const titles = events.map((e) => String(e.summary)).sort();
    expect(titles).toEqual(['Entrega de informes', 'Reunión Nacional de apertura', 'Reunión regional · Circunscripción 1']);
    // The national meeting stands for its stage (not listed twice).
    expect(events.filter((e) => String(e.summary).includes('apertura'))).toHaveLength(1);
  });

  it('"convocatoria estado" lists the stages the meetings set', async () => {
    expect(await k.say(ana, 'convocatoria estado')).toMatch(/Reunión Nacional de apertura: 10 de diciembre de 2026/);
  });
});
