import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { ana, berta, personalMessage, personalSubmit, TENANT, type UserLike } from '../helpers/activities.js';
import { createHarness, textOf, type Harness } from '../helpers/harness.js';
import { createRegistrationServices, type RegistrationServices } from '../../src/services/registration/index.js';
import { CONSENT_VERSION, type ProfileData } from '../../src/domain/registration.js';
import { memberId } from '../../src/domain/member.js';
import { VERBS } from '../../src/cards/verbs.js';

/** UTIGyND commands of the registration feature, and the refusal of every one of them to non-admins. */
const carla: UserLike = { id: '29:carla', aadObjectId: '00000000-0000-0000-0000-0000000000c3', name: 'Carla Méndez' };
const dora: UserLike = { id: '29:dora', aadObjectId: '00000000-0000-0000-0000-0000000000d4', name: 'Dora Ibarra' };
const keyOf = (u: UserLike) => `aad:${u.aadObjectId!.toLowerCase()}`;
const all = (replies: Partial<Activity>[]) => replies.map(textOf).join('\n---\n');

const profile = (over: Partial<ProfileData> = {}): ProfileData => ({
  nombre: 'Berta Ruiz Soto',
  correo: 'berta.ruiz@ine.mx',
  vocalia: 'VE',
  ambito: 'JDE',
  entidad: '09',
  distrito: 5,
  circunscripcion: 4,
  ejesInteres: [],
  ...over,
});

describe('registration administration (TestAdapter)', () => {
  let h: Harness;
  let s: RegistrationServices;

  beforeEach(async () => {
    h = await createHarness({ ADMIN_AAD_IDS: ana.aadObjectId!, MicrosoftAppTenantId: TENANT });
    s = createRegistrationServices(h.store, { adminAadIds: [ana.aadObjectId!] });
    await s.init();
  });
  afterEach(async () => h.close());

  const say = async (u: UserLike, text: string) => all(await h.turn(personalMessage(u, text)));
  const setUp = async () => {
    await say(ana, 'edicion crear 2026 Red de Coaching 2026');
    await say(ana, 'edicion activar 2026');
    await say(ana, 'convocatoria abrir');
  };
  const register = (u: UserLike, over: Partial<ProfileData> = {}) =>
    s.members.register({ editionId: '2026', aadObjectId: u.aadObjectId!, userId: u.id, profile: profile(over), consent: { accepted: true, at: new Date(), version: CONSENT_VERSION } });

  describe('a non-admin is refused every admin command, and it is audited', () => {
    const attempts = [
      'convocatoria',
      'convocatoria estado',
      'convocatoria abrir',
      'convocatoria cerrar',
      'convocatoria fechas 2026-12-01 2026-12-15',
      'convocatoria difundir',
      'edicion',
      'edicion crear 2099',
      'edición activar 2026',
      'edicion etapa 2027-01-20 Apertura',
      'pendientes',
      'admin',
      'admin agregar berta.ruiz@ine.mx',
      `admin quitar ${ana.aadObjectId}`,
    ];

    it.each(attempts)('"%s"', async (text) => {
      await setUp();
      const before = await s.editions.get('2026');
      const reply = await say(berta, text);
      expect(reply).toMatch(/no está disponible para su perfil/);
      const [entry] = await s.audit.list({ action: 'command.denied', actor: keyOf(berta) });
      expect(entry?.target).toBe(text.startsWith('admin') ? 'admins' : text.startsWith('pendientes') ? 'pending' : text.startsWith('convocatoria') ? 'call' : 'edition');
      expect(await s.editions.get('2099')).toBeNull();
      expect((await s.editions.get('2026'))?.opensAt).toEqual(before?.opensAt);
      expect((await s.admins.list()).map((a) => a.aadObjectId)).toEqual([ana.aadObjectId]);
    });

    const buttons: [string, Record<string, unknown>][] = [
      ['approve', { verb: VERBS.regApprove, memberId: `2026:${'aad:00000000-0000-0000-0000-0000000000c3'}` }],
      ['reject', { verb: VERBS.regReject, memberId: `2026:${'aad:00000000-0000-0000-0000-0000000000c3'}`, reasonId: 'motivo_1', motivo_1: 'No procede' }],
      ['apply change', { verb: VERBS.regChangeApply, requestId: 'x' }],
      ['dismiss change', { verb: VERBS.regChangeDismiss, requestId: 'x' }],
    ];

    it.each(buttons)('the "%s" button (forged card): refused on the server, audited, nothing changes', async (_name, payload) => {
      await setUp();
      await register(carla);
      const reply = all(await h.turn(personalSubmit(berta, payload)));
      expect(reply).toMatch(/exclusiva de la administración/);
      expect((await s.members.get('2026', keyOf(carla)))?.status).toBe('pending');
      expect(await s.audit.list({ action: 'command.denied', actor: keyOf(berta), target: String(payload.verb) })).toHaveLength(1);
      expect(h.notifier.people).toHaveLength(0);
    });
  });

  it('editions and the call: create, activate, dates, stages, open, close, status (all audited)', async () => {
    expect(await say(ana, 'convocatoria')).toMatch(/no hay una edición activa/);
    expect(await say(ana, 'edicion crear 2026')).toMatch(/creé la edición \*\*2026\*\*/);
    expect(await say(ana, 'edicion crear 2026')).toMatch(/ya existe/);
    expect(await say(ana, 'edicion crear 20/26')).toMatch(/identificador/);
    expect(await say(ana, 'edicion activar 2030')).toMatch(/No existe la edición 2030/);
    expect(await say(ana, 'edición activar 2026')).toMatch(/edición activa/);
    expect(await say(ana, 'convocatoria fechas 2026-12-15 2026-12-01')).toMatch(/posterior/);
    expect(await say(ana, 'convocatoria fechas mañana')).toMatch(/Escriba la fecha de apertura/);
    expect(await say(ana, 'convocatoria fechas 2099-12-01 15/12/2099')).toMatch(/abre el 1 de diciembre de 2099, 00:00 h[\s\S]*cierra el 15 de diciembre de 2099, 23:59 h/);
    expect(await say(ana, 'edicion etapa 2100-01-20 Reunión nacional de apertura')).toMatch(/Reunión nacional de apertura: 20 de enero de 2100/);
    expect(await say(ana, 'edicion etapa 2100-02-10 Primera sesión grupal')).toMatch(/apertura[\s\S]*Primera sesión grupal/);
    expect(await say(ana, 'edicion quitar-etapa primera sesión grupal')).not.toMatch(/Primera/);
    expect(await say(berta, 'registrarme')).toMatch(/abre el 1 de diciembre de 2099/);
    expect(await say(ana, 'convocatoria abrir')).toMatch(/está abierta/);
    expect(await say(ana, 'convocatoria estado')).toMatch(/Convocatoria — Red de Coaching 2026[\s\S]*abierta[\s\S]*Padrón: sin cargar[\s\S]*Reunión nacional de apertura/);
    expect(await say(ana, 'convocatoria cerrar')).toMatch(/cerró/);
    expect(await say(berta, 'registrarme')).toMatch(/cerró/);
    expect(await say(ana, 'convocatoria quizá')).toMatch(/Opciones de \*\*convocatoria\*\*/);
    expect(await say(ana, 'edicion')).toMatch(/\*\*2026\*\* — Red de Coaching 2026 \(activa\)/);
    const runs = await s.audit.list({ actor: keyOf(ana), action: 'command.run' });
    expect(runs.map((e) => `${e.target} ${String(e.details?.sub)}`)).toContain('call fechas');
    const actions = (await s.audit.list({ actor: keyOf(ana) })).map((e) => e.action).filter((a) => a !== 'command.run').reverse();
    expect(actions).toEqual(['edition.create', 'edition.activate', 'edition.window', 'edition.calendar', 'edition.calendar', 'edition.calendar', 'call.open', 'call.close']);
  });

  it('"pendientes": the queue with duplicates flagged; approval and rejection notify the person', async () => {
    await setUp();
    expect(await say(ana, 'pendientes')).toMatch(/No hay nada pendiente/);
    const b = (await register(berta)).member;
    const c = (await register(carla, { nombre: 'Carla Méndez', correo: 'carla@ine.mx' })).member;
    await register(dora, { nombre: 'Dora Ibarra', correo: 'dora@ine.mx', vocalia: 'VS' });
    const queue = await h.turn(personalMessage(ana, 'pendientes'));
    const text = all(queue);
    expect(text).toMatch(/3 registros por validar/);
    expect(text).toMatch(/Misma vocalía en la misma junta[\s\S]*Vocalía Ejecutiva, Junta Distrital Ejecutiva 05 de Ciudad de México: Berta Ruiz Soto \(pendiente de validación\), Carla Méndez/);
    expect(text).toMatch(/Aún no hay padrón cargado/);
    expect(JSON.stringify(queue[0]?.attachments)).toContain(VERBS.regApprove);

    expect(all(await h.turn(personalSubmit(ana, { verb: VERBS.regApprove, memberId: b._id })))).toMatch(/aprobé el registro de Berta Ruiz Soto/);
    expect(await s.members.get('2026', keyOf(berta))).toMatchObject({ status: 'validated', decidedBy: keyOf(ana) });
    expect(h.notifier.people).toHaveLength(1);
    expect(h.notifier.people[0]?.recipients).toEqual([expect.objectContaining({ personKey: keyOf(berta), userId: berta.id, message: { text: expect.stringMatching(/fue \*\*validado\*\*/) } })]);
    // A second click on the same card.
    expect(all(await h.turn(personalSubmit(ana, { verb: VERBS.regApprove, memberId: b._id })))).toMatch(/ya no está pendiente \(estado actual: validada\)/);
    expect(h.notifier.people).toHaveLength(1);

    // Rejection: the reason is required (a forged payload without it is refused).
    expect(all(await h.turn(personalSubmit(ana, { verb: VERBS.regReject, memberId: c._id, reasonId: 'motivo_2' })))).toMatch(/escriba el motivo/);
    expect(all(await h.turn(personalSubmit(ana, { verb: VERBS.regReject, memberId: c._id, reasonId: 'motivo_2', motivo_2: ' ' })))).toMatch(/escriba el motivo/);
    expect(all(await h.turn(personalSubmit(ana, { verb: VERBS.regReject, memberId: c._id, reasonId: '__proto__', __proto__: 'x' })))).toMatch(/No pude procesar/);
    expect((await s.members.get('2026', keyOf(carla)))?.status).toBe('pending');
    expect(all(await h.turn(personalSubmit(ana, { verb: VERBS.regReject, memberId: c._id, reasonId: 'motivo_2', motivo_2: 'La vocalía ya está ocupada por otra integrante' })))).toMatch(
      /rechacé el registro de Carla Méndez/,
    );
    expect(await s.members.get('2026', keyOf(carla))).toMatchObject({ status: 'rejected', statusReason: 'La vocalía ya está ocupada por otra integrante' });
    expect(h.notifier.people[1]?.recipients[0]).toMatchObject({ personKey: keyOf(carla), message: { text: expect.stringMatching(/no fue validado[\s\S]*Motivo: La vocalía ya está ocupada/) } });
    // Audit: the register entry of Carla flagged the conflict; decisions are recorded.
    const [reg] = await s.audit.list({ action: 'member.register', target: keyOf(carla) });
    expect(reg?.details?.juntaConflictWith).toEqual([b._id]);
    expect(await s.audit.list({ action: 'member.approve', actor: keyOf(ana) })).toHaveLength(1);
    expect(await s.audit.list({ action: 'member.reject', actor: keyOf(ana) })).toHaveLength(1);
    expect(all(await h.turn(personalSubmit(ana, { verb: VERBS.regApprove, memberId: '2026:aad:nadie' })))).toMatch(/ya no existe/);
  });

  it('change requests from "pendientes": apply and dismiss notify her', async () => {
    await setUp();
    const { member } = await register(berta);
    const r1 = await s.changes.create(member, profile({ nombre: 'Berta R. Soto' }), keyOf(berta));
    expect(all(await h.turn(personalSubmit(ana, { verb: VERBS.regChangeApply, requestId: r1._id })))).toMatch(/apliqué los cambios/);
    expect((await s.members.get('2026', keyOf(berta)))?.nombre).toBe('Berta R. Soto');
    const r2 = await s.changes.create((await s.members.get('2026', keyOf(berta)))!, profile({ nombre: 'Otra' }), keyOf(berta));
    expect(all(await h.turn(personalSubmit(ana, { verb: VERBS.regChangeDismiss, requestId: r2._id })))).toMatch(/descarté la solicitud/);
    expect(all(await h.turn(personalSubmit(ana, { verb: VERBS.regChangeDismiss, requestId: r2._id })))).toMatch(/ya fue atendida/);
    expect(h.notifier.people.map((n) => n.recipients[0]?.message.text)).toEqual([expect.stringMatching(/aplicó los cambios/), expect.stringMatching(/no la aplicó/)]);
  });

  it('"admin agregar|quitar|lista" by email; bootstrap admins cannot be removed', async () => {
    await setUp();
    expect(await say(ana, 'admin agregar nadie@ine.mx')).toMatch(/No encontré a nadie/);
    await register(berta);
    expect(await say(ana, 'admin agregar berta.ruiz@ine.mx')).toMatch(/Berta Ruiz Soto ahora es administradora/);
    expect(h.notifier.people.at(-1)?.recipients[0]).toMatchObject({ personKey: keyOf(berta), message: { text: expect.stringMatching(/Administración UTIGyND/) } });
    expect(await say(ana, 'admin agregar BERTA.RUIZ@ine.mx')).toMatch(/ya es administradora/);
    expect(await say(berta, 'convocatoria estado')).toMatch(/Convocatoria — /);
    expect(await say(ana, 'admin lista')).toMatch(/configurada en el servidor[\s\S]*Berta Ruiz Soto \(berta.ruiz@ine.mx\) — agregada en el bot/);
    expect(await say(berta, `admin quitar ${ana.aadObjectId}`)).toMatch(/se configuró en el servidor \(ADMIN_AAD_IDS\)/);
    expect(await say(ana, `admin agregar ${carla.aadObjectId}`)).toMatch(/ahora es administradora/);
    expect(await say(ana, 'admin quitar berta.ruiz@ine.mx')).toMatch(/ya no es administradora/);
    expect(await say(berta, 'pendientes')).toMatch(/no está disponible para su perfil/);
    const actions = (await s.audit.list()).map((e) => e.action);
    expect(actions.filter((a) => a.startsWith('admin.'))).toEqual(['admin.remove', 'admin.add', 'admin.add']);
  });

  it('the last admin cannot remove herself', async () => {
    const h2 = await createHarness({ MicrosoftAppTenantId: TENANT });
    try {
      const s2 = createRegistrationServices(h2.store, { adminAadIds: [] });
      await s2.admins.add({ aadObjectId: carla.aadObjectId!, email: 'carla@ine.mx' }, 'system');
      const reply = all(await h2.turn(personalMessage(carla, 'admin quitar carla@ine.mx')));
      expect(reply).toMatch(/No es posible quitar a la última persona administradora/);
      expect((await s2.admins.list()).map((a) => a.aadObjectId)).toEqual([carla.aadObjectId]);
    } finally {
      await h2.close();
    }
  });

  it('"convocatoria difundir": the invitation card to everyone the bot knows without a registration', async () => {
    await setUp();
    for (const u of [berta, carla, dora]) await h.turn(personalMessage(u, 'hola'));
    await register(dora, { correo: 'dora@ine.mx', nombre: 'Dora Ibarra' });
    expect(await say(ana, 'convocatoria difundir')).toMatch(/la invitación se envía a 3 persona/);
    const sent = h.notifier.people.at(-1)!;
    expect(sent.broadcastId).toBe('invitation:2026');
    expect(sent.recipients.map((r) => r.personKey).sort()).toEqual([keyOf(ana), keyOf(berta), keyOf(carla)].sort());
    const card = JSON.stringify(sent.recipients[0]?.message.cards);
    expect(card).toContain('Registrarme');
    expect(card).toContain(VERBS.startCommand);
    expect(await s.audit.list({ action: 'call.invite' })).toHaveLength(1);
    await say(ana, 'convocatoria cerrar');
    expect(await say(ana, 'convocatoria difundir')).toMatch(/Abra la convocatoria antes de difundirla/);
  });

  it('approved members get the member role; help shows it', async () => {
    await setUp();
    const { member } = await register(berta);
    expect(await say(berta, 'ayuda')).toMatch(/Persona invitada/);
    await h.turn(personalSubmit(ana, { verb: VERBS.regApprove, memberId: member._id }));
    expect(await say(berta, 'ayuda')).toMatch(/Integrante de la Red/);
    expect(memberId('2026', keyOf(berta))).toBe(member._id);
  });
});
