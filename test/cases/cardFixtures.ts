import type { CardJson } from '../../src/cards/render.js';
import { renderCaseNoteCard } from '../../src/cards/cases.js';
import { barrierCard, confidentialIntroCard, confidentialMemberNoticeCard, confidentialNoticeCard, contactCard, memberCaseCard, staffCaseCard } from '../../src/features/cases/views.js';
import type { CaseDoc } from '../../src/services/cases/index.js';

/** Fixtures of the cases cards (consultas, confidential accompaniment, barrier reports), merged into test/fixtures/cardFixtures.ts. */
const at = new Date('2026-12-01T16:00:00Z');
const consulta: CaseDoc = {
  _id: '2026:consulta:12',
  editionId: '2026',
  kind: 'consulta',
  folio: 12,
  personKey: 'aad:00000000-0000-0000-0000-000000000001',
  name: 'Adriana Pérez',
  subject: 'No puedo ver mi grupo',
  category: 'tecnico',
  messages: [
    { by: 'member', at, text: 'Cuando escribo «mi grupo» no aparece nada.' },
    { by: 'staff', staffKey: 'aad:x', at: new Date('2026-12-02T16:00:00Z'), text: 'Revisamos su registro; ya puede verlo.' },
  ],
  status: 'open',
  createdAt: at,
  updatedAt: at,
  reminders: 0,
};
const confidential: CaseDoc = { ...consulta, _id: '2026:acompanamiento:27', kind: 'acompanamiento', folio: 27, messages: [{ by: 'member', at, text: 'Necesito orientación.' }] };
delete confidential.subject;
delete confidential.category;
const holidays = new Set<string>();

export const CASE_CARD_FIXTURES: Record<string, () => CardJson[]> = {
  caseContact: () => [contactCard()],
  confidentialIntro: () => [
    confidentialIntroCard({ complaints: { reference: 'la Dirección Jurídica del Instituto', url: 'https://intranet.ine.example/quejas' } }),
    confidentialIntroCard({ complaints: { reference: 'las instancias formales de queja y denuncia del Instituto' } }),
  ],
  caseStaff: () => [staffCaseCard(consulta, at, holidays), staffCaseCard({ ...consulta, status: 'closed' }, at, holidays), staffCaseCard(confidential, at, holidays)],
  caseMember: () => [memberCaseCard(consulta, 'America/Mexico_City'), memberCaseCard(confidential, 'America/Tijuana'), memberCaseCard({ ...consulta, status: 'closed' }, 'America/Mexico_City')],
  confidentialNotice: () => [confidentialNoticeCard(confidential, 'Nueva solicitud confidencial, folio 27', 'Ábrala en este chat.')],
  confidentialMemberNotice: () => [confidentialMemberNoticeCard(confidential, 'Respuesta a su solicitud confidencial · folio 27')],
  barrierReport: () => [barrierCard()],
  caseNote: () => [renderCaseNoteCard({ title: 'Consulta enviada', paragraphs: ['Recibimos su consulta con el folio **12**.'] })],
};
