import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaygroundApp } from '../support/playgroundApp.js';
import type { PlaygroundClient, PlaygroundConfig, PlaygroundMessage } from '../support/playgroundClient.js';
import { cardNodes, cardsText as cards, seedMembers, startPlaygroundWithEdition } from '../support/playgroundEdition.js';
import { VERBS } from '../../src/cards/verbs.js';
import { HQ_TIME_ZONE } from '../../src/domain/time.js';
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

  beforeAll(async () => {
    e2e = await startPlaygroundWithEdition('documents');
    ({ client, pg } = e2e);
    await seedMembers(e2e, { count: 4, seed: 41, keyBase: 800 });
  });

  afterAll(async () => e2e?.close());

  const cardOf = (m: PlaygroundMessage): unknown => m.attachments?.[0]?.content;
  /** The data of every Action.Submit of a card. */
  const submits = (card: unknown): Record<string, unknown>[] => cardNodes(card, 'Action.Submit').flatMap((a) => (a.data ? [a.data as Record<string, unknown>] : []));

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
