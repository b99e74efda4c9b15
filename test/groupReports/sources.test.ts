import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ana } from '../helpers/activities.js';
import { reportKit, EDITION, type ReportKit } from './support.js';

/**
 * The reporting ports wired in src/services/container.ts (src/services/reporting/adapters/): the sessions
 * adapter feeds the report's prefill and «estado»; a submitted report locks the group's minutes.
 */
describe('reporting sources wired to the sessions feature', () => {
  let k: ReportKit;
  beforeEach(async () => {
    k = await reportKit();
  });
  afterEach(async () => {
    await k.close();
  });

  it('prefills the report with the held session, its attendance and the minutes; locks the minutes once submitted', async () => {
    const sessions = k.core.services.sessions;
    const startsAt = new Date(k.now.t.getTime() + 2 * 86_400_000);
    const session = await sessions.schedule({ editionId: EDITION, group: 1, draft: { startsAt, durationMin: 60, topic: { kind: 'free', text: 'Negociación salarial' }, modality: 'virtual', link: 'https://teams.example.org/s1' }, zone: 'America/Mexico_City' }, k.rep.key);
    k.now.t = new Date(startsAt.getTime() + 10 * 60_000);
    await sessions.recordAttendance(session._id, [k.sec.key, k.rep.key], k.rep.key);
    await sessions.saveMinutes(session._id, { topicsCovered: ['Negociación salarial'], agreements: ['Reunirse cada mes'], barriers: [{ category: 'organizacionales', text: 'Cargas de trabajo en proceso electoral' }], nextSteps: [] }, k.sec.key);

    const listed = await k.core.services.reportingSources.sessions!.listSessions(EDITION, 1);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ state: 'held', topic: 'Negociación salarial' });
    expect([...listed[0]!.attended].sort()).toEqual([k.sec.key, k.rep.key].sort());
    expect(listed[0]!.invited).toHaveLength(k.groups.get(1)!.length);

    const form = await k.say(k.sec, 'informe');
    expect(form).toContain('Sesiones realizadas: 1 sesión');
    expect(form).toContain('asistieron 2 de');
    expect(form).toContain('Temas atendidos según las minutas: Negociación salarial.');
    expect(form).toContain('Barreras en minutas · Organizacionales: Cargas de trabajo en proceso electoral');

    const status = await k.say(ana, 'estado');
    expect(status).toContain('1 sesión realizada, 0 programadas y 0 canceladas.');

    await k.core.services.groupReports.act({ editionId: EDITION, group: 1, action: 'submit', actor: k.sec.key, role: 'secretaria', content: { summary: 'R', achievements: '', agreements: '', proposals: '', barriers: {} } });
    await expect(sessions.saveMinutes(session._id, { topicsCovered: ['Otro'], agreements: [], barriers: [], nextSteps: [] }, k.sec.key)).rejects.toMatchObject({ code: 'reportSubmitted' });
  });
});
