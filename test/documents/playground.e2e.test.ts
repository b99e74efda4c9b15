import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlaygroundApp, type PlaygroundApp } from '../support/playgroundApp.js';
import type { PlaygroundClient, PlaygroundConfig, PlaygroundMessage } from '../support/playgroundClient.js';
import { realisticRoster } from '../helpers/rosterFixtures.js';
import { validatedMember } from '../groups/support.js';
import { VERBS } from '../../src/cards/verbs.js';
import { loadDefaultCatalog } from '../../src/data/defaultCatalog.js';
import type { MemberRecord } from '../../src/domain/member.js';
import { HQ_TIME_ZONE } from '../../src/domain/time.js';
import { createRegistrationServices } from '../../src/services/registration/index.js';
import { MEMBERS_COLLECTION } from '../../src/services/registration/members.js';
import { PENDING_FILES, type PendingFileDoc } from '../../src/services/reports/pendingFiles.js';

/**
 * Issue 14 end to end through the Agents Playground (started with TEAMSAPPTESTER_BROWSER=none by
 * startPlaygroundApp): the Playground's current user is UTIGyND and a validated member. She publishes a document
 * (a link), receives its card 1:1 through the real delivery engine, acknowledges it, sends an observation and
 * exports the observations (an anonymous XLSX waiting behind the file consent card).
 */
describe('documentos básicos end to end through the Agents Playground', () => {
  let e2e: PlaygroundApp;
  let client: PlaygroundClient;
  let pg: PlaygroundConfig;
  const EDITION = '2026';

  beforeAll(async () => {
    e2e = await startPlaygroundApp({
      name: 'documents',
      beforeListen: async (app) => {
        const reg = createRegistrationServices(app.store, { adminAadIds: [] });
        await reg.init();
        await reg.editions.create({ id: EDITION, nombre: 'Red 2026' }, 'aad:setup');
        await reg.editions.activate(EDITION, 'aad:setup');
      },
    });
    ({ client, pg } = e2e);
    const me = e2e.currentUser.aadObjectId;
    expect(me).not.toBe('');
    const store = e2e.app.store;
    await store.collection<{ _id: string; addedBy: string; addedAt: Date }>('admins').insertOne({ _id: me, addedBy: 'test', addedAt: new Date() });
    const members = realisticRoster(loadDefaultCatalog(), 41, 4).map((r, i) =>
      validatedMember(
        EDITION,
        r,
        i === 0
          ? { key: `aad:${me}`, userId: pg.currentUserId, nombre: 'Alex Wilber', correo: e2e.currentUser.email ?? 'alexw@example.com' }
          : { key: `aad:00000000-0000-0000-0000-${String(800 + i).padStart(12, '0')}`, userId: `29:sin-app-${i}` },
      ),
    );
    await store.collection<MemberRecord>(MEMBERS_COLLECTION).insertMany(members);
  });

  afterAll(async () => e2e?.close());

  const cards = (m: { attachments?: unknown }) => JSON.stringify(m.attachments ?? []);
  const cardOf = (m: PlaygroundMessage): unknown => m.attachments?.[0]?.content;
  function submits(card: unknown): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === 'object') {
        const o = n as Record<string, unknown>;
        if (o.type === 'Action.Submit' && o.data) out.push(o.data as Record<string, unknown>);
        Object.values(o).forEach(walk);
      }
    };
    walk(card);
    return out;
  }

  it('publish a document, acknowledge it, send an observation, export', async () => {
    const me = pg.personalConversationId;
    const today = DateTime.now().setZone(HQ_TIME_ZONE);

    let from = client.messages.length;
    await client.send(me, { from: pg.currentUserId, text: 'documento publicar' });
    const form = await client.waitFor(me, (m) => cards(m).includes('Publicar un documento básico'), from);
    const publish = submits(cardOf(form)).find((d) => d.verb === VERBS.documentPublish)!;
    from = client.messages.length;
    await client.submit(me, pg.currentUserId, form.messageId ?? '', {
      ...publish,
      titulo: 'Reglamento de la Red',
      version: '1.0',
      enlace: 'https://www.ine.mx/reglamento-red',
      desde: today.toISODate(),
      hasta: today.plus({ days: 10 }).toISODate(),
    });
    await client.waitFor(me, (m) => (m.text ?? '').includes('Se publicó el documento 1'), from);
    const notice = await client.waitFor(me, (m) => cards(m).includes('He leído el documento'), from, 20_000);
    expect(cards(notice)).toContain('https://www.ine.mx/reglamento-red');

    const [ack, observe] = [VERBS.documentAck, VERBS.documentObserve].map((v) => submits(cardOf(notice)).find((d) => d.verb === v)!);
    from = client.messages.length;
    await client.submit(me, pg.currentUserId, notice.messageId ?? '', ack!);
    await client.waitFor(me, (m) => (m.text ?? '').includes('Quedó registrado que leyó'), from);
    from = client.messages.length;
    await client.submit(me, pg.currentUserId, notice.messageId ?? '', { ...observe!, seccion: 'Artículo 4', observacion: 'Propongo incluir el acompañamiento entre pares.' });
    await client.waitFor(me, (m) => (m.text ?? '').includes('Recibimos su observación'), from);

    from = client.messages.length;
    await client.send(me, { from: pg.currentUserId, text: 'documentos estado' });
    const status = await client.waitFor(me, (m) => cards(m).includes('lectura y observaciones'), from);
    expect(cards(status)).toContain('Lectura confirmada: 1 de 4 (25 %).');

    from = client.messages.length;
    await client.send(me, { from: pg.currentUserId, text: 'observaciones exportar 1' });
    const consent = await client.waitFor(me, (m) => (m.attachments ?? []).some((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.consent'), from);
    const id = (consent.attachments!.find((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.consent')!.content as { acceptContext: { pendingFileId: string } }).acceptContext.pendingFileId;
    const file = (await e2e.app.store.collection<PendingFileDoc>(PENDING_FILES).findOne({ _id: id }))!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(Buffer.from(file.data, 'base64')).buffer as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v as string))));
    expect(rows[0]).toEqual(['Documento', 'Versión', 'Sección o artículo', 'Observación', 'Fecha']);
    expect(rows[1]!.slice(0, 4)).toEqual(['1. Reglamento de la Red', '1.0', 'Artículo 4', 'Propongo incluir el acompañamiento entre pares.']);
    expect(JSON.stringify(rows)).not.toContain('Alex Wilber');
  }, 120_000);
});
