import type { Store } from '../../store/types.js';
import { isDuplicateKeyError } from '../../store/types.js';
import { typedCollection, ensureTypedIndexes } from '../../store/typed.js';
import {
  diffPlans,
  editionMonths,
  editionStartMonth,
  EDITION_MONTHS,
  suggestPlan,
  topChoices,
  validateWorkPlan,
  type EditionTimeline,
  type PlanDiff,
  type PlanItemDraft,
  type TopChoices,
  type TopicRanking,
  type YearMonth,
} from '../../domain/topics/index.js';
import { TOPICS_SERVICE_TEXTS as S } from './texts.js';
import type { TopicVoteService } from './votes.js';
import {
  TOPIC_AUDIT_ACTIONS,
  TopicsError,
  WORK_PLANS_COLLECTION,
  type AuditPort,
  type EditionMonthsPort,
  type RepresentantePort,
  type TopicVoteDoc,
  type WorkPlanDoc,
} from './types.js';

/**
 * The work plan of each group (issue 10): after the group's topic vote closes, its representante confirms a
 * plan built from the ranking — the chosen topics in order, a goal per topic and a tentative month within
 * the edition's six months. She may change it later; every confirmation and change is audited (before and
 * after) and the result says what changed, for the announcement in the group's space.
 */

export interface DraftSuggestion {
  vote: TopicVoteDoc;
  ranking: TopicRanking;
  months: YearMonth[];
  /** The top topics (n) and the tie the cut splits, if any. */
  top: TopChoices;
  /** A starting draft for the card (goals empty). */
  items: PlanItemDraft[];
}

export interface PlanChange {
  plan: WorkPlanDoc;
  before: WorkPlanDoc;
  diff: PlanDiff;
}

export interface WorkPlanServiceDeps {
  store: Store;
  votes: Pick<TopicVoteService, 'latest' | 'ranking'>;
  representantes: RepresentantePort;
  months: EditionMonthsPort;
  audit: AuditPort;
  /** How months are written in validation messages ("enero de 2027"); "2027-01" when absent. */
  formatMonth?: (month: YearMonth) => string;
  clock?: () => Date;
}

export function planIdOf(editionId: string, group: number): string {
  return `${editionId}:${group}`;
}

/** The edition's six months from its calendar (see editionStartMonth), over the EditionService. */
export class EditionCalendarMonths implements EditionMonthsPort {
  constructor(
    private readonly editions: { get(editionId: string): Promise<EditionTimeline | null> },
    private readonly clock: () => Date = () => new Date(),
    private readonly count: number = EDITION_MONTHS,
  ) {}

  async monthsOf(editionId: string): Promise<YearMonth[]> {
    return editionMonths(editionStartMonth(await this.editions.get(editionId), this.clock()), this.count);
  }
}

export class WorkPlanService {
  private readonly col;
  private readonly store: Store;
  private readonly votes: Pick<TopicVoteService, 'latest' | 'ranking'>;
  private readonly representantes: RepresentantePort;
  private readonly months: EditionMonthsPort;
  private readonly audit: AuditPort;
  private readonly formatMonth: ((month: YearMonth) => string) | undefined;
  private readonly clock: () => Date;

  constructor(deps: WorkPlanServiceDeps) {
    this.store = deps.store;
    this.votes = deps.votes;
    this.representantes = deps.representantes;
    this.months = deps.months;
    this.audit = deps.audit;
    this.formatMonth = deps.formatMonth;
    this.clock = deps.clock ?? (() => new Date());
    this.col = typedCollection<WorkPlanDoc>(deps.store, WORK_PLANS_COLLECTION);
  }

  async init(): Promise<void> {
    await ensureTypedIndexes<WorkPlanDoc>(this.store, WORK_PLANS_COLLECTION, [{ fields: ['editionId', 'group'], unique: true }]);
  }

  /** The confirmed plan of a group, or null. */
  get(editionId: string, group: number): Promise<WorkPlanDoc | null> {
    return this.col.findOne({ _id: planIdOf(editionId, group) });
  }

  /** Every confirmed plan of the edition, by group. */
  list(editionId: string): Promise<WorkPlanDoc[]> {
    return this.col.find({ editionId }, { sort: { group: 1 } });
  }

  /** The edition's months a plan may use. */
  monthsOf(editionId: string): Promise<YearMonth[]> {
    return this.months.monthsOf(editionId);
  }

  /**
   * What the plan card starts from: the closed vote's ranking, the edition's months and a draft with the top
   * `topics` topics (default: the vote's K) spread over the months. Refused when the group has no closed vote.
   */
  async suggest(editionId: string, group: number, options: { topics?: number } = {}): Promise<DraftSuggestion> {
    const { vote, ranking } = await this.closedRanking(editionId, group);
    const months = await this.months.monthsOf(editionId);
    const top = topChoices(ranking, options.topics ?? vote.maxPicks);
    return {
      vote,
      ranking,
      months,
      top,
      items: suggestPlan(
        top.chosen.map((e) => ({ id: e.id })),
        months,
      ),
    };
  }

  /**
   * Confirms the group's first plan. Only the group's representante; the group's latest vote must be closed;
   * the draft must be valid (TopicsError 'badPlan' with every issue by path). A second confirmation is
   * refused ('planExists'): later edits go through change().
   */
  async confirm(editionId: string, group: number, draft: unknown, personKey: string): Promise<WorkPlanDoc> {
    await this.requireRepresentante(editionId, group, personKey);
    const { vote, ranking } = await this.closedRanking(editionId, group);
    const items = await this.validated(editionId, vote, ranking, draft);
    const now = this.clock();
    const doc: WorkPlanDoc = { _id: planIdOf(editionId, group), editionId, group, voteId: vote._id, items, revision: 1, confirmedAt: now, confirmedBy: personKey, updatedAt: now, updatedBy: personKey };
    try {
      await this.col.insertOne(doc);
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new TopicsError('planExists', S.planExists(group));
      throw err;
    }
    await this.audit.append({
      actor: personKey,
      action: TOPIC_AUDIT_ACTIONS.planConfirm,
      target: doc._id,
      editionId,
      after: planSnapshot(doc),
      details: { group, voteId: vote._id },
    });
    return doc;
  }

  /**
   * Changes a confirmed plan (representante only). The topics may come from the group's latest closed vote
   * (or, when a new vote is open, from the one the plan was built on). `expectedRevision`, when given, must be
   * the current one (the card she edited): otherwise 'conflict' and nothing changes. A change with no
   * difference is accepted and not audited.
   */
  async change(editionId: string, group: number, draft: unknown, personKey: string, options: { expectedRevision?: number; reason?: string } = {}): Promise<PlanChange> {
    await this.requireRepresentante(editionId, group, personKey);
    const before = await this.get(editionId, group);
    if (!before) throw new TopicsError('noPlan', S.noPlan(group));
    if (options.expectedRevision !== undefined && options.expectedRevision !== before.revision) throw new TopicsError('conflict', S.conflict);
    const latest = await this.votes.latest(editionId, group);
    const voteId = latest?.state === 'closed' ? latest._id : before.voteId;
    const source = await this.votes.ranking(editionId, group, { voteId });
    if (!source) throw new TopicsError('noVote', S.noVote(group));
    const items = await this.validated(editionId, source.vote, source.ranking, draft);
    const diff = diffPlans(before.items, items);
    if (diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0 && voteId === before.voteId) return { plan: before, before, diff };
    const now = this.clock();
    const plan: WorkPlanDoc = { ...before, voteId, items, revision: before.revision + 1, updatedAt: now, updatedBy: personKey };
    const r = await this.col.replaceOne({ _id: before._id, revision: before.revision }, plan);
    if (r.matched === 0) throw new TopicsError('conflict', S.conflict);
    await this.audit.append({
      actor: personKey,
      action: TOPIC_AUDIT_ACTIONS.planChange,
      target: plan._id,
      editionId,
      before: planSnapshot(before),
      after: planSnapshot(plan),
      details: { group, diff, ...(options.reason ? { reason: options.reason.slice(0, 500) } : {}) },
    });
    return { plan, before, diff };
  }

  private async requireRepresentante(editionId: string, group: number, personKey: string): Promise<void> {
    if (!(await this.representantes.isRepresentante(editionId, group, personKey))) throw new TopicsError('notRepresentante', S.notRepresentantePlan(group));
  }

  private async closedRanking(editionId: string, group: number): Promise<{ vote: TopicVoteDoc; ranking: TopicRanking }> {
    const latest = await this.votes.latest(editionId, group);
    if (!latest) throw new TopicsError('noVote', S.noVote(group));
    if (latest.state !== 'closed') throw new TopicsError('voteNotClosed', S.voteNotClosed(group));
    const r = await this.votes.ranking(editionId, group, { voteId: latest._id });
    if (!r) throw new TopicsError('noVote', S.noVote(group));
    return { vote: r.vote, ranking: r.ranking };
  }

  private async validated(editionId: string, vote: TopicVoteDoc, ranking: TopicRanking, draft: unknown): Promise<WorkPlanDoc['items']> {
    const months = await this.months.monthsOf(editionId);
    const check = validateWorkPlan(draft, { topics: vote.topics, months, ...(this.formatMonth ? { formatMonth: this.formatMonth } : {}) });
    if (!check.ok) throw new TopicsError('badPlan', [S.badPlan, ...check.errors].join('\n'), check.issues);
    const votes = new Map(ranking.entries.map((e) => [e.id, e.votes]));
    return check.items.map((it) => ({ ...it, votes: votes.get(it.topicId) ?? 0 }));
  }
}

function planSnapshot(plan: WorkPlanDoc): Record<string, unknown> {
  return { revision: plan.revision, voteId: plan.voteId, items: plan.items.map((it) => ({ topicId: it.topicId, month: it.month, goal: it.goal })) };
}
