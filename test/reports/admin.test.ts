import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Activity } from 'botbuilder';
import { ana, berta, personalMessage, personalSubmit, type UserLike } from '../helpers/activities.js';
import { createHarness, textOf, type Harness } from '../helpers/harness.js';
import { startLocalFileServer, type LocalFileServer } from './localFileServer.js';
import { TEAMS_FILE_CONSENT_CARD, TEAMS_FILE_DOWNLOAD_INFO, TEAMS_FILE_INFO_CARD } from '../../src/bot/files.js';
import { writeTableFile } from '../../src/services/rosterFile.js';
import { AuditLog } from '../../src/services/registration/audit.js';
import { EditionService } from '../../src/services/registration/editions.js';
import { RosterRepository, PENDING_IMPORTS, type PendingImportDoc } from '../../src/services/reports/rosterImport.js';
import { PENDING_FILES, type PendingFileDoc } from '../../src/services/reports/pendingFiles.js';
import { memberId, type MemberRecord, type MemberStatus } from '../../src/domain/member.js';
import { VERBS } from '../../src/cards/verbs.js';
import { resourcePath } from '../../src/resources.js';
import type { CatalogData } from '../../src/domain/catalog.js';

/**
 * The admin feature's files and reports through the bot wired as in production (TestAdapter, embedded store),
 * with a local HTTP server on 127.0.0.1 standing in for Teams' file storage (downloads and uploads).
 */
const carla: UserLike = { id: '29:carla', aadObjectId: '00000000-0000-0000-0000-0000000000c3', name: 'Carla Soto' };
const EDITION = '2026';
const HEADER = 'nombre,correo,vocalia,ambito,entidad,distrito';
const GOOD_CSV = [HEADER, 'Ana López,ana@ine.mx,VE,JLE,09,', 'Berta Ruiz,berta@ine.mx,VS,JDE,14,3'].join('\r\n');
const MIXED_CSV = [
  HEADER,
  'Carmen Díaz,carmen@ine.mx,VOE,JDE,15,1',
  'Dora Paz,no-es-correo,VE,JLE,09,',
  'Elena Gil,elena@ine.mx,VX,JDE,19,99',
  'Fany Sol,fany@ine.mx,VRFE,JLE,30,',
].join('\r\n');

function withFile(activity: Partial<Activity>, name: string, url: string): Partial<Activity> {
  return {
    ...activity,
    attachments: [
      { contentType: 'text/html', content: `<p>${activity.text ?? ''}</p>` },
      { contentType: TEAMS_FILE_DOWNLOAD_INFO, name, content: { downloadUrl: url, uniqueId: `u-${name}`, fileType: name.split('.').pop() } },
    ],
  };
}

function consentInvoke(user: UserLike, action: 'accept' | 'decline', pendingFileId: string, uploadUrl?: string): Partial<Activity> {
  return {
    ...personalMessage(user, ''),
    type: 'invoke',
    name: 'fileConsent/invoke',
    text: undefined,
    value: {
      type: 'fileUpload',
      action,
      context: { pendingFileId },
      ...(uploadUrl ? { uploadInfo: { name: 'archivo.xlsx', uploadUrl, contentUrl: 'https://ine-my.sharepoint.com/personal/x/archivo.xlsx', uniqueId: 'uid-1', fileType: 'xlsx' } } : {}),
    },
  };
}

const messages = (replies: Partial<Activity>[]) => replies.filter((r) => r.type !== 'invokeResponse');
const allText = (replies: Partial<Activity>[]) => messages(replies).map(textOf).join('\n');
const consentCardOf = (replies: Partial<Activity>[]) =>
  messages(replies)
    .flatMap((r) => r.attachments ?? [])
    .find((a) => a.contentType === TEAMS_FILE_CONSENT_CARD) as { name: string; content: { description: string; sizeInBytes: number; acceptContext: { pendingFileId: string } } } | undefined;

async function readXlsx(data: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(data).buffer as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v as string)))));
  return rows;
}

function member(user: UserLike, status: MemberStatus, over: Partial<MemberRecord> = {}): MemberRecord {
  const key = `aad:${user.aadObjectId!.toLowerCase()}`;
  const at = new Date('2026-11-02T16:00:00Z');
  return {
    _id: memberId(EDITION, key),
    editionId: EDITION,
    personKey: key,
    aadObjectId: user.aadObjectId!,
    userId: user.id,
    nombre: user.name ?? '',
    correo: `${user.id.slice(3)}@ine.mx`,
    vocalia: 'VS',
    ambito: 'JDE',
    entidad: '14',
    distrito: 3,
    circunscripcion: 1,
    ejesInteres: ['liderazgo'],
    consent: { accepted: true, at, version: '2026-01' },
    status,
    rosterMatch: status === 'validated',
    createdAt: at,
    updatedAt: at,
    ...over,
  };
}

describe('admin files and reports', () => {
  let h: Harness;
  let srv: LocalFileServer;
  let roster: RosterRepository;

  beforeAll(async () => {
    srv = await startLocalFileServer();
    srv.routes.set('/good.csv', { body: GOOD_CSV });
    srv.routes.set('/mixed.csv', { body: MIXED_CSV });
    srv.routes.set('/foto.png', { body: Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
    srv.routes.set('/huge.csv', { body: Buffer.concat([Buffer.from(`${HEADER}\r\n`), Buffer.alloc(5 * 1024 * 1024 + 10, 0x61)]) });
    srv.routes.set('/bad-columns.csv', { body: 'nombre,email\r\nAna,ana@ine.mx' });
    srv.routes.set('/padron.xlsx', {
      body: await writeTableFile('xlsx', ['nombre', 'correo', 'vocalía', 'ámbito', 'entidad', 'distrito'], [['Gala Río', 'gala@ine.mx', 'VE', 'JLE', 'Jalisco', null]]),
    });
  });
  afterAll(async () => srv.close());

  beforeEach(async () => {
    h = await createHarness({ ADMIN_AAD_IDS: `${ana.aadObjectId!},${carla.aadObjectId!}` });
    roster = new RosterRepository(h.store);
    srv.uploads.length = 0;
    srv.uploadStatus = 201;
  });
  afterEach(async () => h.close());

  async function activeEdition(): Promise<void> {
    const audit = new AuditLog(h.store);
    const editions = new EditionService(h.store, audit);
    await editions.create({ id: EDITION, nombre: 'Red de Coaching 2026' }, 'aad:setup');
    await editions.activate(EDITION, 'aad:setup');
  }
  const rosterEmails = async () => (await roster.list(EDITION)).map((d) => d.correo).sort();
  const pendingImports = () => h.store.collection<PendingImportDoc>(PENDING_IMPORTS).find({});
  const pendingFiles = () => h.store.collection<PendingFileDoc>(PENDING_FILES).find({});

  describe('refusals', () => {
    it.each(['importar padrón', 'registros', 'exportar registros'])('a non-admin typing "%s" is refused and nothing changes', async (text) => {
      await activeEdition();
      const replies = await h.turn(withFile(personalMessage(berta, text), 'good.csv', srv.url('/good.csv')));
      expect(allText(replies)).toMatch(/no está disponible para su perfil/);
      expect(await rosterEmails()).toEqual([]);
      expect(await pendingFiles()).toEqual([]);
      expect(srv.requests.filter((r) => r.includes('good.csv'))).toEqual([]);
    });

    it('without an active edition, admin commands say how to create one', async () => {
      for (const text of ['registros', 'exportar registros', 'importar padrón']) {
        expect(allText(await h.turn(personalMessage(ana, text)))).toMatch(/no hay una edición activa[\s\S]*edici[oó]n crear 2026[\s\S]*edici[oó]n activar 2026/i);
      }
    });

    it('a non-admin cannot submit the export button of the stats card', async () => {
      await activeEdition();
      expect(allText(await h.turn(personalSubmit(berta, { verb: VERBS.exportMembers })))).toMatch(/exclusiva de la administración/);
      expect(await pendingFiles()).toEqual([]);
    });
  });

  describe('importar padrón', () => {
    beforeEach(activeEdition);

    it('applies a file whose rows are all valid (file attached to the command)', async () => {
      const replies = await h.turn(withFile(personalMessage(ana, 'importar padrón'), 'padron.csv', srv.url('/good.csv')));
      expect(allText(replies)).toMatch(/importé el padrón de \*\*Red de Coaching 2026\*\* con \*\*2\*\* integrantes/);
      expect(await rosterEmails()).toEqual(['ana@ine.mx', 'berta@ine.mx']);
      const audit = await new AuditLog(h.store).list({ action: 'roster.import' });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor: `aad:${ana.aadObjectId}`, editionId: EDITION, after: { count: 2, rejectedRows: 0 } });
    });

    it('accepts the command first and the file (XLSX) in the next message', async () => {
      expect(allText(await h.turn(personalMessage(ana, 'importar padrón')))).toMatch(/Adjunte el archivo del padrón/);
      expect(allText(await h.turn(personalMessage(ana, 'aquí va')))).toMatch(/No recibí ningún archivo/);
      const replies = await h.turn(withFile(personalMessage(ana, ''), 'padron.xlsx', srv.url('/padron.xlsx')));
      expect(allText(replies)).toMatch(/con \*\*1\*\* integrante\./);
      expect(await roster.findByEmail(EDITION, 'gala@ine.mx')).toMatchObject({ nombre: 'Gala Río', entidad: '14', ambito: 'JLE' });
      // The dialog is over: the next text is routed normally.
      expect(allText(await h.turn(personalMessage(ana, 'ayuda')))).toMatch(/Ayuda de la Red de Coaching/);
    });

    it('mixed rows: lists each bad row, applies nothing; "only valid rows" applies exactly the good ones', async () => {
      await h.turn(withFile(personalMessage(ana, 'importar padrón'), 'padron.csv', srv.url('/good.csv')));
      const replies = await h.turn(withFile(personalMessage(ana, 'importar padrón'), 'nuevo.csv', srv.url('/mixed.csv')));
      const text = allText(replies);
      expect(text).toMatch(/El padrón no se importó/);
      expect(text).toMatch(/\*\*Fila 3\*\* \(correo\)/);
      expect(text).toMatch(/\*\*Fila 4\*\* \(vocalía\)/);
      expect(text).toMatch(/\*\*Fila 4\*\* \(distrito\)/);
      expect(text).not.toMatch(/Fila 2\b|Fila 5\b/);
      expect(await rosterEmails()).toEqual(['ana@ine.mx', 'berta@ine.mx']);

      const card = messages(replies)[0]!.attachments![0]!.content as { actions: { title: string; data: { verb: string; importId: string } }[] };
      expect(card.actions.map((a) => a.title)).toEqual(['Importar solo las filas válidas', 'Cancelar']);
      const importId = card.actions[0]!.data.importId;

      // Forged: a non-admin submits the confirm verb; another admin submits this admin's import id.
      expect(allText(await h.turn(personalSubmit(berta, { verb: VERBS.importRosterConfirm, importId })))).toMatch(/exclusiva de la administración/);
      expect(allText(await h.turn(personalSubmit(carla, { verb: VERBS.importRosterConfirm, importId })))).toMatch(/la inició otra persona administradora/);
      expect(allText(await h.turn(personalSubmit(carla, { verb: VERBS.importRosterCancel, importId })))).toMatch(/otra persona administradora/);
      expect(allText(await h.turn(personalSubmit(ana, { verb: VERBS.importRosterConfirm, importId: { $ne: 'x' } })))).toMatch(/No pude procesar los datos/);
      expect(await rosterEmails()).toEqual(['ana@ine.mx', 'berta@ine.mx']);
      expect((await pendingImports())[0]).toMatchObject({ status: 'pending' });

      const done = allText(await h.turn(personalSubmit(ana, { verb: VERBS.importRosterConfirm, importId })));
      expect(done).toMatch(/con \*\*2\*\* integrantes \(reemplaza al padrón anterior, que tenía 2\)/);
      expect(done).toMatch(/Quedaron fuera 2 filas con problemas de 4/);
      expect(await rosterEmails()).toEqual(['carmen@ine.mx', 'fany@ine.mx']);
      // A second press does nothing more.
      expect(allText(await h.turn(personalSubmit(ana, { verb: VERBS.importRosterConfirm, importId })))).toMatch(/ya se aplicó/);
      expect(await new AuditLog(h.store).list({ action: 'roster.import' })).toHaveLength(2);
    });

    it('"Cancelar" discards the pending import', async () => {
      const replies = await h.turn(withFile(personalMessage(ana, 'importar padrón'), 'nuevo.csv', srv.url('/mixed.csv')));
      const card = messages(replies)[0]!.attachments![0]!.content as { actions: { data: { importId: string } }[] };
      const importId = card.actions[1]!.data.importId;
      expect(allText(await h.turn(personalSubmit(ana, { verb: VERBS.importRosterCancel, importId })))).toMatch(/descarté el archivo/);
      expect(allText(await h.turn(personalSubmit(ana, { verb: VERBS.importRosterConfirm, importId })))).toMatch(/se canceló/);
      expect(await rosterEmails()).toEqual([]);
    });

    it('a wrong file type and an oversized file get Spanish messages and change nothing', async () => {
      const png = allText(await h.turn(withFile(personalMessage(ana, 'importar padrón'), 'foto.png', srv.url('/foto.png'))));
      expect(png).toMatch(/solo se aceptan archivos \.csv o \.xlsx/);
      // Still waiting for a file: the oversized one is refused too.
      const huge = allText(await h.turn(withFile(personalMessage(ana, ''), 'huge.csv', srv.url('/huge.csv'))));
      expect(huge).toMatch(/el máximo permitido es 5 MB/);
      const cols = allText(await h.turn(withFile(personalMessage(ana, ''), 'cols.csv', srv.url('/bad-columns.csv'))));
      expect(cols).toMatch(/Faltan columnas obligatorias/);
      expect(allText(await h.turn(personalMessage(ana, 'cancelar')))).toMatch(/cancelé la operación/);
      expect(await rosterEmails()).toEqual([]);
      expect(await pendingImports()).toEqual([]);
    });

    it('a non-admin who attaches a roster file with the command is refused before any download', async () => {
      const replies = await h.turn(withFile(personalMessage(berta, 'importar padrón'), 'padron.csv', srv.url('/good.csv')));
      expect(allText(replies)).toMatch(/no está disponible para su perfil/);
      expect(await rosterEmails()).toEqual([]);
    });
  });

  describe('registros and exports', () => {
    beforeEach(async () => {
      await activeEdition();
      const col = h.store.collection<MemberRecord>('members');
      await col.insertOne(member(berta, 'validated', { vocalia: 'VE', ambito: 'JLE', entidad: '09', distrito: undefined, circunscripcion: 4 }));
      await col.insertOne(member({ id: '29:dora', aadObjectId: '00000000-0000-0000-0000-0000000000d4', name: 'Dora Paz' }, 'pending'));
      await col.insertOne(member({ id: '29:eva', aadObjectId: '00000000-0000-0000-0000-0000000000e5', name: 'Eva Luna' }, 'withdrawn'));
      await new AuditLog(h.store).append({ actor: `aad:${berta.aadObjectId}`, action: 'member.register', target: `aad:${berta.aadObjectId}`, editionId: EDITION, after: { nombre: 'sha256:x', status: 'validated' } });
    });

    it('"registros" shows totals by status and breakdowns of current registrations with bars', async () => {
      const [reply] = messages(await h.turn(personalMessage(ana, 'registros')));
      const text = textOf(reply!);
      expect(text).toMatch(/Registros de la Red de Coaching/);
      expect(text).toMatch(/Registros en total\n3/);
      expect(text).toMatch(/Registros vigentes\n2/);
      expect(text).toMatch(/Validada: 1 \(33 %\)/);
      expect(text).toMatch(/Dada de baja: 1 \(33 %\)/);
      expect(text).toMatch(/Junta Local Ejecutiva: 1 \(50 %\)/);
      expect(text).toMatch(/Circunscripción 1 \(Guadalajara\): 1 \(50 %\)/);
      expect(text).toMatch(/Jalisco\n1 \(50 %\)/);
      expect(text).toMatch(/Corte al\n\d{1,2} de [a-z]+ de \d{4}, ([01]\d|2[0-3]):[0-5]\d h \(hora del centro\)/);
      expect(JSON.stringify(reply!.attachments)).toMatch(/"style":"accent"/);
    });

    it('"registros" labels the breakdowns with the edition\'s replacement catalog, not the project\'s', async () => {
      const base = JSON.parse(readFileSync(resourcePath('src', 'data', 'catalogo-ine.json'), 'utf8')) as CatalogData;
      const replacement: CatalogData = {
        ...base,
        version: 'prueba-2026',
        entidades: base.entidades.map((e) => (e.clave === '14' ? { ...e, nombre: 'Jalisco (catálogo de la edición)' } : e)),
      };
      expect(await h.core.services.catalogs.replace(EDITION, replacement, 'aad:setup')).toMatchObject({ ok: true });
      const text = textOf(messages(await h.turn(personalMessage(ana, 'registros')))[0]!);
      expect(text).toMatch(/Jalisco \(catálogo de la edición\)\n1 \(50 %\)/);
      expect(text).not.toMatch(/Jalisco\n/);
    });

    it('"exportar registros" offers an XLSX by file consent; the owner accepts and the bytes go to the upload URL', async () => {
      const replies = await h.turn(personalMessage(ana, 'exportar registros'));
      expect(allText(replies)).toMatch(/está listo para aceptarse/);
      const consent = consentCardOf(replies)!;
      expect(consent.name).toMatch(/^registros-2026-\d{8}-\d{4}\.xlsx$/);
      const [pending] = await pendingFiles();
      expect(pending).toMatchObject({ _id: consent.content.acceptContext.pendingFileId, ownerKey: `aad:${ana.aadObjectId}`, sizeInBytes: consent.content.sizeInBytes });
      // The bytes do not travel in the card.
      expect(JSON.stringify(consent).length).toBeLessThan(1000);

      const accepted = await h.turn(consentInvoke(ana, 'accept', pending!._id, srv.url('/upload/registros.xlsx')));
      expect(accepted.find((r) => r.type === 'invokeResponse')?.value).toMatchObject({ status: 200 });
      expect(srv.uploads).toHaveLength(1);
      const upload = srv.uploads[0]!;
      const size = consent.content.sizeInBytes;
      expect(upload.headers['content-range']).toBe(`bytes 0-${size - 1}/${size}`);
      expect(upload.body.equals(Buffer.from(pending!.data, 'base64'))).toBe(true);
      const rows = await readXlsx(upload.body);
      expect(rows[0]).toEqual(expect.arrayContaining(['Nombre', 'Correo institucional', 'Vocalía', 'Estatus', 'Coincide con el padrón']));
      expect(rows.slice(1).map((r) => r[0]).sort()).toEqual(['Berta Ruiz', 'Dora Paz', 'Eva Luna']);
      expect(JSON.stringify(rows)).not.toMatch(/aad:|29:|2026-01|consent/i);
      const info = messages(accepted).flatMap((r) => r.attachments ?? []).find((a) => a.contentType === TEAMS_FILE_INFO_CARD);
      expect(info).toMatchObject({ contentUrl: 'https://ine-my.sharepoint.com/personal/x/archivo.xlsx', content: { uniqueId: 'uid-1', fileType: 'xlsx' } });
      expect(await pendingFiles()).toEqual([]);
      expect(await new AuditLog(h.store).list({ action: 'members.export' })).toHaveLength(1);
    });

    it('another person cannot accept or decline a file offered to someone else', async () => {
      const consent = consentCardOf(await h.turn(personalMessage(ana, 'exportar registros')))!;
      const id = consent.content.acceptContext.pendingFileId;
      expect(allText(await h.turn(consentInvoke(berta, 'accept', id, srv.url('/upload/robado.xlsx'))))).toMatch(/preparado para otra persona/);
      expect(allText(await h.turn(consentInvoke(carla, 'decline', id)))).toMatch(/preparado para otra persona/);
      expect(srv.uploads).toEqual([]);
      expect(await pendingFiles()).toHaveLength(1);
      // The owner declines: the file is discarded.
      expect(allText(await h.turn(consentInvoke(ana, 'decline', id)))).toMatch(/no envié el archivo/);
      expect(await pendingFiles()).toEqual([]);
      expect(allText(await h.turn(consentInvoke(ana, 'accept', id, srv.url('/upload/tarde.xlsx'))))).toMatch(/ya no está disponible/);
      expect(srv.uploads).toEqual([]);
    });

    it('a failed upload keeps the file so the owner can try again', async () => {
      const consent = consentCardOf(await h.turn(personalMessage(ana, 'exportar registros')))!;
      const id = consent.content.acceptContext.pendingFileId;
      srv.uploadStatus = 500;
      expect(allText(await h.turn(consentInvoke(ana, 'accept', id, srv.url('/upload/a.xlsx'))))).toMatch(/No pude guardar el archivo/);
      srv.uploadStatus = 201;
      expect(allText(await h.turn(consentInvoke(ana, 'accept', id, srv.url('/upload/b.xlsx'))))).toMatch(/Listo: guardé/);
      expect(srv.uploads.map((u) => u.path)).toEqual(['/upload/a.xlsx', '/upload/b.xlsx']);
    });

    it('"exportar mis datos" gives a member her record, consent and history', async () => {
      const replies = await h.turn(personalMessage(berta, 'exportar mis datos'));
      const consent = consentCardOf(replies)!;
      expect(consent.name).toMatch(/^mis-datos-red-de-coaching-.*\.xlsx$/);
      await h.turn(consentInvoke(berta, 'accept', consent.content.acceptContext.pendingFileId, srv.url('/upload/mis-datos.xlsx')));
      const rows = await readXlsx(srv.uploads[0]!.body);
      const flat = rows.map((r) => r.join(' | ')).join('\n');
      expect(flat).toMatch(/Nombre \| Berta Ruiz/);
      expect(flat).toMatch(/Estatus \| Validada/);
      expect(flat).toMatch(/Consentimiento: versión del aviso de privacidad \| 2026-01/);
      expect(flat).toMatch(/Consentimiento: fecha \| 02\/11\/2026/);
      expect(flat).toMatch(/Historial \| .*Registro en la Red \(por usted\)/);
      expect(flat).not.toMatch(/Dora|Eva/);
    });

    it('"exportar mis datos" for someone without any data answers without a file', async () => {
      const replies = await h.turn(personalMessage(carla, 'exportar mis datos'));
      expect(allText(replies)).toMatch(/no tiene datos suyos registrados/);
      expect(consentCardOf(replies)).toBeUndefined();
    });
  });
});
