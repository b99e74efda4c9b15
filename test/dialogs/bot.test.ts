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
