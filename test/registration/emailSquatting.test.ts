import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { ana, berta, personalMessage, TENANT, type UserLike } from '../helpers/activities.js';
import { createHarness, textOf, type Harness } from '../helpers/harness.js';
import { AUDIT_ACTIONS } from '../../src/services/registration/audit.js';
import { MEMBERS_COLLECTION, MemberService } from '../../src/services/registration/members.js';
import { StoreRosterLookup } from '../../src/services/registration/roster.js';
import { memberId, type MemberRecord } from '../../src/domain/member.js';
import { consent, openKit, profile, seedRoster, type ServiceKit } from './support.js';

/**
 * Issue 9 item 6: email squatting. A registration whose email Teams did not confirm as hers must never block
 * the person whose Teams account has that email; the verified account wins and the other record is flagged
 * for the UTIGyND. Rejected and withdrawn registrations free their email.
 */
const ANA = '00000000-0000-0000-0000-0000000000a1';
const BERTA = '00000000-0000-0000-0000-0000000000b2';
const CARLA = '00000000-0000-0000-0000-0000000000c3';
const ANA_EMAIL = 'ana.lopez@ine.mx';
const ROSTER_ANA = { nombre: 'Ana López Pérez', correo: ANA_EMAIL, vocalia: 'VE', ambito: 'JDE' as const, entidad: '09', distrito: 5, circunscripcion: 4 };

describe('email squatting (services, embedded store)', () => {
  let k: ServiceKit;
  beforeEach(async () => {
    k = await openKit();
  });
  afterEach(async () => k.close());

  const reg = (aad: string, over: Parameters<typeof profile>[0] = {}, verifiedEmail?: string) =>
    k.members.register({ editionId: '2026', aadObjectId: aad, userId: `29:${aad.slice(-2)}`, profile: profile(over), consent: consent(), ...(verifiedEmail ? { verifiedEmail } : {}) });
  const idOf = (aad: string) => memberId('2026', `aad:${aad}`);

  it('a colleague who typed her email first does not block the owner: the verified account wins and the other record is flagged', async () => {
    await seedRoster(k.store, '2026', [ROSTER_ANA]);
    const squatter = await reg(BERTA, { nombre: 'Berta Ruiz' });
    expect(squatter.member).toMatchObject({ status: 'pending', pendingReason: 'emailNotVerified', emailVerified: false });

    const owner = await reg(ANA, {}, 'Ana.Lopez@ine.mx');
    expect(owner.member).toMatchObject({ status: 'validated', emailVerified: true, correo: ANA_EMAIL });

    const flagged = await k.members.getById(idOf(BERTA));
    expect(flagged).toMatchObject({ status: 'pending', pendingReason: 'emailClaimed' });
    const [entry] = await k.audit.list({ action: AUDIT_ACTIONS.memberEmailClaimed });
    expect(entry).toMatchObject({ actor: 'system', target: `aad:${BERTA}`, details: { claimedBy: `aad:${ANA}` } });
    expect(JSON.stringify(entry)).not.toContain(ANA_EMAIL);
  });

  it('a squatting record an admin had already validated goes back to the queue when the owner registers', async () => {
    await reg(BERTA, { nombre: 'Berta Ruiz' });
    await k.members.approve(idOf(BERTA), 'aad:admin');
    await reg(ANA, {}, ANA_EMAIL);
    expect(await k.members.getById(idOf(BERTA))).toMatchObject({ status: 'pending', pendingReason: 'emailClaimed' });
  });

  it('once a verified account holds the email, an unconfirmed claim of it is refused', async () => {
    await reg(ANA, {}, ANA_EMAIL);
    await expect(reg(BERTA, { nombre: 'Berta Ruiz' })).rejects.toMatchObject({ code: 'emailInUse' });
    // Changing her own data to that email is refused the same way.
    await reg(CARLA, { nombre: 'Carla Soto', correo: 'carla@ine.mx' });
    await expect(k.members.update('2026', `aad:${CARLA}`, profile({ nombre: 'Carla Soto' }), `aad:${CARLA}`)).rejects.toMatchObject({ code: 'emailInUse' });
  });

  it('two unconfirmed claims of one email do not block each other (both wait for an admin)', async () => {
    await reg(ANA);
    const second = await reg(BERTA, { nombre: 'Berta Ruiz' });
    expect(second.member.status).toBe('pending');
    expect(await k.members.list('2026')).toHaveLength(2);
  });

  it('the owner correcting her email to her Teams email also wins over an earlier squatter', async () => {
    await reg(BERTA, { nombre: 'Berta Ruiz' });
    await reg(ANA, { correo: 'ana.personal@ine.mx' }, ANA_EMAIL);
    const result = await k.members.update('2026', `aad:${ANA}`, profile(), `aad:${ANA}`, { verifiedEmail: ANA_EMAIL });
    expect(result.member).toMatchObject({ correo: ANA_EMAIL, emailVerified: true });
    expect(await k.members.getById(idOf(BERTA))).toMatchObject({ status: 'pending', pendingReason: 'emailClaimed' });
  });

  it('a withdrawn registration frees its email (e.g. a positional mailbox handed to her successor)', async () => {
    await reg(ANA, {}, ANA_EMAIL);
    await k.members.withdraw('2026', `aad:${ANA}`, `aad:${ANA}`);
    const successor = await reg(CARLA, { nombre: 'Carla Soto' }, ANA_EMAIL);
    expect(successor.member).toMatchObject({ emailVerified: true, correo: ANA_EMAIL });
  });

  it('a rejected registration frees its email', async () => {
    await seedRoster(k.store, '2026', [ROSTER_ANA]);
    // Verified but with a different position: pending, then rejected by an admin.
    await reg(ANA, { distrito: 6 }, ANA_EMAIL);
    await k.members.reject(idOf(ANA), 'No corresponde a su adscripción', 'aad:admin');
    const other = await reg(CARLA, { nombre: 'Carla Soto' }, ANA_EMAIL);
    expect(other.member).toMatchObject({ status: 'validated', correo: ANA_EMAIL });
  });

  it('an admin approving a squatting record does not let it block the owner', async () => {
    await reg(BERTA, { nombre: 'Berta Ruiz' });
    await k.members.approve(idOf(BERTA), 'aad:admin');
    await expect(reg(ANA, {}, ANA_EMAIL)).resolves.toBeDefined();
  });

  it('start-up replaces the old unique index on (edition, email) of existing data and keeps the verified holders', async () => {
    // Data written before the fix: the old unique index and records without the holder field.
    await k.store.ensureIndexes(MEMBERS_COLLECTION, [{ fields: ['editionId', 'correo'], unique: true }]);
    const old = (aad: string, over: Partial<MemberRecord>): MemberRecord => ({
      _id: idOf(aad),
      editionId: '2026',
      personKey: `aad:${aad}`,
      aadObjectId: aad,
      userId: `29:${aad.slice(-2)}`,
      ...profile(),
      consent: consent(),
      status: 'pending',
      rosterMatch: false,
      createdAt: new Date('2026-12-01T00:00:00Z'),
      updatedAt: new Date('2026-12-01T00:00:00Z'),
      ...over,
    });
    await k.store.collection<MemberRecord>(MEMBERS_COLLECTION).insertOne(old(BERTA, { nombre: 'Berta Ruiz', emailVerified: false, pendingReason: 'emailNotVerified' }));
    await k.store.collection<MemberRecord>(MEMBERS_COLLECTION).insertOne(old(CARLA, { nombre: 'Carla Soto', correo: 'carla@ine.mx', emailVerified: true, status: 'validated' }));
    const restarted = new MemberService(k.store, k.audit, new StoreRosterLookup(k.store), () => k.now.value);
    await restarted.init();
    await restarted.init();
    const owner = await restarted.register({ editionId: '2026', aadObjectId: ANA, userId: '29:a1', profile: profile(), consent: consent(), verifiedEmail: ANA_EMAIL });
    expect(owner.member.correo).toBe(ANA_EMAIL);
    expect(await restarted.getById(idOf(BERTA))).toMatchObject({ pendingReason: 'emailClaimed' });
    // Carla's verified email is held again after the migration.
    await expect(
      restarted.register({ editionId: '2026', aadObjectId: '00000000-0000-0000-0000-0000000000d4', userId: '29:d4', profile: profile({ correo: 'carla@ine.mx' }), consent: consent() }),
    ).rejects.toMatchObject({ code: 'emailInUse' });
  });
});

describe('email squatting in "pendientes" (TestAdapter)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness({ ADMIN_AAD_IDS: ana.aadObjectId!, MicrosoftAppTenantId: TENANT });
  });
  afterEach(async () => h.close());

  const say = async (u: UserLike, text: string): Promise<string> => (await h.turn(personalMessage(u, text))).map((r: Partial<Activity>) => textOf(r)).join('\n');
  const carla: UserLike = { id: '29:carla', aadObjectId: CARLA, name: 'Carla Soto' };
  const dora: UserLike = { id: '29:dora', aadObjectId: '00000000-0000-0000-0000-0000000000d4', name: 'Dora Paz' };
  const register = (u: UserLike, nombre: string, verifiedEmail?: string) =>
    h.core.services.members.register({
      editionId: '2026',
      aadObjectId: u.aadObjectId!,
      userId: u.id,
      profile: profile({ nombre, correo: 'carla.soto@ine.mx' }),
      consent: consent(),
      ...(verifiedEmail ? { verifiedEmail } : {}),
    });

  it('the record that lost its email to a verified account is flagged on its card; two unconfirmed claims are flagged too', async () => {
    await say(ana, 'edicion crear 2026 Red de Coaching 2026');
    await say(ana, 'edicion activar 2026');
    await register(berta, 'Berta Ruiz');
    await register(dora, 'Dora Paz');
    let queue = await say(ana, 'pendientes');
    expect(queue).toMatch(/Berta Ruiz[\s\S]*Otro registro usa el mismo correo[\s\S]*Dora Paz[\s\S]*Otro registro usa el mismo correo/);

    await register(carla, 'Carla Soto', 'carla.soto@ine.mx');
    queue = await say(ana, 'pendientes');
    expect(queue).toMatch(/Berta Ruiz[\s\S]*Otra persona registró este correo con su cuenta de Teams verificada/);
    expect(queue).toMatch(/Berta Ruiz[\s\S]*El correo pertenece a la cuenta de Teams de otra persona registrada/);
  });
});
