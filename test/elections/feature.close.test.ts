import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_COLLECTION } from '../../src/services/registration/audit.js';
import { ana } from '../helpers/activities.js';
import { cardNow, castVote, EDITION, electionKit, nominate, SPACE_CONVERSATION, type ElectionKit, type Person } from './featureSupport.js';

/** Issue 10: the scheduled closing (a durable job run with a fake clock), ties, the runoff and the draw by lot. */
describe('elections: scheduled closing, runoff and draw', () => {
  let k: ElectionKit;
  let g1: Person[];
  beforeEach(async () => {
    k = await electionKit();
    g1 = k.groups.get(1)!;
  });
  afterEach(async () => k.close());
  const id = '2026:1:1';

  it('closes by itself at the closing time (job elections.close), announces once and assigns the roles', async () => {
    const [a, b, c] = g1 as [Person, Person, Person];
    await k.say(ana, 'elecciones abrir grupo 1');
    await nominate(k, a, 'representante', id);
    await nominate(k, b, 'secretaria', id);
    // 16:00 UTC is 10:00 in Mexico City; the closing is typed in Ana's zone (headquarters: she is not a member).
    expect(await k.say(ana, 'elecciones votacion grupo 1 cierre 2026-12-01 12:00')).toMatch(/hasta el 1 de diciembre de 2026, 12:00 h \(hora del centro\)/);
    const job = await k.core.services.jobs.get(`elections.close:${id}:1`);
    expect(job).toMatchObject({ kind: 'elections.close', status: 'scheduled' });
    expect(job!.runAt.toISOString()).toBe('2026-12-01T18:00:00.000Z');

    await castVote(k, a, id, 1, { Representante: a.nombre, Secretaria: b.nombre });
    expect(cardNow(k, `ballot-${a.key}-1`)).toMatch(/Su voto quedó registrado/);
    await castVote(k, c, id, 1, { Representante: a.nombre, Secretaria: 'Abstención' });
    expect(cardNow(k, `ballot-${c.key}-1`)).toMatch(/Su voto quedó registrado/);

    await k.core.services.jobs.runDue();
    expect(k.notifier.people.some((x) => x.broadcastId.startsWith('elecciones-resultados:'))).toBe(false);
    k.now.t = new Date('2026-12-01T18:00:01Z');
    // A ballot after the closing time is refused (the job has not run yet).
    expect(await castVote(k, b, id, 1, { Representante: a.nombre, Secretaria: b.nombre })).toMatch(/La votación ya cerró/);
    await k.core.services.jobs.runDue();
    await k.core.services.jobs.runDue();
    expect((await k.core.services.jobs.get(`elections.close:${id}:1`))?.status).toBe('done');
    const results = k.notifier.people.filter((x) => x.broadcastId === `elecciones-resultados:${id}:1`);
    expect(results).toHaveLength(1);
    expect(k.notifier.conversations.filter((x) => x.broadcastId.startsWith(`elecciones-resultados-espacio:${id}:1`)).map((x) => x.ref.conversation.id)).toEqual([SPACE_CONVERSATION]);
    expect(await k.core.services.elections.holds(EDITION, a.key, 1, 'representante')).toBe(true);
    expect(await k.core.services.elections.holds(EDITION, b.key, 1, 'secretaria')).toBe(true);
    // An administrator closing again changes nothing.
    expect(await k.say(ana, 'elecciones cerrar grupo 1')).toMatch(/Grupo 1: El grupo no tiene una votación abierta/);
    // The old ballot is refused.
    expect(await castVote(k, b, id, 1, { Representante: a.nombre, Secretaria: b.nombre })).toMatch(/La votación ya cerró/);
  });

  it('an administrator closing first cancels the scheduled closing', async () => {
    const [a] = g1 as [Person];
    await k.say(ana, 'elecciones abrir grupo 1');
    await nominate(k, a, 'representante', id);
    await k.say(ana, 'elecciones votacion grupo 1 cierre 2026-12-02 12:00');
    await k.say(ana, 'elecciones cerrar todos');
    expect((await k.core.services.jobs.get(`elections.close:${id}:1`))?.status).toBe('cancelled');
  });

  it('a tie goes to a runoff; a tied runoff is drawn by lot (announced, audited, reproducible)', async () => {
    const [a, b, c, d] = g1 as [Person, Person, Person, Person];
    await k.say(ana, 'elecciones abrir grupo 1');
    await nominate(k, a, 'representante', id);
    await nominate(k, b, 'representante', id);
    await k.say(ana, 'elecciones votacion grupo 1');
    await castVote(k, c, id, 1, { Representante: a.nombre });
    await castVote(k, d, id, 1, { Representante: b.nombre });
    await k.say(ana, 'elecciones cerrar grupo 1');
    const status = await k.say(ana, 'elecciones estado');
    expect(status).toMatch(/empate entre/);
    expect(status).toMatch(/secretaria vacante/);
    expect(status).toMatch(/\*\*Secretaria:\*\* sin candidatas; el cargo queda vacante/);
    expect(await k.say(ana, 'elecciones sorteo grupo 1')).toMatch(/no tiene un empate de desempate/);
    expect(await k.say(ana, 'elecciones desempate')).toMatch(/Indique un solo grupo/);

    // Runoff: new ballots (round 2) among the tied candidates only.
    expect(await k.say(ana, 'elecciones desempate grupo 1 cierre 2026-12-03 12:00')).toMatch(/Se abrió la votación de desempate del Grupo 1/);
    const runoffBallots = k.notifier.people.find((x) => x.broadcastId === `elecciones-boletas:${id}:2`)!;
    expect(runoffBallots.recipients).toHaveLength(g1.length);
    expect((await k.core.services.jobs.get(`elections.close:${id}:2`))?.status).toBe('scheduled');
    // The first-round card is old now.
    expect(await castVote(k, a, id, 1, { Representante: a.nombre })).toMatch(/ronda anterior/);
    await castVote(k, c, id, 2, { Representante: a.nombre });
    await castVote(k, d, id, 2, { Representante: b.nombre });
    k.now.t = new Date('2026-12-03T18:00:00Z');
    await k.core.services.jobs.runDue();
    const runoffResults = k.notifier.people.find((x) => x.broadcastId === `elecciones-resultados:${id}:2`)!;
    expect(JSON.stringify(runoffResults.recipients[0]!.message)).toMatch(/resolverá el empate por sorteo/);

    expect(await k.say(ana, 'elecciones sorteo grupo 1 semilla acta-12')).toMatch(/Se realizó el sorteo de 1 cargo/);
    const draw = k.notifier.people.find((x) => x.broadcastId === `elecciones-sorteo:${id}:representante`)!;
    const drawText = JSON.stringify(draw.recipients[0]!.message);
    expect(drawText).toContain('acta-12');
    expect(k.notifier.conversations.some((x) => x.broadcastId.startsWith(`elecciones-sorteo-espacio:${id}:representante`))).toBe(true);
    const winner = [a, b].find((p) => drawText.includes(`resultó electa **${p.nombre}**`))!;
    expect(await k.core.services.elections.holds(EDITION, winner.key, 1, 'representante')).toBe(true);
    const audit = await k.store.collection<{ _id: string; action: string; details?: { seed?: string } }>(AUDIT_COLLECTION).find({ action: 'election.draw' });
    expect(audit[0]?.details?.seed).toBe('acta-12');
  });
  it('without any candidate the election ends at once and the group is told the roles are vacant', async () => {
    await k.say(ana, 'elecciones abrir grupo 1');
    expect(await k.say(ana, 'elecciones votacion grupo 1')).toMatch(/Grupo 1: no hubo candidatas para ningún cargo.*\*\*cargo asignar\*\*/s);
    const notice = k.notifier.people.find((x) => x.broadcastId === `elecciones-resultados:${id}:0`)!;
    expect(notice.recipients).toHaveLength(g1.length);
    expect(k.notifier.conversations.some((x) => x.broadcastId.startsWith(`elecciones-resultados-espacio:${id}:0`))).toBe(true);
    expect(k.notifier.people.some((x) => x.broadcastId.startsWith('elecciones-boletas:'))).toBe(false);
    // A new election can be opened for the group.
    expect(await k.say(ana, 'elecciones abrir grupo 1')).toMatch(/Se abrieron las postulaciones en 1 grupo/);
  });
});
