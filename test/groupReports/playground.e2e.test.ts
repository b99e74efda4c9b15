import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaygroundApp } from '../support/playgroundApp.js';
import type { PlaygroundMessage } from '../support/playgroundClient.js';
import { cardNodes, cardsText, confirmGroupsWithChannel, seedMembers, startPlaygroundWithEdition, E2E_EDITION } from '../support/playgroundEdition.js';
import { VERBS } from '../../src/cards/verbs.js';
import { memberId, type MemberRecord } from '../../src/domain/member.js';
import { HOLDERS_COLLECTION, type RoleHolding } from '../../src/services/elections/index.js';
import { GROUP_REPORTS_COLLECTION } from '../../src/services/groupReports/index.js';

/**
 * Issue 13 end to end through the Agents Playground (real app, real delivery engine): the Playground's current
 * user (Alex Wilber) is UTIGyND and the secretaria of her group (another member, who never talked to the bot, is
 * the representante). She fills the report and sends it to review; she gives up the secretaría and UTIGyND (she
 * herself) assigns her the representación, which she accepts on the offer card; as representante she approves and
 * delivers it; as UTIGyND she accepts it; «estado» counts it accepted; «informe general» offers the DOCX.
 */
describe('group report and general report end to end through the Agents Playground', () => {
  let e2e: PlaygroundApp;
  let myGroup: number;
  let email: string;

  beforeAll(async () => {
    e2e = await startPlaygroundWithEdition('groupReports');
    const members: MemberRecord[] = await seedMembers(e2e, { count: 8, seed: 31, keyBase: 950 });
    myGroup = await confirmGroupsWithChannel(e2e, members, 2);
    const me = members[0]!;
    email = me.correo;
    const sets = await e2e.app.store.collection<{ _id: string; assignment: Record<string, number> }>('groupSets').find({});
    const assignment = sets.find((s) => s.assignment && Object.keys(s.assignment).length > 0)!.assignment;
    const companion = members.find((m) => m.personKey !== me.personKey && assignment[memberId(E2E_EDITION, m.personKey)] === myGroup)!;
    // The roles as an election would have left them (setup, like the seeded members).
    const since = new Date();
    await e2e.app.store.collection<RoleHolding>(HOLDERS_COLLECTION).insertMany([
      { _id: `${E2E_EDITION}:${me.personKey}`, editionId: E2E_EDITION, group: myGroup, role: 'secretaria', personKey: me.personKey, how: 'assigned', since, by: 'aad:setup' },
      { _id: `${E2E_EDITION}:${companion.personKey}`, editionId: E2E_EDITION, group: myGroup, role: 'representante', personKey: companion.personKey, how: 'assigned', since, by: 'aad:setup' },
    ]);
  });

  afterAll(async () => e2e?.close());

  const cardOf = (m: PlaygroundMessage): unknown => m.attachments?.[0]?.content;
  const submitData = (m: PlaygroundMessage, verb: string): Record<string, unknown> => {
    const found = cardNodes(cardOf(m), 'Action.Submit').map((a) => a.data as Record<string, unknown>).find((d) => d?.verb === verb);
    if (!found) throw new Error(`no ${verb} button on ${cardsText(m).slice(0, 400)}`);
    return found;
  };

  it('secretaria sends, representante approves, UTIGyND accepts, «estado» reflects it, «informe general» offers the file', async () => {
    const { client, pg } = e2e;
    const me = pg.personalConversationId;
    const say = async (text: string, until: (m: PlaygroundMessage) => boolean, timeout = 20_000): Promise<PlaygroundMessage> => {
      const from = client.messages.length;
      await client.send(me, { from: pg.currentUserId, text });
      return client.waitFor(me, until, from, timeout);
    };
    const press = async (card: PlaygroundMessage, value: Record<string, unknown>, until: (m: PlaygroundMessage) => boolean): Promise<PlaygroundMessage> => {
      const from = client.messages.length;
      await client.submit(me, pg.currentUserId, card.messageId ?? '', value);
      return client.waitFor(me, until, from, 20_000);
    };
    const saying = (s: string) => (m: PlaygroundMessage) => (m.text ?? '').includes(s);

    // The secretaria's form, filled and sent to review.
    const form = await say('informe', (m) => cardsText(m).includes(`Informe del grupo ${myGroup}`));
    await press(
      form,
      {
        ...submitData(form, VERBS.groupReportSubmit),
        summary: 'Trabajamos liderazgo y negociación en proceso electoral.',
        achievements: 'Una red de apoyo entre vocales de la circunscripción.',
        agreements: 'Sesionar cada mes.',
        barrier0: 'Horarios de reuniones incompatibles con el cuidado.',
        proposals: 'Horarios de capacitación compatibles con la corresponsabilidad.',
      },
      saying('se envió a la representante'),
    );
    const report = await e2e.app.store.collection<{ _id: string; state: string; group: number }>(GROUP_REPORTS_COLLECTION).find({ group: myGroup });
    expect(report.map((r) => r.state)).toContain('en_revision');

    // She gives up the secretaría; as UTIGyND she offers herself the representación and accepts it on the card.
    await say('cargo renunciar', saying('Renunció al cargo de secretaria'));
    const from = client.messages.length;
    await client.send(me, { from: pg.currentUserId, text: `cargo asignar grupo ${myGroup} representante ${email}` });
    const offer = await client.waitFor(me, (m) => m.kind === 'create' && cardsText(m).includes('Acepto el cargo'), from, 30_000);
    const accept = cardNodes(cardOf(offer), 'Action.Submit').find((a) => a.title === 'Acepto el cargo')!;
    await press(offer, accept.data as Record<string, unknown>, (m) => (m.text ?? '').includes('Aceptó el cargo de representante') || cardsText(m).includes('Aceptó el cargo de representante'));

    // As representante: the review card, approve and deliver.
    const review = await say('informe', (m) => cardsText(m).includes('Aprobar y entregar a la UTIGyND'));
    expect(cardsText(review)).toContain('Horarios de reuniones incompatibles con el cuidado.');
    await press(review, submitData(review, VERBS.groupReportApprove), saying(`el informe del grupo ${myGroup} se entregó a la UTIGyND`));

    // As UTIGyND: accept.
    const adminReview = await say(`informe revisar ${myGroup}`, (m) => cardsText(m).includes('Devolver con observaciones'));
    await press(adminReview, submitData(adminReview, VERBS.groupReportAccept), saying(`el informe del grupo ${myGroup} quedó aceptado`));

    // «estado» counts it.
    const status = await say('estado', (m) => `${m.text ?? ''}${cardsText(m)}`.includes('Informes de grupo'));
    expect(`${status.text ?? ''}${cardsText(status)}`).toContain('1 aceptado');

    // «informe general»: the DOCX is offered through the file flow (in local mode, a consent card by id).
    const mark = client.messages.length;
    await say('informe general', saying('está listo para aceptarse'), 60_000);
    const isConsent = (a: { contentType?: string }) => a.contentType === 'application/vnd.microsoft.teams.card.file.consent';
    const consent = await client.waitFor(me, (m) => (m.attachments ?? []).some(isConsent), mark, 20_000);
    const content = consent.attachments!.find(isConsent)!.content as { description: string; sizeInBytes: number };
    expect(content.description).toContain('Informe general');
    expect(content.sizeInBytes).toBeGreaterThan(10_000);
  }, 240_000);
});
