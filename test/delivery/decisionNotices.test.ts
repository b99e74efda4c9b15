import type { Activity } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs.js';
import { CONSENT_VERSION, type ProfileData } from '../../src/domain/registration.js';
import { ana, berta, personalConversationId, personalMessage, personalSubmit, TENANT, type UserLike } from '../helpers/activities.js';
import { textOf } from '../helpers/harness.js';
import { ScriptedTransport } from '../support/deliveryFakes.js';
import { createNoticeHarness, type NoticeHarness } from './noticeHarness.js';

/**
 * Issue 9, items 1, 3 and 14, end to end through the real outbox: every notice of "pendientes" reaches
 * the member (its own broadcast id), goes to her most recently used chat with a fallback to the others,
 * the admin is told it was queued (never "delivered"), and "envios estado" speaks Spanish.
 */
const keyOf = (u: UserLike) => `aad:${u.aadObjectId!.toLowerCase()}`;
const all = (replies: Partial<Activity>[]) => replies.map(textOf).join('\n---\n');
const convOf = (u: UserLike) => personalConversationId(u);

const profile = (over: Partial<ProfileData> = {}): ProfileData => ({
  nombre: 'Berta Ruiz Soto',
  correo: 'berta.ruiz@ine.mx',
  vocalia: 'VE',
  ambito: 'JDE',
  entidad: '09',
  distrito: 5,
  circunscripcion: 4,
  ejesInteres: [],
  ...over,
});

describe('notices of "pendientes" through the delivery engine', () => {
  let h: NoticeHarness;

  beforeEach(async () => {
    h = await createNoticeHarness({ ADMIN_AAD_IDS: ana.aadObjectId!, MicrosoftAppTenantId: TENANT });
    for (const text of ['edicion crear 2026 Red de Coaching 2026', 'edicion activar 2026', 'convocatoria abrir']) await h.turn(personalMessage(ana, text));
  });
  afterEach(async () => h.close());

  const say = async (u: UserLike, text: string) => all(await h.turn(personalMessage(u, text)));
  const click = async (u: UserLike, value: Record<string, unknown>) => all(await h.turn(personalSubmit(u, value)));
  const register = (u: UserLike, over: Partial<ProfileData> = {}) =>
    h.core.services.members.register({ editionId: '2026', aadObjectId: u.aadObjectId!, userId: u.id, profile: profile(over), consent: { accepted: true, at: new Date(), version: CONSENT_VERSION } });
  const textsTo = (conversationId: string) =>
    h.transport.calls.filter((c) => ScriptedTransport.keyOf(c.request) === conversationId).map((c) => c.request.message.text ?? '');

  it('item 1: approval, applied change and dismissed change each reach her (own broadcast id per event)', async () => {
    await h.turn(personalMessage(berta, 'hola'));
    const { member } = await register(berta);
    await click(ana, { verb: VERBS.regApprove, memberId: member._id });
    const r1 = await h.core.services.changes.create((await h.core.services.members.getById(member._id))!, profile({ nombre: 'Berta R. Soto' }), keyOf(berta));
    await click(ana, { verb: VERBS.regChangeApply, requestId: r1._id });
    const r2 = await h.core.services.changes.create((await h.core.services.members.getById(member._id))!, profile({ nombre: 'Otra' }), keyOf(berta));
    await click(ana, { verb: VERBS.regChangeDismiss, requestId: r2._id });
    await h.drain();
    expect(textsTo(convOf(berta))).toEqual([expect.stringMatching(/fue \*\*validado\*\*/), expect.stringMatching(/aplicó los cambios/), expect.stringMatching(/no la aplicó/)]);
    const ids = new Set((await h.outbox({ recipientKey: keyOf(berta) })).map((d) => d.broadcastId));
    expect(ids.size).toBe(3);
  });

  it('item 3: the notice goes to her most recently used chat, falls back to another on 404, and the admin is told it was queued', async () => {
    const old = { conversationId: 'a:personal-old-berta' };
    await h.turn(personalMessage(berta, 'hola', old));
    h.now.value = new Date(h.now.value.getTime() + 3_600_000);
    await h.turn(personalMessage(berta, 'hola'));
    const { member } = await register(berta);

    // The most recent chat is used.
    const reply = await click(ana, { verb: VERBS.regApprove, memberId: member._id });
    expect(reply).toMatch(/aprobé el registro de Berta Ruiz Soto/);
    expect(reply).not.toMatch(/comuniqué|le avisé|le envié/);
    expect(reply).toMatch(/quedó en cola[\s\S]*\*\*envios estado\*\*/);
    await h.drain();
    expect(textsTo(convOf(berta))).toHaveLength(1);
    expect(textsTo(old.conversationId)).toHaveLength(0);

    // That chat is gone (404): the other one is tried, and the dead one is no longer used.
    h.transport.script(convOf(berta), [{ ok: false, status: 404, error: 'ConversationNotFound: Conversation not found.' }]);
    const r1 = await h.core.services.changes.create((await h.core.services.members.getById(member._id))!, profile({ nombre: 'Berta R. Soto' }), keyOf(berta));
    await click(ana, { verb: VERBS.regChangeApply, requestId: r1._id });
    await h.drain();
    expect(textsTo(old.conversationId)).toEqual([expect.stringMatching(/aplicó los cambios/)]);
    expect((await h.core.services.conversations.personalChatOf(keyOf(berta)))?._id).toBe(old.conversationId);
  });

  it('item 3: when no chat works she waits for the app, the admin can see it, and she gets it when she writes again', async () => {
    await h.turn(personalMessage(berta, 'hola'));
    const { member } = await register(berta);
    // Her stored chat is gone, and opening a new one is refused: the app is not installed for her.
    h.transport.script(convOf(berta), [{ ok: false, status: 404, error: 'ConversationNotFound: Conversation not found.' }, { ok: true, activityId: 'x' }]);
    h.transport.script(berta.id, [{ ok: false, status: 403, error: 'Forbidden: The bot is not part of the conversation roster.' }]);
    await click(ana, { verb: VERBS.regApprove, memberId: member._id });
    await h.drain();
    const [doc] = await h.outbox({ recipientKey: keyOf(berta) });
    expect(doc).toMatchObject({ state: 'waiting-install', lastErrorCode: 'not-installed' });
    expect((await h.core.services.conversations.get(convOf(berta)))?.active).toBe(false);
    const status = await say(ana, 'envios estado');
    expect(status).toMatch(/Berta Ruiz Soto \(la persona no tiene instalada la aplicación\): Registro validado: Berta Ruiz Soto/);
    expect(status).toMatch(/Qué hacer: pídales que la abran/);

    // She opens the bot again: the waiting notice is sent.
    await h.turn(personalMessage(berta, 'hola'));
    await h.drain();
    expect(textsTo(convOf(berta)).filter((t) => /validado/.test(t))).toHaveLength(2);
    expect((await h.outbox({ recipientKey: keyOf(berta) }))[0]?.state).toBe('sent');
  });

  it('items 3 and 20: someone without a chat with the bot: the admin reads that it waits for the app', async () => {
    // She never wrote to the bot: no chat stored, and no service URL to open one.
    const { member } = await register(berta);
    const reply = await click(ana, { verb: VERBS.regApprove, memberId: member._id });
    expect(reply).toMatch(/aprobé el registro de Berta Ruiz Soto/);
    expect(reply).not.toMatch(/comuniqué|le avisé|quedó en cola/);
    expect(reply).toMatch(/Aún no tiene la aplicación[\s\S]*le llegará cuando la abra/);
    expect(await say(ana, 'envios estado')).toMatch(/Berta Ruiz Soto[\s\S]*preinstal/);
  });

  it('items 1 and 3: "admin agregar": its own notice, and the answer says it was queued', async () => {
    await h.turn(personalMessage(berta, 'hola'));
    const { member } = await register(berta);
    await click(ana, { verb: VERBS.regApprove, memberId: member._id });
    const reply = await say(ana, 'admin agregar berta.ruiz@ine.mx');
    expect(reply).toMatch(/Berta Ruiz Soto ahora es administradora[\s\S]*quedó en cola[\s\S]*\*\*envios estado\*\*/);
    expect(reply).not.toMatch(/Le avisé/);
    await h.drain();
    expect(textsTo(convOf(berta))).toEqual([expect.stringMatching(/validado/), expect.stringMatching(/Administración UTIGyND/)]);
    expect(await say(ana, 'envios estado')).toMatch(/Perfil de administración: Berta Ruiz Soto/);
  });

  it('item 14: "envios estado" shows Spanish titles and reasons with the next step, never raw ids or HTTP errors', async () => {
    await h.turn(personalMessage(berta, 'hola'));
    const { member } = await register(berta);
    // Blocked in her chat, and when a chat is opened anew.
    for (const key of [convOf(berta), berta.id]) h.transport.script(key, [{ ok: false, status: 403, error: 'MessageWritesBlocked: The user blocked the bot' }]);
    await click(ana, { verb: VERBS.regApprove, memberId: member._id });
    await h.drain();
    const status = await say(ana, 'envios estado');
    expect(status).toMatch(/Registro validado: Berta Ruiz Soto/);
    expect(status).toMatch(/bloqueó la aplicación/);
    expect(status).toMatch(/Qué hacer: /);
    expect(status).not.toMatch(/registration-decision|registro-validado:|HTTP \d|MessageWritesBlocked/);
  });

  it('item 14: broadcasts and reasons stored by earlier versions are shown in Spanish too', async () => {
    const at = new Date('2026-12-01T10:00:00Z');
    const id = 'registration-decision:2026:aad:00000000-0000-0000-0000-0000000000b2:1796105618091';
    await h.store.collection<Record<string, unknown> & { _id: string }>('broadcasts').insertOne({ _id: id, kind: 'registrationDecision', state: 'finished', total: 2, round: 1, priority: 10, createdAt: at, updatedAt: at, finishedAt: at });
    const base = { broadcastId: id, kind: 'registrationDecision', seq: 0, priority: 10, messageJson: '{"text":"x"}', attempts: 1, nextAttemptAt: at, tenantKey: TENANT, createdAt: at, updatedAt: at, doneAt: at };
    await h.store.collection<Record<string, unknown> & { _id: string }>('outbox').insertOne({ ...base, _id: 'm1', recipientKey: 'aad:1', state: 'failed', lastError: 'HTTP 404: ConversationNotFound', lastStatus: 404 });
    await h.store.collection<Record<string, unknown> & { _id: string }>('outbox').insertOne({ ...base, _id: 'm2', recipientKey: 'aad:2', state: 'failed', lastError: 'HTTP 503: down (sin éxito tras 8 intentos)', lastStatus: 503 });
    const status = await say(ana, 'envios estado');
    expect(status).toMatch(/Aviso de una decisión sobre un registro/);
    expect(status).toMatch(/La persona no tiene chat con el bot \(1\)\. Qué hacer: este aviso no se reenvía solo/);
    expect(status).toMatch(/Teams no respondió correctamente y se agotaron los reintentos \(1\)/);
    expect(status).not.toMatch(/registration-decision|HTTP \d|ConversationNotFound/);
  });
});
