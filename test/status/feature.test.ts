import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ana } from '../helpers/activities.js';
import { reportKit, EDITION, type ReportKit } from '../groupReports/support.js';

/** «estado», «estado grupo N» and «estado exportar» through the bot, as UTIGyND and as a member. */
describe('status commands', () => {
  let k: ReportKit;
  beforeEach(async () => {
    k = await reportKit();
  });
  afterEach(async () => {
    await k.close();
  });

  it('«estado» shows the whole network with the next step for what is behind', async () => {
    await k.core.services.groupReports.act({ editionId: EDITION, group: 1, action: 'save', actor: k.sec.key, role: 'secretaria', content: { summary: 'R', achievements: '', agreements: '', proposals: '', barriers: {} } });
    const text = await k.say(ana, 'estado');
    expect(text).toContain('Estado de la Red · Red 2026');
    expect(text).toContain('2 grupos confirmados; 1 con espacio vinculado.');
    expect(text).toContain('1 grupo sin espacio vinculado (grupo 2): use **vincular grupo N**');
    expect(text).toContain('1 de 2 grupos con representante y secretaria.');
    expect(text).toContain('1 sin iniciar y 1 en borrador.');
  });

  it('«estado grupo N» lists members, roles, plan and report; bad numbers are answered', async () => {
    const text = await k.say(ana, 'estado grupo 1');
    expect(text).toContain('Estado del grupo 1');
    expect(text).toContain(`${k.sec.nombre} (secretaria)`);
    expect(text).toContain(`${k.rep.nombre} (representante)`);
    expect(text).toContain('Sin plan confirmado.');
    expect(text).toContain('Sin iniciar');
    expect(text).not.toContain(k.other.nombre);
    expect(await k.say(ana, 'estado grupo 7')).toContain('Ese grupo no existe');
    expect(await k.say(ana, 'estado grupo')).toContain('Indique el número del grupo');
    expect(await k.say(ana, 'estado otra-cosa')).toContain('**estado exportar**');
  });

  it('«estado exportar» offers an XLSX file through the consent flow', async () => {
    const before = k.adapter.activeQueue.length;
    await k.adapter.processActivity((await import('../helpers/activities.js')).personalMessage(ana, 'estado exportar'));
    const sent = k.adapter.activeQueue.splice(before);
    const consent = sent.flatMap((a) => a.attachments ?? []).find((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.consent');
    expect(consent?.name).toMatch(/^estado-red-2026-\d{8}-\d{4}\.xlsx$/);
  });

  it('refuses members', async () => {
    expect(await k.say(k.sec, 'estado')).toMatch(/no está disponible para su perfil|exclusiva de la administración/);
  });
});
