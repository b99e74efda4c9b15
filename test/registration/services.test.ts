import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AuditLog, fingerprint } from '../../src/services/registration/audit.js';
import { EditionError } from '../../src/services/registration/editions.js';
import { RegistrationError } from '../../src/services/registration/members.js';
import { AdminError, AdminService } from '../../src/services/registration/admins.js';
import { RoleService } from '../../src/services/roles.js';
import { pino } from 'pino';
import { consent, openKit, profile, seedRoster, type ServiceKit } from './support.js';

const ANA = '00000000-0000-0000-0000-0000000000a1';
const BERTA = '00000000-0000-0000-0000-0000000000b2';
const CARLA = '00000000-0000-0000-0000-0000000000c3';

describe('registration services (embedded store)', () => {
  let k: ServiceKit;
  beforeEach(async () => {
    k = await openKit();
  });
  afterEach(async () => k.close());

  describe('AuditLog', () => {
    it('appends entries and lists the newest first, with filters', async () => {
      await k.audit.append({ actor: 'aad:x', action: 'a.one', target: 't1' });
      k.now.value = new Date(k.now.value.getTime() + 1000);
      await k.audit.append({ actor: 'system', action: 'a.two', target: 't2', editionId: '2026' });
      const all = await k.audit.list();
      expect(all.map((e) => e.action)).toEqual(['a.two', 'a.one']);
      expect(await k.audit.list({ target: 't1' })).toHaveLength(1);
      expect(await k.audit.list({ editionId: '2026' })).toHaveLength(1);
      expect(await k.audit.list({}, 1)).toHaveLength(1);
      await k.audit.append({ actor: 'aad:y', action: 'a.three', target: 'aad:x' });
      expect((await k.audit.listAbout('aad:x')).map((e) => e.action)).toEqual(['a.three', 'a.one']);
    });

    it('has no way to change or delete entries', () => {
      const methods = Object.getOwnPropertyNames(AuditLog.prototype);
      expect(methods.sort()).toEqual(['append', 'constructor', 'init', 'list', 'listAbout']);
    });
  });

  describe('EditionService', () => {
    it('creates, activates one edition at a time, and audits each step', async () => {
      await k.editions.create({ id: '2026' }, 'aad:admin');
      await k.editions.create({ id: '2027', nombre: 'Red 2027' }, 'aad:admin');
      expect(await k.editions.getActive()).toBeNull();
      await k.editions.activate('2026', 'aad:admin');
      expect((await k.editions.getActive())?._id).toBe('2026');
      await k.editions.activate('2027', 'aad:admin');
      expect((await k.editions.getActive())?._id).toBe('2027');
      expect((await k.editions.get('2026'))?.active).toBe(false);
      const actions = (await k.audit.list()).map((e) => e.action);
      expect(actions.filter((a) => a === AUDIT_ACTIONS.editionCreate)).toHaveLength(2);
      expect(actions.filter((a) => a === AUDIT_ACTIONS.editionActivate)).toHaveLength(2);
    });

    it('refuses a repeated or malformed id', async () => {
      await k.editions.create({ id: '2026' }, 'aad:admin');
      await expect(k.editions.create({ id: '2026' }, 'aad:admin')).rejects.toMatchObject({ code: 'exists' });
      await expect(k.editions.create({ id: '20 26/x' }, 'aad:admin')).rejects.toBeInstanceOf(EditionError);
      await expect(k.editions.activate('1999', 'aad:admin')).rejects.toMatchObject({ code: 'notFound' });
    });

    it('opens and closes the window; isOpen follows the clock', async () => {
      const e = await k.editions.create({ id: '2026' }, 'aad:admin');
      expect(k.editions.isOpen(e)).toBe(false);
      const opens = new Date('2026-12-01T06:00:00Z');
      const closes = new Date('2026-12-16T05:59:59Z');
      const w = await k.editions.setWindow('2026', opens, closes, 'aad:admin');
      expect(k.editions.isOpen(w, new Date('2026-11-30T00:00:00Z'))).toBe(false);
      expect(k.editions.isOpen(w, new Date('2026-12-10T00:00:00Z'))).toBe(true);
      expect(k.editions.isOpen(w, closes)).toBe(false);
      await expect(k.editions.setWindow('2026', closes, opens, 'aad:admin')).rejects.toMatchObject({ code: 'invalidWindow' });
      const closed = await k.editions.closeNow('2026', 'aad:admin');
      expect(k.editions.isOpen(closed)).toBe(false);
      const reopened = await k.editions.openNow('2026', 'aad:admin');
      expect(k.editions.isOpen(reopened)).toBe(true);
      expect(reopened.closesAt).toBeUndefined();
    });

    it('keeps the calendar sorted and replaces a stage with the same label', async () => {
      await k.editions.create({ id: '2026' }, 'aad:admin');
      await k.editions.setStage('2026', 'Primera sesión grupal', new Date('2027-02-10T16:00:00Z'), 'aad:admin');
      await k.editions.setStage('2026', 'Reunión nacional de apertura', new Date('2027-01-20T16:00:00Z'), 'aad:admin');
      let e = await k.editions.setStage('2026', 'primera sesion grupal', new Date('2027-02-12T16:00:00Z'), 'aad:admin');
      expect(e.calendar.map((s) => s.key)).toEqual(['reunion-nacional-de-apertura', 'primera-sesion-grupal']);
      expect(e.calendar[1]?.date.toISOString()).toBe('2027-02-12T16:00:00.000Z');
      e = await k.editions.removeStage('2026', 'reunion-nacional-de-apertura', 'aad:admin');
      expect(e.calendar).toHaveLength(1);
    });
  });

  describe('MemberService', () => {
    const reg = (aad: string, over: Parameters<typeof profile>[0] = {}, verifiedEmail?: string) =>
      k.members.register({ editionId: '2026', aadObjectId: aad, userId: `29:${aad.slice(-2)}`, profile: profile(over), consent: consent(), ...(verifiedEmail ? { verifiedEmail } : {}) });

    it('without a roster, a registration is pending (noRoster) and audited without personal data in clear', async () => {
      const { member } = await reg(ANA);
      expect(member).toMatchObject({ status: 'pending', pendingReason: 'noRoster', rosterMatch: false, personKey: `aad:${ANA}` });
      const [entry] = await k.audit.list({ action: AUDIT_ACTIONS.memberRegister });
      expect(entry?.actor).toBe(`aad:${ANA}`);
      expect(JSON.stringify(entry)).not.toContain('ana.lopez@ine.mx');
      expect(JSON.stringify(entry)).not.toContain('Ana López');
      expect(entry?.after?.correo).toBe(fingerprint('ana.lopez@ine.mx'));
    });

    it('with a matching roster entry and the Teams email, it is validated', async () => {
      await seedRoster(k.store, '2026', [{ nombre: 'Ana López Pérez', correo: 'ana.lopez@ine.mx', vocalia: 'VE', ambito: 'JDE', entidad: '09', distrito: 5, circunscripcion: 4 }]);
      const { member } = await reg(ANA, {}, 'Ana.Lopez@ine.mx');
      expect(member).toMatchObject({ status: 'validated', rosterMatch: true, emailVerified: true });
      expect(member.pendingReason).toBeUndefined();
    });

    it.each([
      ['email not in the roster', { correo: 'otra@ine.mx' }, 'otra@ine.mx', 'notInRoster'],
      ['a different position', { distrito: 6 }, 'ana.lopez@ine.mx', 'positionMismatch'],
      ['a typed email Teams did not confirm', {}, undefined, 'emailNotVerified'],
    ] as const)('with a roster, %s → pending', async (_name, over, verified, reason) => {
      await seedRoster(k.store, '2026', [{ nombre: 'Ana López Pérez', correo: 'ana.lopez@ine.mx', vocalia: 'VE', ambito: 'JDE', entidad: '09', distrito: 5, circunscripcion: 4 }]);
      const { member } = await reg(ANA, over, verified);
      expect(member).toMatchObject({ status: 'pending', pendingReason: reason });
    });

    it("a group's members: validated ones placed in it, withdrawn ones left out, oldest first", async () => {
      await seedRoster(k.store, '2026', [
        { nombre: 'Ana López Pérez', correo: 'ana.lopez@ine.mx', vocalia: 'VE', ambito: 'JDE', entidad: '09', distrito: 5, circunscripcion: 4 },
        { nombre: 'Berta Ruiz', correo: 'berta@ine.mx', vocalia: 'VE', ambito: 'JDE', entidad: '09', distrito: 5, circunscripcion: 4 },
      ]);
      const ana = (await reg(ANA, {}, 'ana.lopez@ine.mx')).member;
      k.now.value = new Date(k.now.value.getTime() + 1000);
      const berta = (await reg(BERTA, { nombre: 'Berta Ruiz', correo: 'berta@ine.mx' }, 'berta@ine.mx')).member;
      const carla = (await reg(CARLA, { nombre: 'Carla', correo: 'carla@ine.mx' })).member; // pending
      expect([ana.status, berta.status, carla.status]).toEqual(['validated', 'validated', 'pending']);
      const set = { assignment: { [ana._id]: 1, [berta._id]: 1, [carla._id]: 1, 'otra-persona': 2 }, removed: [] as string[] };
      expect((await k.members.inGroup('2026', set, 1)).map((m) => m.personKey)).toEqual([`aad:${ANA}`, `aad:${BERTA}`]);
      expect(await k.members.inGroup('2026', { ...set, removed: [ana._id] }, 1)).toHaveLength(1);
      expect(await k.members.inGroup('2026', set, 2)).toEqual([]);
      expect(await k.members.inGroup('2027', set, 1)).toEqual([]);
    });

    it('one registration per person even when she sends twice at the same moment', async () => {
      const results = await Promise.allSettled(Array.from({ length: 8 }, () => reg(ANA)));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'alreadyRegistered' });
      expect(await k.members.list('2026')).toHaveLength(1);
      expect(await k.audit.list({ action: AUDIT_ACTIONS.memberRegister })).toHaveLength(1);
    });

    it('one registration per email: once her Teams account holds it, another person with the same email is refused', async () => {
      await reg(ANA, {}, 'ana.lopez@ine.mx');
      await expect(reg(BERTA)).rejects.toMatchObject({ code: 'emailInUse' });
      // A typed (unverified) email blocks nobody; see test/registration/emailSquatting.test.ts.
    });

    it('flags two people claiming the same vocalía in the same junta', async () => {
      const first = await reg(ANA);
      const second = await reg(BERTA, { correo: 'berta@ine.mx', nombre: 'Berta Ruiz' });
      expect(second.conflicts).toEqual([first.member._id]);
      const [entry] = await k.audit.list({ action: AUDIT_ACTIONS.memberRegister, target: `aad:${BERTA}` });
      expect(entry?.details?.juntaConflictWith).toEqual([first.member._id]);
      const other = await reg(CARLA, { correo: 'carla@ine.mx', vocalia: 'VS' });
      expect(other.conflicts).toEqual([]);
    });

    it('updates her data, audits before/after, and sends a changed position back to review', async () => {
      await seedRoster(k.store, '2026', [{ nombre: 'Ana López Pérez', correo: 'ana.lopez@ine.mx', vocalia: 'VE', ambito: 'JDE', entidad: '09', distrito: 5, circunscripcion: 4 }]);
      await reg(ANA, {}, 'ana.lopez@ine.mx');
      const nameOnly = await k.members.update('2026', `aad:${ANA}`, profile({ nombre: 'Ana María López Pérez' }), `aad:${ANA}`, { verifiedEmail: 'ana.lopez@ine.mx' });
      expect(nameOnly).toMatchObject({ changed: ['nombre'], revalidation: false, member: { status: 'validated', nombre: 'Ana María López Pérez' } });
      const moved = await k.members.update('2026', `aad:${ANA}`, profile({ nombre: 'Ana María López Pérez', distrito: 7 }), `aad:${ANA}`, { verifiedEmail: 'ana.lopez@ine.mx' });
      expect(moved).toMatchObject({ revalidation: true, member: { status: 'pending', pendingReason: 'positionMismatch', distrito: 7 } });
      const updates = await k.audit.list({ action: AUDIT_ACTIONS.memberUpdate });
      expect(updates).toHaveLength(2);
      expect(updates[0]?.before).toMatchObject({ distrito: 5, status: 'validated' });
      expect(updates[0]?.after).toMatchObject({ distrito: 7, status: 'pending' });
    });

    it('withdraws (history kept) and then refuses further changes', async () => {
      await reg(ANA);
      const w = await k.members.withdraw('2026', `aad:${ANA}`, `aad:${ANA}`);
      expect(w).toMatchObject({ status: 'withdrawn', nombre: 'Ana López Pérez' });
      await expect(k.members.withdraw('2026', `aad:${ANA}`, `aad:${ANA}`)).rejects.toMatchObject({ code: 'notEditable' });
      await expect(k.members.update('2026', `aad:${ANA}`, profile({ nombre: 'Otra' }), `aad:${ANA}`)).rejects.toMatchObject({ code: 'notEditable' });
    });

    it('erases personal data: an anonymous statistical record remains, unlinked from her', async () => {
      await reg(ANA, { accesibilidad: 'Lector de pantalla', aniosSpen: 12 });
      expect(await k.members.erasePersonalData(`aad:${ANA}`, `aad:${ANA}`)).toBe(1);
      expect(await k.members.get('2026', `aad:${ANA}`)).toBeNull();
      const all = await k.members.list('2026');
      expect(all).toHaveLength(1);
      const anon = all[0]!;
      expect(anon).toMatchObject({ status: 'withdrawn', vocalia: 'VE', ambito: 'JDE', entidad: '09', nombre: '', aadObjectId: '', userId: '' });
      expect(anon.erasedAt).toBeInstanceOf(Date);
      const text = JSON.stringify(anon);
      for (const s of ['ana.lopez', 'López', 'Lector', ANA]) expect(text).not.toContain(s);
      expect(anon.distrito).toBeUndefined();
      expect(anon.aniosSpen).toBeUndefined();
      // She can register again afterwards (it is a new registration).
      await expect(reg(ANA)).resolves.toBeDefined();
      const auditText = JSON.stringify(await k.audit.list());
      expect(auditText).not.toContain('ana.lopez@ine.mx');
      expect(auditText).not.toContain('Lector de pantalla');
      expect(auditText).not.toContain(anon.personKey);
    });

    it('approve and reject only pending registrations; rejection needs a reason', async () => {
      const a = (await reg(ANA)).member;
      const b = (await reg(BERTA, { correo: 'berta@ine.mx', vocalia: 'VS' })).member;
      await expect(k.members.reject(b._id, ' ', 'aad:admin')).rejects.toMatchObject({ code: 'invalidReason' });
      expect(await k.members.approve(a._id, 'aad:admin')).toMatchObject({ status: 'validated', decidedBy: 'aad:admin' });
      await expect(k.members.approve(a._id, 'aad:admin')).rejects.toMatchObject({ code: 'notPending' });
      expect(await k.members.reject(b._id, 'No pertenece al SPEN', 'aad:admin')).toMatchObject({ status: 'rejected', statusReason: 'No pertenece al SPEN' });
      await expect(k.members.approve('2026:aad:nadie', 'aad:admin')).rejects.toMatchObject({ code: 'notFound' });
      expect(await k.members.countByStatus('2026')).toMatchObject({ validated: 1, rejected: 1, pending: 0 });
    });

    it('change requests: one open per member, applied by an admin', async () => {
      const { member } = await reg(ANA);
      await k.changes.create(member, profile({ nombre: 'Ana L. P.' }), member.personKey);
      const second = await k.changes.create(member, profile({ aniosSpen: 3 }), member.personKey);
      expect((await k.changes.listOpen('2026')).map((r) => r._id)).toEqual([second._id]);
      await expect(k.changes.create(member, profile(), member.personKey)).rejects.toMatchObject({ code: 'noChanges' });
      const { result } = await k.changes.apply(second._id, 'aad:admin');
      expect(result.member.aniosSpen).toBe(3);
      await expect(k.changes.dismiss(second._id, 'aad:admin')).rejects.toMatchObject({ code: 'notOpen' });
      expect(await k.changes.listOpen('2026')).toEqual([]);
    });

    it('RegistrationError carries the current record', async () => {
      const { member } = await reg(ANA);
      const err = await reg(ANA).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RegistrationError);
      expect((err as RegistrationError).current?._id).toBe(member._id);
    });
  });

  describe('AdminService', () => {
    it('adds and removes admins that RoleService then sees; protects bootstrap and the last admin', async () => {
      const admins = new AdminService(k.store, [ANA], k.audit);
      const roles = new RoleService(k.store, [ANA], pino({ level: 'silent' }));
      expect(await admins.add({ aadObjectId: BERTA.toUpperCase(), email: 'berta@ine.mx' }, `aad:${ANA}`)).toBe(true);
      expect(await admins.add({ aadObjectId: BERTA }, `aad:${ANA}`)).toBe(false);
      expect(await roles.isAdmin({ userId: '29:b', aadObjectId: BERTA })).toBe(true);
      await expect(admins.remove(ANA, `aad:${BERTA}`)).rejects.toMatchObject({ code: 'bootstrap' });
      await admins.remove(BERTA, `aad:${ANA}`);
      expect(await roles.isAdmin({ userId: '29:b', aadObjectId: BERTA })).toBe(false);
      await expect(admins.remove(BERTA, `aad:${ANA}`)).rejects.toMatchObject({ code: 'notAdmin' });
      await expect(admins.add({ aadObjectId: 'no-es-un-guid' }, `aad:${ANA}`)).rejects.toBeInstanceOf(AdminError);
      const actions = (await k.audit.list()).map((e) => e.action);
      expect(actions).toEqual([AUDIT_ACTIONS.adminRemove, AUDIT_ACTIONS.adminAdd]);
    });

    it('the last admin cannot remove herself', async () => {
      const admins = new AdminService(k.store, [], k.audit);
      await admins.add({ aadObjectId: CARLA }, 'system');
      await expect(admins.remove(CARLA, `aad:${CARLA}`)).rejects.toMatchObject({ code: 'last' });
      expect((await admins.list()).map((a) => a.aadObjectId)).toEqual([CARLA]);
    });
  });
});
