import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs.js';
import { ana, berta } from '../helpers/activities.js';
import { ballotValue, castVote, electionKit, nominate, type ElectionKit, type Person } from './featureSupport.js';

/**
 * Issue 10: refusals and forged payloads. Each one gets a clear Spanish answer and changes nothing: who acts is
 * the activity's person, never a field of the card.
 */
describe('elections: refusals and forged payloads', () => {
  let k: ElectionKit;
  let g1: Person[];
  let g2: Person[];
  const id1 = '2026:1:1';
  const id2 = '2026:2:1';
  beforeEach(async () => {
    k = await electionKit();
    g1 = k.groups.get(1)!;
    g2 = k.groups.get(2)!;
    await k.say(ana, 'elecciones abrir todos');
    await nominate(k, g1[0]!, 'representante', id1);
    await nominate(k, g2[0]!, 'representante', id2);
    await k.say(ana, 'elecciones votacion todos');
  });
  afterEach(async () => k.close());

  const turnout = async (id: string) => (await k.core.services.elections.turnout(id))!.voted.length;

  it('administration commands are for UTIGyND only; members are told so', async () => {
    for (const text of ['elecciones abrir grupo 1', 'elecciones cerrar todos', 'elecciones estado', 'cargo asignar grupo 1 secretaria m1@ine.mx']) {
      expect(await k.say(g1[1]!, text)).toMatch(/no está disponible para su perfil|exclusiva de la administración/);
    }
    expect(await turnout(id1)).toBe(0);
  });

  it('usage, bad groups, a second opening and typed times are answered in Spanish', async () => {
    expect(await k.say(ana, 'elecciones')).toMatch(/Uso: \*\*elecciones abrir/);
    expect(await k.say(ana, 'elecciones abrir grupo 9')).toMatch(/Grupo 9: Ese grupo no existe/);
    expect(await k.say(ana, 'elecciones abrir grupo 1')).toMatch(/Grupo 1: El grupo ya tiene una elección en curso/);
    expect(await k.say(ana, 'elecciones votacion grupo 1 cierre mañana')).toMatch(/No reconozco esa fecha y hora/);
    expect(await k.say(ana, 'elecciones votacion grupo x')).toMatch(/Indique el grupo como «grupo N»/);
    expect(await k.say(ana, 'elecciones desempate grupo 1')).toMatch(/no tiene empates que requieran desempate/);
  });

  it("another group's election: a member of group 2 cannot vote in group 1's", async () => {
    const forged = { ...ballotValue(k, g1[1]!, id1, 1, { Representante: g1[0]!.nombre }) };
    expect(await k.click(g2[1]!, forged)).toMatch(/Solo las integrantes del grupo participan/);
    expect(await turnout(id1)).toBe(0);
  });

  it('a candidate from another group, an index out of range or a made-up role are refused', async () => {
    const value = ballotValue(k, g1[1]!, id1, 1, { Representante: g1[0]!.nombre });
    expect(await k.click(g1[1]!, { ...value, voto0: g2[0]!.key })).toMatch(/no es una candidata de su grupo/);
    expect(await k.click(g1[1]!, { ...value, voto0: 'c7' })).toMatch(/no es una candidata de su grupo/);
    expect(await k.click(g1[1]!, { ...value, voto0: undefined })).toMatch(/Elija una opción para cada cargo/);
    expect(await k.click(g1[1]!, { ...value, round: 'uno' })).toMatch(/No pude procesar los datos de esa tarjeta/);
    expect(await turnout(id1)).toBe(0);
  });

  it("another person's ballot card votes as the person who presses it, once; a non-member cannot vote", async () => {
    const hers = ballotValue(k, g1[1]!, id1, 1, { Representante: g1[0]!.nombre });
    expect(await k.click(g1[2]!, hers)).toMatch(/Su voto quedó registrado/);
    expect(await k.click(g1[2]!, hers)).toMatch(/Ya votó/);
    expect((await k.core.services.elections.turnout(id1))!.voted).toEqual([g1[2]!.key]);
    expect(await k.click(berta, hers)).toMatch(/Solo las integrantes del grupo participan/);
    expect(await k.say(berta, 'votar')).toMatch(/no está disponible para su perfil|no tiene un grupo/);
  });

  it('a closed election and an unknown election are refused', async () => {
    await k.say(ana, 'elecciones cerrar grupo 1');
    expect(await castVote(k, g1[1]!, id1, 1, { Representante: g1[0]!.nombre })).toMatch(/La votación ya cerró/);
    expect(await k.click(g1[1]!, { ...ballotValue(k, g1[1]!, id1, 1, { Representante: g1[0]!.nombre }), electionId: '2026:1:99' })).toMatch(/No encontré esa elección/);
    expect(await k.say(g1[1]!, 'votar')).toMatch(/no tiene una votación abierta/);
  });

  it('nominating outside the nomination phase or in another group is refused', async () => {
    expect(await k.click(g1[1]!, { verb: VERBS.electionNominate, electionId: id1, role: 'secretaria' })).toMatch(/etapa/);
    expect(await k.say(ana, 'elecciones cerrar todos')).toMatch(/Se cerró la votación en 2 grupos/);
    // A member of group 2 on group 1's (closed) election.
    expect(await k.click(g2[1]!, { verb: VERBS.electionNominate, electionId: id1, role: 'secretaria' })).toMatch(/Solo las integrantes del grupo/);
    expect(await k.say(g1[1]!, 'postularme')).toMatch(/no tiene postulaciones abiertas/);
  });
  it('two concurrent presses of the same ballot record one vote; both are answered', async () => {
    const v = ballotValue(k, g1[1]!, id1, 1, { Representante: g1[0]!.nombre });
    const answers = (await Promise.all([k.click(g1[1]!, v), k.click(g1[1]!, v)])).join('\n');
    expect(answers).toMatch(/Su voto quedó registrado/);
    expect((await k.core.services.elections.turnout(id1))!.voted).toEqual([g1[1]!.key]);
    expect(await k.store.collection<{ _id: string; box: string }>('electionBallots').find({ box: `${id1}#1` })).toHaveLength(1);
  });
});
