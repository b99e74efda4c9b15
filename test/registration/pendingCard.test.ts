import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Activity, ResourceResponse, TurnContext } from 'botbuilder';
import { ana, berta, personalMessage, personalSubmit, TENANT, type UserLike } from '../helpers/activities.js';
import { createHarness, textOf, type Harness } from '../helpers/harness.js';
import { createRegistrationServices, type RegistrationServices } from '../../src/services/registration/index.js';
import { CONSENT_VERSION, type ProfileData } from '../../src/domain/registration.js';
import { VERBS } from '../../src/cards/verbs.js';

/**
 * Issue 9, item 17: the "pendientes" card is updated in place after each decision (the submit's replyToId is
 * the card's activity id in Teams), so decided items lose their buttons at once; and the card says when the
 * email she registered differs from the one of her Teams account.
 */
const carla: UserLike = { id: '29:carla', aadObjectId: '00000000-0000-0000-0000-0000000000c3', name: 'Carla Méndez' };
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

describe('"pendientes": the card updates in place (TestAdapter)', () => {
  let h: Harness;
  let s: RegistrationServices;
  let updates: Partial<Activity>[];

  beforeEach(async () => {
    h = await createHarness({ ADMIN_AAD_IDS: ana.aadObjectId!, MicrosoftAppTenantId: TENANT });
    s = createRegistrationServices(h.store, { adminAadIds: [ana.aadObjectId!] });
    await s.init();
    await s.editions.create({ id: '2026', nombre: 'Red de Coaching 2026' }, 'system');
    await s.editions.activate('2026', 'system');
    await s.editions.openNow('2026', 'system');
    updates = [];
    vi.spyOn(h.adapter, 'updateActivity').mockImplementation(async (_context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> => {
      updates.push(activity);
      return { id: activity.id ?? '' };
    });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await h.close();
  });

  const register = (u: UserLike, over: Partial<ProfileData> = {}) =>
    s.members.register({ editionId: '2026', aadObjectId: u.aadObjectId!, userId: u.id, profile: profile(over), consent: { accepted: true, at: new Date(), version: CONSENT_VERSION } });

  /** Sends "pendientes" and returns the id of the card activity. */
  const queueCard = async (): Promise<{ id: string; text: string }> => {
    const [card] = await h.turn(personalMessage(ana, 'pendientes'));
    expect(card?.attachments?.length).toBe(1);
    return { id: card!.id!, text: textOf(card!) };
  };
  const clickOn = (cardId: string, value: Record<string, unknown>) => h.turn({ ...personalSubmit(ana, value), replyToId: cardId });
  const json = (a: Partial<Activity> | undefined) => JSON.stringify(a?.attachments ?? []);

  it('approving replaces the card: the approved registration leaves it, the others keep their buttons', async () => {
    const b = (await register(berta)).member;
    const c = (await register(carla, { nombre: 'Carla Méndez', correo: 'carla@ine.mx', vocalia: 'VS' })).member;
    const card = await queueCard();
    expect(card.text).toMatch(/2 registros por validar/);

    const reply = all(await clickOn(card.id, { verb: VERBS.regApprove, memberId: b._id }));
    expect(reply).toMatch(/aprobé el registro de Berta Ruiz Soto/);
    expect(updates).toHaveLength(1);
    const updated = updates[0]!;
    expect(updated.id).toBe(card.id);
    expect(updated.type).toBe('message');
    expect(json(updated)).not.toContain(b._id);
    expect(json(updated)).toContain(c._id);
    expect(textOf(updated)).toMatch(/1 registro por validar/);
    expect(textOf(updated)).toMatch(/aprobé el registro de Berta Ruiz Soto/);
  });

  it('rejecting and deciding change requests update the card too; with nothing left, no buttons remain', async () => {
    const b = (await register(berta)).member;
    const c = (await register(carla, { nombre: 'Carla Méndez', correo: 'carla@ine.mx', vocalia: 'VS' })).member;
    await s.members.approve(c._id, 'aad:admin');
    const r = await s.changes.create((await s.members.getById(c._id))!, profile({ nombre: 'Carla M. Ibarra', correo: 'carla@ine.mx', vocalia: 'VS' }), keyOf(carla));
    const card = await queueCard();

    await clickOn(card.id, { verb: VERBS.regReject, memberId: b._id, reasonId: 'motivo_1', motivo_1: 'No pertenece al SPEN' });
    expect(updates.at(-1)?.id).toBe(card.id);
    expect(json(updates.at(-1))).not.toContain(b._id);
    expect(json(updates.at(-1))).toContain(r._id);

    await clickOn(card.id, { verb: VERBS.regChangeApply, requestId: r._id });
    expect(updates).toHaveLength(2);
    expect(json(updates.at(-1))).not.toContain(r._id);
    expect(textOf(updates.at(-1)!)).toMatch(/No hay nada pendiente/);
    expect(json(updates.at(-1))).not.toMatch(/Action\.Submit/);
  });

  it('a second click on an old card answers the current state and refreshes that card', async () => {
    const b = (await register(berta)).member;
    const card = await queueCard();
    await s.members.approve(b._id, 'aad:otra-admin');
    expect(all(await clickOn(card.id, { verb: VERBS.regApprove, memberId: b._id }))).toMatch(/ya no está pendiente/);
    expect(updates).toHaveLength(1);
    expect(json(updates[0])).not.toContain(b._id);
  });

  it('without the card id (or if Teams refuses the update) the decision stands and she is told to type "pendientes"', async () => {
    const b = (await register(berta)).member;
    const c = (await register(carla, { nombre: 'Carla Méndez', correo: 'carla@ine.mx', vocalia: 'VS' })).member;
    expect(all(await h.turn(personalSubmit(ana, { verb: VERBS.regApprove, memberId: b._id })))).toMatch(/aprobé[\s\S]*Escriba \*\*pendientes\*\* para ver la lista actualizada/);
    expect(updates).toHaveLength(0);

    vi.mocked(h.adapter.updateActivity).mockRejectedValueOnce(Object.assign(new Error('Not Found'), { statusCode: 404 }));
    const card = await queueCard();
    expect(all(await clickOn(card.id, { verb: VERBS.regApprove, memberId: c._id }))).toMatch(/aprobé el registro de Carla[\s\S]*Escriba \*\*pendientes\*\*/);
    expect((await s.members.get('2026', keyOf(carla)))?.status).toBe('validated');
  });

  it('the card says when the registered email differs from her Teams account, or could not be confirmed', async () => {
    await h.core.services.people.record({ personKey: keyOf(berta), aadObjectId: berta.aadObjectId!, userId: berta.id, email: 'berta.ruiz.soto@ine.mx' });
    await register(berta, { correo: 'otra.persona@ine.mx' });
    await register(carla, { nombre: 'Carla Méndez', correo: 'carla@ine.mx', vocalia: 'VS' });
    const { text } = await queueCard();
    expect(text).toMatch(/Berta Ruiz Soto[\s\S]*otra\.persona@ine\.mx[\s\S]*Correo de su cuenta de Teams[\s\S]*berta\.ruiz\.soto@ine\.mx[\s\S]*distinto del correo registrado[\s\S]*Carla Méndez/);
    expect(text).toMatch(/Carla Méndez[\s\S]*carla@ine\.mx[\s\S]*Teams no informó el correo de su cuenta/);
  });

  it('the same email as her Teams account is not flagged', async () => {
    await h.core.services.people.record({ personKey: keyOf(berta), aadObjectId: berta.aadObjectId!, userId: berta.id, email: 'BERTA.RUIZ@ine.mx' });
    await s.members.register({
      editionId: '2026',
      aadObjectId: berta.aadObjectId!,
      userId: berta.id,
      profile: profile(),
      consent: { accepted: true, at: new Date(), version: CONSENT_VERSION },
      verifiedEmail: 'berta.ruiz@ine.mx',
    });
    const { text } = await queueCard();
    expect(text).toMatch(/berta\.ruiz@ine\.mx/);
    expect(text).not.toMatch(/cuenta de Teams/);
  });
});
