import type { CardJson } from '../../src/cards/render.js';
import { renderDeliveryStatusCard } from '../../src/cards/delivery.js';
import {
  renderGroupNoticeCard,
  renderGroupRosterCard,
  renderGroupsActionConfirmCard,
  renderGroupSpaceNoticeCard,
  renderGroupsProposalCard,
  renderGroupsProposalMembersCard,
  renderMemberGroupCard,
} from '../../src/cards/groups.js';
import { VERBS } from '../../src/cards/verbs.js';

const members = [
  { nombre: 'Ana López', vocalia: 'Vocalía Ejecutiva', entidad: 'Jalisco' },
  { nombre: 'Berta Ruiz', vocalia: 'Vocalía Secretarial', entidad: 'Oaxaca' },
];
const channel = {
  text: 'Canal «Grupo 3» en Teams.',
  url: 'https://teams.microsoft.com/l/channel/19%3Aabc%40thread.tacv2/Grupo%203?groupId=7f1b&tenantId=tid',
  openTitle: 'Abrir el canal',
};
const noSpace = { text: 'Se le avisará en cuanto el grupo tenga su espacio en Teams.', url: '', openTitle: '' };

/** Fixtures of the groups and delivery cards, merged into test/fixtures/cardFixtures.ts. */
export const GROUP_CARD_FIXTURES: Record<string, () => CardJson[]> = {
  groupsProposal: () => [
    renderGroupsProposalCard({
      title: 'Propuesta de grupos · edición 2026',
      subtitle: '498 integrantes validadas en 14 grupos (semilla 1).',
      summary: [{ label: 'Tamaños', value: 'de 35 a 36 integrantes' }],
      legend: 'Abreviaturas: VE: Vocalía Ejecutiva · VS: Vocalía Secretarial.',
      groups: [
        // Large: collapsed list, linked space.
        {
          number: 1,
          header: '36 integrantes · VE 7, VS 7',
          space: 'Espacio en Teams: Canal «Grupo 1».',
          spaceUrl: channel.url,
          membersText: '- Ana López — VE, Jalisco\r- Berta Ruiz — VS, Oaxaca',
          membersNote: '',
          collapsed: true,
        },
        // Small: visible list, no space.
        { number: 2, header: '2 integrantes · VE 1, VS 1', space: 'Sin espacio en Teams.', spaceUrl: '', membersText: '- Carla Díaz — VE, Puebla', membersNote: '', collapsed: false },
        // Its list is in a follow-up card.
        { number: 3, header: '35 integrantes', space: 'Sin espacio en Teams.', spaceUrl: '', membersText: '', membersNote: 'Sus integrantes se listan en el mensaje siguiente.', collapsed: true },
      ],
      nextStep: 'Confirme con grupos confirmar.',
    }),
    renderGroupsProposalCard({ title: 'x', subtitle: 'y', summary: [], legend: 'l', groups: [], nextStep: 'z' }),
  ],
  groupsProposalMembers: () => [
    renderGroupsProposalMembersCard({
      title: 'Integrantes de los grupos · edición 2026',
      blocks: [
        { heading: 'Grupo 3', membersText: '- Ana López — VE, Jalisco\r- Berta Ruiz — VS, Oaxaca' },
        { heading: 'Grupo 4 (continuación)', membersText: '- Carla Díaz — VE, Puebla' },
      ],
    }),
  ],
  groupsActionConfirm: () => [
    renderGroupsActionConfirmCard({
      title: '¿Vincular este canal con el Grupo 2?',
      paragraphs: ['Este canal es ahora el espacio del Grupo 1.', 'Las integrantes del Grupo 2 recibirán el enlace.'],
      confirmTitle: 'Vincular con el Grupo 2',
      cancelTitle: 'Cancelar',
      confirmVerb: VERBS.linkGroupConfirm,
      editionId: '2026',
      group: 2,
      args: '',
    }),
    renderGroupsActionConfirmCard({
      title: '¿Proponer los grupos antes del cierre de la convocatoria?',
      paragraphs: ['La convocatoria sigue abierta.'],
      confirmTitle: 'Proponer de todos modos',
      cancelTitle: 'Cancelar',
      confirmVerb: VERBS.groupsProposeConfirm,
      editionId: '2026',
      group: 0,
      args: 'tamaño 30 semilla 2',
    }),
  ],
  groupNotice: () => [
    renderGroupNoticeCard({
      group: 3,
      name: 'Ana',
      edition: '2026',
      members,
      aloneNote: 'Por ahora es la única integrante.',
      space: channel,
      steps: [{ date: '20/01/2027', label: 'Reunión nacional de apertura' }],
      stepsNote: 'Hora del centro.',
    }),
    renderGroupNoticeCard({ group: 1, name: 'Ana', edition: '2026', members: [], aloneNote: 'Por ahora es la única integrante.', space: noSpace, steps: [], stepsNote: 'Sin fechas.' }),
  ],
  groupSpaceNotice: () => [
    renderGroupSpaceNoticeCard({ group: 3, name: 'Ana', edition: '2026', space: channel, note: 'Si no puede abrir el canal, pida a la UTIGyND que la agregue.' }),
    renderGroupSpaceNoticeCard({ group: 3, name: 'Ana', edition: '2026', space: { ...channel, url: '' }, note: 'Sin enlace.' }),
  ],
  memberGroup: () => [
    renderMemberGroupCard({
      group: 3,
      edition: '2026',
      members,
      aloneNote: 'Por ahora es la única integrante.',
      space: channel,
      roles: [
        { role: 'Representante', holder: 'Ana López' },
        { role: 'Secretaria', holder: 'sin asignar' },
      ],
      plan: [
        { titulo: 'Liderazgo y toma de decisiones', month: 'enero de 2027' },
        { titulo: 'Normatividad electoral vigente', month: 'febrero de 2027' },
      ],
      planNote: 'El grupo aún no confirma su plan de trabajo.',
    }),
    renderMemberGroupCard({ group: 1, edition: '2026', members: [], aloneNote: 'Por ahora es la única integrante.', space: noSpace, roles: [], plan: [], planNote: 'El grupo aún no confirma su plan de trabajo.' }),
  ],
  groupRoster: () => [renderGroupRosterCard({ group: 3, edition: '2026', members }), renderGroupRosterCard({ group: 1, edition: '2026', members: [] })],
  deliveryStatus: () => [
    renderDeliveryStatusCard({
      emptyNote: 'Último envío.',
      broadcasts: [
        {
          title: 'Aviso de grupos',
          state: 'en curso',
          counts: 'Total 3: enviados 2',
          errors: [{ text: 'La persona bloqueó la aplicación o la quitó (1). Qué hacer: pídale que la desbloquee.' }, { text: 'Teams limitó el envío; se reintentará (1).' }],
        },
      ],
      waitingTitle: 'Integrantes en espera de la aplicación',
      waitingNote: 'Pídales que abran la aplicación.',
      waiting: [{ line: 'Ana López (la persona no tiene chat con el bot): Aviso de grupos; en espera desde el 1 de marzo de 2027.' }],
      moreWaiting: 'Y 3 personas más.',
    }),
    renderDeliveryStatusCard({ emptyNote: 'Ninguno.', broadcasts: [], waitingTitle: 'En espera', waitingNote: 'Ninguna.', waiting: [], moreWaiting: '' }),
  ],
};
