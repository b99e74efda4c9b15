import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs.js';
import { AUDIT_COLLECTION, type AuditEntry } from '../../src/services/registration/audit.js';
import { MEMBERS_COLLECTION } from '../../src/services/registration/members.js';
import { ANNOUNCEMENTS_COLLECTION } from '../../src/services/announcements/index.js';
import { ana } from '../helpers/activities.js';
import { cardText, EDITION, electionKit, type ElectionKit, type Person } from '../elections/featureSupport.js';

/**
 * Issue 14, announcements through the bot (TestAdapter, embedded store, fake clock, RecordingNotifier): compose,
 * preview with the number of recipients, send once, schedule and cancel, refusals that change nothing.
 */
describe('aviso: compose, preview, send, schedule, cancel', () => {
  let k: ElectionKit;
  beforeEach(async () => {
    k = await electionKit({ members: 8, groups: 2 });
  });
  afterEach(async () => k.close());

  const compose = (over: Record<string, unknown> = {}) => ({
    verb: VERBS.announcementPreview,
    titulo: 'Reunión Nacional',
    texto: 'La Reunión Nacional será el 15 de enero. ${x} {{DATE(2017-02-14T06:08:39Z, SHORT)}}',
    enlace: 'https://www.ine.mx/red',
    audiencia: 'todas',
    valor: '',
    envio: '',
    ...over,
  });
  const latest = async () => (await k.core.services.announcements.recent(EDITION, 1))[0]!;
  const sent = (id: string) => k.notifier.people.filter((b) => b.broadcastId === `aviso:${id}`);
  const count = () => k.store.collection(ANNOUNCEMENTS_COLLECTION).countDocuments({});

  it('shows the compose card, previews with the number of recipients and sends once to the group', async () => {
    expect(await k.say(ana, 'aviso')).toContain('Nuevo aviso');
    const g1 = k.groups.get(1)!;
    const preview = await k.click(ana, compose({ audiencia: 'grupo', valor: '1' }));
    expect(preview).toContain('Vista previa del aviso 1');
    expect(preview).toContain(`${g1.length} integrantes`);
    expect(preview).toContain('el grupo 1');
    const doc = await latest();
    expect(doc.state).toBe('draft');

    const first = await k.click(ana, { verb: VERBS.announcementSend, announcementId: doc._id }, 'preview-card');
    expect(first).toContain(`Se está enviando el aviso 1 a ${g1.length} integrantes`);
    expect(k.updates.find((u) => u.id === 'preview-card')?.text).toContain('Aviso 1 enviado');
    const [broadcast] = sent(doc._id);
    expect(broadcast!.title).toBe('Aviso 1: Reunión Nacional');
    expect(broadcast!.kind).toBe('announcement');
    expect(broadcast!.recipients.map((r) => r.personKey).sort()).toEqual(g1.map((p) => p.key).sort());
    const card = broadcast!.recipients[0]!.message.cards![0]!;
    // Text as written, shown literally; the link as a button.
    expect(cardText(card)).toContain('${x} {');
    expect(JSON.stringify(card)).toContain('https://www.ine.mx/red');

    // A double click or a stale preview card: nothing sent again.
    expect(await k.click(ana, { verb: VERBS.announcementSend, announcementId: doc._id })).toContain('ya se envió');
    expect(sent(doc._id)).toHaveLength(1);
    expect((await latest()).recipients).toBe(g1.length);

    // Every step audited.
    const actions = (await k.store.collection<AuditEntry>(AUDIT_COLLECTION).find({ target: doc._id })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['announcement.create', 'announcement.send']));
  });

  it.each<[string, Record<string, string>]>([
    ['vocalia', { audiencia: 'vocalia', valor: 'VS' }],
    ['ambito', { audiencia: 'ambito', valor: 'JLE' }],
    ['entidad', { audiencia: 'entidad', valor: 'Jalisco' }],
    ['circunscripcion', { audiencia: 'circunscripcion', valor: '1' }],
  ])('reaches only the members of a %s', async (_kind, audience) => {
    const [a, b] = k.people as [Person, Person];
    for (const p of [a, b]) {
      await k.store.collection(MEMBERS_COLLECTION).updateOne({ personKey: p.key }, { $set: { vocalia: 'VS', ambito: 'JLE', entidad: '14', circunscripcion: 1 } });
    }
    expect(await k.click(ana, compose(audience))).toContain('2 integrantes');
    const doc = await latest();
    await k.click(ana, { verb: VERBS.announcementSend, announcementId: doc._id });
    expect(sent(doc._id)[0]!.recipients.map((r) => r.personKey).sort()).toEqual([a.key, b.key].sort());
  });

  it('schedules for later (durable job), cancels before it goes, and sends a scheduled one exactly once', async () => {
    // Ana is not a member: her times are read at headquarters (hora del centro). Now: 1 Dec 2026, 10:00 there.
    await k.click(ana, compose({ titulo: 'Cancelado', envio: '2026-12-02 09:00' }));
    const cancelled = await latest();
    expect(await k.click(ana, { verb: VERBS.announcementSend, announcementId: cancelled._id })).toContain('El aviso 1 saldrá el 2 de diciembre de 2026, 09:00 h');
    expect((await latest()).state).toBe('scheduled');
    await k.click(ana, compose({ titulo: 'Programado', envio: '2026-12-02 10:00' }));
    const scheduled = await latest();
    await k.click(ana, { verb: VERBS.announcementSend, announcementId: scheduled._id });
    expect(k.notifier.people).toHaveLength(0);

    expect(await k.say(ana, 'aviso cancelar 1')).toContain('Se canceló el aviso 1');
    expect(await k.say(ana, 'aviso cancelar 1')).toContain('fue cancelado');
    expect(await k.click(ana, { verb: VERBS.announcementSend, announcementId: cancelled._id })).toContain('fue cancelado');
    expect(await k.say(ana, 'aviso lista')).toMatch(/Programado: programado/);

    k.now.t = new Date('2026-12-02T15:59:00Z');
    await k.core.services.jobs.runDue();
    expect(k.notifier.people).toHaveLength(0);
    k.now.t = new Date('2026-12-02T16:01:00Z');
    await k.core.services.jobs.runDue();
    await k.core.services.jobs.runDue();
    expect(sent(cancelled._id)).toHaveLength(0);
    expect(sent(scheduled._id)).toHaveLength(1);
    expect(sent(scheduled._id)[0]!.recipients).toHaveLength(k.people.length);
    expect((await k.core.services.announcements.get(scheduled._id))?.state).toBe('sent');
    // Too late to cancel.
    expect(await k.say(ana, 'aviso cancelar 2')).toContain('ya no se puede cancelar');
    const actions = (await k.store.collection<AuditEntry>(AUDIT_COLLECTION).find({ target: cancelled._id })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['announcement.create', 'announcement.schedule', 'announcement.cancel']));
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ['an empty title', { titulo: '   ' }, /Escriba el título del aviso/],
    ['an empty text', { texto: '' }, /Escriba el texto del aviso/],
    ['a 20,000-character text', { texto: 'x'.repeat(20_000) }, /admite hasta 4,000 caracteres/],
    ['a link that is not https', { enlace: 'http://www.ine.mx/' }, /debe ser una dirección completa que empiece con https/],
    ['an unknown vocalía', { audiencia: 'vocalia', valor: 'VX' }, /No reconozco esa vocalía/],
    ['a group with nobody', { audiencia: 'grupo', valor: '99' }, /Ninguna integrante validada coincide/],
    ['a forged audience kind', { audiencia: 'todas-y-mas' }, /Elija a quiénes va dirigido/],
    ['a time that already passed', { envio: '2026-11-30 10:00' }, /ya pasó/],
    ['a time that is not one', { envio: 'mañana' }, /No reconozco esa fecha/],
  ])('refuses %s with a clear message and saves nothing', async (_label, over, message) => {
    const reply = await k.click(ana, compose(over));
    expect(reply).toMatch(message);
    expect(reply).toContain('No se guardó nada');
    // The compose card comes back with what she typed.
    expect(reply).toContain('Nuevo aviso');
    expect(await count()).toBe(0);
  });

  it('refuses forged payloads: a member pressing the buttons, an unknown id, another edition', async () => {
    const member = k.people[0]!;
    expect(await k.click(member, compose())).toContain('exclusiva de la administración');
    expect(await count()).toBe(0);
    await k.click(ana, compose());
    const doc = await latest();
    expect(await k.click(member, { verb: VERBS.announcementSend, announcementId: doc._id })).toContain('exclusiva de la administración');
    expect(await k.click(member, { verb: VERBS.announcementCancel, announcementId: doc._id })).toContain('exclusiva de la administración');
    expect(await k.say(member, 'aviso')).not.toContain('Nuevo aviso');
    expect(await k.click(ana, { verb: VERBS.announcementSend, announcementId: 'otra:1' })).toContain('No encontré ese aviso');
    expect(await k.click(ana, { verb: VERBS.announcementSend, announcementId: 12 })).toMatch(/tarjeta|datos/i);
    expect(k.notifier.people).toHaveLength(0);
    expect((await latest()).state).toBe('draft');
    // The draft can still be cancelled with its button; then "Enviar" does nothing.
    expect(await k.click(ana, { verb: VERBS.announcementCancel, announcementId: doc._id })).toContain('Se canceló el aviso 1');
    expect(await k.click(ana, { verb: VERBS.announcementSend, announcementId: doc._id })).toContain('fue cancelado');
    expect(k.notifier.people).toHaveLength(0);
  });
});
