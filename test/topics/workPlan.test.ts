import { afterEach, describe, expect, it } from 'vitest';
import { diffPlans, editionMonths, editionStartMonth, suggestPlan, validateWorkPlan, type PlanTopic } from '../../src/domain/topics/index.js';
import { EditionCalendarMonths, TOPIC_AUDIT_ACTIONS, TopicsError } from '../../src/services/topics/index.js';
import { ADMIN, EDITION, MONTHS, openKit, person, seedGroups, STORES, type StoreHarness, type TopicKit } from './support.js';

const topics: PlanTopic[] = [
  { id: 'liderazgo-y-toma-de-decisiones', eje: 'liderazgo', titulo: 'Liderazgo y toma de decisiones' },
  { id: 'comunicacion-asertiva', eje: 'liderazgo', titulo: 'Comunicación asertiva' },
  { id: 'normatividad-electoral-vigente', eje: 'actualizacion', titulo: 'Normatividad electoral vigente' },
];
const ctx = { topics, months: MONTHS };
const item = (topicId: string, month: string, goal = 'Compartir experiencias y acordar prácticas comunes.') => ({ topicId, goal, month });

describe('edition months', () => {
  it('six consecutive months, across the year end', () => {
    expect(editionMonths('2026-10')).toEqual(['2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03']);
  });

  it('start at the opening national meeting, else the first stage after registration, else registration close, else now (Mexico City)', () => {
    const now = new Date('2027-05-10T12:00:00Z');
    const stage = (key: string, iso: string) => ({ key, date: new Date(iso) });
    expect(editionStartMonth({ calendar: [stage('convocatoria', '2026-11-02T06:00:00Z'), stage('reunion-nacional-de-apertura', '2027-01-15T06:00:00Z')] }, now)).toBe('2027-01');
    // 05:30 UTC on 1 February is 23:30 on 31 January in Mexico City: the month is January.
    expect(editionStartMonth({ calendar: [stage('primera-sesion-grupal', '2027-02-01T05:30:00Z')], closesAt: new Date('2026-12-01T06:00:00Z') }, now)).toBe('2027-01');
    expect(editionStartMonth({ calendar: [], closesAt: new Date('2026-12-10T06:00:00Z') }, now)).toBe('2026-12');
    expect(editionStartMonth(null, now)).toBe('2027-05');
  });

  it('EditionCalendarMonths reads the edition through a port', async () => {
    const months = new EditionCalendarMonths({ get: async () => ({ calendar: [{ key: 'reunion-nacional-de-apertura', date: new Date('2027-03-03T18:00:00Z') }] }) });
    expect(await months.monthsOf(EDITION)).toEqual(editionMonths('2027-03'));
  });
});

describe('work plan validation', () => {
  it('accepts ordered topics of the vote, a goal each and months of the edition that never go back', () => {
    const r = validateWorkPlan({ items: [item(topics[2]!.id, '2027-01', '  Conocer   la reforma  '), item(topics[0]!.id, '2027-01'), item(topics[1]!.id, '2027-06')] }, ctx);
    expect(r).toEqual({
      ok: true,
      items: [
        { topicId: topics[2]!.id, eje: 'actualizacion', titulo: 'Normatividad electoral vigente', goal: 'Conocer la reforma', month: '2027-01' },
        { topicId: topics[0]!.id, eje: 'liderazgo', titulo: 'Liderazgo y toma de decisiones', goal: 'Compartir experiencias y acordar prácticas comunes.', month: '2027-01' },
        { topicId: topics[1]!.id, eje: 'liderazgo', titulo: 'Comunicación asertiva', goal: 'Compartir experiencias y acordar prácticas comunes.', month: '2027-06' },
      ],
    });
  });

  it('reports every problem by item and path, in Spanish', () => {
    const r = validateWorkPlan(
      {
        items: [
          item(topics[0]!.id, '2027-03'),
          item('no-existe', '2027-03'),
          item(topics[0]!.id, '2027-04'),
          item(topics[1]!.id, '2027-02', '  '),
          item(topics[2]!.id, '2027-07', 'Meta'),
          'x',
        ],
      },
      { ...ctx, formatMonth: (m) => ({ '2027-01': 'enero de 2027', '2027-06': 'junio de 2027' })[m] ?? m },
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path)).toEqual(['items.1.topicId', 'items.2.topicId', 'items.3.goal', 'items.3.month', 'items.4.goal', 'items.4.month', 'items.5']);
    expect(r.errors).toEqual([
      'Tema 2: el tema no está en el temario de la votación del grupo.',
      'Tema 3 (Liderazgo y toma de decisiones): el tema ya aparece como tema 1 del plan.',
      'Tema 4 (Comunicación asertiva): escriba la meta del tema.',
      'Tema 4 (Comunicación asertiva): el mes tentativo es anterior al del tema 3; ordene los temas por mes.',
      'Tema 5 (Normatividad electoral vigente): la meta debe tener al menos 5 caracteres.',
      'Tema 5 (Normatividad electoral vigente): el mes tentativo debe estar entre enero de 2027 y junio de 2027, los seis meses de la edición.',
      'Tema 6: los datos del tema no son válidos; vuelva a abrir la tarjeta del plan.',
    ]);
  });

  it('refuses an empty plan, too many topics, a missing month, a long goal and a malformed payload', () => {
    const errs = (raw: unknown) => {
      const r = validateWorkPlan(raw, ctx);
      return r.ok ? [] : r.errors;
    };
    expect(errs({ items: [] })).toEqual(['El plan de trabajo debe incluir al menos un tema.']);
    expect(errs({ items: Array.from({ length: 13 }, () => item(topics[0]!.id, '2027-01')) })).toEqual(['El plan de trabajo admite hasta 12 temas.']);
    expect(errs(null)).toEqual(['El plan de trabajo no es válido; vuelva a abrir la tarjeta del plan.']);
    expect(errs({ items: [{ topicId: topics[0]!.id, goal: 'Meta suficiente' }] })).toEqual(['Tema 1 (Liderazgo y toma de decisiones): elija el mes tentativo.']);
    expect(errs({ items: [item(topics[0]!.id, '2027-01', 'x'.repeat(301))] })).toEqual(['Tema 1 (Liderazgo y toma de decisiones): la meta admite hasta 300 caracteres.']);
  });

  it('suggestPlan spreads the chosen topics over the months; diffPlans says what changed', () => {
    expect(suggestPlan([{ id: 'a' }, { id: 'b' }, { id: 'c' }], MONTHS)).toEqual([
      { topicId: 'a', goal: '', month: '2027-01' },
      { topicId: 'b', goal: '', month: '2027-03' },
      { topicId: 'c', goal: '', month: '2027-05' },
    ]);
    const before = [item('a', '2027-01', 'g1'), item('b', '2027-02', 'g2'), item('c', '2027-03', 'g3')];
    const after = [item('b', '2027-02', 'g2'), item('a', '2027-04', 'g1'), item('d', '2027-05', 'g4')];
    expect(diffPlans(before, after)).toEqual({
      added: ['d'],
      removed: ['c'],
      changed: [
        { topicId: 'b', fields: ['position'] },
        { topicId: 'a', fields: ['month', 'position'] },
      ],
    });
  });
});

function definePlanSuite(open: () => Promise<StoreHarness>): void {
  let kit: TopicKit;
  afterEach(async () => {
    await kit?.close();
  });

  /** Group 1 votes: ids[2] gets 3 votes, ids[0] and ids[1] 2 each (a tie), ids[3] 1. */
  const voted = async () => {
    kit = await openKit(open);
    seedGroups(kit, 2, 4);
    const votes = kit.topics.topicVotes;
    const vote = await votes.open(EDITION, 1, {}, ADMIN);
    const ids = vote.topics.map((t) => t.id);
    await votes.submit(EDITION, person(1, 1), [ids[2]!, ids[0]!]);
    await votes.submit(EDITION, person(1, 2), [ids[2]!, ids[1]!]);
    await votes.submit(EDITION, person(1, 3), [ids[2]!, ids[0]!, ids[1]!, ids[3]!]);
    return { vote, ids };
  };
  const rep = person(1, 1);

  it('the representante confirms a plan from the closed ranking; it is stored with the votes of each topic and audited', async () => {
    const { ids } = await voted();
    const plans = kit.topics.workPlans;
    expect((await plans.suggest(EDITION, 1).catch((e: unknown) => e)) as TopicsError).toMatchObject({ code: 'voteNotClosed' });
    await kit.topics.topicVotes.close(EDITION, 1, ADMIN);

    const s = await plans.suggest(EDITION, 1, { topics: 2 });
    expect(s.months).toEqual(MONTHS);
    expect(s.top.chosen.map((e) => e.id)).toEqual([ids[2], ids[0]]);
    expect(s.top.tiedAtCutoff.map((e) => e.id)).toEqual([ids[0], ids[1]]);
    expect(s.items).toEqual([
      { topicId: ids[2], goal: '', month: '2027-01' },
      { topicId: ids[0], goal: '', month: '2027-04' },
    ]);

    const draft = { items: [item(ids[2]!, '2027-02'), item(ids[1]!, '2027-03')] };
    expect(await plans.confirm(EDITION, 1, draft, person(1, 2)).catch((e: unknown) => e)).toMatchObject({
      code: 'notRepresentante',
      message: 'Solo la representante del grupo 1 puede confirmar o cambiar su plan de trabajo.',
    });
    expect(await plans.get(EDITION, 1)).toBeNull();

    const plan = await plans.confirm(EDITION, 1, draft, rep);
    expect(plan).toMatchObject({ _id: `${EDITION}:1`, group: 1, revision: 1, voteId: `${EDITION}:1:1`, confirmedBy: rep });
    expect(plan.items.map((it) => [it.topicId, it.votes, it.month])).toEqual([
      [ids[2], 3, '2027-02'],
      [ids[1], 2, '2027-03'],
    ]);
    expect(await plans.get(EDITION, 1)).toEqual(plan);
    expect((await plans.confirm(EDITION, 1, draft, rep).catch((e: unknown) => e)) as TopicsError).toMatchObject({ code: 'planExists' });
    const [entry] = await kit.audit.list({ action: TOPIC_AUDIT_ACTIONS.planConfirm });
    expect(entry).toMatchObject({ actor: rep, target: `${EDITION}:1`, after: { revision: 1, items: [{ topicId: ids[2], month: '2027-02' }, { topicId: ids[1], month: '2027-03' }] } });
  });

  it('an invalid plan is refused with every issue and nothing is stored', async () => {
    const { ids } = await voted();
    await kit.topics.topicVotes.close(EDITION, 1, ADMIN);
    const err = (await kit.topics.workPlans.confirm(EDITION, 1, { items: [item(ids[0]!, '2030-01'), item('ajeno', '2027-01')] }, rep).catch((e: unknown) => e)) as TopicsError;
    expect(err).toBeInstanceOf(TopicsError);
    expect(err.code).toBe('badPlan');
    expect(err.issues.map((i) => i.path)).toEqual(['items.0.month', 'items.1.topicId']);
    expect(err.message.split('\n')[0]).toBe('El plan de trabajo tiene datos por corregir.');
    expect(await kit.topics.workPlans.get(EDITION, 1)).toBeNull();
  });

  it('later changes by the representante are audited with before and after, and say what changed; stale edits conflict', async () => {
    const { ids } = await voted();
    await kit.topics.topicVotes.close(EDITION, 1, ADMIN);
    const plans = kit.topics.workPlans;
    await plans.confirm(EDITION, 1, { items: [item(ids[2]!, '2027-02'), item(ids[1]!, '2027-03')] }, rep);

    const same = await plans.change(EDITION, 1, { items: [item(ids[2]!, '2027-02'), item(ids[1]!, '2027-03')] }, rep);
    expect(same.plan.revision).toBe(1);

    const changed = await plans.change(EDITION, 1, { items: [item(ids[2]!, '2027-02', 'Nueva meta del grupo'), item(ids[0]!, '2027-05')] }, rep, { expectedRevision: 1, reason: 'Acuerdo de la sesión 2' });
    expect(changed.plan.revision).toBe(2);
    expect(changed.diff).toEqual({ added: [ids[0]], removed: [ids[1]], changed: [{ topicId: ids[2], fields: ['goal'] }] });
    expect((await plans.change(EDITION, 1, { items: [item(ids[2]!, '2027-02')] }, rep, { expectedRevision: 1 }).catch((e: unknown) => e)) as TopicsError).toMatchObject({ code: 'conflict' });
    expect((await plans.change(EDITION, 1, { items: [item(ids[2]!, '2027-02')] }, ADMIN.personKey).catch((e: unknown) => e)) as TopicsError).toMatchObject({ code: 'notRepresentante' });
    expect((await plans.change(EDITION, 2, { items: [item(ids[2]!, '2027-02')] }, person(2, 1)).catch((e: unknown) => e)) as TopicsError).toMatchObject({ code: 'noPlan' });

    const [entry] = await kit.audit.list({ action: TOPIC_AUDIT_ACTIONS.planChange });
    expect(entry).toMatchObject({
      actor: rep,
      before: { revision: 1, items: [{ topicId: ids[2] }, { topicId: ids[1] }] },
      after: { revision: 2, items: [{ topicId: ids[2], goal: 'Nueva meta del grupo' }, { topicId: ids[0] }] },
      details: { group: 1, reason: 'Acuerdo de la sesión 2' },
    });
    expect(await kit.audit.list({ action: TOPIC_AUDIT_ACTIONS.planChange })).toHaveLength(1);
  });

  it('two concurrent changes of the same revision: one wins, the other conflicts', async () => {
    const { ids } = await voted();
    await kit.topics.topicVotes.close(EDITION, 1, ADMIN);
    const plans = kit.topics.workPlans;
    await plans.confirm(EDITION, 1, { items: [item(ids[2]!, '2027-02')] }, rep);
    const results = await Promise.allSettled([
      plans.change(EDITION, 1, { items: [item(ids[2]!, '2027-03')] }, rep, { expectedRevision: 1 }),
      plans.change(EDITION, 1, { items: [item(ids[2]!, '2027-04')] }, rep, { expectedRevision: 1 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as TopicsError).code).toBe('conflict');
    expect((await plans.get(EDITION, 1))!.revision).toBe(2);
  });
}

for (const [title, open, enabled] of STORES) {
  describe.skipIf(!enabled)(`WorkPlanService (${title})`, () => definePlanSuite(open));
}
