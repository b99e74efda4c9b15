import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs.js';
import { AUDIT_COLLECTION, type AuditEntry } from '../../src/services/registration/audit.js';
import { TOPIC_AUDIT_ACTIONS, WORK_PLANS_COLLECTION, type WorkPlanDoc } from '../../src/services/topics/index.js';
import { formatYearMonth } from '../../src/domain/time.js';
import { personalMessage } from '../helpers/activities.js';
import { ana, ballotsOf, berta, carla, cardText, choicesOfCard, createTopicsHarness, dora, EDITION, keyOf, voteIdOfCard, CHANNEL, type TopicsHarness } from './featureSupport.js';

/** Issue 10: the group's work plan — "plan", "plan grupo N", "plan confirmar", "plan cambiar" and the plan card. */
describe('work plans (plan, plan confirmar, plan cambiar)', () => {
  let h: TopicsHarness;
  let ids: string[];

  beforeEach(async () => {
    h = await createTopicsHarness();
    await h.makeRepresentante(berta, 1);
    await h.say(ana, 'temas votar grupo 1');
    const card = ballotsOf(h.notifier).get(keyOf(berta))!;
    const voteId = voteIdOfCard(card);
    ids = choicesOfCard(card);
    await h.submit(berta, { verb: VERBS.topicVoteSubmit, voteId, picks: `${ids[0]},${ids[1]},${ids[2]}` });
    await h.submit(carla, { verb: VERBS.topicVoteSubmit, voteId, picks: `${ids[1]},${ids[2]}` });
  });
  afterEach(async () => h.close());

  const plans = () => h.store.collection<WorkPlanDoc>(WORK_PLANS_COLLECTION);
  const base = { verb: VERBS.workPlanSubmit, editionId: EDITION, group: 1 };
  const confirmPayload = (extra: Record<string, unknown> = {}) => ({
    ...base,
    mode: 'confirm',
    revision: 0,
    topic0: ids[1],
    goal0: 'Identificar estilos de negociación en la Junta.',
    month0: '2027-01',
    topic1: ids[2],
    goal1: 'Compartir un caso práctico por integrante.',
    month1: '2027-03',
    topic2: '',
    goal2: '',
    month2: '',
    ...extra,
  });

  it('before the vote closes: "plan confirmar" says so; a member sees there is no plan yet', async () => {
    expect(await h.say(berta, 'plan confirmar')).toMatch(/sigue abierta; el plan se arma cuando cierre/);
    expect(await h.say(carla, 'plan')).toMatch(/todavía no tiene un plan de trabajo confirmado/);
    expect(await h.say(carla, 'mi grupo')).toMatch(/Plan de trabajo\n[^\n]*aún no confirma su plan de trabajo/);
  });

  it('the representante confirms from a card prefilled with the ranking; it is posted in the space; members and UTIGyND see it', async () => {
    await h.say(ana, 'temas cerrar grupo 1');
    const replies = await h.turn(personalMessage(berta, 'plan confirmar'));
    const card = JSON.stringify(replies[0]!.attachments![0]!.content);
    expect(card).toContain(VERBS.workPlanSubmit);
    // Prefilled: the top topics in ranking order (ids[1] and ids[2] have 2 votes each), months of the edition.
    expect(card.indexOf(`"value":"${ids[1]}"`)).toBeGreaterThan(-1);
    expect(card).toContain(formatYearMonth('2027-01'));
    expect(card).toContain('junio de 2027');

    const answer = await h.submit(berta, confirmPayload(), 'plan-card');
    expect(answer).toMatch(/quedó confirmado/);
    expect(h.updates.at(-1)!.id).toBe('plan-card');
    const posted = h.notifier.conversations.find((c) => c.broadcastId === `plan-trabajo:${EDITION}:1:r1`)!;
    expect(posted.ref.conversation.id).toBe(CHANNEL);
    expect(cardText(posted.message.cards![0])).toMatch(/Identificar estilos de negociación[\s\S]*marzo de 2027/);

    const seen = await h.say(carla, 'plan');
    expect(seen).toMatch(/Plan de trabajo · grupo 1/);
    expect(seen).toMatch(/enero de 2027/);
    expect(seen).toMatch(/Compartir un caso práctico/);
    // "mi grupo" shows the group's plan too (issue 10: group, companions, roles, space, plan).
    expect(await h.say(carla, 'mi grupo')).toMatch(/Plan de trabajo\n[^\n]+ — enero de 2027/);
    expect(await h.say(ana, 'plan grupo 1')).toMatch(/Identificar estilos de negociación/);
    expect(await h.say(ana, 'plan grupo 2')).toMatch(/El grupo 2 todavía no tiene un plan/);
    expect(await h.say(ana, 'plan grupo 7')).toMatch(/número entre 1 y 2/);
    expect(await h.say(ana, 'plan')).toMatch(/Indique el grupo/);
    expect(await h.say(dora, 'plan')).toMatch(/El grupo 2 todavía no tiene un plan/);
    expect(await h.say(carla, 'plan grupo 1')).toMatch(/exclusiva de la administración/);
    expect(await h.say(berta, 'plan confirmar')).toMatch(/ya tiene un plan de trabajo confirmado/);
    const audit = await h.store.collection<AuditEntry>(AUDIT_COLLECTION).find({ action: TOPIC_AUDIT_ACTIONS.planConfirm });
    expect(audit.map((a) => a.actor)).toEqual([keyOf(berta)]);
  });

  it('refuses a non-representante, another group, a forged or invalid plan, a stale edition — nothing is stored', async () => {
    await h.say(ana, 'temas cerrar grupo 1');
    expect(await h.say(carla, 'plan confirmar')).toMatch(/Solo la representante del grupo/);
    expect(await h.submit(carla, confirmPayload())).toMatch(/Solo la representante del grupo 1 puede/);
    expect(await h.submit(dora, confirmPayload({ group: 2 }))).toMatch(/Solo la representante del grupo 2 puede/);
    expect(await h.submit(berta, confirmPayload({ group: 2 }))).toMatch(/Solo la representante del grupo 2 puede/);
    expect(await h.submit(berta, confirmPayload({ goal0: 'no' }))).toMatch(/la meta debe tener al menos 5 caracteres/);
    expect(await h.submit(berta, confirmPayload({ month1: '2027-09' }))).toMatch(/entre enero de 2027 y junio de 2027/);
    expect(await h.submit(berta, confirmPayload({ topic1: 'tema-inventado' }))).toMatch(/no está en el temario/);
    expect(await h.submit(berta, confirmPayload({ month0: '2027-04' }))).toMatch(/ordene los temas por mes/);
    expect(await h.submit(berta, confirmPayload({ editionId: '2019' }))).toMatch(/otra edición/);
    expect(await h.submit(berta, confirmPayload({ group: 'uno' }))).toMatch(/No pude procesar los datos de esa tarjeta/);
    expect(await h.submit(berta, confirmPayload({ mode: 'borrar' }))).toMatch(/No pude procesar los datos de esa tarjeta/);
    expect(await plans().countDocuments({})).toBe(0);
    expect(h.notifier.conversations.filter((c) => c.broadcastId.startsWith('plan-trabajo:'))).toEqual([]);
  });

  it('"plan cambiar": the same card with the plan; the change is audited and announced; a stale card is refused', async () => {
    await h.say(ana, 'temas cerrar grupo 1');
    expect(await h.say(berta, 'plan cambiar')).toMatch(/todavía no tiene un plan de trabajo confirmado/);
    await h.submit(berta, confirmPayload());
    const card = await h.say(berta, 'plan cambiar');
    expect(card).toMatch(/Cambiar el plan de trabajo · grupo 1/);
    expect(card).toMatch(/Identificar estilos de negociación/);

    const change = { ...confirmPayload({ mode: 'change', revision: 1, month1: '2027-05', topic2: ids[0], goal2: 'Tomar decisiones con datos.', month2: '2027-06' }) };
    expect(await h.submit(berta, change, 'change-card')).toMatch(/quedaron guardados/);
    const plan = (await plans().findOne({ _id: `${EDITION}:1` }))!;
    expect(plan.revision).toBe(2);
    expect(plan.items.map((i) => i.month)).toEqual(['2027-01', '2027-05', '2027-06']);
    const announced = h.notifier.conversations.find((c) => c.broadcastId === `plan-trabajo:${EDITION}:1:r2`)!;
    expect(cardText(announced.message.cards![0])).toMatch(/cambió el plan de trabajo del grupo 1: se agregó «.+»; se modificó «.+»/);
    const audit = await h.store.collection<AuditEntry>(AUDIT_COLLECTION).find({ action: TOPIC_AUDIT_ACTIONS.planChange });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe(keyOf(berta));

    // The same card again (revision 1): someone changed it meanwhile.
    expect(await h.submit(berta, change)).toMatch(/cambió mientras tanto/);
    // No difference: nothing announced.
    expect(await h.submit(berta, { ...change, revision: 2 })).toMatch(/No hubo cambios/);
    expect(h.notifier.conversations.filter((c) => c.broadcastId.startsWith('plan-trabajo:'))).toHaveLength(2);
    // Carla cannot change it.
    expect(await h.submit(carla, { ...change, revision: 2 })).toMatch(/Solo la representante del grupo 1 puede/);
    expect(await h.say(carla, 'plan cambiar')).toMatch(/Solo la representante del grupo/);
  });
});
