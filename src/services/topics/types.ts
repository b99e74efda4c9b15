import type { AuditInput } from '../registration/audit.js';
import type { GroupSetDoc } from '../groupSets.js';
import type { MemberRecord } from '../../domain/member.js';
import type { EjeRef, PlanItem, TemarioData, ValidationIssue, YearMonth } from '../../domain/topics/index.js';

/**
 * Shared shapes of the topics services (issue 10): stored documents, the narrow ports they depend on (so
 * tests fake them and the composition root passes the real services), the error they throw and the audit
 * actions they write. Free of botbuilder types.
 */

export const TEMARIOS_COLLECTION = 'topicTemarios';
export const TOPIC_VOTES_COLLECTION = 'topicVotes';
export const WORK_PLANS_COLLECTION = 'workPlans';

export const TOPIC_AUDIT_ACTIONS = {
  temarioReplace: 'topics.temario.replace',
  temarioReset: 'topics.temario.reset',
  voteOpen: 'topics.vote.open',
  voteClose: 'topics.vote.close',
  planConfirm: 'topics.plan.confirm',
  planChange: 'topics.plan.change',
} as const;

/** The job kind a vote's closing time is scheduled under (the feature registers its handler). */
export const TOPIC_VOTE_CLOSE_JOB = 'topics.vote.close';

/** The stable job key of a vote's closing time. */
export function topicVoteCloseJobKey(voteId: string): string {
  return `${TOPIC_VOTE_CLOSE_JOB}:${voteId}`;
}

// ----------------------------------------------------------------------------------------------
// Documents.

/** One per edition that has a replacement or a vote: the replacement (absent = project default) and the freeze. */
export interface TemarioDoc {
  /** editionId */
  _id: string;
  editionId: string;
  /** The replacement; absent while the edition uses the project's temario. */
  data?: TemarioData;
  replacedAt?: Date;
  replacedBy?: string;
  /** Set when the first topic vote of the edition was opened: from then on the temario cannot change. */
  frozenAt?: Date;
  frozenBy?: string;
}

/** A member's picks inside a vote document (not secret: approval of topics is an open choice). */
export interface TopicBallot {
  memberId: string;
  picks: string[];
  firstAt: Date;
  at: Date;
  /** How many times she changed her picks while the vote was open. */
  changes: number;
}

/** The topic snapshot a vote was opened with (the temario is frozen anyway; the snapshot keeps it readable). */
export interface VoteTopic {
  id: string;
  eje: string;
  titulo: string;
}

/** A topic vote of one group; a group may vote again after a vote closed (a new round). */
export interface TopicVoteDoc {
  /** `${editionId}:${group}:${round}` */
  _id: string;
  editionId: string;
  group: number;
  round: number;
  state: 'open' | 'closed';
  /** K: how many topics each member may pick. */
  maxPicks: number;
  topics: VoteTopic[];
  temarioVersion?: string;
  /** Keyed by ballotKey(memberId): one entry per member, replaced while the vote is open. */
  ballots: Record<string, TopicBallot>;
  closesAt?: Date;
  openedAt: Date;
  openedBy: string;
  closedAt?: Date;
  /** personKey, or 'system' when the closing time closed it. */
  closedBy?: string;
  /** Members of the group when it closed (turnout). */
  eligibleAtClose?: number;
}

export interface WorkPlanDoc {
  /** `${editionId}:${group}` */
  _id: string;
  editionId: string;
  group: number;
  /** The vote whose ranking it was built from. */
  voteId: string;
  items: (PlanItem & { votes: number })[];
  /** 1 when confirmed, +1 per change. */
  revision: number;
  confirmedAt: Date;
  confirmedBy: string;
  updatedAt: Date;
  updatedBy: string;
}

// ----------------------------------------------------------------------------------------------
// Ports.

/** The audit log (src/services/registration/audit.ts's AuditLog). */
export interface AuditPort {
  append(input: AuditInput): Promise<unknown>;
}

/** The confirmed groups of an edition (src/services/groupSets.ts's GroupSetService). */
export interface GroupSetPort {
  get(editionId: string): Promise<Pick<GroupSetDoc, 'state' | 'groupCount' | 'assignment' | 'removed'> | null>;
}

/** Members' registrations (src/services/registration/members.ts's MemberService). */
export interface MemberPort {
  get(editionId: string, personKey: string): Promise<Pick<MemberRecord, '_id' | 'status'> | null>;
}

/** The ejes of an edition's catalog (src/services/registration/catalogs.ts's CatalogService). */
export interface CatalogEjesPort {
  forEdition(editionId: string): Promise<{ data: { ejesTematicos: readonly EjeRef[] } }>;
}

/** Who holds the representante role of a group (the elections feature). */
export interface RepresentantePort {
  isRepresentante(editionId: string, group: number, personKey: string): Promise<boolean>;
}

/** The six months of an edition (default: EditionCalendarMonths over the EditionService). */
export interface EditionMonthsPort {
  monthsOf(editionId: string): Promise<YearMonth[]>;
}

/** Scheduling of the closing-time job (src/services/jobs' Jobs). */
export interface CloseSchedulingPort {
  schedule(input: { key: string; kind: string; runAt: Date; payload?: unknown }): Promise<unknown>;
  cancel(key: string): Promise<unknown>;
}

// ----------------------------------------------------------------------------------------------
// Errors.

export type TopicsErrorCode =
  /** The edition has no confirmed groups. */
  | 'noGroups'
  /** Not a group number of the edition. */
  | 'badGroup'
  /** She is not a validated member of a confirmed group. */
  | 'notMember'
  /** The person is neither an administrator nor the group's representante. */
  | 'notRepresentante'
  | 'alreadyOpen'
  | 'noVote'
  | 'voteClosed'
  | 'voteNotClosed'
  /** A card of another vote (an old round, another group). */
  | 'staleBallot'
  | 'badPicks'
  | 'badClosingTime'
  | 'frozen'
  | 'planExists'
  | 'noPlan'
  | 'badPlan'
  /** Someone else changed the same thing meanwhile. */
  | 'conflict';

/** A refusal with a Spanish message for the person; nothing was changed. */
export class TopicsError extends Error {
  constructor(
    readonly code: TopicsErrorCode,
    message: string,
    /** For badPlan: every problem, by path. */
    readonly issues: ValidationIssue[] = [],
  ) {
    super(message);
    this.name = 'TopicsError';
  }
}

export function isTopicsError(err: unknown): err is TopicsError {
  return err instanceof TopicsError;
}
