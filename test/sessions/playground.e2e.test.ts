import { DateTime } from 'luxon';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlaygroundApp, type PlaygroundApp } from '../support/playgroundApp.js';
import type { PlaygroundClient, PlaygroundConfig, PlaygroundMessage } from '../support/playgroundClient.js';
import { realisticRoster } from '../helpers/rosterFixtures.js';
import { validatedMember } from '../groups/support.js';
import { loadDefaultCatalog } from '../../src/data/defaultCatalog.js';
import { memberId, type MemberRecord } from '../../src/domain/member.js';
import { zoneForEntidad } from '../../src/domain/time.js';
import { GroupSetService } from '../../src/services/groupSets.js';
import { createRegistrationServices } from '../../src/services/registration/index.js';
import { MEMBERS_COLLECTION } from '../../src/services/registration/members.js';

/**
 * Issue 11 end to end through the Agents Playground (real app, real delivery engine, real jobs runner on the real
 * clock): the Playground's current user (Alex Wilber) is UTIGyND and a member of a confirmed group linked to the
 * General channel. She sets the edition's reminders to 5 minutes, schedules a session in the channel for the next
 * whole minute after 5 minutes from now (so the reminder is due within about a minute), the session card appears
 * in the channel, «Asistiré» updates the counts, and the reminder appears in the channel when its time comes.
 */
describe('group sessions end to end through the Agents Playground', () => {
  let e2e: PlaygroundApp;
  let client: PlaygroundClient;
  let pg: PlaygroundConfig;
  let myGroup: number;
  let zone: string;
  const EDITION = '2026';

  beforeAll(async () => {
    e2e = await startPlaygroundApp({
      name: 'sessions',
      beforeListen: async (app) => {
        const reg = createRegistrationServices(app.store, { adminAadIds: [] });
        await reg.init();
        await reg.editions.create({ id: EDITION, nombre: 'Red 2026' }, 'aad:setup');
        await reg.editions.activate(EDITION, 'aad:setup');
      },
    });
    ({ client, pg } = e2e);
    const me = e2e.currentUser.aadObjectId;
    expect(me).not.toBe('');
    const store = e2e.app.store;
    await store.collection<{ _id: string; addedBy: string; addedAt: Date }>('admins').insertOne({ _id: me, addedBy: 'test', addedAt: new Date() });
    const catalog = loadDefaultCatalog();
    const members = realisticRoster(catalog, 12, 16).map((r, i) =>
      validatedMember(
        EDITION,
        r,
        i === 0
          ? { key: `aad:${me}`, userId: pg.currentUserId, nombre: 'Alex Wilber', correo: e2e.currentUser.email ?? 'alexw@example.com' }
          : { key: `aad:00000000-0000-0000-0000-${String(800 + i).padStart(12, '0')}`, userId: `29:sin-app-${i}` },
      ),
    );
    zone = zoneForEntidad(catalog, members[0]!.entidad);
    await store.collection<MemberRecord>(MEMBERS_COLLECTION).insertMany(members);
    const groups = new GroupSetService(store, pino({ level: 'silent' }));
    await groups.propose(EDITION, members, { groups: 2 }, 'aad:setup');
    myGroup = (await groups.get(EDITION))!.assignment[memberId(EDITION, `aad:${me}`)]!;
    const from = client.messages.length;
    await client.send(pg.generalChannelId, { from: pg.currentUserId, text: `vincular grupo ${myGroup}`, mentionBot: { id: pg.botId, name: pg.botName } });
    await client.waitFor(pg.generalChannelId, (m) => (m.text ?? '').includes(`vinculado con el Grupo ${myGroup}`), from);
    await groups.confirm(EDITION, 'aad:setup');
  });

  afterAll(async () => e2e?.close());

  const cards = (m: { attachments?: unknown }) => JSON.stringify(m.attachments ?? []);
  const cardOf = (m: PlaygroundMessage): unknown => m.attachments?.[0]?.content;
  function nodes(card: unknown, type: string): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === 'object') {
        const o = n as Record<string, unknown>;
        if (o.type === type) out.push(o);
        Object.values(o).forEach(walk);
      }
    };
    walk(card);
    return out;
  }

  it('schedule in the channel, the card appears, «Asistiré» counts, the reminder appears in the channel', async () => {
    const me = pg.personalConversationId;
    const channel = pg.generalChannelId;
    const mention = { id: pg.botId, name: pg.botName };

    let from = client.messages.length;
    await client.send(me, { from: pg.currentUserId, text: 'sesiones recordatorios 5m' });
    await client.waitFor(me, (m) => (m.text ?? '').includes('5 minutos antes'), from);

    from = client.messages.length;
    await client.send(channel, { from: pg.currentUserId, text: `sesion programar grupo ${myGroup}`, mentionBot: mention });
    const form = await client.waitFor(channel, (m) => cards(m).includes(`Programar una sesión · grupo ${myGroup}`), from);
    const submit = nodes(cardOf(form), 'Action.Submit')[0]!;
    const start = DateTime.now().setZone(zone).plus({ minutes: 5, seconds: 15 }).startOf('minute').plus({ minutes: 1 });
    from = client.messages.length;
    await client.submit(form.conversationId, pg.currentUserId, form.messageId ?? '', {
      ...(submit.data as Record<string, unknown>),
      fecha: start.toFormat('yyyy-MM-dd'),
      hora: start.toFormat('HH:mm'),
      duracion: '60',
      tema: 'libre',
      temaLibre: 'Prueba de extremo a extremo',
      modalidad: 'virtual',
      liga: 'https://teams.microsoft.com/l/meetup-join/e2e',
    });
    await client.waitFor(channel, (m) => (m.text ?? '').includes(`programé la sesión 1 del grupo ${myGroup}`), from);
    const sessionCard = await client.waitFor(channel, (m) => cards(m).includes(`Sesión 1 del grupo ${myGroup}`) && cards(m).includes('Asistiré'), from, 20_000);
    expect(cards(sessionCard)).toContain('Prueba de extremo a extremo');
    expect(nodes(cardOf(sessionCard), 'Action.Execute').map((a) => a.title)).toEqual(['Asistiré', 'No podré asistir', 'Estoy presente']);

    // Her own copy 1:1 (the Playground cannot press a button on a card the bot posted as a new channel thread).
    const mine = await client.waitFor(me, (m) => cards(m).includes(`Sesión 1 del grupo ${myGroup}`) && cards(m).includes('Asistiré'), from, 20_000);
    const yes = nodes(cardOf(mine), 'Action.Execute').find((a) => a.title === 'Asistiré')!;
    from = client.messages.length;
    await client.submit(me, pg.currentUserId, mine.messageId ?? '', yes.data as Record<string, unknown>);
    await client.waitFor(me, (m) => (m.text ?? '').includes('Anotado: asistirá a la sesión 1'), from);
    from = client.messages.length;
    await client.send(me, { from: pg.currentUserId, text: `sesiones grupo ${myGroup}` });
    const list = await client.waitFor(me, (m) => cards(m).includes(`Sesiones del grupo ${myGroup}`), from);
    expect(cards(list)).toMatch(/Asistirán 1, no podrán 0, sin respuesta \d+/);

    // The reminder: due 5 minutes before the start, i.e. within about a minute of scheduling.
    const reminder = await client.waitFor(channel, (m) => (m.text ?? '').includes(`la sesión 1 del grupo ${myGroup} comienza en 5 minutos`), from, 100_000);
    expect(reminder.text).toContain('comienza en 5 minutos');
    // Its card (the session card with the reminder notice) comes with it.
    await client.waitFor(channel, (m) => cards(m).includes('Recordatorio: la sesión comienza en 5 minutos.'), from, 20_000);
  }, 180_000);
});
