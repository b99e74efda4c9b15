import mammoth from 'mammoth';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { matchCommand } from '../../src/domain/commands.js';
import { COMMANDS } from '../../src/features/commands.js';
import { GENERAL_REPORT_CHAT_TEXTS } from '../../src/features/generalReport/texts.js';
import { GENERAL_REPORT_AUDIT_ACTION } from '../../src/features/generalReport/handlers/generalReport.js';
import { GENERAL_REPORT_TEXTS as T } from '../../src/services/generalReport/index.js';
import { PENDING_FILES, type PendingFileDoc } from '../../src/services/reports/pendingFiles.js';
import { AuditLog } from '../../src/services/registration/audit.js';
import { ana } from '../helpers/activities.js';
import { electionKit, type ElectionKit } from '../elections/featureSupport.js';

describe('"informe general" routing: the longest command word wins', () => {
  it.each([
    ['informe general', 'generalReport', ''],
    ['Informe General', 'generalReport', ''],
    ['informe  general.', 'generalReport', ''],
    ['informe general xlsx', 'generalReportXlsx', ''],
    ['informe general excel', 'generalReportXlsx', ''],
    ['informe', 'groupReport', ''],
    ['informe revisar 3', 'groupReport', 'revisar 3'],
    ['informe generalidades', 'groupReport', 'generalidades'],
    ['informes', 'groupReports', ''],
  ])('%s → %s', (text, id, args) => {
    const m = matchCommand(text, COMMANDS);
    expect(m?.command.id).toBe(id);
    expect(m?.args).toBe(args);
  });
});

describe('"informe general" through the bot', () => {
  let h: ElectionKit;
  const pendingFiles = () => h.store.collection<PendingFileDoc>(PENDING_FILES).find({});
  const fileBytes = (doc: PendingFileDoc) => Buffer.from(doc.data, 'base64');

  beforeEach(async () => {
    h = await electionKit({ members: 8, groups: 2 });
  });
  afterEach(async () => {
    await h.close();
  });

  it('UTIGyND gets the DOCX through the file flow; the export is audited', async () => {
    const reply = await h.say(ana, 'informe general');
    expect(reply).toMatch(/informe-general-2026-\d{8}-\d{4}\.docx/);
    const files = await pendingFiles();
    expect(files).toHaveLength(1);
    expect(files[0]!.name).toMatch(/^informe-general-2026-\d{8}-\d{4}\.docx$/);
    const { value: text } = await mammoth.extractRawText({ buffer: fileBytes(files[0]!) });
    expect(text).toContain(T.title);
    expect(text).toContain(T.coverEdition('Red 2026'));
    expect(text).toMatch(/Se conformaron 2 grupos con 8 integrantes validadas/);
    for (const p of h.people) expect(text).not.toContain(p.correo);
    const audit = await new AuditLog(h.store).list({ action: GENERAL_REPORT_AUDIT_ACTION });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: `aad:${ana.aadObjectId}`, target: '2026', details: { format: 'docx' } });
  }, 60_000);

  it('"informe general xlsx" offers the workbook', async () => {
    await h.say(ana, 'informe general xlsx');
    const files = await pendingFiles();
    expect(files.map((f) => f.name)).toEqual([expect.stringMatching(/^informe-general-2026-\d{8}-\d{4}\.xlsx$/)]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fileBytes(files[0]!) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toContain(T.sheets.groups);
  }, 60_000);

  it.each(['informe general', 'informe general xlsx'])('a member who is not UTIGyND is refused "%s"; no file', async (text) => {
    const reply = await h.say(h.people[0]!, text);
    expect(reply).not.toMatch(/informe-general/);
    expect(await pendingFiles()).toEqual([]);
  });

  it('an edition without data: a clear message and no file', async () => {
    await h.core.services.editions.create({ id: '2027', nombre: 'Red 2027' }, 'aad:setup');
    await h.core.services.editions.activate('2027', 'aad:setup');
    expect(await h.say(ana, 'informe general')).toContain(GENERAL_REPORT_CHAT_TEXTS.noData('Red 2027'));
    expect(await h.say(ana, 'informe general xlsx')).toContain(GENERAL_REPORT_CHAT_TEXTS.noData('Red 2027'));
    expect(await pendingFiles()).toEqual([]);
    expect(await new AuditLog(h.store).list({ action: GENERAL_REPORT_AUDIT_ACTION })).toEqual([]);
  });
});
