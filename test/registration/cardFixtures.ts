import type { CardJson } from '../../src/cards/render.js';
import { renderInvitationCard } from '../../src/cards/editions.js';
import { renderPendingQueueCard } from '../../src/cards/pending.js';
import {
  profileFacts,
  renderConsentCard,
  renderDoneCard,
  renderMemberConfirmCard,
  renderMemberDataCard,
  renderProfileCard,
  renderSummaryCard,
} from '../../src/cards/registration.js';
import { VERBS } from '../../src/cards/verbs.js';
import { loadDefaultCatalog } from '../../src/data/defaultCatalog.js';
import type { MemberRecord } from '../../src/domain/member.js';
import { CONSENT_VERSION, NETWORK_RULES, PRIVACY_SUMMARY } from '../../src/domain/registration.js';

/** Fixtures of the registration cards, spread into test/fixtures/cardFixtures.ts. */
const catalog = loadDefaultCatalog();
const forKey = 'aad:00000000-0000-0000-0000-0000000000a1';
const profile = {
  nombre: 'Ana López ${Pérez}',
  correo: 'ana.lopez@ine.mx',
  vocalia: 'VE',
  ambito: 'JDE' as const,
  entidad: '09',
  distrito: 5,
  circunscripcion: 4,
  ejesInteres: ['liderazgo'],
  accesibilidad: 'Subtítulos',
};
const member: MemberRecord = {
  _id: `2026:${forKey}`,
  editionId: '2026',
  personKey: forKey,
  aadObjectId: '00000000-0000-0000-0000-0000000000a1',
  userId: '29:ana',
  ...profile,
  consent: { accepted: true, at: new Date('2026-12-02T17:00:00Z'), version: CONSENT_VERSION },
  status: 'pending',
  pendingReason: 'noRoster',
  rosterMatch: false,
  createdAt: new Date('2026-12-02T17:00:00Z'),
  updatedAt: new Date('2026-12-02T17:00:00Z'),
};
const calendar = [
  { label: 'Reunión nacional de apertura', date: '20 de enero de 2027' },
  { label: 'Primera sesión grupal', date: '10 de febrero de 2027' },
];

export const REGISTRATION_CARD_FIXTURES: Record<string, () => CardJson[]> = {
  regConsent: () => [
    renderConsentCard({ title: 'Registro en la Red de Coaching 2026', privacySummary: PRIVACY_SUMMARY, rules: NETWORK_RULES, privacyNoticeUrl: 'https://example.org/aviso', version: CONSENT_VERSION, forKey }),
  ],
  regProfile: () => [
    renderProfileCard({ title: 'Registro', subtitle: 'Paso 2 de 3', values: {}, errorsText: '', submitTitle: 'Revisar', forKey }, catalog),
    renderProfileCard(
      {
        title: 'Registro',
        subtitle: 'Paso 2 de 3',
        values: { nombre: 'Ana', correo: 'ana@ine.mx', vocalia: 'VE', ambito: 'JDE', entidad: '09', distrito: '5', aniosSpen: '3', ejes: 'liderazgo,competencias', accesibilidad: 'x' },
        errorsText: '- **Distrito federal**: fuera de rango',
        submitTitle: 'Revisar',
        forKey,
      },
      catalog,
    ),
  ],
  regSummary: () => [
    renderSummaryCard({ title: 'Revise sus datos', intro: 'Paso 3 de 3', facts: profileFacts(profile, catalog), note: 'Nota', confirmTitle: 'Confirmar registro', forKey }),
    renderSummaryCard({ title: 'Revise sus datos', intro: '', facts: profileFacts({ ...profile, ambito: 'JLE', distrito: undefined, ejesInteres: [], accesibilidad: undefined }, catalog), note: '', confirmTitle: 'Guardar', forKey }),
  ],
  regDone: () => [
    renderDoneCard({ title: 'Registro recibido', statusText: 'Validado', nextSteps: 'Siguiente', calendar, supportContact: 'la UTIGyND' }),
    renderDoneCard({ title: 'Registro recibido', statusText: 'Pendiente', nextSteps: 'Siguiente', calendar: [], supportContact: 'la UTIGyND' }),
  ],
  memberData: () => [
    renderMemberDataCard({ editionName: 'Red 2026', member, hasPendingChange: true, canUpdate: true }, catalog),
    renderMemberDataCard({ editionName: 'Red 2026', member: { ...member, status: 'rejected', statusReason: 'Sin plaza' }, hasPendingChange: false, canUpdate: false }, catalog),
    // Her group (issue 9): companions and the space's link; a group without companions or space; a note instead.
    renderMemberDataCard(
      {
        editionName: 'Red 2026',
        member: { ...member, status: 'validated' },
        hasPendingChange: false,
        canUpdate: true,
        group: {
          group: 3,
          companions: [
            { nombre: 'Berta Ruiz', vocalia: 'Vocalía Secretarial', entidad: 'Oaxaca' },
            { nombre: 'Carla Díaz', vocalia: 'Vocalía Ejecutiva', entidad: 'Puebla' },
          ],
          companionsToggle: 'Ver u ocultar a sus 2 compañeras',
          space: { text: 'Canal «Grupo 3» en Teams.', url: 'https://teams.microsoft.com/l/channel/19%3Aabc%40thread.tacv2/General?tenantId=tid', openTitle: 'Abrir el canal' },
        },
      },
      catalog,
    ),
    renderMemberDataCard(
      {
        editionName: 'Red 2026',
        member: { ...member, status: 'validated' },
        hasPendingChange: false,
        canUpdate: true,
        group: { group: 1, companions: [], companionsToggle: '', space: { text: 'Se le avisará en cuanto el grupo tenga su espacio en Teams.', url: '', openTitle: '' } },
      },
      catalog,
    ),
    renderMemberDataCard(
      { editionName: 'Red 2026', member: { ...member, status: 'validated' }, hasPendingChange: false, canUpdate: true, group: { note: 'La UTIGyND aún no confirma los grupos.' } },
      catalog,
    ),
  ],
  memberConfirm: () => [
    renderMemberConfirmCard({ title: 'Darme de baja', paragraphs: ['Uno', 'Dos'], confirmTitle: 'Sí, darme de baja', cancelTitle: 'No', confirmVerb: VERBS.regWithdrawConfirm, forKey }),
  ],
  pendingQueue: () => [
    renderPendingQueueCard({
      editionName: 'Red 2026',
      notice: 'Listo: aprobé el registro de Dora ${Ibarra}.',
      summary: '2 registros pendientes',
      conflicts: ['Vocalía Ejecutiva, JDE 05 de Ciudad de México: Ana, Berta'],
      items: [
        { memberId: member._id, nombre: 'Ana', facts: profileFacts(profile, catalog) },
        { memberId: '2026:aad:b', nombre: 'Berta', facts: [{ title: 'Correo', value: 'b@ine.mx' }] },
      ],
      changes: [{ requestId: 'r1', nombre: 'Carla', facts: [{ title: 'Nombre', value: 'Carla R.' }] }],
      moreText: 'Y 3 más.',
    }),
    renderPendingQueueCard({ editionName: 'Red 2026', notice: '', summary: 'Nada pendiente', conflicts: [], items: [], changes: [], moreText: '' }),
  ],
  invitation: () => [
    renderInvitationCard({ editionName: 'Red 2026', windowText: 'Abierta hasta el 15 de diciembre', calendar, supportContact: 'la UTIGyND', privacyNoticeUrl: 'https://example.org/aviso' }),
    renderInvitationCard({ editionName: 'Red 2026', windowText: 'Abierta', calendar: [], supportContact: 'la UTIGyND', privacyNoticeUrl: 'https://example.org/aviso' }),
  ],
};
