import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs.js';
import { AUDIT_COLLECTION } from '../../src/services/registration/audit.js';
import { ana } from '../helpers/activities.js';
import { ballotChoices, cardNow, cardSentTo, cardText, EDITION, electionKit, SPACE_CONVERSATION, submitsOf, type ElectionKit, type Person } from './featureSupport.js';

/**
 * Issue 10, elections feature: the whole flow through the bot (TestAdapter), with the RecordingNotifier for
 * what is sent 1:1 and in the group's space.
 */
describe('elections: nominations, secret ballot, close, roles', () => {
  let k: ElectionKit;
  let g1: Person[];
  let g2: Person[];
  beforeEach(async () => {
    k = await electionKit();
    g1 = k.groups.get(1)!;
    g2 = k.groups.get(2)!;
  });
  afterEach(async () => k.close());

  const electionId = '2026:1:1';

  async function nominate(p: Person, role: 'representante' | 'secretaria'): Promise<string> {
    const card = cardSentTo(k.notifier, 'elecciones-postulaciones:', p.key)!;
    const data = submitsOf(card).find((d) => d.verb === VERBS.electionNominate && d.role === role)!;
    return k.click(p, data);
  }

  /** Presses "Confirmar mi voto" on her ballot with the candidates chosen by name (or Abstención). */
  async function vote(p: Person, names: { representante?: string; secretaria?: string }, round = 1): Promise<string> {
    const card = cardSentTo(k.notifier, `elecciones-boletas:${electionId}:${round}`, p.key)!;
    const choices = ballotChoices(card);
    const value: Record<string, unknown> = { ...submitsOf(card).find((d) => d.verb === VERBS.electionVote)! };
    const labels = cardText(card);
    expect(labels).toContain('Abstención');
    const pick = (input: string, name: string | undefined) => {
      const options = choices.get(input);
      if (!options || name === undefined) return;
      value[input] = options.find((o) => o.title === name)!.value;
    };
    // Contest order on the ballot: representante, then secretaria (those with candidates).
    const ids = [...choices.keys()];
    const roles = ids.map((_, i) => (i === 0 && names.representante !== undefined ? 'representante' : 'secretaria'));
    ids.forEach((id, i) => pick(id, roles[i] === 'representante' ? names.representante : names.secretaria));
    return k.click(p, value, `ballot-${p.key}-${round}`);
  }

  it('opens nominations, collects candidacies (self and proposed), votes secretly, closes, announces and assigns roles', async () => {
    // Opening: every member of group 1 gets the nomination card 1:1, and the linked channel gets a notice.
    const opened = await k.say(ana, 'elecciones abrir grupo 1 cierre 2026-12-05 18:00');
    expect(opened).toMatch(/Se abrieron las postulaciones en 1 grupo hasta el 5 de diciembre de 2026, 18:00 h \(hora del centro\)/);
    const nominations = k.notifier.people.find((b) => b.broadcastId === `elecciones-postulaciones:${electionId}`)!;
    expect(nominations.recipients.map((r) => r.personKey).sort()).toEqual(g1.map((p) => p.key).sort());
    expect(k.notifier.conversations.find((c) => c.broadcastId.startsWith(`elecciones-postulaciones-espacio:${electionId}`))?.ref.conversation.id).toBe(SPACE_CONVERSATION);

    // Candidacies: A for representante, B for secretaria; C proposes D for representante, D accepts.
    const [a, b, c, d] = g1 as [Person, Person, Person, Person];
    expect(await nominate(a, 'representante')).toMatch(/Quedó registrada como candidata a representante/);
    expect(await nominate(b, 'secretaria')).toMatch(/candidata a secretaria/);
    // Not both roles.
    expect(await nominate(a, 'secretaria')).toMatch(/no puede ser candidata a los dos cargos/);
    const nomCard = cardSentTo(k.notifier, 'elecciones-postulaciones:', c.key)!;
    const propose = submitsOf(nomCard).find((x) => x.verb === VERBS.electionPropose)!;
    expect(await k.click(c, { ...propose, companion: d.correo, proposedRole: 'representante' })).toMatch(new RegExp(`Se envió su propuesta a \\*\\*${d.nombre}\\*\\*`));
    // A companion of another group cannot be proposed.
    expect(await k.click(c, { ...propose, companion: g2[0]!.correo, proposedRole: 'secretaria' })).toMatch(/No encontré a esa compañera en su grupo/);
    const proposal = cardSentTo(k.notifier, `elecciones-propuesta:${electionId}:representante:`, d.key)!;
    expect(cardText(proposal)).toContain(`${c.nombre} la propone como candidata a representante`);
    const accept = submitsOf(proposal).find((x) => x.accept === true)!;
    expect(await k.click(d, accept, 'proposal-card')).toMatch(/Aceptó la propuesta/);
    expect(k.updates.find((u) => u.id === 'proposal-card')?.text).toMatch(/Aceptó la propuesta/);

    // "postularme" sends the card again.
    expect(await k.say(c, 'postularme')).toMatch(/Postularme como representante/);

    // Voting: each member of group 1 gets her ballot with the candidates of her group and Abstención.
    expect(await k.say(ana, 'elecciones votacion grupo 1')).toMatch(/Se abrió la votación en 1 grupo/);
    const ballots = k.notifier.people.find((x) => x.broadcastId === `elecciones-boletas:${electionId}:1`)!;
    expect(ballots.recipients.map((r) => r.personKey).sort()).toEqual(g1.map((p) => p.key).sort());
    const ballotText = cardText(cardSentTo(k.notifier, 'elecciones-boletas:', a.key));
    for (const name of [a.nombre, b.nombre, d.nombre, 'Abstención']) expect(ballotText).toContain(name);
    expect(ballotText).not.toContain(g2[0]!.nombre);
    // Nominations are closed now.
    expect(await nominate(c, 'secretaria')).toMatch(/etapa|postulaciones ya cerró/);

    // A, B, C vote; the ballot updates in place (the only answer: no text repeating it) and cannot be reused.
    const ballotNow = (p: Person) => cardNow(k, `ballot-${p.key}-1`);
    expect(await vote(a, { representante: a.nombre, secretaria: b.nombre })).toBe('');
    expect(ballotNow(a)).toMatch(/Su voto quedó registrado/);
    expect(ballotNow(a)).toMatch(/Grupo 1\. Su voto es secreto y definitivo/);
    expect(await vote(a, { representante: d.nombre, secretaria: 'Abstención' })).toBe('');
    expect(ballotNow(a)).toMatch(/Ya votó en esta ronda/);
    expect(await vote(b, { representante: d.nombre, secretaria: b.nombre })).toBe('');
    expect(ballotNow(b)).toMatch(/Su voto quedó registrado/);
    // When the card cannot be updated, the text reply says it instead.
    k.failUpdates.add(`ballot-${c.key}-1`);
    expect(await vote(c, { representante: 'Abstención', secretaria: 'Abstención' })).toMatch(/Su voto quedó registrado\. Es secreto y definitivo/);
    expect(ballotNow(c)).toBeUndefined();
    // "votar" after voting says so; before voting it sends the ballot again.
    expect(await k.say(a, 'votar')).toMatch(/Ya votó en esta ronda/);
    expect(await k.say(d, 'votar')).toMatch(/Confirmar mi voto/);

    // Status: who voted, never how.
    const status = await k.say(ana, 'elecciones estado');
    expect(status).toMatch(/Grupo 1: votación abierta/);
    expect(status).toMatch(/participación 3 de 4; faltan: /);
    expect(status).toContain(d.nombre);
    expect(status).toMatch(/Grupo 2: sin elección/);
    expect(status).toContain('siguiente: **elecciones cerrar grupo 1**');
    expect(status).not.toMatch(/votos/);

    // Close: results in the channel and 1:1 to every member; roles given by the service.
    expect(await k.say(ana, 'elecciones cerrar grupo 1')).toMatch(/Se cerró la votación en 1 grupo/);
    const results = k.notifier.people.find((x) => x.broadcastId === `elecciones-resultados:${electionId}:1`)!;
    expect(results.recipients.map((r) => r.personKey).sort()).toEqual(g1.map((p) => p.key).sort());
    const resultText = cardText(results.recipients[0]!.message.cards![0]);
    expect(resultText).toMatch(/Participación: 3 integrantes de 4 votaron/);
    expect(resultText).toContain(`**Representante:** empate entre`);
    expect(resultText).toContain(`**Secretaria:** electa **${b.nombre}**`);
    const space = k.notifier.conversations.find((x) => x.broadcastId.startsWith(`elecciones-resultados-espacio:${electionId}:1`))!;
    expect(space.ref.conversation.id).toBe(SPACE_CONVERSATION);
    expect(await k.core.services.elections.holds(EDITION, b.key, 1, 'secretaria')).toBe(true);

    // "mi grupo" shows the group's roles.
    const myGroup = await k.say(c, 'mi grupo');
    expect(myGroup).toContain(`Secretaria: ${b.nombre}`);
    expect(myGroup).toContain('Representante: sin asignar');

    // The audit log keeps who opened and closed and the counts, never a ballot.
    const audit = await k.store.collection<{ _id: string; action: string; details?: unknown }>(AUDIT_COLLECTION).find({});
    expect(audit.map((x) => x.action)).toEqual(expect.arrayContaining(['election.open', 'election.voting', 'election.close', 'election.tie']));
  });
  it('the nomination card she pressed becomes «Postulación registrada»; «postularme retirar» withdraws her candidacy', async () => {
    await k.say(ana, 'elecciones abrir grupo 1');
    const [a, b] = g1 as [Person, Person];
    const card = cardSentTo(k.notifier, 'elecciones-postulaciones:', a.key)!;
    const data = submitsOf(card).find((d) => d.verb === VERBS.electionNominate && d.role === 'representante')!;
    // Pressed on a card the bot can replace: no text reply, the card itself says it.
    expect(await k.click(a, data, 'nomination-card-a')).toBe('');
    expect(cardNow(k, 'nomination-card-a')).toMatch(/Postulación registrada[\s\S]*Quedó registrada como candidata a representante[\s\S]*postularme retirar/);
    // When the card cannot be replaced, the answer comes as text.
    k.failUpdates.add('nomination-card-b');
    const bData = submitsOf(cardSentTo(k.notifier, 'elecciones-postulaciones:', b.key)!).find((d) => d.role === 'secretaria')!;
    expect(await k.click(b, bData, 'nomination-card-b')).toMatch(/Quedó registrada como candidata a secretaria/);

    expect(await k.say(g1[2]!, 'postularme retirar')).toMatch(/No tiene una postulación vigente/);
    expect(await k.say(a, 'postularme retirar')).toMatch(/Retiró su postulación a representante/);
    const election = (await k.core.services.elections.get(electionId))!;
    expect(election.candidacies.find((c) => c.personKey === a.key)?.status).toBe('withdrawn');
    expect(await k.say(a, 'postularme retirar')).toMatch(/No tiene una postulación vigente/);
    // The ballot no longer lists her.
    await k.say(ana, 'elecciones votacion grupo 1');
    const ballot = cardSentTo(k.notifier, `elecciones-boletas:${electionId}:1`, b.key)!;
    expect(cardText(ballot)).not.toContain(a.nombre);
    // Once voting is open, nothing to withdraw.
    expect(await k.say(b, 'postularme retirar')).toMatch(/no tiene postulaciones abiertas/);
  });

  it('before the Reunión Nacional de apertura of the calendar, opening needs «forzar»', async () => {
    await k.core.services.editions.setStage(EDITION, 'Reunión nacional de apertura', new Date('2027-01-20T06:00:00Z'), 'aad:setup');
    expect(await k.say(ana, 'elecciones abrir grupo 1')).toMatch(/Reunión Nacional de apertura está programada para el 20 de enero de 2027[\s\S]*forzar/);
    expect(await k.core.services.elections.latestOf(EDITION, 1)).toBeNull();
    expect(await k.say(ana, 'elecciones abrir grupo 1 forzar')).toMatch(/Se abrieron las postulaciones en 1 grupo/);
    // From the meeting's date on, no «forzar» is needed.
    k.now.t = new Date('2027-01-20T18:00:00Z');
    expect(await k.say(ana, 'elecciones abrir grupo 2')).toMatch(/Se abrieron las postulaciones en 1 grupo/);
  });

  it('at the nominations closing time the administrator who opened them is told how they stand, once; not after voting opened', async () => {
    await k.say(ana, 'elecciones abrir grupo 1 cierre 2026-12-05 18:00');
    await k.say(ana, 'elecciones abrir grupo 2 cierre 2026-12-05 18:00');
    const [a] = g1 as [Person];
    await nominate(a, 'representante');
    await k.say(ana, 'elecciones votacion grupo 2');
    await k.core.services.jobs.runDue();
    expect(k.notifier.people.filter((x) => x.kind === 'election-nominations-closed')).toHaveLength(0);
    k.now.t = new Date('2026-12-06T00:01:00Z');
    await k.core.services.jobs.runDue();
    await k.core.services.jobs.runDue();
    const told = k.notifier.people.filter((x) => x.kind === 'election-nominations-closed');
    expect(told).toHaveLength(1);
    expect(told[0]!.recipients.map((r) => r.personKey)).toEqual([`aad:${ana.aadObjectId!}`]);
    expect(told[0]!.recipients[0]!.message.text).toMatch(/Terminó el plazo de postulaciones del Grupo 1: 1 candidata a representante y 0 candidatas a secretaria[\s\S]*elecciones votacion grupo 1/);
  });

  it('a proposed companion may decline; proposing her again, herself or an unknown name is answered', async () => {
    const [a, b] = g1 as [Person, Person];
    await k.say(ana, 'elecciones abrir grupo 1');
    const propose = submitsOf(cardSentTo(k.notifier, 'elecciones-postulaciones:', a.key)!).find((x) => x.verb === VERBS.electionPropose)!;
    expect(await k.click(a, { ...propose, companion: b.nombre, proposedRole: 'secretaria' })).toMatch(/Se envió su propuesta/);
    const decline = submitsOf(cardSentTo(k.notifier, `elecciones-propuesta:${electionId}:secretaria:`, b.key)!).find((x) => x.accept === false)!;
    expect(await k.click(b, decline)).toMatch(/Declinó la propuesta/);
    // A second press (a retried activity) changes nothing.
    expect(await k.click(b, decline)).toMatch(/Declinó la propuesta/);
    expect(await k.click(a, { ...propose, companion: b.correo, proposedRole: 'secretaria' })).toMatch(/ya declinó la propuesta/);
    expect(await k.click(a, { ...propose, companion: a.correo, proposedRole: 'secretaria' })).toMatch(/use los botones «Postularme como…»/);
    expect(await k.click(a, { ...propose, companion: 'Nadie Inventada', proposedRole: 'secretaria' })).toMatch(/No encontré a esa compañera/);
    // Someone outside the group cannot propose in it.
    expect(await k.click(g2[0]!, { ...propose, companion: b.correo, proposedRole: 'representante' })).toMatch(/Solo las integrantes del grupo/);
    const view = await k.core.services.elections.get(electionId);
    expect(view!.candidacies.filter((c) => c.status === 'accepted')).toEqual([]);
  });
});
