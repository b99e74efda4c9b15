import { readFileSync } from 'node:fs';
import type { Activity } from 'botbuilder';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEAMS_FILE_DOWNLOAD_INFO } from '../../src/bot/files.js';
import { resourcePath } from '../../src/resources.js';
import { AUDIT_COLLECTION, type AuditEntry } from '../../src/services/registration/audit.js';
import { TOPIC_AUDIT_ACTIONS } from '../../src/services/topics/index.js';
import type { TemarioData } from '../../src/domain/topics/index.js';
import { formatYearMonth } from '../../src/domain/time.js';
import { personalMessage, type UserLike } from '../helpers/activities.js';
import { textOf } from '../helpers/harness.js';
import { startLocalFileServer, type LocalFileServer } from '../reports/localFileServer.js';
import { ana, carla, createTopicsHarness, outsider, type TopicsHarness } from './featureSupport.js';

/** Issue 10: "temario" shows the edition's temario by eje; UTIGyND replaces it from a JSON file or resets it. */
const base = JSON.parse(readFileSync(resourcePath('src', 'data', 'temario.json'), 'utf8')) as TemarioData;

function withFile(activity: Partial<Activity>, name: string, url: string): Partial<Activity> {
  return {
    ...activity,
    attachments: [
      { contentType: 'text/html', content: `<p>${activity.text ?? ''}</p>` },
      { contentType: TEAMS_FILE_DOWNLOAD_INFO, name, content: { downloadUrl: url, uniqueId: `u-${name}`, fileType: name.split('.').pop() } },
    ],
  };
}

describe('temario (show, replace from a JSON file, restablecer)', () => {
  let srv: LocalFileServer;
  let h: TopicsHarness;

  beforeAll(async () => {
    srv = await startLocalFileServer();
    const own: TemarioData = {
      version: 'propio-2027',
      temas: [
        { id: 'liderazgo-situacional', eje: 'liderazgo', titulo: 'Liderazgo situacional', descripcion: 'Adaptar el estilo de liderazgo a cada etapa del proceso electoral.' },
        { id: 'cartografia-electoral', eje: 'Generación de competencias técnicas', titulo: 'Cartografía electoral', descripcion: 'Uso de la cartografía en la planeación de las actividades de campo.' },
        { id: 'reforma-electoral', eje: 'actualizacion', titulo: 'Reforma electoral', descripcion: 'Cambios recientes a la normatividad electoral y sus efectos en las juntas.' },
      ],
    };
    srv.routes.set('/propio.json', { body: JSON.stringify(own) });
    srv.routes.set('/roto.json', { body: '{"temas": [' });
    srv.routes.set('/filas.json', {
      body: JSON.stringify({ temas: [{ id: 'Mal Id', eje: 'liderazgo', titulo: 'Ok título', descripcion: 'Una descripción suficiente.' }, { id: 'x', eje: 'otro', titulo: 'Tema válido', descripcion: 'Descripción suficiente.' }, { id: 'y', eje: 'liderazgo', titulo: 'T', descripcion: 'corta' }] }),
    });
  });
  afterAll(async () => srv.close());
  beforeEach(async () => {
    h = await createTopicsHarness();
  });
  afterEach(async () => h.close());

  const sendFile = async (who: UserLike, file: string, text = 'temario') =>
    (await h.turn(withFile(personalMessage(who, text), file, srv.url(`/${file}`)))).map(textOf).join('\n');

  it('everyone sees the project temario grouped by eje; UTIGyND also sees how to replace it', async () => {
    const shown = await h.say(outsider, 'temario');
    expect(shown).toMatch(/Temario de Red 2027/);
    expect(shown).toMatch(/Temario del proyecto \(versión 2026\.1\): 21 temas en 3 ejes/);
    expect(shown).toMatch(/Liderazgo[\s\S]*Liderazgo y toma de decisiones[\s\S]*Generación de competencias técnicas[\s\S]*Actualización del conocimiento/);
    for (const t of base.temas) expect(shown).toContain(t.titulo);
    expect(shown).toMatch(/cuando se abra la de su grupo recibirá una tarjeta/);
    expect(await h.say(ana, 'temario')).toMatch(/adjunte un archivo \.json al comando \*\*temario\*\*/);
    expect(await h.say(carla, 'temario otra cosa')).toMatch(/Escriba \*\*temario\*\* para verlo/);
  });

  it('UTIGyND replaces it from a valid file (audited); members then see it; "restablecer" goes back', async () => {
    expect(await sendFile(ana, 'propio.json')).toMatch(/usa ahora el temario del archivo, con 3 temas/);
    const shown = await h.say(carla, 'temario');
    expect(shown).toMatch(/Temario propio de la edición \(versión propio-2027\): 3 temas en 3 ejes/);
    expect(shown).toMatch(/Cartografía electoral/);
    expect(shown).not.toMatch(/Liderazgo y toma de decisiones/);
    const audit = await h.store.collection<AuditEntry>(AUDIT_COLLECTION).find({ action: TOPIC_AUDIT_ACTIONS.temarioReplace });
    expect(audit).toHaveLength(1);
    expect(await h.say(ana, 'temario restablecer')).toMatch(/vuelve a usar el temario del proyecto/);
    expect(await h.say(ana, 'temario restablecer')).toMatch(/ya usa el temario del proyecto; no hubo cambios/);
    expect(await h.say(carla, 'temario')).toMatch(/Liderazgo y toma de decisiones/);
  });

  it('refuses a broken file and lists every bad row; nothing changes', async () => {
    expect(await sendFile(ana, 'roto.json')).toMatch(/no es un JSON válido/);
    const rows = await sendFile(ana, 'filas.json');
    expect(rows).toMatch(/No se cambió el temario/);
    expect(rows).toMatch(/temas\.0\.id.*\(tema 1\)/);
    expect(rows).toMatch(/\(tema 2\): el eje «otro» no existe/);
    expect(rows).toMatch(/\(tema 3\): el título debe tener al menos 3 caracteres/);
    expect(await h.say(carla, 'temario')).toMatch(/Temario del proyecto/);
  });

  it('a member cannot replace or reset it (refusal audited)', async () => {
    expect(await sendFile(carla, 'propio.json')).toMatch(/exclusiva de la administración/);
    expect(await h.say(carla, 'temario restablecer')).toMatch(/exclusiva de la administración/);
    expect(await h.say(carla, 'temario')).toMatch(/Temario del proyecto/);
    const denied = await h.store.collection<AuditEntry>(AUDIT_COLLECTION).find({ target: 'temario' });
    expect(denied.length).toBeGreaterThanOrEqual(2);
  });

  it('once a group opened its topic vote the temario is frozen', async () => {
    await h.say(ana, 'temas votar grupo 1');
    expect(await h.say(ana, 'temario')).toMatch(/ya no se puede cambiar porque un grupo abrió su votación/);
    expect(await sendFile(ana, 'propio.json')).toMatch(/ya no se puede cambiar/);
    expect(await h.say(ana, 'temario restablecer')).toMatch(/ya no se puede cambiar/);
  });

  it('formatYearMonth writes months in Spanish', () => {
    expect(formatYearMonth('2027-01')).toBe('enero de 2027');
    expect(formatYearMonth('2026-12')).toBe('diciembre de 2026');
    expect(formatYearMonth('2027-13')).toBe('2027-13');
  });
});
