import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cards/verbs.js';
import { AUDIT_COLLECTION } from '../../src/services/registration/audit.js';
import { ana } from '../helpers/activities.js';
import { cardSentTo, cardText, EDITION, electionKit, SPACE_CONVERSATION, submitsOf, type ElectionKit, type Person } from './featureSupport.js';

/** Issue 10: "cargo asignar" (an offer she accepts or declines) and "cargo renunciar", announced in the space. */
describe('elections: role assignment and renouncing', () => {
  let k: ElectionKit;
  let g1: Person[];
  let g2: Person[];
  beforeEach(async () => {
    k = await electionKit();
    g1 = k.groups.get(1)!;
    g2 = k.groups.get(2)!;
  });
  afterEach(async () => k.close());

  const spaceTexts = () => k.notifier.conversations.filter((c) => c.ref.conversation.id === SPACE_CONVERSATION).map((c) => c.message.text ?? '');

  it('an offer she accepts makes her the holder; the space is told; "mi grupo" shows it; she can renounce', async () => {
    const [a] = g1 as [Person];
    expect(await k.say(ana, `cargo asignar grupo 1 representante ${a.correo}`)).toMatch(new RegExp(`Se envió a \\*\\*${a.nombre}\\*\\* el ofrecimiento del cargo de representante del Grupo 1`));
    const offer = cardSentTo(k.notifier, 'cargo-ofrecimiento:', a.key)!;
    expect(cardText(offer)).toMatch(/le ofrece el cargo de representante del Grupo 1/);
    // Someone else pressing her card has no offer.
    const yes = submitsOf(offer).find((d) => d.accept === true)!;
    expect(await k.click(g1[1]!, yes)).toMatch(/Ya no hay un ofrecimiento de ese cargo para usted/);
    expect(await k.click(a, yes, 'offer-card')).toMatch(/Aceptó el cargo de representante del Grupo 1/);
    expect(k.updates.find((u) => u.id === 'offer-card')?.text).toMatch(/Aceptó el cargo/);
    expect(await k.core.services.elections.holds(EDITION, a.key, 1, 'representante')).toBe(true);
    expect(spaceTexts().some((t) => t.includes(`**${a.nombre}** es ahora representante del Grupo 1`))).toBe(true);
    expect(await k.say(g1[1]!, 'mi grupo')).toContain(`Representante: ${a.nombre}`);
    // A second press is refused (the offer was used).
    expect(await k.click(a, yes)).toMatch(/Ya no hay un ofrecimiento/);

    expect(await k.say(a, 'cargo renunciar')).toMatch(/Renunció al cargo de representante/);
    expect(await k.core.services.elections.holds(EDITION, a.key, 1)).toBe(false);
    expect(spaceTexts().some((t) => t.includes(`**${a.nombre}** renunció al cargo de representante del Grupo 1`))).toBe(true);
    expect(await k.say(g1[1]!, 'mi grupo')).toContain('Representante: sin asignar');
    expect(await k.say(a, 'cargo renunciar')).toMatch(/No ocupa ningún cargo de grupo/);
    const actions = (await k.store.collection<{ _id: string; action: string }>(AUDIT_COLLECTION).find({})).map((x) => x.action);
    expect(actions).toEqual(expect.arrayContaining(['role.offer', 'role.offer.answer', 'role.assign', 'role.renounce']));
  });

  it('a replacement: the new holder accepts and the one she replaces is told 1:1', async () => {
    const [a, b] = g1 as [Person, Person];
    const accept = async (p: Person) => {
      const offers = k.notifier.people.filter((x) => x.broadcastId.startsWith('cargo-ofrecimiento:') && x.recipients.some((r) => r.personKey === p.key));
      const card = offers.at(-1)!.recipients[0]!.message.cards![0] as Record<string, unknown>;
      return k.click(p, submitsOf(card).find((d) => d.accept === true)!);
    };
    await k.say(ana, `cargo asignar grupo 1 representante ${a.correo}`);
    expect(await accept(a)).toMatch(/Aceptó el cargo/);
    expect(k.notifier.people.some((x) => x.kind === 'role-replaced')).toBe(false);
    await k.say(ana, `cargo asignar grupo 1 representante ${b.correo}`);
    expect(await accept(b)).toMatch(/Aceptó el cargo/);
    expect(await k.core.services.elections.holds(EDITION, b.key, 1, 'representante')).toBe(true);
    expect(await k.core.services.elections.holds(EDITION, a.key, 1)).toBe(false);
    const told = k.notifier.people.filter((x) => x.kind === 'role-replaced');
    expect(told).toHaveLength(1);
    expect(told[0]!.recipients.map((r) => r.personKey)).toEqual([a.key]);
    expect(told[0]!.recipients[0]!.message.text).toContain(`a **${b.nombre}**, quien lo aceptó; usted ya no lo ocupa`);
  });

  it('a declined offer leaves the role vacant and tells the administrator', async () => {
    const [a] = g1 as [Person];
    await k.say(ana, `cargo asignar grupo 1 secretaria ${a.correo}`);
    const no = submitsOf(cardSentTo(k.notifier, 'cargo-ofrecimiento:', a.key)!).find((d) => d.accept === false)!;
    expect(await k.click(a, no)).toMatch(/Declinó el ofrecimiento/);
    expect(await k.core.services.elections.holds(EDITION, a.key, 1)).toBe(false);
    const told = k.notifier.people.find((b) => b.kind === 'role-offer-declined')!;
    expect(told.recipients[0]!.personKey).toBe(`aad:${ana.aadObjectId!}`);
  });

  it('refusals: someone of another group, an unknown email, a wrong shape, a role in play, a forged offer answer', async () => {
    expect(await k.say(ana, `cargo asignar grupo 1 representante ${g2[0]!.correo}`)).toMatch(/no es integrante del grupo/);
    expect(await k.say(ana, 'cargo asignar grupo 1 representante nadie@ine.mx')).toMatch(/No encontré a una integrante validada/);
    expect(await k.say(ana, 'cargo asignar grupo 1 tesorera x@ine.mx')).toMatch(/Uso: \*\*cargo asignar/);
    await k.say(ana, 'elecciones abrir grupo 1');
    expect(await k.say(ana, `cargo asignar grupo 1 representante ${g1[0]!.correo}`)).toMatch(/ya tiene una elección en curso/);
    expect(await k.click(g2[0]!, { verb: VERBS.roleOfferAnswer, editionId: EDITION, group: 1, role: 'representante', accept: true })).toMatch(/Ya no hay un ofrecimiento/);
    expect(await k.click(g2[0]!, { verb: VERBS.roleOfferAnswer, editionId: EDITION, group: 1, role: 'presidenta', accept: true })).toMatch(/No pude procesar los datos de esa tarjeta/);
  });
});
