import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { ana, berta, BOT, channelMention, groupChatMention, installPersonal, personalMessage, personalSubmit, TENANT, type UserLike } from '../helpers/activities.js';
import { createHarness, textOf, type Harness } from '../helpers/harness.js';
import { createRegistrationServices, type RegistrationServices } from '../../src/services/registration/index.js';
import { CONSENT_VERSION } from '../../src/domain/registration.js';
import { VERBS } from '../../src/cards/verbs.js';

/**
 * Issue 9, item 18: the welcome card offers "Registrarme" while the call is open (personal chat, not yet
 * registered); in a channel or group chat it says to mention the bot; "registrarme" without an open call
 * gives the UTIGyND's contact from the configuration.
 */
const SUPPORT = 'la UTIGyND (red.coaching@ine.mx, extensión 370000)';
const carla: UserLike = { id: '29:carla', aadObjectId: '00000000-0000-0000-0000-0000000000c3', name: 'Carla Méndez' };
const all = (replies: Partial<Activity>[]) => replies.map(textOf).join('\n---\n');

/** The card actions of a reply (top-level and in ActionSets). */
function actionsOf(reply: Partial<Activity> | undefined): { type: string; title: string; data?: Record<string, unknown> }[] {
  const out: { type: string; title: string; data?: Record<string, unknown> }[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Action.')) out.push(o as never);
      Object.values(o).forEach(walk);
    }
  };
  walk(reply?.attachments?.map((a) => a.content));
  return out;
}
const registerButton = (reply: Partial<Activity> | undefined) => actionsOf(reply).find((a) => a.title === 'Registrarme');

describe('the welcome card (TestAdapter)', () => {
  let h: Harness;
  let s: RegistrationServices;

  beforeEach(async () => {
    h = await createHarness({ ADMIN_AAD_IDS: ana.aadObjectId!, MicrosoftAppTenantId: TENANT, SUPPORT_CONTACT: SUPPORT });
    s = createRegistrationServices(h.store, { adminAadIds: [ana.aadObjectId!] });
    await s.init();
  });
  afterEach(async () => h.close());

  const openCall = async () => {
    await s.editions.create({ id: '2026', nombre: 'Red de Coaching 2026' }, 'system');
    await s.editions.activate('2026', 'system');
    await s.editions.openNow('2026', 'system');
  };

  it('on first contact while the call is open: a "Registrarme" button that starts the registration', async () => {
    await openCall();
    const [welcome] = await h.turn(installPersonal(berta));
    expect(textOf(welcome!)).toMatch(/bienvenida/);
    expect(registerButton(welcome)).toMatchObject({ type: 'Action.Submit', data: { verb: VERBS.startCommand, command: 'register' } });
    expect(textOf(welcome!)).toMatch(/convocatoria[\s\S]*está abierta/);
    const consent = all(await h.turn(personalSubmit(berta, registerButton(welcome)!.data!)));
    expect(consent).toMatch(/Aviso de privacidad[\s\S]*Acepto y continúo/);
  });

  it('"hola" shows the button too, but not when the call is closed or she already registered', async () => {
    expect(registerButton((await h.turn(personalMessage(berta, 'hola')))[0])).toBeUndefined();
    await openCall();
    expect(registerButton((await h.turn(personalMessage(berta, 'hola')))[0])).toBeDefined();
    await s.members.register({
      editionId: '2026',
      aadObjectId: carla.aadObjectId!,
      userId: carla.id,
      profile: { nombre: 'Carla Méndez', correo: 'carla@ine.mx', vocalia: 'VE', ambito: 'JDE', entidad: '09', distrito: 5, circunscripcion: 4, ejesInteres: [] },
      consent: { accepted: true, at: new Date(), version: CONSENT_VERSION },
    });
    expect(registerButton((await h.turn(personalMessage(carla, 'hola')))[0])).toBeUndefined();
    await s.editions.closeNow('2026', 'system');
    expect(registerButton((await h.turn(personalMessage(berta, 'hola')))[0])).toBeUndefined();
  });

  it('in a channel or a group chat it says to mention the bot, and offers no personal registration button', async () => {
    await openCall();
    for (const reply of [(await h.turn(channelMention(berta, 'hola')))[0], (await h.turn(groupChatMention(berta, 'hola')))[0]]) {
      const text = textOf(reply!);
      expect(text).toMatch(/bienvenida/);
      expect(text).toMatch(new RegExp(`mencione al bot \\(@${BOT.name}\\)`));
      expect(text).not.toMatch(/Escriba \*\*ayuda\*\* en cualquier momento/);
      expect(registerButton(reply)).toBeUndefined();
    }
    // The bot added to a team: the welcome in the channel says the same.
    const added = await h.turn({
      ...channelMention(berta, ''),
      type: 'conversationUpdate',
      text: '',
      entities: [],
      conversation: { id: '19:otro@thread.tacv2', conversationType: 'channel', isGroup: true, tenantId: TENANT, name: '' },
      channelData: { tenant: { id: TENANT }, team: { id: '19:otro@thread.tacv2', name: 'Equipo' }, eventType: 'teamMemberAdded' },
      membersAdded: [{ id: BOT.id, name: BOT.name }],
    });
    expect(all(added)).toMatch(/mencione al bot/);
  });

  it('in the personal chat it still says to type "ayuda"', async () => {
    expect(all(await h.turn(personalMessage(berta, 'hola')))).toMatch(/Escriba \*\*ayuda\*\* en cualquier momento/);
  });

  it('"registrarme" with no open call gives the contact from the configuration, in every state of the call', async () => {
    const answers: string[] = [];
    answers.push(all(await h.turn(personalMessage(berta, 'registrarme')))); // no edition
    await s.editions.create({ id: '2026', nombre: 'Red de Coaching 2026' }, 'system');
    await s.editions.activate('2026', 'system');
    answers.push(all(await h.turn(personalMessage(berta, 'registrarme')))); // no dates
    await s.editions.setWindow('2026', new Date('2099-01-01T06:00:00Z'), new Date('2099-02-01T06:00:00Z'), 'system');
    answers.push(all(await h.turn(personalMessage(berta, 'registrarme')))); // not yet open
    await s.editions.openNow('2026', 'system');
    await s.editions.closeNow('2026', 'system');
    answers.push(all(await h.turn(personalMessage(berta, 'registrarme')))); // closed
    answers.push(all(await h.turn(personalSubmit(berta, { verb: VERBS.startCommand, command: 'register' })))); // an old invitation's button
    for (const a of answers) expect(a).toContain(SUPPORT);
  });
});
