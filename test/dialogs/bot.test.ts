import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestAdapter } from 'botbuilder';
import { ana, berta, channelMention, installPersonal, personalMessage, personalSubmit, uninstallPersonal, TENANT } from '../helpers/activities.js';
import { createHarness, textOf, type Harness } from '../helpers/harness.js';

describe('bot basics (TestAdapter, embedded store)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness({ ADMIN_AAD_IDS: ana.aadObjectId!, MicrosoftAppTenantId: TENANT });
  });
  afterEach(async () => h.close());

  const cases: { name: string; activity: () => Parameters<Harness['turn']>[0]; expected: RegExp }[] = [
    { name: '"hola" gets the welcome card', activity: () => personalMessage(berta, 'hola'), expected: /bienvenida a la Red de Coaching/ },
    { name: '"Hola!" with punctuation and case', activity: () => personalMessage(berta, '¡Hola!'), expected: /bienvenida/ },
    { name: '"ayuda" lists the guest commands', activity: () => personalMessage(berta, 'ayuda'), expected: /Persona invitada[\s\S]*ayuda/ },
    { name: '"AYUDA" without accents or case', activity: () => personalMessage(berta, '  AYUDA '), expected: /Ayuda de la Red de Coaching/ },
    { name: 'unknown text gets a short hint', activity: () => personalMessage(berta, 'quiero un café'), expected: /No reconocí ese mensaje[\s\S]*ayuda/ },
    { name: 'an admin sees her role in help', activity: () => personalMessage(ana, 'ayuda'), expected: /Administración UTIGyND/ },
    { name: 'the help button of the welcome card', activity: () => personalSubmit(berta, { verb: 'showHelp' }), expected: /Ayuda de la Red de Coaching/ },
    { name: 'a forged verb gets a Spanish hint', activity: () => personalSubmit(berta, { verb: 'deleteEverything' }), expected: /Esa tarjeta ya no está activa/ },
    { name: 'a payload without verb', activity: () => personalSubmit(berta, { foo: 'x'.repeat(5000) }), expected: /Esa tarjeta ya no está activa/ },
    { name: '"cancelar" with nothing in progress', activity: () => personalMessage(berta, 'cancelar'), expected: /No hay ninguna operación en curso/ },
    { name: 'channel @mention "ayuda" answers in the thread', activity: () => channelMention(berta, 'ayuda'), expected: /mencione al bot/ },
  ];

  it.each(cases)('$name', async ({ activity, expected }) => {
    const replies = await h.turn(activity());
    expect(replies).toHaveLength(1);
    expect(textOf(replies[0]!)).toMatch(expected);
    expect(textOf(replies[0]!)).not.toMatch(/Error|stack|at .*\.ts/);
  });

  it('answers a channel mention in the same conversation (thread)', async () => {
    const activity = channelMention(berta, 'ayuda');
    const [reply] = await h.turn(activity);
    expect(reply?.conversation?.id).toBe(activity.conversation?.id);
  });

  it('uses the fluent TestAdapter style too', async () => {
    const adapter = new TestAdapter(async (context) => h.core.bot.run(context));
    await adapter
      .send('ayuda')
      .assertReply((a) => expect(textOf(a)).toMatch(/Ayuda de la Red de Coaching/))
      .send('algo raro')
      .assertReply((a) => expect(textOf(a)).toMatch(/No reconocí/))
      .startTest();
  });

  it('drops activities from another tenant: no reply, nothing stored', async () => {
    const replies = await h.turn(personalMessage(berta, 'hola', { tenantId: 'other-tenant' }));
    expect(replies).toHaveLength(0);
    expect(await h.core.services.conversations.get(`a:personal-${berta.id}`)).toBeNull();
    // The same person from the right tenant is served.
    expect(await h.turn(personalMessage(berta, 'hola'))).toHaveLength(1);
  });

  it('processes an activity delivered twice with the same id once', async () => {
    const activity = personalMessage(berta, 'ayuda', { id: 'dup-1' });
    expect(await h.turn(activity)).toHaveLength(1);
    expect(await h.turn({ ...activity })).toHaveLength(0);
    expect(await h.turn(personalMessage(berta, 'ayuda', { id: 'dup-2' }))).toHaveLength(1);
  });

  it('welcomes once on install, stores the reference, marks it inactive on uninstall', async () => {
    const first = await h.turn(installPersonal(berta));
    expect(first).toHaveLength(1);
    expect(textOf(first[0]!)).toMatch(/bienvenida/);
    expect(await h.turn(installPersonal(berta))).toHaveLength(0);
    const stored = await h.core.services.conversations.get(`a:personal-${berta.id}`);
    expect(stored).toMatchObject({ kind: 'personal', active: true, ref: { user: { id: berta.id }, serviceUrl: expect.stringContaining('smba') } });
    expect(await h.core.services.conversations.personalChatOf(`aad:${berta.aadObjectId}`)).not.toBeNull();
    await h.turn(uninstallPersonal(berta));
    expect(await h.core.services.conversations.get(`a:personal-${berta.id}`)).toMatchObject({ active: false });
    // Reinstalling welcomes again.
    expect(await h.turn(installPersonal(berta))).toHaveLength(1);
  });

  it.each(['typing', 'messageReaction', 'unknownType', 'event'])('ignores a %s activity politely', async (type) => {
    const replies = await h.turn({ ...personalMessage(berta, ''), type, text: undefined });
    expect(replies).toHaveLength(0);
  });

  it('an error in a turn: kind Spanish answer, no stack trace, state cleared, retry allowed', async () => {
    const conversations = h.core.services.conversations;
    const original = conversations.remember.bind(conversations);
    let fail = true;
    conversations.remember = async (...args) => {
      if (fail) throw new Error('disk on fire at foo.ts:12');
      return original(...args);
    };
    const activity = personalMessage(berta, 'ayuda', { id: 'boom-1' });
    const replies = await h.turn(activity);
    expect(replies).toHaveLength(1);
    expect(textOf(replies[0]!)).toMatch(/Lo sentimos, ocurrió un problema/);
    expect(textOf(replies[0]!)).not.toMatch(/disk on fire|foo\.ts/);
    fail = false;
    // Teams retries the same activity: the claim was released, so it is processed now.
    const retry = await h.turn({ ...activity });
    expect(retry).toHaveLength(1);
    expect(textOf(retry[0]!)).toMatch(/Ayuda de la Red de Coaching/);
  });
});

describe('install events reach the delivery engine', () => {
  it('a personal install (and only a new one) hands her key and chat to the engine, so waiting notices go out', async () => {
    const calls: { key: string; conversationId: string }[] = [];
    const h = await createHarness({}, { onPersonalInstall: async (key, ref) => calls.push({ key, conversationId: ref.conversation.id }) });
    try {
      await h.turn(installPersonal(berta));
      await h.turn(installPersonal(berta));
      await h.turn(personalMessage(berta, 'hola'));
      expect(calls).toEqual([{ key: `aad:${berta.aadObjectId!.toLowerCase()}`, conversationId: `a:personal-${berta.id}` }]);
    } finally {
      await h.close();
    }
  });
});

/**
 * Issue 9, items 11–13: malformed activities get the right answer and never wipe the conversation state.
 * Each case starts a multi-turn dialog ("borrar mis datos" waits for its card), sends the bad activity, and
 * then checks that "cancelar" still finds the dialog in progress (the turn error handler would have cleared it).
 */
describe('malformed activities keep the conversation state', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness({ ADMIN_AAD_IDS: ana.aadObjectId!, MicrosoftAppTenantId: TENANT });
  });
  afterEach(async () => h.close());

  const TURN_ERROR = /Lo sentimos, ocurrió un problema/;

  async function startDialog(): Promise<void> {
    const replies = await h.turn(personalMessage(berta, 'borrar mis datos'));
    expect(replies.length).toBeGreaterThan(0);
  }

  async function expectDialogStillInProgress(): Promise<void> {
    const replies = await h.turn(personalMessage(berta, 'cancelar'));
    expect(replies.map(textOf).join('\n')).toMatch(/cancelé la operación en curso/);
  }

  const invoke = (value: unknown): Parameters<Harness['turn']>[0] => ({ ...personalMessage(berta, ''), text: undefined, type: 'invoke', name: 'adaptiveCard/action', value });

  it.each([
    ['a string value', 'abc'],
    ['a null action', { action: null }],
    ['an action that is a string', { action: 'x' }],
    ['an action without verb', { action: { type: 'Action.Execute' } }],
    ['a verb that is not a string', { action: { type: 'Action.Execute', verb: { $gt: '' } } }],
    ['data that is not an object', { action: { type: 'Action.Execute', verb: 'showHelp', data: 'zzz' } }],
    ['no value at all', undefined],
  ])('adaptiveCard/action with %s answers a 400 invoke response', async (_name, value) => {
    await startDialog();
    const replies = await h.turn(invoke(value));
    const invokeResponse = replies.find((r) => r.type === 'invokeResponse');
    expect(invokeResponse?.value).toMatchObject({
      status: 400,
      body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest' } },
    });
    expect(replies.map(textOf).join('\n')).not.toMatch(TURN_ERROR);
    await expectDialogStillInProgress();
  });

  it('a well-formed adaptiveCard/action still answers 200', async () => {
    const replies = await h.turn(invoke({ action: { type: 'Action.Execute', verb: 'showHelp', data: {} } }));
    expect(replies.find((r) => r.type === 'invokeResponse')?.value).toMatchObject({ status: 200 });
    expect(replies.map(textOf).join('\n')).toMatch(/Ayuda de la Red de Coaching/);
  });

  const bad: [string, () => Parameters<Harness['turn']>[0]][] = [
    ['from.aadObjectId as an object', () => ({ ...personalMessage(berta, 'ayuda'), from: { id: berta.id, name: 'B', aadObjectId: { $ne: null } as unknown as string } })],
    ['from.name as a number', () => ({ ...personalMessage(berta, 'ayuda'), from: { id: berta.id, name: 5 as unknown as string } })],
    ['entities: 5', () => ({ ...personalMessage(berta, 'ayuda'), entities: 5 as unknown as [] })],
    ['entities with a null element', () => ({ ...personalMessage(berta, 'ayuda'), entities: [null, 'x'] as unknown as [] })],
    ['membersAdded not an array', () => ({ ...personalMessage(berta, ''), text: undefined, type: 'conversationUpdate', membersAdded: 'abc' as unknown as [] })],
    ['membersAdded with junk elements', () => ({ ...personalMessage(berta, ''), text: undefined, type: 'conversationUpdate', membersAdded: [null, 5, { id: {} }] as unknown as [] })],
    ['membersRemoved not an array', () => ({ ...personalMessage(berta, ''), text: undefined, type: 'conversationUpdate', membersRemoved: { length: 3 } as unknown as [] })],
    ['attachments not an array', () => ({ ...personalMessage(berta, 'ayuda'), attachments: 'x' as unknown as [] })],
    ['conversation.conversationType as an object', () => ({ ...personalMessage(berta, 'ayuda'), conversation: { id: `a:personal-${berta.id}`, conversationType: {} as unknown as string, tenantId: TENANT, isGroup: false, name: '' } })],
    ['channelData.team as a string', () => ({ ...personalMessage(berta, 'ayuda'), channelData: { tenant: { id: TENANT }, team: 'x' } })],
  ];

  it.each(bad)('%s: no error reply, state kept', async (_name, activity) => {
    await startDialog();
    const replies = await h.turn(activity());
    expect(replies.map(textOf).join('\n')).not.toMatch(TURN_ERROR);
    await expectDialogStillInProgress();
  });

  it.each([
    ['an object', { $ne: null }],
    ['a number', 5],
    ['an array', [TENANT]],
  ])('channelData.tenant.id as %s is dropped silently like a foreign tenant, state kept', async (_name, tenantId) => {
    await startDialog();
    const replies = await h.turn({ ...personalMessage(berta, 'cancelar'), channelData: { tenant: { id: tenantId } } });
    expect(replies).toHaveLength(0);
    await expectDialogStillInProgress();
  });

  it('a ContinueConversation event from another tenant reaches no handler (issue 9, item 13)', async () => {
    const reached: string[] = [];
    h.core.bot.onEvent(async (context, next) => {
      reached.push(context.activity.name ?? '');
      await next();
    });
    h.core.bot.onTurn(async (context, next) => {
      reached.push(`turn:${context.activity.type}`);
      await next();
    });
    const forged = { ...personalMessage(berta, '', { tenantId: 'intruder' }), text: undefined, type: 'event', name: 'ContinueConversation' };
    expect(await h.turn(forged)).toHaveLength(0);
    // The same id again is a duplicate, whatever its name.
    expect(await h.turn({ ...forged })).toHaveLength(0);
    expect(reached).toEqual([]);
    // From the right tenant it is an ordinary event: handlers see it once, de-duplication applies.
    const own = { ...personalMessage(berta, ''), text: undefined, type: 'event', name: 'ContinueConversation', id: 'cc-1' };
    await h.turn(own);
    await h.turn({ ...own });
    expect(reached).toEqual(['turn:event', 'ContinueConversation']);
  });
});
