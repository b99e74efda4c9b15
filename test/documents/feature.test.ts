import http from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import type { Activity } from 'botbuilder';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEAMS_FILE_CONSENT_CARD, TEAMS_FILE_DOWNLOAD_INFO } from '../../src/bot/files.js';
import { VERBS } from '../../src/cards/verbs.js';
import { PENDING_FILES, type PendingFileDoc } from '../../src/services/reports/pendingFiles.js';
import { AUDIT_COLLECTION, type AuditEntry } from '../../src/services/registration/audit.js';
import { ana, personalMessage, personalSubmit, type UserLike } from '../helpers/activities.js';
import { textOf } from '../helpers/harness.js';
import { cardSentTo, EDITION, electionKit, submitsOf, type ElectionKit, type Person } from '../elections/featureSupport.js';

/**
 * Issue 14, documentos básicos through the bot (TestAdapter, embedded store, fake clock, RecordingNotifier), with a
 * local HTTP server on 127.0.0.1 standing in for Teams' file storage.
 */

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x41)]);
const DOCX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(500, 0x42)]);
const FILES: Record<string, Buffer> = {
  '/reglamento.pdf': PDF,
  '/lineamientos.docx': DOCX,
  '/falso.pdf': Buffer.from('MZ este no es un PDF'),
  '/programa.exe': Buffer.from('MZ'),
  '/enorme.pdf': Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(6 * 1024 * 1024, 0x41)]),
};

let server: http.Server;
let base = '';
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const body = FILES[req.url ?? ''];
    if (!body) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

describe('documentos básicos: publish, acknowledge, observe, status, export, reminders', () => {
  let k: ElectionKit;
  beforeEach(async () => {
    k = await electionKit({ members: 8, groups: 2 });
  });
  afterEach(async () => k.close());

  /** A turn's activities (cards included). */
  async function acts(activity: Partial<Activity>): Promise<Partial<Activity>[]> {
    const before = k.adapter.activeQueue.length;
    await k.adapter.processActivity(activity);
    return k.adapter.activeQueue.splice(before);
  }
  const text = (a: Partial<Activity>[]) => a.filter((x) => x.type !== 'invokeResponse').map(textOf).join('\n');
  const cardOf = (a: Partial<Activity>[]) => a.flatMap((x) => x.attachments ?? []).find((x) => x.contentType === 'application/vnd.microsoft.card.adaptive')?.content as Record<string, unknown> | undefined;
  const consentOf = (a: Partial<Activity>[]) => a.flatMap((x) => x.attachments ?? []).find((x) => x.contentType === TEAMS_FILE_CONSENT_CARD) as { name: string; content: { acceptContext: { pendingFileId: string } } } | undefined;

  function withFile(user: UserLike, command: string, file: string): Partial<Activity> {
    const name = file.slice(1);
    return {
      ...personalMessage(user, command),
      attachments: [
        { contentType: 'text/html', content: `<p>${command}</p>` },
        { contentType: TEAMS_FILE_DOWNLOAD_INFO, name, content: { downloadUrl: `${base}${file}`, uniqueId: `u-${name}`, fileType: name.split('.').pop() } },
      ],
    };
  }

  /** "documento publicar" (with a file or not), then "Publicar" on its card with these values. */
  async function publish(values: Record<string, string>, opts: { file?: string; args?: string } = {}): Promise<{ reply: string; data: Record<string, unknown> }> {
    const command = `documento publicar${opts.args ? ` ${opts.args}` : ''}`;
    const shown = await acts(opts.file ? withFile(ana, command, opts.file) : personalMessage(ana, command));
    const card = cardOf(shown);
    expect(card, text(shown)).toBeDefined();
    const data = { ...submitsOf(card!).find((d) => d.verb === VERBS.documentPublish)!, desde: '2026-12-01', hasta: '2026-12-10', ...values };
    return { reply: await k.click(ana, data), data };
  }
  const noticeFor = (p: Person, seq = 1) => cardSentTo(k.notifier, `documento:${EDITION}:1:v${seq}`, p.key)!;
  const press = (p: Person, card: Record<string, unknown>, verb: string, extra: Record<string, unknown> = {}) => k.click(p, { ...submitsOf(card).find((d) => d.verb === verb)!, ...extra });

  it('publishes a PDF, members acknowledge and observe, UTIGyND follows, exports anonymously, reminders go once', async () => {
    const { reply } = await publish({ titulo: 'Reglamento de la Red', version: '1.0' }, { file: '/reglamento.pdf' });
    expect(reply).toContain('Se publicó el documento 1, **Reglamento de la Red** (versión 1.0), y se envía a 8 integrantes');
    expect(reply).toContain('se recordará');
    const notice = k.notifier.people.find((b) => b.broadcastId === `documento:${EDITION}:1:v1`)!;
    expect(notice.recipients).toHaveLength(8);
    expect(notice.title).toBe('Documento 1: Reglamento de la Red (versión 1.0)');

    const [a, b, c] = k.people as [Person, Person, Person];
    const card = noticeFor(a);
    // Abrir: the file through the consent flow.
    const opened = await acts({ ...personalSubmit(a.user, submitsOf(card).find((d) => d.verb === VERBS.documentOpen)!) });
    expect(consentOf(opened)?.name).toBe('reglamento.pdf');
    // He leído el documento: once.
    expect(await press(a, card, VERBS.documentAck)).toContain('Quedó registrado que leyó **Reglamento de la Red** (versión 1.0)');
    expect(await press(a, card, VERBS.documentAck)).toContain('Ya había confirmado');
    // Observations: section and text, bounded.
    expect(await press(a, card, VERBS.documentObserve, { seccion: 'Artículo 3', observacion: 'Propongo precisar el plazo.' })).toContain('Recibimos su observación');
    expect(await press(b, card, VERBS.documentObserve, { seccion: 'Artículo 5', observacion: 'Sugiero lenguaje incluyente.' })).toContain('Recibimos su observación');
    expect(await press(c, card, VERBS.documentObserve, { seccion: 'Art. 1', observacion: '' })).toContain('Escriba su observación');
    expect(await press(c, card, VERBS.documentObserve, { seccion: '', observacion: 'Sin sección' })).toContain('Escriba la sección');
    expect(await press(c, card, VERBS.documentObserve, { seccion: 'Art. 1', observacion: 'x'.repeat(20_000) })).toContain('admite hasta 4,000 caracteres');

    // Her view.
    const mine = await k.say(a, 'documentos');
    expect(mine).toContain('1. Reglamento de la Red (versión 1.0)');
    expect(mine).toContain('Lectura confirmada.');
    expect(mine).toContain('Artículo 3');
    expect(mine).not.toContain('lenguaje incluyente');
    expect(await k.say(c, 'documentos')).toContain('Lectura pendiente de confirmar.');

    // UTIGyND: rate overall, by vocalía and circunscripción; observations counted.
    const status = await k.say(ana, 'documentos estado');
    expect(status).toContain('Lectura confirmada: 1 de 8 (13 %)');
    expect(status).toContain('VE 1/8 (13 %)');
    expect(status).toContain('Por circunscripción: 4 1/8 (13 %)');
    expect(status).toContain('Observaciones a esta versión: 2');

    // Export: XLSX read back, anonymous by default.
    const exported = await acts(personalMessage(ana.id ? ana : ana, 'observaciones exportar 1'));
    const consent = consentOf(exported)!;
    expect(consent.name).toMatch(/^observaciones-documento-1-\d{8}-\d{4}\.xlsx$/);
    const pending = (await k.store.collection<PendingFileDoc>(PENDING_FILES).findOne({ _id: consent.content.acceptContext.pendingFileId }))!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(Buffer.from(pending.data, 'base64')).buffer as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v as string))));
    expect(rows[0]).toEqual(['Documento', 'Versión', 'Sección o artículo', 'Observación', 'Fecha']);
    expect(rows.slice(1).map((r) => [r[2], r[3]])).toEqual([
      ['Artículo 3', 'Propongo precisar el plazo.'],
      ['Artículo 5', 'Sugiero lenguaje incluyente.'],
    ]);
    expect(JSON.stringify(rows)).not.toContain(a.nombre);
    expect((await k.store.collection<AuditEntry>(AUDIT_COLLECTION).find({ action: 'document.observations.export' })).length).toBe(1);

    // Reminder 3 days before the window closes (10 Dec, end of day, hora del centro): once, only to who has not acknowledged.
    k.now.t = new Date('2026-12-08T05:59:00Z');
    await k.core.services.jobs.runDue();
    expect(k.notifier.people.filter((x) => x.broadcastId.startsWith('documento-recordatorio:'))).toHaveLength(0);
    k.now.t = new Date('2026-12-08T06:01:00Z');
    await k.core.services.jobs.runDue();
    await k.core.services.jobs.runDue();
    const reminders = k.notifier.people.filter((x) => x.broadcastId.startsWith('documento-recordatorio:'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.recipients.map((r) => r.personKey).sort()).toEqual(k.people.filter((p) => p !== a).map((p) => p.key).sort());

    // After the window: no more observations; nothing saved.
    k.now.t = new Date('2026-12-11T06:01:00Z');
    expect(await press(b, card, VERBS.documentObserve, { seccion: 'Art. 2', observacion: 'Tarde' })).toContain('ya no se reciben observaciones');
    expect(await k.core.services.documents.observationsOf(`${EDITION}:1`)).toHaveLength(2);
  });

  it('a new version asks for acknowledgement again; a stale card records nothing; its reminder replaces the old one', async () => {
    await publish({ titulo: 'Lineamientos', version: '1.0', enlace: 'https://www.ine.mx/lineamientos-v1' });
    const [a] = k.people as [Person];
    const v1 = noticeFor(a, 1);
    expect(JSON.stringify(v1)).toContain('https://www.ine.mx/lineamientos-v1');
    expect(await press(a, v1, VERBS.documentAck)).toContain('Quedó registrado');

    // Same version name: refused.
    expect((await publish({ titulo: 'Lineamientos', version: '1.0', enlace: 'https://www.ine.mx/x' }, { args: '1' })).reply).toContain('ya se llama «1.0»');
    const { reply } = await publish({ titulo: 'Lineamientos', version: '2.0' }, { args: '1', file: '/lineamientos.docx' });
    expect(reply).toContain('Se publicó el documento 1, **Lineamientos** (versión 2.0)');
    const v2 = noticeFor(a, 2);
    expect(v2).toBeDefined();
    expect(await k.say(a, 'documentos')).toContain('Lectura pendiente de confirmar.');
    // The old card: stale, answered with the current card, nothing recorded.
    const stale = await press(a, v1, VERBS.documentAck);
    expect(stale).toContain('La versión vigente es la 2.0');
    expect(await press(a, v1, VERBS.documentObserve, { seccion: 'x', observacion: 'y' })).toContain('versión anterior');
    expect(await k.core.services.documents.hasAcknowledged(`${EDITION}:1`, 2, a.key)).toBe(false);
    expect(await press(a, v2, VERBS.documentAck)).toContain('versión 2.0');
    // Only the new version's reminder remains.
    k.now.t = new Date('2026-12-08T06:01:00Z');
    await k.core.services.jobs.runDue();
    const reminders = k.notifier.people.filter((x) => x.broadcastId.startsWith('documento-recordatorio:'));
    expect(reminders.map((r) => r.broadcastId)).toEqual([`documento-recordatorio:${EDITION}:1:v2`]);
    expect(reminders[0]!.recipients.map((r) => r.personKey)).not.toContain(a.key);
  });

  it.each<[string, Record<string, string>, { file?: string }, RegExp]>([
    ['a link that is not https', { titulo: 'Doc', version: '1', enlace: 'http://www.ine.mx/doc' }, {}, /debe ser una dirección completa que empiece con https/],
    ['no link and no file', { titulo: 'Doc', version: '1', enlace: '' }, {}, /Escriba el enlace del documento/],
    ['an empty title', { titulo: ' ', version: '1', enlace: 'https://www.ine.mx/doc' }, {}, /Escriba el título del documento/],
    ['a 20,000-character title', { titulo: 'x'.repeat(20_000), version: '1', enlace: 'https://www.ine.mx/doc' }, {}, /admite hasta 200 caracteres/],
    ['a window that ends before it starts', { titulo: 'Doc', version: '1', enlace: 'https://www.ine.mx/doc', desde: '2026-12-10', hasta: '2026-12-05' }, {}, /el último día debe ser igual o posterior/],
    ['a window already over', { titulo: 'Doc', version: '1', enlace: 'https://www.ine.mx/doc', desde: '2026-11-01', hasta: '2026-11-05' }, {}, /ya terminó/],
    ['a date that is not one', { titulo: 'Doc', version: '1', enlace: 'https://www.ine.mx/doc', hasta: '31/02/2026' }, {}, /fecha|existe/i],
  ])('refuses %s: clear message, nothing published', async (_label, values, opts, message) => {
    const { reply } = await publish(values, opts);
    expect(reply).toMatch(message);
    expect(await k.core.services.documents.list(EDITION)).toEqual([]);
    expect(k.notifier.people).toHaveLength(0);
  });

  it.each<[string, string, RegExp]>([
    ['a file that is not PDF or DOCX', '/programa.exe', /solo se aceptan archivos .pdf o .docx/],
    ['a .pdf whose content is not a PDF', '/falso.pdf', /no es un PDF ni un DOCX válido/],
    ['a file that is too big', '/enorme.pdf', /(grande|MB|tamaño)/i],
  ])('refuses %s before the card: nothing stored', async (_label, file, message) => {
    const reply = text(await acts(withFile(ana, 'documento publicar', file)));
    expect(reply).toMatch(message);
    expect(reply).toContain('No se guardó nada');
    expect(await k.store.collection('documentFiles').countDocuments({})).toBe(0);
  });

  it('refuses forged payloads and duplicate clicks; members cannot publish', async () => {
    const first = await publish({ titulo: 'Código de conducta', version: '1.0', enlace: 'https://www.ine.mx/codigo' });
    expect(first.reply).toContain('Se publicó el documento 1');
    // The same card pressed again publishes nothing.
    expect(await k.click(ana, first.data)).toContain('ya está publicado');
    expect(await k.core.services.documents.list(EDITION)).toHaveLength(1);
    expect(k.notifier.people).toHaveLength(1);

    const [a] = k.people as [Person];
    // A member pressing "Publicar", or typing the admin commands.
    expect(await k.click(a, { ...first.data, token: 'otro-token-de-prueba' })).toContain('exclusiva de la administración');
    expect(await k.say(a, 'documentos estado')).not.toContain('Lectura confirmada:');
    // Another document id, another person's file, unknown version numbers.
    expect(await k.click(a, { verb: VERBS.documentAck, documentId: 'otra-edicion:1', seq: 1 })).toContain('No encontré ese documento');
    expect(await k.click(a, { verb: VERBS.documentAck, documentId: `${EDITION}:1`, seq: 7 })).toContain('versión anterior');
    expect(await k.click(ana, { ...first.data, token: 'token-nuevo-12345', fileId: 'archivo-ajeno', titulo: 'X', version: '2' })).toContain('ya no está disponible');
    expect(await k.click(ana, { ...first.data, token: 'token-nuevo-67890', documentId: 'otra:9', titulo: 'X', version: '2' })).toContain('No encontré ese documento');
    // Someone who is not a validated member of the edition.
    const outsider: UserLike = { id: '29:fuera', aadObjectId: '00000000-0000-0000-0000-0000000000f9', name: 'Externa' };
    expect(await k.click(outsider, { verb: VERBS.documentAck, documentId: `${EDITION}:1`, seq: 1 })).toContain('integrantes validadas');
    expect(await k.core.services.documents.acknowledgedBy(`${EDITION}:1`, 1)).toEqual(new Set());
    expect(await k.say(ana, 'observaciones exportar 1')).toContain('aún no tiene observaciones');
    expect(await k.say(ana, 'observaciones exportar uno')).toContain('con el número del documento');
  });
});
