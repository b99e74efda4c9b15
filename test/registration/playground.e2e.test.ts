import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegistrationServices, type RegistrationServices } from '../../src/services/registration/index.js';
import { CONSENT_VERSION } from '../../src/domain/registration.js';
import { VERBS } from '../../src/cards/verbs.js';
import type { PlaygroundClient, PlaygroundConfig, PlaygroundMessage } from '../support/playgroundClient.js';
import { startPlaygroundApp, type PlaygroundApp } from '../support/playgroundApp.js';

/**
 * A whole registration through the Microsoft 365 Agents Playground's personal chat (the real server and
 * its TeamsInfo call), checked in the store afterwards. The call is opened through the services on the
 * app's store first (the Playground user is not an administrator). Only 127.0.0.1 is contacted.
 */
describe('registration end to end through the Agents Playground', () => {
  let e2e: PlaygroundApp;
  let client: PlaygroundClient;
  let pg: PlaygroundConfig;
  let s: RegistrationServices;
  let aadObjectId: string;
  let email: string | undefined;

  beforeAll(async () => {
    e2e = await startPlaygroundApp({
      name: 'reg',
      beforeListen: async (app) => {
        s = createRegistrationServices(app.store, { adminAadIds: [] });
        await s.init();
        await s.editions.create({ id: '2026', nombre: 'Red de Coaching 2026' }, 'aad:setup');
        await s.editions.activate('2026', 'aad:setup');
        await s.editions.openNow('2026', 'aad:setup');
        await s.editions.setStage('2026', 'Reunión nacional de apertura', new Date('2027-01-20T18:00:00Z'), 'aad:setup');
      },
    });
    ({ client, pg } = e2e);
    aadObjectId = e2e.currentUser.aadObjectId;
    email = e2e.currentUser.email;
    expect(aadObjectId).not.toBe('');
  });

  afterAll(async () => e2e?.close());

  const cardText = (m: PlaygroundMessage) => JSON.stringify(m.attachments ?? []);
  const inputs = (m: PlaygroundMessage): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === 'object') {
        const o = n as Record<string, unknown>;
        if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') out[o.id] = o.value;
        Object.values(o).forEach(walk);
      }
    };
    walk(m.attachments?.map((a) => a.content));
    return out;
  };

  it('"registrarme": consent, form (prefilled from Teams), summary, confirmation; stored with consent', async () => {
    const conv = pg.personalConversationId;
    const key = `aad:${aadObjectId}`;

    let from = client.messages.length;
    await client.send(conv, { from: pg.currentUserId, text: 'registrarme' });
    const consent = await client.waitFor(conv, (m) => cardText(m).includes('Aviso de privacidad'), from);

    from = client.messages.length;
    await client.submit(conv, pg.currentUserId, consent.messageId ?? '', { verb: VERBS.regConsent, decision: 'accept', version: CONSENT_VERSION, consent: 'true', forKey: key });
    const formCard = await client.waitFor(conv, (m) => cardText(m).includes('"id":"distrito"'), from);
    const prefilled = inputs(formCard);
    expect(String(prefilled.nombre ?? '')).not.toBe('');
    // TeamsInfo.getMember works in the Playground: the email of her account is prefilled and remembered.
    expect(email).toMatch(/@/);
    expect(prefilled.correo).toBe(email);
    expect((await s.people.findByEmail(email!))?.aadObjectId).toBe(aadObjectId);

    // A forged district first: the same form again, nothing stored.
    from = client.messages.length;
    const form = { verb: VERBS.regProfile, forKey: key, nombre: 'Alex Wilber', correo: 'alex.wilber@ine.mx', vocalia: 'VRFE', ambito: 'JDE', entidad: '03', ejes: 'liderazgo' };
    await client.submit(conv, pg.currentUserId, formCard.messageId ?? '', { ...form, distrito: '7' });
    await client.waitFor(conv, (m) => (m.text ?? '').includes('Baja California Sur no tiene el distrito federal 7'), from);
    expect(await s.members.list('2026')).toHaveLength(0);

    from = client.messages.length;
    await client.submit(conv, pg.currentUserId, formCard.messageId ?? '', { ...form, distrito: '2' });
    const summary = await client.waitFor(conv, (m) => cardText(m).includes('Revise sus datos'), from);
    expect(cardText(summary)).toContain('Baja California Sur');

    from = client.messages.length;
    await client.submit(conv, pg.currentUserId, summary.messageId ?? '', { verb: VERBS.regConfirm, forKey: key });
    const done = await client.waitFor(conv, (m) => cardText(m).includes('Registro recibido'), from);
    expect(cardText(done)).toContain('Reunión nacional de apertura');

    const m = await s.members.get('2026', key);
    expect(m).toMatchObject({
      editionId: '2026',
      aadObjectId,
      nombre: 'Alex Wilber',
      correo: 'alex.wilber@ine.mx',
      vocalia: 'VRFE',
      ambito: 'JDE',
      entidad: '03',
      distrito: 2,
      circunscripcion: 1,
      ejesInteres: ['liderazgo'],
      status: 'pending',
      pendingReason: 'noRoster',
      emailVerified: false,
      consent: { accepted: true, version: CONSENT_VERSION },
    });
    expect(await s.audit.list({ action: 'member.register', target: key })).toHaveLength(1);

    from = client.messages.length;
    await client.send(conv, { from: pg.currentUserId, text: 'mis datos' });
    const mine = await client.waitFor(conv, (x) => cardText(x).includes('Mis datos'), from);
    expect(cardText(mine)).toContain('Pendiente de validación');
  });
});
