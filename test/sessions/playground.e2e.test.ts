import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaygroundApp } from '../support/playgroundApp.js';
import type { PlaygroundClient, PlaygroundConfig, PlaygroundMessage } from '../support/playgroundClient.js';
import { cardNodes as nodes, cardsText as cards, confirmGroupsWithChannel, seedMembers, startPlaygroundWithEdition } from '../support/playgroundEdition.js';
import { loadDefaultCatalog } from '../../src/data/defaultCatalog.js';
import { zoneForEntidad } from '../../src/domain/time.js';

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

  beforeAll(async () => {
    e2e = await startPlaygroundWithEdition('sessions');
    ({ client, pg } = e2e);
    const members = await seedMembers(e2e, { count: 16, seed: 12, keyBase: 800 });
    zone = zoneForEntidad(loadDefaultCatalog(), members[0]!.entidad);
    myGroup = await confirmGroupsWithChannel(e2e, members, 2);
  });

  afterAll(async () => e2e?.close());

  const cardOf = (m: PlaygroundMessage): unknown => m.attachments?.[0]?.content;

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
