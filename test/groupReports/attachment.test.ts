import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { personalMessage } from '../helpers/activities.js';
import { startLocalFileServer, type LocalFileServer } from '../reports/localFileServer.js';
import { TEAMS_FILE_DOWNLOAD_INFO } from '../../src/bot/files.js';
import { REPORT_LIMITS } from '../../src/domain/groupReports/index.js';
import { reportKit, EDITION, type ReportKit } from './support.js';

/** «informe adjuntar» with a file attached to the message: DOCX/PDF only (name and content), at most 5 MB. */
describe('group report attachment', () => {
  let k: ReportKit;
  let files: LocalFileServer;
  beforeEach(async () => {
    k = await reportKit();
    files = await startLocalFileServer();
  });
  afterEach(async () => {
    await files.close();
    await k.close();
  });

  const send = (who: ReportKit['sec'], name: string, body: Buffer) => {
    files.routes.set(`/${name}`, { body });
    const activity = personalMessage(who.user, 'informe adjuntar');
    activity.attachments = [{ contentType: TEAMS_FILE_DOWNLOAD_INFO, name, content: { downloadUrl: files.url(`/${name}`), fileType: name.split('.').pop() } }];
    return k.turn(activity);
  };

  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(100, 0x20)]);

  it.each([
    ['a PDF named .docx', 'informe.docx', pdf, 'Word (.docx) o un PDF'],
    ['a spreadsheet', 'informe.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04]), '.docx'],
    ['a text file renamed .pdf', 'informe.pdf', Buffer.from('hola'), 'Word (.docx) o un PDF'],
    ['a file over 5 MB', 'grande.pdf', Buffer.concat([pdf, Buffer.alloc(REPORT_LIMITS.attachmentBytes)]), 'No se pudo recibir el anexo'],
  ])('refuses %s and stores nothing', async (_label, name, body, expected) => {
    expect(await send(k.sec, name, body)).toContain(expected);
    expect(await k.core.services.groupReports.current(EDITION, 1)).toBeNull();
  });

  it('accepts a PDF from the secretaria and refuses one from a member of another group', async () => {
    expect(await send(k.other, 'informe.pdf', pdf)).toContain('no está disponible para su perfil');
    expect(await send(k.sec, 'informe.pdf', pdf)).toContain('quedó como anexo');
    const report = (await k.core.services.groupReports.current(EDITION, 1))!;
    expect(report.state).toBe('borrador');
    expect(report.attachment).toMatchObject({ name: 'informe.pdf', extension: 'pdf', bytes: pdf.length });
    const stored = await k.core.services.groupReports.attachmentData(EDITION, report.attachment!.fileId);
    expect(stored?.data.equals(pdf)).toBe(true);
    expect(await k.say(k.sec, 'informe')).toContain('Anexo: informe.pdf');
  });
});
