import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs.js';
import { CASE_REMINDER_JOB } from '../../src/services/cases/index.js';
import { ana, personalSubmit, TENANT } from '../helpers/activities.js';
import { cardSentTo, cardText, electionKit, EDITION, SPACE_CONVERSATION, submitsOf, type ElectionKit, type Person } from '../elections/featureSupport.js';

/**
 * Issue 14: consultas (contactar, mis consultas, consultas), their bad input and the reminder job; anonymous
 * barrier reports. Ana López is the UTIGyND administrator; the members are the kit's validated members.
 */
const ANA = `aad:${ana.aadObjectId!}`;

describe('consultas: member ↔ UTIGyND', () => {
  let k: ElectionKit;
  let adriana: Person;
  let beatriz: Person;
  beforeEach(async () => {
    k = await electionKit();
    adriana = k.people[0]!;
    beatriz = k.people[1]!;
  });
  afterEach(async () => k.close());

  const contact = (p: Person, over: Record<string, unknown> = {}, formId = `form-${Math.random()}`) =>
    k.click(p, { verb: VERBS.caseContactSubmit, formId, subject: 'No veo mi grupo', category: 'tecnico', message: 'Cuando escribo «mi grupo» no aparece nada.', ...over });
  const caseOf = (folio: number) => k.core.services.cases.cases.byFolio(EDITION, 'consulta', folio);

  it('contactar: card, folio, staff card 1:1 with Responder and Cerrar, answer to her, her answer back, mis consultas', async () => {
    const card = await k.say(adriana, 'contactar');
    expect(card).toMatch(/Escribir a la UTIGyND/);
    expect(card).toMatch(/Duda sobre la Red[\s\S]*Problema técnico[\s\S]*Propuesta[\s\S]*Otro/);

    expect(await contact(adriana)).toMatch(/folio \*\*1\*\*/);
    expect(await contact(beatriz, { subject: 'Propuesta de tema', category: 'propuesta', message: 'Propongo un tema.' })).toMatch(/folio \*\*2\*\*/);

    // The staff card reaches the administrator 1:1, with the message as written and both buttons.
    const staffCard = cardSentTo(k.notifier, 'caso:2026:consulta:1:nuevo', ANA)!;
    expect(cardText(staffCard)).toContain('Cuando escribo «mi grupo» no aparece nada.');
    expect(submitsOf(staffCard).map((d) => d.verb)).toEqual([VERBS.caseStaffReply, VERBS.caseClose]);
    expect(k.notifier.conversations).toHaveLength(0); // never in a group space

    // The answer reaches her 1:1 with a box to answer back on the same case.
    expect(await k.click(ana, { ...submitsOf(staffCard)[0]!, reply: 'Ya puede verlo; revisamos su registro.' })).toMatch(/va en camino/);
    const answer = cardSentTo(k.notifier, 'caso:2026:consulta:1:respuesta:', adriana.key)!;
    expect(cardText(answer)).toContain('Ya puede verlo; revisamos su registro.');
    expect(submitsOf(answer)[0]).toMatchObject({ verb: VERBS.caseMemberReply, caseId: '2026:consulta:1' });

    expect(await k.click(adriana, { ...submitsOf(answer)[0]!, reply: 'Gracias, ya aparece.' })).toMatch(/Enviamos su mensaje sobre el folio \*\*1\*\*/);
    expect(cardText(cardSentTo(k.notifier, 'caso:2026:consulta:1:mensaje:3', ANA))).toContain('Gracias, ya aparece.');
    expect((await caseOf(1))!.messages.map((m) => m.by)).toEqual(['member', 'staff', 'member']);

    const mine = await k.say(adriana, 'mis consultas');
    expect(mine).toMatch(/Consulta folio \*\*1\*\*: «No veo mi grupo» · Abierta, en espera de respuesta/);
    expect(mine).not.toMatch(/folio \*\*2\*\*/); // Beatriz's case is not hers
    expect(await k.say(adriana, 'mis consultas 1')).toContain('Gracias, ya aparece.');
    expect(await k.say(adriana, 'mis consultas 2')).toMatch(/No encontramos una consulta suya con el folio «2»/);
  });

  it('consultas: open cases oldest first, with age in days and working days; consultas <folio> opens one', async () => {
    await contact(adriana, { subject: 'Primera' }); // Tuesday 2026-12-01
    k.now.t = new Date('2026-12-04T18:00:00Z'); // Friday
    await contact(beatriz, { subject: 'Segunda' });
    k.now.t = new Date('2026-12-07T18:00:00Z'); // Monday
    const list = await k.say(ana, 'consultas');
    expect(list).toMatch(/Consultas abiertas: 2/);
    expect(list.indexOf('Primera')).toBeLessThan(list.indexOf('Segunda'));
    expect(list).toMatch(/«Primera» · Adriana Pérez · hace 6 días \(4 días hábiles\)/);
    expect(list).toMatch(/«Segunda» · Beatriz Gómez · hace 3 días \(1 día hábil\)/);
    expect(await k.say(ana, 'consultas 2')).toMatch(/Consulta, folio 2[\s\S]*Segunda/);
    expect(await k.say(ana, 'consultas 99')).toMatch(/No hay una consulta con el folio «99»/);
    expect(await k.core.services.cases.openCount(EDITION)).toBe(2);
    // Members cannot use it.
    expect(await k.say(adriana, 'consultas')).toMatch(/no está disponible para su perfil|exclusiva de la administración/);
  });

  it('Cerrar: she is told; replies to a closed case are refused on both sides and change nothing', async () => {
    await contact(adriana);
    expect(await k.click(ana, { verb: VERBS.caseClose, caseId: '2026:consulta:1' })).toMatch(/se cerró el folio \*\*1\*\*/);
    expect(k.notifier.people.find((b) => b.broadcastId === 'caso:2026:consulta:1:cerrado')!.recipients[0]!.personKey).toBe(adriana.key);
    expect(await k.click(adriana, { verb: VERBS.caseMemberReply, caseId: '2026:consulta:1', reply: 'Una cosa más' })).toMatch(/ya está cerrado/);
    expect(await k.click(ana, { verb: VERBS.caseStaffReply, caseId: '2026:consulta:1', reply: 'Tarde' })).toMatch(/ya está cerrado/);
    expect(await k.click(ana, { verb: VERBS.caseClose, caseId: '2026:consulta:1' })).toMatch(/ya está cerrado/);
    expect((await caseOf(1))!.messages).toHaveLength(1);
    expect(await k.core.services.cases.openCount(EDITION)).toBe(0);
    expect(await k.say(adriana, 'mis consultas')).toMatch(/Cerrada/);
  });

  it.each([
    ['an empty message', { message: '' }, /El texto está vacío/],
    ['a blank message', { message: '   \n  ' }, /El texto está vacío/],
    ['a 20,000-character message', { message: 'x'.repeat(20_000) }, /El texto tiene 20,000 caracteres y el máximo es 4,000/],
    ['an empty subject', { subject: '' }, /El texto está vacío/],
    ['a 151-character subject', { subject: 's'.repeat(151) }, /El texto tiene 151 caracteres y el máximo es 150/],
    ['an unknown category', { category: 'queja' }, /Elija una de las categorías/],
  ])('contactar with %s: a clear message, nothing saved, nobody notified', async (_label, over, answer) => {
    expect(await contact(adriana, over)).toMatch(answer);
    expect(await caseOf(1)).toBeNull();
    expect(k.notifier.people).toHaveLength(0);
  });

  it('replies: empty and 20,000 characters refused; a forged case id of another person changes nothing and reveals nothing', async () => {
    await contact(adriana);
    expect(await k.click(adriana, { verb: VERBS.caseMemberReply, caseId: '2026:consulta:1', reply: '' })).toMatch(/vacío/);
    expect(await k.click(adriana, { verb: VERBS.caseMemberReply, caseId: '2026:consulta:1', reply: 'y'.repeat(20_000) })).toMatch(/20,000 caracteres/);
    expect(await k.click(ana, { verb: VERBS.caseStaffReply, caseId: '2026:consulta:1', reply: 'z'.repeat(20_000) })).toMatch(/20,000 caracteres/);
    const forged = await k.click(beatriz, { verb: VERBS.caseMemberReply, caseId: '2026:consulta:1', reply: 'Soy otra persona' });
    expect(forged).toMatch(/No encontramos esa consulta entre las suyas/);
    expect(forged).not.toContain('mi grupo');
    expect(await k.click(beatriz, { verb: VERBS.caseMemberReply, caseId: '2026:consulta:999', reply: 'Nada' })).toMatch(/No encontramos esa consulta entre las suyas/);
    // A member pressing a staff button is refused as not an administrator.
    expect(await k.click(beatriz, { verb: VERBS.caseStaffReply, caseId: '2026:consulta:1', reply: 'Respuesta falsa' })).toMatch(/exclusiva de la administración/);
    expect(await k.click(beatriz, { verb: VERBS.caseClose, caseId: '2026:consulta:1' })).toMatch(/exclusiva de la administración/);
    const doc = (await caseOf(1))!;
    expect(doc.messages).toHaveLength(1);
    expect(doc.status).toBe('open');
    // A payload that is not even the right shape.
    expect(await k.click(adriana, { verb: VERBS.caseMemberReply })).toMatch(/./);
    expect((await caseOf(1))!.messages).toHaveLength(1);
  });

  it('forged submits from someone who is not a member, or from a group space, save nothing and show nothing there', async () => {
    const outsider = { id: '29:fuera', aadObjectId: '00000000-0000-0000-0000-0000000000f0', name: 'Persona sin registro' };
    expect(await k.click(outsider, { verb: VERBS.caseContactSubmit, formId: 'x1', subject: 'Hola', category: 'otro', message: 'Mensaje' })).toMatch(/para las integrantes de la Red/);
    expect(await k.click(outsider, { verb: VERBS.confidentialSubmit, formId: 'x2', message: 'Mensaje' })).toMatch(/para las integrantes de la Red/);
    expect(await k.click(outsider, { verb: VERBS.barrierSubmit, category: 'sociales', description: 'Algo' })).toMatch(/para las integrantes de la Red/);
    const inChannel = await k.turn({
      ...personalSubmit(adriana.user, { verb: VERBS.caseContactSubmit, formId: 'x3', subject: 'Hola', category: 'otro', message: 'Texto privado' }),
      conversation: { id: SPACE_CONVERSATION, conversationType: 'channel', isGroup: true, tenantId: TENANT, name: '' },
    });
    expect(inChannel).toMatch(/solo se atiende en el chat personal/);
    expect(inChannel).not.toContain('Texto privado');
    expect(await caseOf(1)).toBeNull();
    expect(await k.core.services.cases.anonymousBarriers(EDITION)).toEqual([]);
    expect(k.notifier.people).toHaveLength(0);
  });

  it('a stale contact card pressed again gives the same folio and notifies nobody twice', async () => {
    expect(await contact(adriana, {}, 'same-card')).toMatch(/folio \*\*1\*\*/);
    expect(await contact(adriana, {}, 'same-card')).toMatch(/Esta tarjeta ya se envió: es su consulta con folio \*\*1\*\*/);
    expect(await caseOf(2)).toBeNull();
    expect(k.notifier.people.filter((b) => b.broadcastId.endsWith(':nuevo'))).toHaveLength(1);
    // The same card id forged by another person opens her own case, never returns Adriana's.
    expect(await contact(beatriz, { subject: 'Otra' }, 'same-card')).toMatch(/folio \*\*2\*\*/);
    expect((await caseOf(2))!.personKey).toBe(beatriz.key);
  });

  it('folios are sequential per edition even when many are sent at once', async () => {
    await Promise.all(k.people.map((p, i) => contact(p, { subject: `Asunto ${i}` })));
    const folios = (await Promise.all(k.people.map((_, i) => caseOf(i + 1)))).map((d) => d?.folio);
    expect(folios).toEqual(k.people.map((_, i) => i + 1));
  });

  it('reminder job: no staff answer after 2 working days (weekend and holidays excluded) reminds staff; an answer stops it', async () => {
    // Wednesday 2026-12-23, 10:00 in Mexico City: Navidad and the weekend do not count → due Monday 2026-12-28, 10:00.
    k.now.t = new Date('2026-12-23T16:00:00Z');
    await contact(adriana);
    const reminders = () => k.notifier.people.filter((b) => b.broadcastId.startsWith('caso:2026:consulta:1:recordatorio'));
    k.now.t = new Date('2026-12-28T15:59:00Z');
    await k.core.services.jobs.runDue();
    expect(reminders()).toHaveLength(0);
    k.now.t = new Date('2026-12-28T16:00:00Z');
    await k.core.services.jobs.runDue();
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]!.recipients.map((r) => r.personKey)).toEqual([ANA]);
    expect(reminders()[0]!.recipients[0]!.message.text).toMatch(/lleva 2 días hábiles sin respuesta/);
    // The next one 2 working days later (Wednesday 2026-12-30).
    k.now.t = new Date('2026-12-30T16:00:00Z');
    await k.core.services.jobs.runDue();
    expect(reminders()).toHaveLength(2);
    expect(reminders()[1]!.recipients[0]!.message.text).toMatch(/lleva 4 días hábiles/);
    // Staff answer: no more reminders.
    await k.click(ana, { verb: VERBS.caseStaffReply, caseId: '2026:consulta:1', reply: 'Atendido.' });
    k.now.t = new Date('2027-01-15T16:00:00Z');
    await k.core.services.jobs.runDue();
    expect(reminders()).toHaveLength(2);
    // Her new message starts a new wait with its own reminder.
    await k.click(adriana, { verb: VERBS.caseMemberReply, caseId: '2026:consulta:1', reply: 'Sigue sin funcionar.' });
    k.now.t = new Date('2027-01-19T16:00:00Z'); // Friday 15 → Tuesday 19
    await k.core.services.jobs.runDue();
    expect(reminders()).toHaveLength(3);
  });

  it('a closed case is never reminded', async () => {
    await contact(adriana);
    await k.click(ana, { verb: VERBS.caseClose, caseId: '2026:consulta:1' });
    k.now.t = new Date('2026-12-20T16:00:00Z');
    await k.core.services.jobs.runDue();
    expect(k.notifier.people.filter((b) => b.broadcastId.includes('recordatorio'))).toHaveLength(0);
    expect(CASE_REMINDER_JOB).toBe('cases.remind');
  });
});

describe('barrera: anonymous barrier reports', () => {
  let k: ElectionKit;
  beforeEach(async () => {
    k = await electionKit();
  });
  afterEach(async () => k.close());

  it('stores category, texts and the day only — no identity, no time, no activity id — and reads them for the report', async () => {
    const adriana = k.people[0]!;
    expect(await k.say(adriana, 'barrera')).toMatch(/Reporte anónimo[\s\S]*Culturales[\s\S]*Normatividad/);
    k.now.t = new Date('2026-12-02T03:30:00Z'); // 21:30 of December 1 in Mexico City
    expect(await k.click(adriana, { verb: VERBS.barrierSubmit, category: 'organizacionales', description: 'Las reuniones se fijan a las 20 h.', example: '' })).toMatch(/Gracias. Su reporte anónimo/);
    expect(await k.click(k.people[1]!, { verb: VERBS.barrierSubmit, category: 'culturales', description: 'Comentarios sobre la maternidad.', example: 'En una junta…' })).toMatch(/Gracias/);
    const raw = await k.store.collection<Record<string, unknown> & { _id: string }>('barrierReports').find({});
    expect(raw).toHaveLength(2);
    const serialized = JSON.stringify(raw);
    for (const p of k.people) {
      expect(serialized).not.toContain(p.key);
      expect(serialized).not.toContain(p.user.id);
      expect(serialized).not.toContain(p.nombre);
    }
    for (const doc of raw) expect(Object.keys(doc).sort()).toEqual(['_id', 'category', 'day', 'description', 'editionId', ...(doc.example ? ['example'] : [])].sort());
    expect(serialized).not.toMatch(/T\d\d:\d\d/);
    expect(await k.core.services.cases.anonymousBarriers(EDITION)).toEqual([
      { category: 'culturales', description: 'Comentarios sobre la maternidad.', example: 'En una junta…', day: '2026-12-01' },
      { category: 'organizacionales', description: 'Las reuniones se fijan a las 20 h.', day: '2026-12-01' },
    ]);
    // Nothing about who reported it is audited.
    const audit = JSON.stringify(await k.store.collection<{ _id: string }>('audit').find({}));
    expect(audit).not.toContain('barrier');
  });

  it.each([
    ['an unknown category', { category: 'otra', description: 'x' }, /Elija una de las categorías/],
    ['an empty description', { category: 'sociales', description: '' }, /vacío/],
    ['a 20,000-character description', { category: 'sociales', description: 'd'.repeat(20_000) }, /20,000 caracteres y el máximo es 4,000/],
    ['a 20,000-character example', { category: 'sociales', description: 'ok', example: 'e'.repeat(20_000) }, /20,000 caracteres y el máximo es 2,000/],
  ])('refuses %s and stores nothing', async (_label, payload, answer) => {
    expect(await k.click(k.people[0]!, { verb: VERBS.barrierSubmit, ...payload })).toMatch(answer);
    expect(await k.core.services.cases.anonymousBarriers(EDITION)).toEqual([]);
  });
});
