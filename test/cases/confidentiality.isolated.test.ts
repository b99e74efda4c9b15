import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VERBS } from '../../src/cards/verbs.js';
import { CASE_AUDIT } from '../../src/services/cases/index.js';
import { ana, berta } from '../helpers/activities.js';
import { cardSentTo, cardText, electionKit, EDITION, submitsOf, type ElectionKit, type Person } from '../elections/featureSupport.js';

/**
 * Issue 14, confidential accompaniment. Only administrators with the acompanamiento role can read a request:
 * another administrator (Ana López, without the role) and other members get nothing by any command or card
 * verb; staff notices carry no content; every opening is audited; and the log — captured here from the real
 * pino logger the bot writes to — never contains what she wrote.
 */
const sink = vi.hoisted(() => ({ lines: [] as string[] }));
vi.mock('pino', async (importOriginal) => {
  const actual = await importOriginal<typeof import('pino')>();
  // Every logger the kit builds writes every level into the buffer.
  const capture = (() => actual.pino({ level: 'trace' }, { write: (line: string) => void sink.lines.push(line) })) as unknown as typeof actual.pino;
  return { ...actual, pino: capture, default: capture };
});

const SECRET = 'SECRETO-7731: mi jefe me excluye de las reuniones';
const SECRET_REPLY = 'RESPUESTA-4410: la acompañamos';
const SECRET_BACK = 'CONTESTA-9902: gracias, quiero orientación';
const CASE_ID = `${EDITION}:acompanamiento:1`;
const ANA = `aad:${ana.aadObjectId!}`;
const BERTA = `aad:${berta.aadObjectId!}`;

describe('acompañamiento: confidential requests', () => {
  let k: ElectionKit;
  let adriana: Person;
  let beatriz: Person;
  beforeEach(async () => {
    sink.lines.length = 0;
    k = await electionKit();
    adriana = k.people[0]!;
    beatriz = k.people[1]!;
    // Berta López is seen by the bot (so she can be named by her object id) and gets the role.
    await k.say(berta, 'hola');
    expect(await k.say(ana, `admin agregar ${berta.aadObjectId!} acompanamiento`)).toMatch(/tiene ahora el perfil de \*\*Acompañamiento confidencial\*\* y es administradora/);
  });
  afterEach(async () => k.close());

  const submit = (p: Person, message: string, formId = `f-${Math.random()}`) => k.click(p, { verb: VERBS.confidentialSubmit, formId, message });
  const caseDoc = () => k.core.services.cases.cases.get(CASE_ID);
  const audit = async () => k.store.collection<{ _id: string; action: string; actor: string; target?: string; details?: Record<string, unknown> }>('audit').find({});

  it('the card explains what the channel is and is not, where formal complaints go and who reads it', async () => {
    const card = await k.say(adriana, 'acompañamiento');
    expect(card).toMatch(/Qué es este canal/);
    expect(card).toMatch(/No es el procedimiento formal de quejas y denuncias del Instituto/);
    expect(card).toContain('las instancias formales de queja y denuncia del Instituto Nacional Electoral');
    expect(card).toMatch(/Solo el personal de la UTIGyND con el perfil de acompañamiento/);
    expect(await k.say(adriana, 'acompanamiento')).toMatch(/Qué es este canal/);
  });

  it('an administrator without the role cannot read it by ANY command or verb; the log and the audit never hold its content', async () => {
    expect(await submit(adriana, SECRET)).toMatch(/solicitud confidencial con el folio \*\*1\*\*/);

    // The notice goes only to the role holder, without content.
    const notices = k.notifier.people.filter((b) => b.broadcastId.startsWith(`caso:${CASE_ID}`));
    expect(notices.flatMap((b) => b.recipients.map((r) => r.personKey))).toEqual([BERTA]);
    const notice = cardSentTo(k.notifier, `caso:${CASE_ID}:nuevo`, BERTA)!;
    expect(cardText(notice)).toMatch(/Nueva solicitud confidencial, folio 1/);
    expect(JSON.stringify(notice)).not.toContain('SECRETO');
    expect(submitsOf(notice)).toEqual([{ verb: VERBS.confidentialOpen, caseId: CASE_ID }]);

    // Ana (administrator, no role) and Beatriz (member, not the author) try everything.
    const commands = ['confidenciales', 'confidenciales 1', 'acompañamientos 1', 'acompanamientos 1', 'consultas', 'consultas 1', 'mis consultas', 'mis consultas 1', 'acompañamiento borrar 1', 'admin lista'];
    const verbs = [
      { verb: VERBS.confidentialOpen, caseId: CASE_ID },
      { verb: VERBS.caseStaffReply, caseId: CASE_ID, reply: 'intento' },
      { verb: VERBS.caseClose, caseId: CASE_ID },
      { verb: VERBS.caseMemberReply, caseId: CASE_ID, reply: 'intento' },
      { verb: VERBS.caseDelete, caseId: CASE_ID },
      { verb: VERBS.caseMemberOpen, caseId: CASE_ID },
    ];
    const before = JSON.stringify(await caseDoc());
    for (const who of [ana, beatriz.user]) {
      for (const text of commands) expect(await k.say(who, text), `${who.name}: ${text}`).not.toContain('SECRETO');
      for (const v of verbs) expect(await k.click(who, v), `${who.name}: ${v.verb}`).not.toContain('SECRETO');
    }
    expect(await k.click(ana, verbs[0]!)).toMatch(/solo la puede abrir el personal con el perfil de acompañamiento/);
    expect(await k.click(ana, verbs[1]!)).toMatch(/solo la puede abrir el personal con el perfil de acompañamiento/);
    expect(await k.say(ana, 'confidenciales 1')).toMatch(/solo la puede abrir el personal con el perfil de acompañamiento/);
    expect(JSON.stringify(await caseDoc())).toBe(before);
    expect((await audit()).filter((a) => a.action === CASE_AUDIT.confidentialOpen)).toHaveLength(0);
    // Her refused attempts are audited (who, what), like every refusal.
    expect((await audit()).some((a) => a.action === 'command.denied' && a.actor === ANA && a.target === 'confidential')).toBe(true);

    // The role holder opens it (audited each time) and answers; the member answers back; staff notices stay content-free.
    const list = await k.say(berta, 'confidenciales');
    expect(list).toMatch(/Folio \*\*1\*\* · recibida hoy · espera respuesta/);
    expect(list).not.toContain('SECRETO');
    expect(await k.say(berta, 'confidenciales 1')).toContain(SECRET);
    expect(await k.click(berta, submitsOf(notice)[0]!)).toContain(SECRET);
    const opens = (await audit()).filter((a) => a.action === CASE_AUDIT.confidentialOpen);
    expect(opens.map((a) => [a.actor, a.target, a.details?.channel])).toEqual([
      [BERTA, CASE_ID, 'command'],
      [BERTA, CASE_ID, 'card'],
    ]);
    expect(await k.click(berta, { verb: VERBS.caseStaffReply, caseId: CASE_ID, reply: SECRET_REPLY })).toMatch(/va en camino/);
    const toHer = cardSentTo(k.notifier, `caso:${CASE_ID}:respuesta:`, adriana.key)!;
    expect(JSON.stringify(toHer)).not.toMatch(/RESPUESTA-4410|SECRETO/); // not even her own notice holds it
    expect(await k.click(beatriz, submitsOf(toHer)[0]!)).toMatch(/No encontramos esa consulta entre las suyas/);
    expect(await k.click(ana, submitsOf(toHer)[0]!)).toMatch(/No encontramos esa consulta entre las suyas/);
    expect(await k.click(adriana, submitsOf(toHer)[0]!)).toContain(SECRET_REPLY);
    expect(await k.click(adriana, { verb: VERBS.caseMemberReply, caseId: CASE_ID, reply: SECRET_BACK })).toMatch(/Enviamos su mensaje/);
    const again = cardSentTo(k.notifier, `caso:${CASE_ID}:mensaje:3`, BERTA)!;
    expect(cardText(again)).toMatch(/Nuevo mensaje en la solicitud confidencial, folio 1/);

    // Bad input on the confidential channel: clear messages, logged by code only.
    expect(await submit(adriana, `${SECRET} ${'x'.repeat(20_000)}`)).toMatch(/20,0\d\d caracteres/);
    expect(await k.click(adriana, { verb: VERBS.caseMemberReply, caseId: CASE_ID, reply: '' })).toMatch(/vacío/);

    // Nothing she or the staff wrote reached a stored notice (hers included), the audit log or the log.
    expect(JSON.stringify(k.notifier.people)).not.toMatch(/SECRETO|RESPUESTA-4410|CONTESTA-9902/);
    expect(JSON.stringify(await audit())).not.toMatch(/SECRETO|RESPUESTA-4410|CONTESTA-9902/);
    const log = sink.lines.join('');
    expect(sink.lines.length).toBeGreaterThan(0);
    expect(log).toContain('admin action refused'); // the buffer really receives the bot's log
    expect(log).toContain('case action refused');
    expect(log).not.toMatch(/SECRETO|RESPUESTA-4410|CONTESTA-9902|xxxxxxxxxx/);
  });

  it('she can delete it: the texts are gone for good, staff see only that it was withdrawn', async () => {
    await submit(adriana, SECRET);
    // Another member cannot delete it, even with its id.
    expect(await k.click(beatriz, { verb: VERBS.caseDelete, caseId: CASE_ID })).toMatch(/No encontramos esa consulta entre las suyas/);
    expect(await k.say(beatriz, 'acompañamiento borrar 1')).toMatch(/No encontramos esa consulta entre las suyas/);
    expect((await caseDoc())!.messages).toHaveLength(1);
    const card = await k.say(adriana, 'mis consultas 1');
    expect(card).toContain(SECRET);
    expect(card).toMatch(/Borrar mi solicitud/);
    expect(await k.say(adriana, 'acompañamiento borrar 1')).toMatch(/borramos el contenido de su solicitud confidencial con folio \*\*1\*\*/);
    const doc = (await caseDoc())!;
    expect(doc.status).toBe('deleted');
    expect(doc.messages).toEqual([]);
    expect(JSON.stringify(await k.store.collection<{ _id: string }>('cases').find({}))).not.toContain('SECRETO');
    const staffView = await k.say(berta, 'confidenciales 1');
    expect(staffView).toMatch(/Borrada a petición de la integrante/);
    expect(staffView).not.toContain('SECRETO');
    expect(await k.click(adriana, { verb: VERBS.caseDelete, caseId: CASE_ID })).toMatch(/se borró/);
    expect(await k.click(berta, { verb: VERBS.caseStaffReply, caseId: CASE_ID, reply: 'hola' })).toMatch(/se borró/);
    expect((await audit()).filter((a) => a.action === CASE_AUDIT.memberDelete)).toHaveLength(1);
    // Reminders stop.
    k.now.t = new Date('2026-12-20T16:00:00Z');
    await k.core.services.jobs.runDue();
    expect(k.notifier.people.filter((b) => b.broadcastId.includes('recordatorio'))).toHaveLength(0);
  });

  it('the role: listed, revoked (she stays an administrator), and it counts only while she is an administrator', async () => {
    expect(await k.say(ana, 'admin lista')).toMatch(/Berta Ruiz[^\n]*Acompañamiento confidencial/);
    expect(await k.say(ana, `admin agregar ${berta.aadObjectId!} acompanamiento`)).toMatch(/ya tiene el perfil/);
    expect(await k.say(ana, `admin agregar ${berta.aadObjectId!} jefa`)).toMatch(/No reconozco el perfil «jefa»/);
    await submit(adriana, SECRET);
    // A content-free reminder after 2 working days goes to the role holder only.
    k.now.t = new Date('2026-12-03T16:00:00Z');
    await k.core.services.jobs.runDue();
    const reminder = k.notifier.people.find((b) => b.broadcastId.startsWith(`caso:${CASE_ID}:recordatorio`))!;
    expect(reminder.recipients.map((r) => r.personKey)).toEqual([BERTA]);
    expect(JSON.stringify(reminder.recipients[0]!.message)).not.toContain('SECRETO');

    expect(await k.say(ana, `admin quitar ${berta.aadObjectId!} acompanamiento`)).toMatch(/ya no tiene el perfil.*sigue siendo administradora/);
    expect(await k.say(berta, 'confidenciales 1')).toMatch(/solo la puede abrir el personal con el perfil/);
    expect(await k.say(berta, 'admin lista')).toMatch(/Personas administradoras/);
    await k.say(ana, `admin agregar ${berta.aadObjectId!} acompanamiento`);
    expect(await k.say(berta, 'confidenciales 1')).toContain(SECRET);
    await k.say(ana, `admin quitar ${berta.aadObjectId!}`);
    expect(await k.core.services.roles.hasStaffRole({ userId: berta.id, aadObjectId: berta.aadObjectId! }, 'acompanamiento')).toBe(false);
    expect(await k.say(berta, 'confidenciales 1')).not.toContain('SECRETO');
    // Made an administrator again, she does not get the role back by itself.
    await k.say(ana, `admin agregar ${berta.aadObjectId!}`);
    expect(await k.say(berta, 'confidenciales 1')).toMatch(/solo la puede abrir el personal con el perfil/);
    const actions = (await audit()).map((a) => a.action);
    expect(actions).toContain('admin.staffRole.grant');
    expect(actions).toContain('admin.staffRole.revoke');
  });
});
