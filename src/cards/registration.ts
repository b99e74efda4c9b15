import type { Catalog } from '../domain/catalog.js';
import { MEMBER_STATUS_LABELS, PENDING_REASON_LABELS, type MemberRecord } from '../domain/member.js';
import { FIELD_LABELS, formatDate, formatDateTime, type ProfileData, type ProfileInput } from '../domain/registration.js';
import type { GroupMemberLine, SpaceView } from './groups.js';
import { renderTemplate, type CardJson } from './render.js';
import type { CalendarItem, Fact } from './shared.js';
import { VERBS } from './verbs.js';

/**
 * Cards of registration and member self-service (src/features/registration/, dialogs/registration/; templates
 * in cards/registration/). One render function per template.
 * Text typed by people is passed as it is: renderTemplate escapes every data string.
 */

export interface Choice {
  title: string;
  value: string;
}

// --- regConsent ----------------------------------------------------------------------------------------

export interface ConsentCardData {
  /** "Registro en la Red de Coaching 2026" (dialogs/registration/texts.ts). */
  title: string;
  privacySummary: string;
  rules: readonly string[];
  privacyNoticeUrl: string;
  version: string;
  /** personKey the card is for (checked on submit). */
  forKey: string;
}

export function renderConsentCard(d: ConsentCardData): CardJson {
  return renderTemplate('regConsent', {
    title: d.title,
    privacySummary: d.privacySummary,
    rules: d.rules.map((text) => ({ text })),
    privacyNoticeUrl: d.privacyNoticeUrl,
    version: d.version,
    forKey: d.forKey,
    verbs: VERBS,
  });
}

// --- regProfile (the profile form) ---------------------------------------------------------------------

export interface ProfileCardData {
  title: string;
  subtitle: string;
  values: ProfileInput;
  /** Problems of the previous attempt, one per line (markdown). Empty when none. */
  errorsText: string;
  submitTitle: string;
  forKey: string;
}

/** Choices of the profile form from the catalog. */
export function catalogChoices(catalog: Catalog): { vocalias: Choice[]; ambitos: Choice[]; entidades: Choice[]; ejes: Choice[] } {
  return {
    vocalias: catalog.data.vocalias.map((v) => ({ title: v.nombre, value: v.clave })),
    ambitos: catalog.data.ambitos.map((a) => ({ title: a.nombre, value: a.clave })),
    entidades: catalog.data.entidades.map((e) => ({ title: e.nombre, value: e.clave })),
    ejes: catalog.data.ejesTematicos.map((e) => ({ title: e.nombre, value: e.clave })),
  };
}

export function renderProfileCard(d: ProfileCardData, catalog: Catalog): CardJson {
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.values)) values[k] = String(v ?? '');
  for (const k of ['nombre', 'correo', 'vocalia', 'ambito', 'entidad', 'distrito', 'aniosSpen', 'ejes', 'accesibilidad']) values[k] ??= '';
  return renderTemplate('regProfile', {
    title: d.title,
    subtitle: d.subtitle,
    hasErrors: d.errorsText !== '',
    errorsText: d.errorsText,
    values,
    ...catalogChoices(catalog),
    submitTitle: d.submitTitle,
    forKey: d.forKey,
    verbs: VERBS,
  });
}

// --- regSummary ----------------------------------------------------------------------------------------

/**
 * The facts that describe a profile, in the order of the form. Optional fields say "No indicó".
 * Also used by the pending queue (src/features/pending/) to describe requests.
 */
export function profileFacts(p: ProfileData, catalog: Catalog): Fact[] {
  const ejes = p.ejesInteres.map((k) => catalog.data.ejesTematicos.find((e) => e.clave === k)?.nombre ?? k);
  const entidad = catalog.entidad(p.entidad);
  return [
    { title: FIELD_LABELS.nombre, value: p.nombre },
    { title: FIELD_LABELS.correo, value: p.correo },
    { title: FIELD_LABELS.vocalia, value: catalog.findVocalia(p.vocalia)?.nombre ?? p.vocalia },
    { title: FIELD_LABELS.ambito, value: catalog.findAmbito(p.ambito)?.nombre ?? p.ambito },
    { title: FIELD_LABELS.entidad, value: entidad ? `${entidad.nombre} (circunscripción ${entidad.circunscripcion})` : p.entidad },
    { title: FIELD_LABELS.distrito, value: p.distrito !== undefined ? String(p.distrito) : 'No aplica (Junta Local)' },
    { title: FIELD_LABELS.aniosSpen, value: p.aniosSpen !== undefined ? String(p.aniosSpen) : 'No indicó' },
    { title: FIELD_LABELS.ejes, value: ejes.length ? ejes.join(', ') : 'No indicó' },
    { title: FIELD_LABELS.accesibilidad, value: p.accesibilidad || 'No indicó' },
  ];
}

export interface SummaryCardData {
  title: string;
  intro: string;
  facts: Fact[];
  note: string;
  confirmTitle: string;
  forKey: string;
}

export function renderSummaryCard(d: SummaryCardData): CardJson {
  return renderTemplate('regSummary', { ...d, hasNote: d.note !== '', verbs: VERBS });
}

// --- regDone -------------------------------------------------------------------------------------------

export interface DoneCardData {
  title: string;
  statusText: string;
  nextSteps: string;
  /** From calendarItems (./shared.ts). */
  calendar: CalendarItem[];
  supportContact: string;
}

export function renderDoneCard(d: DoneCardData): CardJson {
  return renderTemplate('regDone', { ...d, hasCalendar: d.calendar.length > 0 });
}

// --- memberData ("mis datos") --------------------------------------------------------------------------

/**
 * The "Mi grupo" section of "mis datos" (issue 9): her group once confirmed, or a note on why there is none
 * yet. Absent when there is nothing to say (e.g. a registration of a past edition).
 */
export type MemberDataGroup =
  | {
      group: number;
      /** Her companions, one per line ("Ana López — Vocalía Ejecutiva, Jalisco"); never herself. */
      companions: readonly GroupMemberLine[];
      /** Title of the button that shows or hides the companions ("Ver a sus 34 compañeras"). */
      companionsToggle: string;
      space: SpaceView;
    }
  | { note: string };

export interface MemberDataCardData {
  editionName: string;
  member: MemberRecord;
  hasPendingChange: boolean;
  canUpdate: boolean;
  group?: MemberDataGroup;
}

function groupSection(g: MemberDataGroup | undefined) {
  const empty = { title: '', space: '', spaceUrl: '', openTitle: '', companionsText: '', companionsToggle: '', note: '' };
  if (!g) return { ...empty, hasSection: false, has: false, hasNote: false, hasCompanions: false, hasSpaceUrl: false };
  if ('note' in g) return { ...empty, note: g.note, hasSection: true, has: false, hasNote: true, hasCompanions: false, hasSpaceUrl: false };
  return {
    ...empty,
    title: `Grupo ${g.group}`,
    space: g.space.text,
    spaceUrl: g.space.url,
    openTitle: g.space.openTitle,
    companionsText: g.companions.map((c) => `- ${c.nombre} — ${c.vocalia}, ${c.entidad}`).join('\r'),
    companionsToggle: g.companionsToggle,
    hasSection: true,
    has: true,
    hasNote: false,
    hasCompanions: g.companions.length > 0,
    hasSpaceUrl: g.space.url !== '',
  };
}

export function renderMemberDataCard(d: MemberDataCardData, catalog: Catalog): CardJson {
  const m = d.member;
  const facts = profileFacts(m, catalog);
  facts.push({ title: 'Fecha de registro', value: formatDate(m.createdAt) });
  let statusNote = '';
  if (m.status === 'pending') statusNote = `Motivo: ${m.pendingReason ? PENDING_REASON_LABELS[m.pendingReason] : 'revisión de la UTIGyND'}. La UTIGyND le avisará por este chat.`;
  if (m.status === 'rejected') statusNote = `Motivo: ${m.statusReason ?? 'no indicado'}`;
  if (m.status === 'withdrawn' && m.withdrawnAt) statusNote = `Se dio de baja el ${formatDate(m.withdrawnAt)}.`;
  return renderTemplate('memberData', {
    editionName: d.editionName,
    statusLabel: MEMBER_STATUS_LABELS[m.status],
    hasStatusNote: statusNote !== '',
    statusNote,
    facts,
    consentText: `Aceptó el aviso de privacidad y las reglas (versión ${m.consent.version}) el ${formatDateTime(m.consent.at)}.`,
    hasPendingChange: d.hasPendingChange,
    canUpdate: d.canUpdate,
    group: groupSection(d.group),
    verbs: VERBS,
  });
}

// --- memberConfirm (baja, borrar) ----------------------------------------------------------------------

export interface MemberConfirmCardData {
  title: string;
  paragraphs: string[];
  confirmTitle: string;
  cancelTitle: string;
  confirmVerb: typeof VERBS.regWithdrawConfirm | typeof VERBS.regEraseConfirm;
  forKey: string;
}

export function renderMemberConfirmCard(d: MemberConfirmCardData): CardJson {
  return renderTemplate('memberConfirm', { ...d, paragraphs: d.paragraphs.map((text) => ({ text })), verbs: VERBS });
}
