import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs.js';
import { ana } from '../helpers/activities.js';
import { EDITION } from '../elections/featureSupport.js';
import { execute, scheduleValue, sessionKit, spacePosts, type SessionKit } from './support.js';

const S1 = `${EDITION}:g1:s1`;

/** Issue 11: attendance (self check-in and the checklist), minutes, "sesiones" and "sesiones estado". */
describe('group sessions: attendance, minutes and lists', () => {
  let k: SessionKit;
  let start: Date;
  beforeEach(async () => {
    k = await sessionKit();
    await k.click(k.rep, scheduleValue());
    start = (await k.core.services.sessions.get(S1))!.startsAt;
  });
  afterEach(async () => k.close());

  const at = (ms: number) => {
    k.now.t = new Date(ms);
  };

  it('"Estoy presente" only in the window and only for the group; the checklist after the start, refusing outsiders', async () => {
    expect((await execute(k, k.qroo, VERBS.sessionCheckIn, { sessionId: S1 })).text).toMatch(/abre 15 minutos antes/);
    expect(await k.say(k.sec, 'asistencia 1')).toMatch(/aún no comienza/);
    at(start.getTime() + 5 * 60_000);
    expect((await execute(k, k.qroo, VERBS.sessionCheckIn, { sessionId: S1 })).text).toMatch(/Registré su asistencia a la sesión 1/);
    expect((await execute(k, k.qroo, VERBS.sessionCheckIn, { sessionId: S1 })).text).toMatch(/ya estaba registrada/);
    expect((await execute(k, k.g2[1]!, VERBS.sessionCheckIn, { sessionId: S1 })).text).toMatch(/otro grupo/);
    // RSVPs close at the start.
    expect((await execute(k, k.rep, VERBS.sessionRsvp, { sessionId: S1, answer: 'yes' })).text).toMatch(/ya comenzó/);

    const checklist = await k.say(k.sec, 'asistencia 1');
    expect(checklist).toMatch(/Asistencia · sesión 1 del grupo 1/);
    for (const p of k.g1) expect(checklist).toContain(p.nombre);
    expect(checklist).not.toContain(k.g2[1]!.nombre);
    // A name of another group refuses the whole list.
    expect(await k.click(k.sec, { verb: VERBS.sessionAttendanceSubmit, sessionId: S1, presentes: `${k.qroo.key},${k.g2[1]!.key}` })).toMatch(/no es integrante del grupo; no se guardó nada/);
    expect(await k.click(k.rep2, { verb: VERBS.sessionAttendanceSubmit, sessionId: S1, presentes: k.qroo.key })).toMatch(/Solo puede hacerlo para su propio grupo/);
    expect(await k.click(k.sec, { verb: VERBS.sessionAttendanceSubmit, sessionId: S1, presentes: `${k.qroo.key},${k.rep.key}` })).toMatch(/Guardé la asistencia de la sesión 1: 2 de 4 integrantes presentes/);
    const perMember = await k.core.services.sessions.attendanceOf(EDITION, 1);
    expect(perMember.find((m) => m.personKey === k.qroo.key)).toEqual({ personKey: k.qroo.key, held: 1, attended: 1 });
    expect(perMember.find((m) => m.personKey === k.sec.key)).toEqual({ personKey: k.sec.key, held: 1, attended: 0 });
    // Closed after the end.
    at(start.getTime() + 3 * 3_600_000);
    expect((await execute(k, k.sec, VERBS.sessionCheckIn, { sessionId: S1 })).text).toMatch(/registro de asistencia está cerrado/);
  });

  it('minutes: the secretaria records them after the start, they are posted in the space, editable until the report is submitted', async () => {
    const minutes = { verb: VERBS.sessionMinutesSubmit, sessionId: S1, temas: '- Negociación\n- Liderazgo', acuerdos: 'Reunirnos cada mes', siguientes: 'Preparar el informe', barreraCategoria0: 'culturales', barreraTexto0: 'Horarios poco compatibles con el cuidado' };
    expect(await k.click(k.sec, minutes)).toMatch(/aún no comienza/);
    at(start.getTime() + 3_600_000);
    expect(await k.say(k.sec, 'minuta 1')).toMatch(/Minuta · sesión 1 del grupo 1/);
    // The representante is not the secretaria: refused on the server too.
    expect(await k.click(k.rep, minutes)).toMatch(/La minuta la registra la secretaria/);
    expect(await k.click(k.sec, { ...minutes, barreraCategoria0: 'economicas' })).toMatch(/una de las ocho categorías/);
    expect(await k.click(k.sec, { verb: VERBS.sessionMinutesSubmit, sessionId: S1 })).toMatch(/La minuta está vacía/);
    expect(await k.click(k.sec, minutes)).toMatch(/guardé la minuta de la sesión 1 y la publiqué en el espacio del grupo/);
    const posted = spacePosts(k).filter((p) => p.broadcastId.startsWith(`sesion-minuta:${S1}:r1:`));
    expect(posted).toHaveLength(1);
    expect(posted[0]!.text).toContain('Culturales: Horarios poco compatibles con el cuidado');
    expect(posted[0]!.text).toContain('- Reunirnos cada mes');
    expect(await k.click(k.sec, { ...minutes, acuerdos: 'Reunirnos cada quince días' })).toMatch(/actualicé la minuta/);
    expect((await k.core.services.sessions.getMinutes(S1))!).toMatchObject({ revision: 2, agreements: ['Reunirnos cada quince días'], barriers: [{ category: 'culturales', text: 'Horarios poco compatibles con el cuidado' }] });
    expect(await k.say(k.sec, 'minuta 1')).toContain('Reunirnos cada quince días');

    k.core.services.sessions.useReportStatus({ isReportSubmitted: async (editionId, group) => editionId === EDITION && group === 1 });
    expect(await k.click(k.sec, { ...minutes, acuerdos: 'Otro' })).toMatch(/informe de su grupo ya se entregó/);
    expect(await k.say(k.sec, 'minuta 1')).toMatch(/informe de su grupo ya se entregó/);
    expect((await k.core.services.sessions.getMinutes(S1))!.revision).toBe(2);
  });

  it('"sesiones" lists her group\'s sessions with attendance; "sesiones estado" is UTIGyND\'s, with idle groups flagged', async () => {
    await execute(k, k.qroo, VERBS.sessionRsvp, { sessionId: S1, answer: 'yes' });
    const list = await k.say(k.qroo, 'sesiones');
    expect(list).toMatch(/Sesiones del grupo 1/);
    expect(list).toMatch(/Sesión 1 · 10 de diciembre de 2026, \d\d:00 h \(hora del sureste\) · Balance del primer mes/);
    expect(list).toMatch(/Asistirán 1, no podrán 0, sin respuesta 3/);
    expect(await k.say(k.g2[1]!, 'sesiones')).toMatch(/Su grupo aún no tiene sesiones/);
    expect(await k.say(k.g2[1]!, 'sesiones grupo 1')).toMatch(/Solo puede hacerlo para su propio grupo, el grupo 2/);

    expect((await k.core.services.sessions.upcomingFor(EDITION, 1, k.now.t)).map((x) => x._id)).toEqual([S1]);
    at(start.getTime() + 5 * 60_000);
    // In progress: still "upcoming" for the calendar until it ends.
    expect((await k.core.services.sessions.upcomingFor(EDITION, 1, k.now.t)).map((x) => x._id)).toEqual([S1]);
    expect(await k.core.services.sessions.upcomingFor(EDITION, 1, new Date(start.getTime() + 2 * 3_600_000))).toEqual([]);
    await execute(k, k.qroo, VERBS.sessionCheckIn, { sessionId: S1 });
    expect(await k.say(k.qroo, 'sesiones')).toMatch(/Asistieron 1 de 4 integrantes \(25 %\)\. Sin minuta\./);

    expect(await k.say(k.qroo, 'sesiones estado')).toMatch(/exclusiva de la administración/);
    const status = await k.say(ana, 'sesiones estado');
    expect(status).toMatch(/2 grupos; 1 grupo sin sesión en los últimos 30 días/);
    expect(status).toMatch(/Grupo 1\nRealizadas: 1 · Programadas: 0 · Canceladas: 0\nAsistencia promedio: 25 %/);
    expect(status).toMatch(/⚠ Grupo 2\nRealizadas: 0/);
  });

  it('"sesiones recordatorios" sets the edition\'s offsets (UTIGyND) and new sessions use them', async () => {
    expect(await k.say(ana, 'sesiones recordatorios')).toMatch(/24 horas antes y 1 hora antes/);
    expect(await k.say(ana, 'sesiones recordatorios 2d 30m')).toMatch(/2 días antes y 30 minutos antes/);
    expect(await k.say(ana, 'sesiones recordatorios 1m')).toMatch(/entre 5 minutos y 14 días/);
    expect(await k.say(k.rep, 'sesiones recordatorios 2h')).toMatch(/exclusiva de la administración/);
    await k.click(k.rep, scheduleValue({ fecha: '2026-12-20' }));
    const keys = (await k.core.services.jobs.list({ keyPrefix: `sessions.reminder:${EDITION}:g1:s2:` })).map((j) => j.key).sort();
    expect(keys).toEqual([`sessions.reminder:${EDITION}:g1:s2:2880:v1`, `sessions.reminder:${EDITION}:g1:s2:30:v1`]);
  });
});
