import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { ana, berta, personalMessage, personalSubmit, TENANT, type UserLike } from '../helpers/activities.js';
import { createHarness, textOf, type Harness } from '../helpers/harness.js';
import { listFiles, ROOT } from '../architecture/imports.js';
import { createRegistrationServices, type RegistrationServices } from '../../src/services/registration/index.js';
import { CONSENT_VERSION, type ProfileData } from '../../src/domain/registration.js';
import { VERBS } from '../../src/cards/verbs.js';
import { renderImportErrorsCard } from '../../src/cards/roster.js';

/**
 * Issue 9, item 19: Spanish polish. Counts agree in gender and number with what they count, no "registro(s)"
 * anywhere, "Listo: la convocatoria…" in lower case and said once, a registration title that does not repeat
 * itself, and a Cancelar button on the registration form.
 */
const carla: UserLike = { id: '29:carla', aadObjectId: '00000000-0000-0000-0000-0000000000c3', name: 'Carla Méndez' };
const keyOf = (u: UserLike) => `aad:${u.aadObjectId!.toLowerCase()}`;
const all = (replies: Partial<Activity>[]) => replies.map(textOf).join('\n---\n');

/** The string literals of each line of a source file (comments skipped): where user-facing texts live. */
function stringLiterals(file: string): { line: number; text: string }[] {
  return readFileSync(path.join(ROOT, file), 'utf8')
    .split('\n')
    .map((text, i) => ({ line: i + 1, text }))
    .filter(({ text }) => !/^\s*(\/\/|\/?\*)/.test(text))
    .flatMap(({ line, text }) => [...text.matchAll(/(['"`])((?:\\.|(?!\1).)*)\1/g)].map((m) => ({ line, text: m[2]!.replace(/\$\{[^}]*\}/g, '') })));
}

describe('no "registro(s)" in user-facing texts', () => {
  const files = [...listFiles('src', '.ts'), ...listFiles('dialogs', '.ts'), ...listFiles('cards', '.json')];

  it('scans the sources', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('no word ends in "(s)", "(es)", "(as)" or "(os)" in src/, dialogs/ or cards/', () => {
    const found: string[] = [];
    for (const f of files) {
      for (const { line, text } of stringLiterals(f)) {
        if (/\p{L}\((s|es|as|os|a|o)\)/u.test(text)) found.push(`${f}:${line}: ${text.trim()}`);
      }
    }
    expect(found).toEqual([]);
  });
});

describe('the roster import errors card agrees with one row', () => {
  const card = (totalRows: number, validCount: number) =>
    JSON.stringify(
      renderImportErrorsCard({ fileName: 'padron.csv', editionName: 'Red 2026', totalRows, validCount, rowsWithErrors: totalRows - validCount, errors: [{ row: 2, message: 'Falta el nombre.' }], importId: 'x' }),
    );

  it('one row in the file, or one valid row', () => {
    expect(card(1, 0)).toContain('Revisé la única fila del archivo y tiene problemas.');
    expect(card(2, 1)).toContain('Revisé las 2 filas del archivo y una tiene problemas.');
    expect(card(2, 1)).toContain('importe ahora solo la fila válida');
    expect(card(5, 3)).toContain('importe ahora solo las 3 filas válidas');
    expect(card(2, 1)).not.toMatch(/\b1 filas\b|las 1\b/);
  });
});

describe('Spanish agreement in the bot\'s answers (TestAdapter)', () => {
  let h: Harness;
  let s: RegistrationServices;

  beforeEach(async () => {
    h = await createHarness({ ADMIN_AAD_IDS: ana.aadObjectId!, MicrosoftAppTenantId: TENANT });
    s = createRegistrationServices(h.store, { adminAadIds: [ana.aadObjectId!] });
    await s.init();
  });
  afterEach(async () => h.close());

  const say = async (u: UserLike, text: string) => all(await h.turn(personalMessage(u, text)));
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
  const register = (u: UserLike, over: Partial<ProfileData> = {}) =>
    s.members.register({ editionId: '2026', aadObjectId: u.aadObjectId!, userId: u.id, profile: profile(over), consent: { accepted: true, at: new Date(), version: CONSENT_VERSION } });

  it('"convocatoria": "Listo: la convocatoria…" in lower case, said once; counts agree with "personas registradas"', async () => {
    await say(ana, 'edicion crear 2026 Red de Coaching 2026');
    await say(ana, 'edicion activar 2026');
    const dates = await say(ana, 'convocatoria fechas 2099-01-01 2099-02-01');
    expect(dates).toMatch(/^Listo: la convocatoria de registro abre el 1 de enero de 2099/);
    expect(dates.match(/abre el/g)).toHaveLength(1);
    expect(await say(ana, 'convocatoria abrir')).toMatch(/^Listo: la convocatoria de registro está abierta/);
    expect(await say(ana, 'convocatoria estado')).toMatch(/Personas registradas: 0 validadas, 0 pendientes de validación, 0 rechazadas, 0 dadas de baja\./);
    await register(berta);
    await s.members.approve(`2026:${keyOf(berta)}`, 'aad:admin');
    await register(carla, { nombre: 'Carla Méndez', correo: 'carla@ine.mx' });
    expect(await say(ana, 'convocatoria estado')).toMatch(/Personas registradas: 1 validada, 1 pendiente de validación, 0 rechazadas, 0 dadas de baja\./);
    expect(await say(ana, 'convocatoria cerrar')).toMatch(/^Listo: la convocatoria de registro cerró el/);
  });

  it('"pendientes": singular and plural, and the "more" line fits registrations and requests alike', async () => {
    await s.editions.create({ id: '2026', nombre: 'Red de Coaching 2026' }, 'system');
    await s.editions.activate('2026', 'system');
    await s.editions.openNow('2026', 'system');
    const { member } = await register(berta);
    await s.changes.create(member, profile({ nombre: 'Berta R. Soto' }), keyOf(berta));
    const text = await say(ana, 'pendientes');
    expect(text).toMatch(/1 registro por validar y 1 solicitud de cambio\./);
    expect(text).not.toMatch(/\b1 (registros|solicitudes|integrantes)\b/);
  });

  it('the consent card is titled once with the edition name', async () => {
    await s.editions.create({ id: '2026', nombre: 'Red de Coaching 2026' }, 'system');
    await s.editions.activate('2026', 'system');
    await s.editions.openNow('2026', 'system');
    const consent = all(await h.turn(personalMessage(berta, 'registrarme')));
    expect(consent.split('\n')[0]).toBe('Registro en la Red de Coaching 2026');
    expect(consent).not.toMatch(/Red de Coaching — Red de Coaching/);
  });

  it('an edition named "Red de Coaching 2026" takes the article inside sentences', async () => {
    await s.editions.create({ id: '2026', nombre: 'Red de Coaching 2026' }, 'system');
    await s.editions.activate('2026', 'system');
    await s.editions.openNow('2026', 'system');
    await h.turn(personalMessage(berta, 'registrarme'));
    await h.turn(personalSubmit(berta, { verb: VERBS.regConsent, decision: 'accept', version: CONSENT_VERSION, consent: 'true', forKey: keyOf(berta) }));
    await h.turn(personalSubmit(berta, { verb: VERBS.regProfile, forKey: keyOf(berta), nombre: 'Berta Ruiz Soto', correo: 'berta.ruiz@ine.mx', vocalia: 'VS', ambito: 'JDE', entidad: '01', distrito: '2' }));
    expect(all(await h.turn(personalSubmit(berta, { verb: VERBS.regConfirm, forKey: keyOf(berta) })))).toMatch(/su registro en la Red de Coaching 2026 quedó/);
    await h.turn(personalSubmit(ana, { verb: VERBS.regApprove, memberId: `2026:${keyOf(berta)}` }));
    expect(h.notifier.people.at(-1)?.recipients[0]?.message.text).toMatch(/Su registro en la Red de Coaching 2026 fue \*\*validado\*\*/);
    expect(all(await h.turn(personalMessage(berta, 'darme de baja')))).toMatch(/Dejará de participar en la Red de Coaching 2026:/);
  });

  it('another edition name is not repeated either', async () => {
    await s.editions.create({ id: '2027', nombre: 'Edición 2027' }, 'system');
    await s.editions.activate('2027', 'system');
    await s.editions.openNow('2027', 'system');
    const consent = all(await h.turn(personalMessage(berta, 'registrarme')));
    expect(consent.split('\n')[0]).toBe('Registro en la Red de Coaching: Edición 2027');
  });
});

describe('the registration form has a Cancelar button (TestAdapter)', () => {
  let h: Harness;
  let s: RegistrationServices;

  beforeEach(async () => {
    h = await createHarness({ ADMIN_AAD_IDS: ana.aadObjectId!, MicrosoftAppTenantId: TENANT });
    s = createRegistrationServices(h.store, { adminAadIds: [ana.aadObjectId!] });
    await s.init();
    await s.editions.create({ id: '2026', nombre: 'Red de Coaching 2026' }, 'system');
    await s.editions.activate('2026', 'system');
    await s.editions.openNow('2026', 'system');
  });
  afterEach(async () => h.close());

  const consentOk = (u: UserLike) => ({ verb: VERBS.regConsent, decision: 'accept', version: CONSENT_VERSION, consent: 'true', forKey: keyOf(u) });
  const form = (u: UserLike) => ({
    verb: VERBS.regProfile,
    forKey: keyOf(u),
    nombre: 'Berta Ruiz Soto',
    correo: 'berta.ruiz@ine.mx',
    vocalia: 'VS',
    ambito: 'JDE',
    entidad: '01',
    distrito: '2',
    ejes: 'liderazgo',
  });
  /** The Cancelar action of the card in a reply. */
  const cancelAction = (replies: Partial<Activity>[]) => {
    const found: Record<string, unknown>[] = [];
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === 'object') {
        const o = n as Record<string, unknown>;
        if (o.type === 'Action.Submit' && o.title === 'Cancelar') found.push(o);
        Object.values(o).forEach(walk);
      }
    };
    walk(replies.flatMap((r) => r.attachments?.map((a) => a.content) ?? []));
    return found[0];
  };

  it('on the form: the button skips the required fields, ends the registration, saves nothing; she can start again', async () => {
    await h.turn(personalMessage(berta, 'registrarme'));
    const formReply = await h.turn(personalSubmit(berta, consentOk(berta)));
    const cancel = cancelAction(formReply);
    expect(cancel).toMatchObject({ associatedInputs: 'none', data: { verb: VERBS.regCancel, forKey: keyOf(berta) } });
    const reply = all(await h.turn(personalSubmit(berta, cancel!.data as Record<string, unknown>)));
    expect(reply).toMatch(/cancelé su registro[\s\S]*no se guardó ningún dato[\s\S]*\*\*registrarme\*\*/);
    expect(await s.members.get('2026', keyOf(berta))).toBeNull();
    // The dialog ended: the form's submit is now a stale card, and "registrarme" starts over.
    expect(all(await h.turn(personalSubmit(berta, form(berta))))).toMatch(/ya no está activa/);
    expect(all(await h.turn(personalMessage(berta, 'registrarme')))).toMatch(/Aviso de privacidad/);
  });

  it('on the summary too', async () => {
    await h.turn(personalMessage(berta, 'registrarme'));
    await h.turn(personalSubmit(berta, consentOk(berta)));
    const summary = await h.turn(personalSubmit(berta, form(berta)));
    const cancel = cancelAction(summary);
    expect(cancel).toBeDefined();
    expect(all(await h.turn(personalSubmit(berta, cancel!.data as Record<string, unknown>)))).toMatch(/cancelé su registro/);
    expect(await s.members.get('2026', keyOf(berta))).toBeNull();
  });

  it('a forged Cancelar for another person is refused and the form stays', async () => {
    await h.turn(personalMessage(berta, 'registrarme'));
    await h.turn(personalSubmit(berta, consentOk(berta)));
    expect(all(await h.turn(personalSubmit(berta, { verb: VERBS.regCancel, forKey: keyOf(carla) })))).toMatch(/corresponde a otra persona/);
    expect(all(await h.turn(personalSubmit(berta, form(berta))))).toMatch(/Revise sus datos/);
  });

  it('on "actualizar mis datos": cancels without saving any change', async () => {
    await s.members.register({
      editionId: '2026',
      aadObjectId: berta.aadObjectId!,
      userId: berta.id,
      profile: { nombre: 'Berta Ruiz Soto', correo: 'berta.ruiz@ine.mx', vocalia: 'VS', ambito: 'JDE', entidad: '01', distrito: 2, circunscripcion: 2, ejesInteres: [] },
      consent: { accepted: true, at: new Date(), version: CONSENT_VERSION },
    });
    const formReply = await h.turn(personalMessage(berta, 'actualizar mis datos'));
    const cancel = cancelAction(formReply);
    expect(cancel).toBeDefined();
    expect(all(await h.turn(personalSubmit(berta, cancel!.data as Record<string, unknown>)))).toMatch(/no se guardó ningún cambio/);
    expect((await s.members.get('2026', keyOf(berta)))?.nombre).toBe('Berta Ruiz Soto');
  });
});
