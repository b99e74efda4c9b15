import { randomUUID } from 'node:crypto';
import type { Store } from '../../store/types.js';
import { ensureTypedIndexes, typedCollection, type TypedCollection } from '../../store/typed.js';
import {
  checkAttachment,
  checkContent,
  emptyContent,
  isDelivered,
  REPORT_LIMITS,
  transition,
  type ContentIssue,
  type ReportAction,
  type ReportActor,
  type ReportContent,
  type ReportState,
  type TransitionRefusal,
} from '../../domain/groupReports/index.js';
import { BARRIER_CATEGORIES } from '../../domain/barriers.js';
import type { AuditInput } from '../registration/audit.js';
import type { GroupReportsSource, ReportGroupReport } from '../reporting/sources.js';

/**
 * Storage of the group reports (issue 13): one document per VERSION of a group's report (collection
 * 'groupReports'), the attachments apart ('groupReportFiles', base64). Every action goes through the state
 * machine of src/domain/groupReports/ and is audited ('groupReport.<action>'). A version is written with an
 * optimistic check on its `rev`, so a card made before another change (an old card) cannot overwrite it.
 * Roles are resolved by the caller (the feature, from the elections service) and passed as `role`.
 */
export const GROUP_REPORTS_COLLECTION = 'groupReports';
export const GROUP_REPORT_FILES_COLLECTION = 'groupReportFiles';

export interface ReportHistoryEntry {
  action: ReportAction;
  from: ReportState;
  to: ReportState;
  by: string;
  at: Date;
  comment?: string;
}

export interface ReportAttachment {
  fileId: string;
  name: string;
  extension: 'docx' | 'pdf';
  bytes: number;
}

export interface GroupReportDoc {
  /** `${editionId}:${group}:${version}` */
  _id: string;
  editionId: string;
  group: number;
  version: number;
  state: ReportState;
  /** +1 on every write of this version (cards carry it: an old card is refused). */
  rev: number;
  content: ReportContent;
  attachment?: ReportAttachment;
  /** The last return comment (representante or UTIGyND) and who returned it. */
  comment?: string;
  returnedBy?: 'representante' | 'admin';
  history: ReportHistoryEntry[];
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
  submittedAt?: Date;
  deliveredAt?: Date;
  acceptedAt?: Date;
}

export interface GroupReportFileDoc {
  _id: string;
  editionId: string;
  group: number;
  name: string;
  extension: 'docx' | 'pdf';
  bytes: number;
  /** base64 */
  data: string;
  uploadedBy: string;
  at: Date;
}

export type GroupReportErrorCode = TransitionRefusal | 'stale' | 'invalidContent' | 'commentRequired' | 'commentTooLong' | 'attachmentType' | 'attachmentSize' | 'attachmentEmpty';

export class GroupReportError extends Error {
  constructor(
    readonly code: GroupReportErrorCode,
    readonly issues: ContentIssue[] = [],
  ) {
    super(`group report refused: ${code}`);
    this.name = 'GroupReportError';
  }
}

export const GROUP_REPORT_AUDIT = (action: ReportAction | 'attach'): string => `groupReport.${action}`;

export interface GroupReportServiceDeps {
  store: Store;
  clock: () => Date;
  audit: { append(entry: AuditInput): Promise<unknown> };
}

export interface ActInput {
  editionId: string;
  group: number;
  action: ReportAction;
  actor: string;
  role: ReportActor;
  /** The version and rev the card was made from (absent for typed commands that act on the current one). */
  expected?: { version: number; rev: number };
  content?: ReportContent;
  comment?: string;
}

export interface ActResult {
  report: GroupReportDoc;
  from: ReportState;
}

const reportId = (editionId: string, group: number, version: number): string => `${editionId}:${group}:${version}`;

export class GroupReportService implements GroupReportsSource {
  private readonly reports: TypedCollection<GroupReportDoc>;
  private readonly files: TypedCollection<GroupReportFileDoc>;

  constructor(private readonly deps: GroupReportServiceDeps) {
    this.reports = typedCollection<GroupReportDoc>(deps.store, GROUP_REPORTS_COLLECTION);
    this.files = typedCollection<GroupReportFileDoc>(deps.store, GROUP_REPORT_FILES_COLLECTION);
  }

  async init(): Promise<void> {
    await ensureTypedIndexes<GroupReportDoc>(this.deps.store, GROUP_REPORTS_COLLECTION, [{ fields: ['editionId', 'group', 'version'], unique: true }]);
  }

  /** The current (latest) version of a group's report, or null when it was never started. */
  async current(editionId: string, group: number): Promise<GroupReportDoc | null> {
    const [doc] = await this.reports.find({ editionId, group }, { sort: { version: -1 }, limit: 1 });
    return doc ?? null;
  }

  /** Every version of a group's report, oldest first. */
  versions(editionId: string, group: number): Promise<GroupReportDoc[]> {
    return this.reports.find({ editionId, group }, { sort: { version: 1 } });
  }

  /** The current version of every started report of the edition, by group (one read). */
  async currentByGroup(editionId: string): Promise<Map<number, GroupReportDoc>> {
    const out = new Map<number, GroupReportDoc>();
    for (const doc of await this.reports.find({ editionId })) {
      const seen = out.get(doc.group);
      if (!seen || seen.version < doc.version) out.set(doc.group, doc);
    }
    return out;
  }

  /** The state of a group's report ('sin_iniciar' when never started). */
  async stateOf(editionId: string, group: number): Promise<ReportState> {
    return (await this.current(editionId, group))?.state ?? 'sin_iniciar';
  }

  /**
   * True once the group's report went to review or beyond (en revisión, entregado, aceptado): the sessions
   * feature locks the group's minutes then. A returned report unlocks them.
   */
  async isReportSubmitted(editionId: string, group: number): Promise<boolean> {
    const state = await this.stateOf(editionId, group);
    return state === 'en_revision' || isDelivered(state);
  }

  /** GroupReportsSource: the current version of every started report (general report, status). */
  async listReports(editionId: string): Promise<ReportGroupReport[]> {
    const byGroup = await this.currentByGroup(editionId);
    return [...byGroup.values()]
      .sort((a, b) => a.group - b.group)
      .map((d) => ({
        group: d.group,
        state: d.state,
        version: d.version,
        summary: d.content.summary,
        achievements: d.content.achievements,
        agreements: d.content.agreements,
        barriers: BARRIER_CATEGORIES.flatMap((category) => (d.content.barriers[category] ? [{ category, text: d.content.barriers[category] }] : [])),
        proposals: d.content.proposals,
        ...(d.deliveredAt ? { deliveredAt: d.deliveredAt } : {}),
        ...(d.acceptedAt ? { acceptedAt: d.acceptedAt } : {}),
        ...(d.attachment ? { attachmentName: d.attachment.name } : {}),
      }));
  }

  /** Runs one action of the state machine; refusals throw GroupReportError and change nothing. */
  async act(input: ActInput): Promise<ActResult> {
    const cur = await this.current(input.editionId, input.group);
    const from: ReportState = cur?.state ?? 'sin_iniciar';
    const t = transition(from, input.action, input.role);
    if (!t.ok) throw new GroupReportError(t.code);
    if (input.expected && cur && (input.expected.version !== cur.version || input.expected.rev !== cur.rev)) throw new GroupReportError('stale');
    if (input.expected && !cur && input.expected.version !== 0) throw new GroupReportError('stale');

    const now = this.deps.clock();
    let content = cur?.content ?? emptyContent();
    if (input.action === 'save' || input.action === 'submit') {
      const checked = checkContent(input.content ?? content, input.action === 'submit');
      if (checked.issues.length > 0) throw new GroupReportError('invalidContent', checked.issues);
      content = checked.content;
    }
    let comment: string | undefined;
    if (input.action === 'returnByRep' || input.action === 'returnByAdmin') {
      comment = (input.comment ?? '').trim();
      if (!comment) throw new GroupReportError('commentRequired');
      if (comment.length > REPORT_LIMITS.comment) throw new GroupReportError('commentTooLong');
    }
    const entry: ReportHistoryEntry = { action: input.action, from, to: t.next, by: input.actor, at: now, ...(comment ? { comment } : {}) };
    const stamps: Partial<GroupReportDoc> = {
      ...(t.next === 'en_revision' ? { submittedAt: now } : {}),
      ...(t.next === 'entregado' ? { deliveredAt: now } : {}),
      ...(t.next === 'aceptado' ? { acceptedAt: now } : {}),
      ...(comment ? { comment, returnedBy: input.action === 'returnByRep' ? ('representante' as const) : ('admin' as const) } : {}),
    };
    let report: GroupReportDoc;
    if (t.newVersion || !cur) {
      const version = (cur?.version ?? 0) + 1;
      report = {
        _id: reportId(input.editionId, input.group, version),
        editionId: input.editionId,
        group: input.group,
        version,
        state: t.next,
        rev: 1,
        content,
        ...(cur?.attachment ? { attachment: cur.attachment } : {}),
        history: [entry],
        createdAt: now,
        updatedAt: now,
        updatedBy: input.actor,
        ...stamps,
      };
      try {
        await this.reports.insertOne(report);
      } catch {
        // Another change created this version first: her card is now old.
        throw new GroupReportError('stale');
      }
    } else {
      report = { ...cur, ...stamps, state: t.next, rev: cur.rev + 1, content, history: [...cur.history, entry], updatedAt: now, updatedBy: input.actor };
      if (t.next !== 'devuelto') delete report.comment;
      const r = await this.reports.replaceOne({ _id: cur._id, rev: cur.rev }, report);
      if (r.matched !== 1) throw new GroupReportError('stale');
    }
    await this.deps.audit.append({
      actor: input.actor,
      action: GROUP_REPORT_AUDIT(input.action),
      target: `${input.editionId}:${input.group}`,
      editionId: input.editionId,
      before: { state: from, version: cur?.version ?? 0 },
      after: { state: report.state, version: report.version },
      details: { role: input.role, ...(comment ? { comment } : {}) },
    });
    return { report, from };
  }

  /**
   * Attaches (or replaces) the report's file: checked for type (name AND content say DOCX or PDF) and size
   * before anything is stored; allowed whenever she could save the report.
   */
  async attach(input: { editionId: string; group: number; actor: string; role: ReportActor; name: string; data: Buffer }): Promise<GroupReportDoc> {
    const check = checkAttachment(input.name, input.data);
    if (!check.ok) throw new GroupReportError(check.problem === 'type' ? 'attachmentType' : check.problem === 'size' ? 'attachmentSize' : 'attachmentEmpty');
    const cur = await this.current(input.editionId, input.group);
    const t = transition(cur?.state ?? 'sin_iniciar', 'save', input.role);
    if (!t.ok) throw new GroupReportError(t.code);
    // Opens the draft (or the new version of a returned report) first, so the file belongs to an editable one.
    const base = t.newVersion || !cur ? (await this.act({ editionId: input.editionId, group: input.group, action: 'save', actor: input.actor, role: input.role })).report : cur;
    const now = this.deps.clock();
    const fileId = randomUUID();
    const name = input.name.trim().slice(0, 200);
    await this.files.insertOne({ _id: fileId, editionId: input.editionId, group: input.group, name, extension: check.extension, bytes: input.data.length, data: input.data.toString('base64'), uploadedBy: input.actor, at: now });
    const attachment: ReportAttachment = { fileId, name, extension: check.extension, bytes: input.data.length };
    const r = await this.reports.updateOne({ _id: base._id, rev: base.rev, state: 'borrador' }, { $set: { attachment, updatedAt: now, updatedBy: input.actor }, $inc: { rev: 1 } });
    if (r.matched !== 1) {
      await this.files.deleteOne({ _id: fileId });
      throw new GroupReportError('stale');
    }
    await this.deps.audit.append({
      actor: input.actor,
      action: GROUP_REPORT_AUDIT('attach'),
      target: `${input.editionId}:${input.group}`,
      editionId: input.editionId,
      details: { version: base.version, name, bytes: input.data.length, extension: check.extension, replaced: base.attachment?.fileId ?? null },
    });
    return { ...base, attachment, rev: base.rev + 1, updatedAt: now, updatedBy: input.actor };
  }

  /** The bytes of an attachment of the edition (undefined when unknown). */
  async attachmentData(editionId: string, fileId: string): Promise<{ name: string; data: Buffer } | undefined> {
    const doc = await this.files.findOne({ _id: fileId, editionId });
    return doc ? { name: doc.name, data: Buffer.from(doc.data, 'base64') } : undefined;
  }
}
