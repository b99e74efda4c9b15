import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { ana, berta, personalMessage, personalSubmit, TENANT, type UserLike } from '../helpers/activities.js';
import { createHarness, textOf, type Harness } from '../helpers/harness.js';
import { startLocalFileServer, type LocalFileServer } from '../reports/localFileServer.js';
import { TEAMS_FILE_DOWNLOAD_INFO } from '../../src/bot/files.js';
import { resourcePath } from '../../src/resources.js';
import { createRegistrationServices, type RegistrationServices } from '../../src/services/registration/index.js';
import { CONSENT_VERSION } from '../../src/domain/registration.js';
import { VERBS } from '../../src/cards/verbs.js';
import type { CatalogData } from '../../src/domain/catalog.js';

/** "catalogo": the INE catalog of the active edition, replaced from an attached JSON file and used by registration. */
const all = (replies: Partial<Activity>[]) => replies.map(textOf).join('\n---\n');
const keyOf = (u: UserLike) => `aad:${u.aadObjectId!.toLowerCase()}`;
const base = JSON.parse(readFileSync(resourcePath('src', 'data', 'catalogo-ine.json'), 'utf8')) as CatalogData;

function withFile(activity: Partial<Activity>, name: string, url: string): Partial<Activity> {
  return {
    ...activity,
    attachments: [
      { contentType: 'text/html', content: `<p>${activity.text ?? ''}</p>` },
      { contentType: TEAMS_FILE_DOWNLOAD_INFO, name, content: { downloadUrl: url, uniqueId: `u-${name}`, fileType: name.split('.').pop() } },
    ],
  };
}

describe('catalog per edition', () => {
  let srv: LocalFileServer;
  let h: Harness;
  let s: RegistrationServices;

  beforeAll(async () => {
    srv = await startLocalFileServer();
    const redistricted: CatalogData = { ...base, version: 'prueba-2026', entidades: base.entidades.map((e) => (e.clave === '01' ? { ...e, distritosFederales: 4 } : e)) };
    srv.routes.set('/nuevo.json', { body: JSON.stringify(redistricted) });
    srv.routes.set('/roto.json', { body: '{"version": ' });
    srv.routes.set('/incompleto.json', { body: JSON.stringify({ ...base, version: 'x', vocalias: [] }) });
    srv.routes.set('/sin-ags.json', { body: JSON.stringify({ ...base, version: 'y', entidades: base.entidades.filter((e) => e.clave !== '01') }) });
  });
  afterAll(async () => srv.close());

  beforeEach(async () => {
    h = await createHarness({ ADMIN_AAD_IDS: ana.aadObjectId!, MicrosoftAppTenantId: TENANT });
    s = createRegistrationServices(h.store, { adminAadIds: [ana.aadObjectId!] });
    await s.init();
    await s.editions.create({ id: '2026' }, 'system');
    await s.editions.activate('2026', 'system');
    await s.editions.openNow('2026', 'system');
  });
  afterEach(async () => h.close());

  const say = async (u: UserLike, text: string) => all(await h.turn(personalMessage(u, text)));
  const sendFile = async (file: string) => all(await h.turn(withFile(personalMessage(ana, 'catalogo'), file, srv.url(`/${file}`))));

  it('shows the catalog in use', async () => {
    expect(await say(ana, 'catálogo')).toMatch(/\*\*2023-distritacion\*\* \(el del proyecto\)[\s\S]*5 vocalías, 32 entidades, 300 distritos federales/);
  });

  it('replaces it from a JSON file; registration validates districts with it; "restablecer" goes back', async () => {
    expect(await sendFile('nuevo.json')).toMatch(/usa ahora el catálogo \*\*prueba-2026\*\*[\s\S]*301 distritos/);
    expect((await s.editions.get('2026'))?.catalogVersion).toBe('prueba-2026');
    expect(await s.audit.list({ action: 'edition.catalog' })).toHaveLength(1);

    // Aguascalientes now has a 4th district: the registration form accepts it.
    await say(berta, 'registrarme');
    await h.turn(personalSubmit(berta, { verb: VERBS.regConsent, decision: 'accept', version: CONSENT_VERSION, consent: 'true', forKey: keyOf(berta) }));
    const form = { verb: VERBS.regProfile, forKey: keyOf(berta), nombre: 'Berta Ruiz', correo: 'berta@ine.mx', vocalia: 'VE', ambito: 'JDE', entidad: '01', distrito: '4' };
    expect(all(await h.turn(personalSubmit(berta, form)))).toMatch(/Revise sus datos/);
    await h.turn(personalSubmit(berta, { verb: VERBS.regConfirm, forKey: keyOf(berta) }));
    expect((await s.members.get('2026', keyOf(berta)))?.distrito).toBe(4);

    // Going back to the project's catalog would leave that registration invalid: it is refused.
    expect(await say(ana, 'catalogo restablecer')).toMatch(/No restablecí el catálogo: 1 registro/);
    expect((await s.catalogs.forActive()).data.version).toBe('prueba-2026');
  });

  it('"catalogo restablecer" goes back to the project\'s catalog', async () => {
    expect(await say(ana, 'catalogo restablecer')).toMatch(/ya usa el catálogo del proyecto/);
    await sendFile('nuevo.json');
    expect(await say(ana, 'catalogo')).toMatch(/\*\*prueba-2026\*\* \(reemplazado para esta edición\)/);
    expect(await say(ana, 'catalogo restablecer')).toMatch(/vuelve a usar el catálogo del proyecto \(\*\*2023-distritacion\*\*\)/);
    expect((await s.catalogs.forActive()).data.version).toBe('2023-distritacion');
    expect((await s.editions.get('2026'))?.catalogVersion).toBe('2023-distritacion');
  });

  it.each([
    ['roto.json', /no es un JSON válido/],
    ['incompleto.json', /No reemplacé el catálogo[\s\S]*vocalias/],
  ])('refuses %s and keeps the catalog', async (file, expected) => {
    expect(await sendFile(file)).toMatch(expected);
    expect((await s.catalogs.forActive()).data.version).toBe('2023-distritacion');
    expect(await s.audit.list({ action: 'edition.catalog' })).toHaveLength(0);
  });

  it('refuses a catalog that would leave registrations invalid', async () => {
    await s.members.register({
      editionId: '2026',
      aadObjectId: berta.aadObjectId!,
      userId: berta.id,
      profile: { nombre: 'Berta', correo: 'berta@ine.mx', vocalia: 'VE', ambito: 'JLE', entidad: '01', circunscripcion: 2, ejesInteres: [] },
      consent: { accepted: true, at: new Date(), version: CONSENT_VERSION },
    });
    expect(await sendFile('sin-ags.json')).toMatch(/1 registro de la edición usa claves que el nuevo catálogo no tiene/);
    expect((await s.catalogs.forActive()).data.version).toBe('2023-distritacion');
  });

  it('a non-admin cannot replace it (refused and audited)', async () => {
    const downloads = srv.requests.length;
    const reply = all(await h.turn(withFile(personalMessage(berta, 'catalogo'), 'nuevo.json', srv.url('/nuevo.json'))));
    expect(reply).toMatch(/no está disponible para su perfil/);
    expect(await s.audit.list({ action: 'command.denied', target: 'catalog' })).toHaveLength(1);
    expect(srv.requests.length).toBe(downloads);
    expect((await s.catalogs.forActive()).data.version).toBe('2023-distritacion');
  });
});
