import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TeamsInfo, type Activity } from 'botbuilder';
import { ana, berta, personalMessage, personalSubmit, TENANT, type UserLike } from '../helpers/activities.js';
import { createHarness, textOf, type Harness } from '../helpers/harness.js';
import { createRegistrationServices, type RegistrationServices } from '../../src/services/registration/index.js';
import { CONSENT_VERSION } from '../../src/domain/registration.js';
import { memberId } from '../../src/domain/member.js';
import { VERBS } from '../../src/cards/verbs.js';
import { seedRoster } from './support.js';

/**
 * Registration through the bot as wired in production (TestAdapter harness, embedded store): the happy
 * path, every invalid input and forged payload (the same step again, nothing saved), and concurrency.
 */
const carla: UserLike = { id: '29:carla', aadObjectId: '00000000-0000-0000-0000-0000000000c3', name: 'Carla Méndez' };
const keyOf = (u: UserLike) => `aad:${u.aadObjectId!.toLowerCase()}`;

const consentOk = (u: UserLike) => ({ verb: VERBS.regConsent, decision: 'accept', version: CONSENT_VERSION, consent: 'true', forKey: keyOf(u) });
const form = (u: UserLike, over: Record<string, unknown> = {}) => ({
  verb: VERBS.regProfile,
  forKey: keyOf(u),
  nombre: 'Berta Ruiz Soto',
  correo: 'berta.ruiz@ine.mx',
  vocalia: 'VS',
  ambito: 'JDE',
  entidad: '01',
  distrito: '2',
  aniosSpen: '7',
  ejes: 'liderazgo',
  accesibilidad: '',
  ...over,
});
const confirm = (u: UserLike) => ({ verb: VERBS.regConfirm, forKey: keyOf(u) });

function all(replies: Partial<Activity>[]): string {
  return replies.map(textOf).join('\n---\n');
}

/** The input ids of the Adaptive Card in a reply. */
function cardInputs(reply: Partial<Activity> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') out[o.id] = o.value;
      Object.values(o).forEach(walk);
    }
  };
  walk(reply?.attachments?.map((a) => a.content));
  return out;
}

describe('registration dialog (TestAdapter)', () => {
  let h: Harness;
  let s: RegistrationServices;

  beforeEach(async () => {
    h = await createHarness({ ADMIN_AAD_IDS: ana.aadObjectId!, MicrosoftAppTenantId: TENANT });
    s = createRegistrationServices(h.store, { adminAadIds: [ana.aadObjectId!] });
    await s.init();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await h.close();
  });

  const openCall = async () => {
    await s.editions.create({ id: '2026', nombre: 'Red de Coaching 2026' }, 'system');
    await s.editions.activate('2026', 'system');
    await s.editions.openNow('2026', 'system');
    await s.editions.setStage('2026', 'Reunión nacional de apertura', new Date('2027-01-20T18:00:00Z'), 'system');
  };

  /** Runs the registration up to the summary card. */
  const toSummary = async (u: UserLike, over: Record<string, unknown> = {}) => {
    await h.turn(personalMessage(u, 'registrarme'));
    await h.turn(personalSubmit(u, consentOk(u)));
    return h.turn(personalSubmit(u, form(u, over)));
  };

  it('happy path: consent, form, summary, confirmation; stored once with consent and the calendar told', async () => {
    await openCall();
    const consent = await h.turn(personalMessage(berta, 'registrarme'));
    expect(all(consent)).toMatch(/Aviso de privacidad[\s\S]*Reglas de la Red/);
    expect(all(consent)).toContain(CONSENT_VERSION);
    const formReply = await h.turn(personalSubmit(berta, consentOk(berta)));
    // Prefilled from the activity (TeamsInfo is not available in the TestAdapter): her name, no email.
    expect(cardInputs(formReply[0])).toMatchObject({ nombre: 'Berta Ruiz', correo: '' });
    const summary = await h.turn(personalSubmit(berta, form(berta)));
    expect(all(summary)).toMatch(/Revise sus datos[\s\S]*Berta Ruiz Soto[\s\S]*Vocalía Secretarial[\s\S]*Aguascalientes/);
    expect(await s.members.get('2026', keyOf(berta))).toBeNull();
    const done = await h.turn(personalSubmit(berta, confirm(berta)));
    expect(all(done)).toMatch(/Registro recibido[\s\S]*pendiente de validación[\s\S]*Reunión nacional de apertura[\s\S]*20 de enero de 2027/);
    const m = await s.members.get('2026', keyOf(berta));
    expect(m).toMatchObject({
      nombre: 'Berta Ruiz Soto',
      correo: 'berta.ruiz@ine.mx',
      vocalia: 'VS',
      ambito: 'JDE',
      entidad: '01',
      distrito: 2,
      circunscripcion: 2,
      aniosSpen: 7,
      ejesInteres: ['liderazgo'],
      status: 'pending',
      pendingReason: 'noRoster',
      userId: berta.id,
      consent: { accepted: true, version: CONSENT_VERSION },
    });
    expect(m?.consent.at).toBeInstanceOf(Date);
    // The dialog ended: a new message is routed as a command again.
    expect(all(await h.turn(personalMessage(berta, 'registrarme')))).toMatch(/ya tiene un registro/);
  });

  it('"corregir datos" goes back to the form with her values, then saves the corrected data', async () => {
    await openCall();
    await toSummary(berta);
    const again = await h.turn(personalSubmit(berta, { verb: VERBS.regEdit, forKey: keyOf(berta) }));
    expect(cardInputs(again[0])).toMatchObject({ nombre: 'Berta Ruiz Soto', distrito: '2', vocalia: 'VS' });
    await h.turn(personalSubmit(berta, form(berta, { ambito: 'JLE', distrito: '' })));
    await h.turn(personalSubmit(berta, confirm(berta)));
    const m = await s.members.get('2026', keyOf(berta));
    expect(m).toMatchObject({ ambito: 'JLE' });
    expect(m?.distrito).toBeUndefined();
  });

  it('prefills name and email from Teams and validates automatically against the roster', async () => {
    await openCall();
    await seedRoster(h.store, '2026', [{ nombre: 'Berta Ruiz Soto', correo: 'berta.ruiz@ine.mx', vocalia: 'VE', ambito: 'JDE', entidad: '09', distrito: 5, circunscripcion: 4 }]);
    vi.spyOn(TeamsInfo, 'getMember').mockResolvedValue({ id: berta.id, name: 'Berta Ruiz', email: 'Berta.Ruiz@ine.mx' } as Awaited<ReturnType<typeof TeamsInfo.getMember>>);
    await h.turn(personalMessage(berta, 'registrarme'));
    const formReply = await h.turn(personalSubmit(berta, consentOk(berta)));
    expect(cardInputs(formReply[0])).toMatchObject({ nombre: 'Berta Ruiz', correo: 'berta.ruiz@ine.mx', vocalia: 'VE', ambito: 'JDE', entidad: '09', distrito: '5' });
    await h.turn(personalSubmit(berta, form(berta, { vocalia: 'VE', entidad: '09', distrito: '5' })));
    const done = await h.turn(personalSubmit(berta, confirm(berta)));
    expect(all(done)).toMatch(/Registro confirmado[\s\S]*validado/);
    expect(await s.members.get('2026', keyOf(berta))).toMatchObject({ status: 'validated', rosterMatch: true, emailVerified: true });
    expect(await h.core.services.roles.rolesOf({ userId: berta.id, aadObjectId: berta.aadObjectId! })).toContain('member');
    // The person directory knows her email (for "admin agregar <correo>").
    expect((await s.people.findByEmail('berta.ruiz@ine.mx'))?.aadObjectId).toBe(berta.aadObjectId);
  });

  it('a typed email that matches the roster but is not hers in Teams stays pending', async () => {
    await openCall();
    await seedRoster(h.store, '2026', [{ nombre: 'Otra Persona', correo: 'otra@ine.mx', vocalia: 'VS', ambito: 'JDE', entidad: '01', distrito: 2, circunscripcion: 2 }]);
    vi.spyOn(TeamsInfo, 'getMember').mockResolvedValue({ id: berta.id, name: 'Berta Ruiz', email: 'berta.ruiz@ine.mx' } as Awaited<ReturnType<typeof TeamsInfo.getMember>>);
    const summary = await toSummary(berta, { correo: 'otra@ine.mx' });
    expect(all(summary)).toMatch(/distinto del de su cuenta de Teams/);
    await h.turn(personalSubmit(berta, confirm(berta)));
    expect(await s.members.get('2026', keyOf(berta))).toMatchObject({ status: 'pending', pendingReason: 'emailNotVerified' });
  });

  describe('invalid input and forged payloads: a clear message, the same step again, nothing saved', () => {
    const formCases: { name: string; payload: (u: UserLike) => Record<string, unknown>; expected: RegExp }[] = [
      { name: 'district out of range for the entidad', payload: (u) => form(u, { entidad: '01', distrito: '9' }), expected: /Aguascalientes no tiene el distrito federal 9/ },
      { name: 'district for a Junta Local', payload: (u) => form(u, { ambito: 'JLE', distrito: '3' }), expected: /Junta Local Ejecutiva deje vacío el distrito/ },
      { name: 'missing district for a Junta Distrital', payload: (u) => form(u, { distrito: '' }), expected: /número de su distrito federal/ },
      { name: 'unknown vocalía', payload: (u) => form(u, { vocalia: 'VX' }), expected: /vocalía elegida no existe/ },
      { name: 'unknown entidad', payload: (u) => form(u, { entidad: '77' }), expected: /entidad elegida no existe/ },
      { name: 'unknown eje', payload: (u) => form(u, { ejes: 'liderazgo,otro' }), expected: /ejes temáticos elegidos no existe/ },
      { name: 'bad email', payload: (u) => form(u, { correo: 'berta@@ine' }), expected: /correo no tiene un formato válido/ },
      { name: 'missing name', payload: (u) => form(u, { nombre: '   ' }), expected: /Escriba su nombre completo/ },
      { name: 'oversized name', payload: (u) => form(u, { nombre: 'B'.repeat(500) }), expected: /máximo es 120/ },
      { name: 'oversized accessibility text', payload: (u) => form(u, { accesibilidad: 'a'.repeat(800) }), expected: /máximo es 500/ },
      { name: 'a huge string', payload: (u) => form(u, { accesibilidad: 'x'.repeat(50_000) }), expected: /no son válidos/ },
      { name: 'a non-string field', payload: (u) => form(u, { nombre: { $gt: '' } }), expected: /no son válidos/ },
      { name: 'years out of range', payload: (u) => form(u, { aniosSpen: '120' }), expected: /del 0 al 45/ },
      { name: "a payload for another person (her forKey)", payload: (u) => form(u, { forKey: keyOf(ana) }), expected: /corresponde a otra persona/ },
      { name: 'a payload without forKey', payload: (u) => { const p = form(u); delete (p as Record<string, unknown>).forKey; return p; }, expected: /corresponde a otra persona/ },
      { name: 'a verb of another step (confirm before the form)', payload: (u) => confirm(u), expected: /no corresponde a este paso/ },
      { name: 'an unknown verb', payload: (u) => ({ verb: 'deleteEverything', forKey: keyOf(u) }), expected: /no corresponde a este paso/ },
    ];

    it.each(formCases)('form step: $name', async ({ payload, expected }) => {
      await openCall();
      await h.turn(personalMessage(berta, 'registrarme'));
      await h.turn(personalSubmit(berta, consentOk(berta)));
      const replies = await h.turn(personalSubmit(berta, payload(berta)));
      expect(all(replies)).toMatch(expected);
      expect(all(replies)).not.toMatch(/Error|stack|\.ts:/);
      // The same step again: the form card is sent back.
      expect(Object.keys(cardInputs(replies[replies.length - 1]))).toContain('distrito');
      expect(await s.members.list('2026')).toHaveLength(0);
      // And the correct data still goes through from this point.
      const summary = await h.turn(personalSubmit(berta, form(berta)));
      expect(all(summary)).toMatch(/Revise sus datos/);
      await h.turn(personalSubmit(berta, confirm(berta)));
      expect(await s.members.list('2026')).toHaveLength(1);
    });

    const consentCases: { name: string; payload: (u: UserLike) => Record<string, unknown>; expected: RegExp }[] = [
      { name: 'missing consent (toggle not checked)', payload: (u) => ({ ...consentOk(u), consent: 'false' }), expected: /necesario marcar la casilla/ },
      { name: 'consent field absent', payload: (u) => { const p = consentOk(u); delete (p as Record<string, unknown>).consent; return p; }, expected: /necesario marcar la casilla/ },
      { name: 'an old text version', payload: (u) => ({ ...consentOk(u), version: '2019-01' }), expected: /aviso de privacidad se actualizó/ },
      { name: 'another person accepting', payload: (u) => ({ ...consentOk(u), forKey: keyOf(carla) }), expected: /corresponde a otra persona/ },
      { name: 'the form before consent', payload: (u) => form(u), expected: /no corresponde a este paso/ },
      { name: 'a bad decision value', payload: (u) => ({ ...consentOk(u), decision: 'maybe' }), expected: /No pude leer su respuesta/ },
    ];

    it.each(consentCases)('consent step: $name', async ({ payload, expected }) => {
      await openCall();
      await h.turn(personalMessage(berta, 'registrarme'));
      const replies = await h.turn(personalSubmit(berta, payload(berta)));
      expect(all(replies)).toMatch(expected);
      expect(all(replies)).toMatch(/Aviso de privacidad/);
      expect(await s.members.list('2026')).toHaveLength(0);
      const next = await h.turn(personalSubmit(berta, consentOk(berta)));
      expect(Object.keys(cardInputs(next[0]))).toContain('nombre');
    });

    it('declining consent ends the dialog and saves nothing', async () => {
      await openCall();
      await h.turn(personalMessage(berta, 'registrarme'));
      const replies = await h.turn(personalSubmit(berta, { verb: VERBS.regConsent, decision: 'decline', forKey: keyOf(berta) }));
      expect(all(replies)).toMatch(/no se guardó ningún dato/);
      expect(await s.members.list('2026')).toHaveLength(0);
      expect(all(await h.turn(personalSubmit(berta, form(berta))))).toMatch(/Esa tarjeta ya no está activa/);
    });

    it('typed text during a step gets a hint; "cancelar" leaves without saving', async () => {
      await openCall();
      await h.turn(personalMessage(berta, 'registrarme'));
      await h.turn(personalSubmit(berta, consentOk(berta)));
      expect(all(await h.turn(personalMessage(berta, 'me llamo Berta')))).toMatch(/complete la tarjeta/);
      expect(all(await h.turn(personalMessage(berta, 'cancelar')))).toMatch(/cancelé la operación/);
      expect(await s.members.list('2026')).toHaveLength(0);
    });
  });

  describe('rules of the call', () => {
    it('no active edition: says so and whom to contact', async () => {
      expect(all(await h.turn(personalMessage(berta, 'registrarme')))).toMatch(/no hay una convocatoria activa[\s\S]*UTIGyND/);
    });

    it('not yet open: says when it opens', async () => {
      await s.editions.create({ id: '2026' }, 'system');
      await s.editions.activate('2026', 'system');
      await s.editions.setWindow('2026', new Date('2099-12-01T06:00:00Z'), new Date('2099-12-16T05:59:59Z'), 'system');
      expect(all(await h.turn(personalMessage(berta, 'registrarme')))).toMatch(/abre el 1 de diciembre de 2099[\s\S]*UTIGyND/);
    });

    it('closed: says it closed', async () => {
      await openCall();
      await s.editions.closeNow('2026', 'system');
      expect(all(await h.turn(personalMessage(berta, 'registrarme')))).toMatch(/cerró el[\s\S]*UTIGyND/);
    });

    it('the call closing while she fills the form: nothing is saved', async () => {
      await openCall();
      await toSummary(berta);
      await s.editions.closeNow('2026', 'system');
      expect(all(await h.turn(personalSubmit(berta, confirm(berta))))).toMatch(/cerró[\s\S]*no se guardó/);
      expect(await s.members.list('2026')).toHaveLength(0);
    });

    it('duplicate concurrent confirmations → one record', async () => {
      await openCall();
      await toSummary(berta);
      const results = await Promise.all([h.turn(personalSubmit(berta, confirm(berta))), h.turn(personalSubmit(berta, confirm(berta))), h.turn(personalSubmit(berta, confirm(berta)))]);
      expect(await s.members.list('2026')).toHaveLength(1);
      expect(results.flat().map(textOf).join('\n')).not.toMatch(/ocurrió un problema/);
    });

    it('two dialogs of the same person in parallel (two devices) → one record', async () => {
      await openCall();
      const other = { conversationId: 'a:personal-second-device' };
      await toSummary(berta);
      await h.turn(personalMessage(berta, 'registrarme', other));
      await h.turn(personalSubmit(berta, consentOk(berta), other));
      await h.turn(personalSubmit(berta, form(berta), other));
      const [a, b] = await Promise.all([h.turn(personalSubmit(berta, confirm(berta))), h.turn(personalSubmit(berta, confirm(berta), other))]);
      expect(await s.members.list('2026')).toHaveLength(1);
      expect(all([...a, ...b])).toMatch(/ya tiene un registro/);
    });

    it('another person with an email a Teams account already holds is asked to correct it', async () => {
      await openCall();
      // Berta's Teams account has that email; Carla's does not (a typed email never blocks: emailSquatting.test.ts).
      vi.spyOn(TeamsInfo, 'getMember').mockImplementation(async (_context, userId) =>
        (userId === berta.id ? { id: berta.id, name: 'Berta Ruiz', email: 'berta.ruiz@ine.mx' } : { id: userId }) as Awaited<ReturnType<typeof TeamsInfo.getMember>>,
      );
      await toSummary(berta);
      await h.turn(personalSubmit(berta, confirm(berta)));
      await toSummary(carla);
      const replies = await h.turn(personalSubmit(carla, confirm(carla)));
      expect(all(replies)).toMatch(/ya está registrado por otra persona/);
      expect(Object.keys(cardInputs(replies[replies.length - 1]))).toContain('correo');
      expect(await s.members.list('2026')).toHaveLength(1);
    });

    it('a person without Entra object id cannot register', async () => {
      await openCall();
      const guest: UserLike = { id: '29:guest', name: 'Invitada' };
      expect(all(await h.turn(personalMessage(guest, 'registrarme')))).toMatch(/No pude identificar su cuenta institucional/);
    });

    it('the invitation button "Registrarme" starts the registration', async () => {
      await openCall();
      const replies = await h.turn(personalSubmit(berta, { verb: VERBS.startCommand, command: 'register' }));
      expect(all(replies)).toMatch(/Aviso de privacidad/);
      expect(all(await h.turn(personalSubmit(berta, { verb: VERBS.startCommand, command: 'pending' })))).toMatch(/No pude procesar los datos de esa tarjeta/);
    });
  });

  describe('member self-service', () => {
    const register = async (u: UserLike, over: Record<string, unknown> = {}) => {
      await toSummary(u, over);
      await h.turn(personalSubmit(u, confirm(u)));
    };

    it('"mis datos" without a registration, and with one', async () => {
      await openCall();
      expect(all(await h.turn(personalMessage(berta, 'mis datos')))).toMatch(/Aún no tiene un registro[\s\S]*registrarme/);
      await register(berta);
      const card = all(await h.turn(personalMessage(berta, 'mis datos')));
      expect(card).toMatch(/Mis datos[\s\S]*Pendiente de validación[\s\S]*Berta Ruiz Soto[\s\S]*berta.ruiz@ine.mx[\s\S]*versión 2026-01/);
    });

    it('"actualizar mis datos" while open saves the change (audited)', async () => {
      await openCall();
      await register(berta);
      const formReply = await h.turn(personalMessage(berta, 'actualizar mis datos'));
      expect(cardInputs(formReply[0])).toMatchObject({ nombre: 'Berta Ruiz Soto', distrito: '2' });
      const summary = await h.turn(personalSubmit(berta, form(berta, { aniosSpen: '8' })));
      expect(all(summary)).toMatch(/Cambiará: Años en el SPEN/);
      expect(all(await h.turn(personalSubmit(berta, confirm(berta))))).toMatch(/guardé sus cambios/);
      expect((await s.members.get('2026', keyOf(berta)))?.aniosSpen).toBe(8);
      const [entry] = await s.audit.list({ action: 'member.update' });
      expect(entry).toMatchObject({ actor: keyOf(berta), before: { aniosSpen: 7 }, after: { aniosSpen: 8 } });
    });

    it('"actualizar mis datos" after the close becomes a request for the admins', async () => {
      await openCall();
      await register(berta);
      await s.editions.closeNow('2026', 'system');
      expect(all(await h.turn(personalMessage(berta, 'actualizar mis datos')))).toMatch(/se registrarán como una \*\*solicitud\*\*/);
      await h.turn(personalSubmit(berta, form(berta, { nombre: 'Berta R. Soto' })));
      expect(all(await h.turn(personalSubmit(berta, confirm(berta))))).toMatch(/envié su solicitud/);
      expect((await s.members.get('2026', keyOf(berta)))?.nombre).toBe('Berta Ruiz Soto');
      expect(await s.changes.listOpen('2026')).toHaveLength(1);
      expect(all(await h.turn(personalMessage(ana, 'pendientes')))).toMatch(/Solicitudes de cambio[\s\S]*Berta Ruiz Soto → Berta R\. Soto/);
    });

    it('"darme de baja" asks first, then withdraws; history kept, role gone', async () => {
      await openCall();
      await register(berta);
      await s.members.approve(memberId('2026', keyOf(berta)), 'aad:admin');
      expect(await h.core.services.roles.rolesOf({ userId: berta.id, aadObjectId: berta.aadObjectId! })).toContain('member');
      expect(all(await h.turn(personalMessage(berta, 'darme de baja')))).toMatch(/¿Confirma que desea darse de baja\?/);
      expect(all(await h.turn(personalSubmit(berta, { verb: VERBS.regCancel, forKey: keyOf(berta) })))).toMatch(/no se hizo ningún cambio/);
      expect((await s.members.get('2026', keyOf(berta)))?.status).toBe('validated');
      await h.turn(personalMessage(berta, 'darme de baja'));
      expect(all(await h.turn(personalSubmit(berta, { verb: VERBS.regWithdrawConfirm, forKey: keyOf(berta) })))).toMatch(/se dio de baja/);
      expect(await s.members.get('2026', keyOf(berta))).toMatchObject({ status: 'withdrawn', nombre: 'Berta Ruiz Soto' });
      expect(await h.core.services.roles.rolesOf({ userId: berta.id, aadObjectId: berta.aadObjectId! })).not.toContain('member');
    });

    it('"darme de baja" refuses a confirmation forged for another person', async () => {
      await openCall();
      await register(berta);
      await h.turn(personalMessage(berta, 'darme de baja'));
      expect(all(await h.turn(personalSubmit(berta, { verb: VERBS.regWithdrawConfirm, forKey: keyOf(carla) })))).toMatch(/otra persona/);
      expect((await s.members.get('2026', keyOf(berta)))?.status).toBe('pending');
    });

    it('"borrar mis datos" explains what is kept and erases the rest', async () => {
      await openCall();
      await register(berta, { accesibilidad: 'Intérprete de LSM' });
      const ask = all(await h.turn(personalMessage(berta, 'borrar mis datos')));
      expect(ask).toMatch(/Se borrarán[\s\S]*Se conservan[\s\S]*bitácora de auditoría/);
      const done = all(await h.turn(personalSubmit(berta, { verb: VERBS.regEraseConfirm, forKey: keyOf(berta) })));
      expect(done).toMatch(/se borraron sus datos personales \(1 registro\)[\s\S]*Se conservan/);
      expect(await s.members.get('2026', keyOf(berta))).toBeNull();
      const left = await s.members.list('2026');
      expect(left).toHaveLength(1);
      expect(JSON.stringify(left)).not.toMatch(/Berta|berta\.ruiz|LSM/);
      expect(JSON.stringify(await s.audit.list())).not.toMatch(/berta\.ruiz@ine\.mx|Intérprete/);
      expect(all(await h.turn(personalMessage(berta, 'mis datos')))).toMatch(/Aún no tiene un registro/);
    });
  });
});
