import { BARRIER_CATEGORIES, type BarrierCategory } from '../barriers.js';

/**
 * Group reports (informe de grupo, issue 13): the state machine and the rules of the content. Pure.
 *
 * States: sin_iniciar → borrador → en_revision → entregado → aceptado; en_revision → devuelto (the
 * representante returns it with a comment) and entregado → devuelto (UTIGyND returns it with observations).
 * A delivered version (entregado, aceptado) is immutable; a returned one (devuelto) is kept as it was and any
 * further edit or submission opens a NEW version, copied from it. Who may do what is part of the table:
 * the group's secretaria and representante write; only the representante approves or returns; only UTIGyND
 * accepts or returns a delivered report.
 */
export const REPORT_STATES = ['sin_iniciar', 'borrador', 'en_revision', 'entregado', 'devuelto', 'aceptado'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export const REPORT_ACTIONS = ['save', 'submit', 'approve', 'returnByRep', 'accept', 'returnByAdmin'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

export type ReportActor = 'secretaria' | 'representante' | 'admin';

export type TransitionRefusal = 'notAllowed' | 'inReview' | 'delivered' | 'notInReview' | 'notDelivered' | 'alreadyAccepted';

export type TransitionResult = { ok: true; next: ReportState; newVersion: boolean } | { ok: false; code: TransitionRefusal };

const WRITERS: readonly ReportActor[] = ['secretaria', 'representante'];
const WHO: Readonly<Record<ReportAction, readonly ReportActor[]>> = {
  save: WRITERS,
  submit: WRITERS,
  approve: ['representante'],
  returnByRep: ['representante'],
  accept: ['admin'],
  returnByAdmin: ['admin'],
};

/** A version whose content can no longer change. */
export const isFrozen = (state: ReportState): boolean => state === 'entregado' || state === 'aceptado' || state === 'devuelto';
/** Delivered to UTIGyND (what the sessions feature needs to lock minutes). */
export const isDelivered = (state: ReportState): boolean => state === 'entregado' || state === 'aceptado';

/** The state machine: what `action` by `actor` does to a report in `state`. */
export function transition(state: ReportState, action: ReportAction, actor: ReportActor): TransitionResult {
  if (!WHO[action].includes(actor)) return { ok: false, code: 'notAllowed' };
  switch (action) {
    case 'save':
    case 'submit': {
      const next: ReportState = action === 'save' ? 'borrador' : 'en_revision';
      if (state === 'sin_iniciar' || state === 'borrador') return { ok: true, next, newVersion: state === 'sin_iniciar' };
      if (state === 'devuelto') return { ok: true, next, newVersion: true };
      if (state === 'en_revision') return { ok: false, code: 'inReview' };
      return { ok: false, code: 'delivered' };
    }
    case 'approve':
    case 'returnByRep':
      if (state !== 'en_revision') return { ok: false, code: isDelivered(state) ? 'delivered' : 'notInReview' };
      return { ok: true, next: action === 'approve' ? 'entregado' : 'devuelto', newVersion: false };
    case 'accept':
    case 'returnByAdmin':
      if (state === 'aceptado') return { ok: false, code: 'alreadyAccepted' };
      if (state !== 'entregado') return { ok: false, code: 'notDelivered' };
      return { ok: true, next: action === 'accept' ? 'aceptado' : 'devuelto', newVersion: false };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Content

export const REPORT_LIMITS = {
  /** Characters per free-text field. */
  text: 4000,
  /** Characters per barrier category. */
  barrier: 1500,
  /** Characters of a return comment. */
  comment: 1000,
  /** Bytes of the optional attachment. */
  attachmentBytes: 5 * 1024 * 1024,
  /** Accepted attachment extensions. */
  attachmentExtensions: ['docx', 'pdf'] as readonly string[],
} as const;

export interface ReportContent {
  summary: string;
  achievements: string;
  agreements: string;
  barriers: Partial<Record<BarrierCategory, string>>;
  proposals: string;
}

export const emptyContent = (): ReportContent => ({ summary: '', achievements: '', agreements: '', barriers: {}, proposals: '' });

export type ContentIssue = { field: string; problem: 'tooLong' | 'required' };

const TEXT_FIELDS = ['summary', 'achievements', 'agreements', 'proposals'] as const;

/** Normalises a draft (trim, drop empty barriers) and lists what is wrong; `forSubmit` requires a summary. */
export function checkContent(raw: ReportContent, forSubmit: boolean): { content: ReportContent; issues: ContentIssue[] } {
  const issues: ContentIssue[] = [];
  const content = emptyContent();
  for (const f of TEXT_FIELDS) {
    const v = raw[f].trim();
    if (v.length > REPORT_LIMITS.text) issues.push({ field: f, problem: 'tooLong' });
    content[f] = v;
  }
  for (const c of BARRIER_CATEGORIES) {
    const v = (raw.barriers[c] ?? '').trim();
    if (v.length > REPORT_LIMITS.barrier) issues.push({ field: `barriers.${c}`, problem: 'tooLong' });
    if (v) content.barriers[c] = v;
  }
  if (forSubmit && !content.summary) issues.push({ field: 'summary', problem: 'required' });
  return { content, issues };
}

/** What an attachment's first bytes say it is (DOCX is a ZIP container; PDF starts with %PDF-). */
export function sniffAttachment(data: Uint8Array): 'docx' | 'pdf' | undefined {
  if (data.length >= 5 && data[0] === 0x25 && data[1] === 0x50 && data[2] === 0x44 && data[3] === 0x46 && data[4] === 0x2d) return 'pdf';
  if (data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04) return 'docx';
  return undefined;
}

export type AttachmentCheck = { ok: true; extension: 'docx' | 'pdf' } | { ok: false; problem: 'type' | 'size' | 'empty' };

/** An attachment is accepted when its name and content agree on DOCX or PDF and it is not too big. */
export function checkAttachment(name: string, data: Uint8Array): AttachmentCheck {
  if (data.length === 0) return { ok: false, problem: 'empty' };
  if (data.length > REPORT_LIMITS.attachmentBytes) return { ok: false, problem: 'size' };
  const ext = /\.([^./\\]+)$/.exec(name.trim())?.[1]?.toLowerCase();
  const kind = sniffAttachment(data);
  if (!kind || ext !== kind) return { ok: false, problem: 'type' };
  return { ok: true, extension: kind };
}

// ---------------------------------------------------------------------------------------------------------
// Prefill

export interface PrefillSession {
  date: Date;
  state: 'held' | 'scheduled' | 'cancelled';
  topic?: string;
  invited: number;
  attended: number;
}

export interface PrefillMinutes {
  topicsCovered: readonly string[];
  barriers: readonly { category: BarrierCategory; text: string }[];
}

export interface ReportPrefill {
  /** undefined when the sessions feature is not available ("sin datos"). */
  sessions?: { held: PrefillSession[]; attendanceRate: number | null };
  /** Topics of the work plan (undefined: no plan yet). */
  planTopics?: string[];
  /** Topics the minutes say were covered (undefined: no sessions feature). */
  minutesTopics?: string[];
  /** Barriers from the minutes by category (undefined: no sessions feature). */
  minutesBarriers?: Partial<Record<BarrierCategory, string[]>>;
}

/** Compiles what the bot already knows for a group's report form. */
export function compilePrefill(input: {
  sessions?: readonly PrefillSession[];
  minutes?: readonly PrefillMinutes[];
  planTopics?: readonly string[];
}): ReportPrefill {
  const out: ReportPrefill = {};
  if (input.sessions) {
    const held = input.sessions.filter((s) => s.state === 'held').sort((a, b) => a.date.getTime() - b.date.getTime());
    const invited = held.reduce((n, s) => n + s.invited, 0);
    const attended = held.reduce((n, s) => n + s.attended, 0);
    out.sessions = { held, attendanceRate: invited > 0 ? attended / invited : null };
  }
  if (input.planTopics) out.planTopics = [...input.planTopics];
  if (input.minutes) {
    const topics = new Set<string>();
    const barriers: Partial<Record<BarrierCategory, string[]>> = {};
    for (const m of input.minutes) {
      for (const t of m.topicsCovered) if (t.trim()) topics.add(t.trim());
      for (const b of m.barriers) if (b.text.trim()) (barriers[b.category] ??= []).push(b.text.trim());
    }
    out.minutesTopics = [...topics];
    out.minutesBarriers = barriers;
  }
  return out;
}

/** The days before the due date on which groups whose report is not delivered are reminded. */
export const REMINDER_DAYS = [7, 2] as const;
