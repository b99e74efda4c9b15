import JSZip from 'jszip';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { ana, personalMessage } from '../helpers/activities.js';
import { createHarness, textOf, type Harness } from '../helpers/harness.js';
import { startLocalFileServer, type LocalFileServer } from './localFileServer.js';
import { TEAMS_FILE_DOWNLOAD_INFO } from '../../src/bot/files.js';
import { MAX_XLSX_UNCOMPRESSED_BYTES, writeTableFile } from '../../src/services/rosterFile.js';
import { RosterRepository } from '../../src/services/reports/rosterImport.js';

/** Issue 9 item 8 through the bot: a decompression bomb sent as the roster gets a Spanish answer; nothing is imported. */
describe('"importar padrón" with an .xlsx bomb (TestAdapter)', () => {
  let h: Harness;
  let srv: LocalFileServer;

  beforeAll(async () => {
    srv = await startLocalFileServer();
    const base = await writeTableFile('xlsx', ['nombre', 'correo', 'vocalia', 'ambito', 'entidad', 'distrito'], [['Gala Río', 'gala@ine.mx', 'VE', 'JLE', '14', '']]);
    const zip = await JSZip.loadAsync(base);
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const huge = 'A'.repeat(MAX_XLSX_UNCOMPRESSED_BYTES + 1024 * 1024);
    zip.file('xl/worksheets/sheet1.xml', sheet.replace('</sheetData>', `<row r="3"><c r="A3" t="inlineStr"><is><t>${huge}</t></is></c></row></sheetData>`));
    srv.routes.set('/bomba.xlsx', { body: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } }) });
  });
  afterAll(async () => srv.close());
  beforeEach(async () => {
    h = await createHarness({ ADMIN_AAD_IDS: ana.aadObjectId! });
    await h.core.services.editions.create({ id: '2026', nombre: 'Red de Coaching 2026' }, 'aad:setup');
    await h.core.services.editions.activate('2026', 'aad:setup');
  });
  afterEach(async () => h.close());

  it('is refused with the limit named, and the roster stays empty', async () => {
    const message: Partial<Activity> = {
      ...personalMessage(ana, 'importar padrón'),
      attachments: [{ contentType: TEAMS_FILE_DOWNLOAD_INFO, name: 'bomba.xlsx', content: { downloadUrl: srv.url('/bomba.xlsx'), uniqueId: 'u-bomba', fileType: 'xlsx' } }],
    };
    const text = (await h.turn(message)).map(textOf).join('\n');
    expect(text).toMatch(/ocupa más de 24 MB al descomprimirlo y el máximo es 24 MB/);
    expect(await new RosterRepository(h.store).list('2026')).toEqual([]);
  });
});
