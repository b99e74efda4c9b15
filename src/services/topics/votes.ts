import { createHash } from 'node:crypto';
import type { Store } from '../../store/types.js';
import { isDuplicateKeyError } from '../../store/types.js';
import { typedCollection, ensureTypedIndexes } from '../../store/typed.js';
import { checkPicks, clampMaxPicks, DEFAULT_MAX_PICKS, rankTopics, type TopicRanking } from '../../domain/topics/index.js';
import type { GroupMembership } from './membership.js';
import type { TemarioService } from './temario.js';
import { TOPICS_SERVICE_TEXTS as S } from './texts.js';
import {
  TOPIC_AUDIT_ACTIONS,
  TOPIC_VOTE_CLOSE_JOB,
  TOPIC_VOTES_COLLECTION,
  TopicsError,
  topicVoteCloseJobKey,
  type AuditPort,
  type CloseSchedulingPort,
  type RepresentantePort,
  type TopicBallot,
  type TopicVoteDoc,
} from './types.js';

/**
 * Topic votes per group (issue 10): UTIGyND or the group's representante opens a vote (optionally with a
 * closing time); each member picks up to K topics; the vote is closed by hand or at its closing time; the
 * ranking counts approvals per topic with ties shown.
 *
 * Submissions: one per member and vote. While the vote is open a member may send her picks again and the
 * new picks replace the previous ones (the card can be reused until the vote closes); after it closes
 * nothing is accepted. Each submission is one atomic update of the vote document conditioned on the vote
 * being open, so concurrent submissions (also two of the same member, or a retried activity) never leave
 * two ballots of one member, and a submission racing with the close is either counted or refused, never
 * counted silently after the results were given.
 */

export interface OpenVoteOptions {
  /** When it closes by itself (a job of kind TOPIC_VOTE_CLOSE_JOB is scheduled when a scheduler is given). */
  closesAt?: Date;
  /** K for this vote (default: the service's). */
  maxPicks?: number;
}

/** Who opens a vote: an administrator (the caller checked the role with AdminGuard) or a member. */
export interface VoteActor {
  personKey: string;
  /** True only when the caller verified the admin role; otherwise she must be the group's representante. */
  admin: boolean;
}

export interface SubmitResult {
  voteId: string;
  group: number;
  picks: string[];
  /** She had sent picks before in this vote (they were replaced). */
  replaced: boolean;
  maxPicks: number;
}

export interface CloseResult {
  vote: TopicVoteDoc;
  ranking: TopicRanking;
  turnout: Turnout;
  /** It was closed already (by someone else, or by the closing time). */
  alreadyClosed: boolean;
}

export interface Turnout {
  ballots: number;
  eligible: number;
}

export interface VoteRanking {
  vote: TopicVoteDoc;
  ranking: TopicRanking;
  turnout: Turnout;
}

export interface GroupVoteStatus {
  group: number;
  /** The latest vote of the group, if any. */
  vote?: TopicVoteDoc;
  turnout?: Turnout;
}

export interface OpenManyResult {
  opened: TopicVoteDoc[];
  refused: { group: number; code: TopicsError['code']; message: string }[];
}

export interface TopicVoteServiceDeps {
  store: Store;
  temarios: Pick<TemarioService, 'freeze'>;
  membership: GroupMembership;
  representantes: RepresentantePort;
  audit: AuditPort;
  /** Schedules the closing-time job; without it the feature must close votes itself. */
  scheduling?: CloseSchedulingPort;
  /** K when the opener does not say (default 5). */
  maxPicks?: number;
  clock?: () => Date;
}

/** Field name of a member's ballot in the vote document (member ids contain characters field names may not). */
export function ballotKey(memberId: string): string {
  return `m${createHash('sha256').update(memberId).digest('hex').slice(0, 32)}`;
}

export function voteIdOf(editionId: string, group: number, round: number): string {
  return `${editionId}:${group}:${round}`;
}

export class TopicVoteService {
  private readonly col;
  private readonly store: Store;
  private readonly temarios: Pick<TemarioService, 'freeze'>;
  private readonly membership: GroupMembership;
  private readonly representantes: RepresentantePort;
  private readonly audit: AuditPort;
  private readonly scheduling: CloseSchedulingPort | undefined;
  private readonly clock: () => Date;
  /** K when the opener does not say. */
  readonly defaultMaxPicks: number;

  constructor(deps: TopicVoteServiceDeps) {
    this.store = deps.store;
    this.temarios = deps.temarios;
    this.membership = deps.membership;
    this.representantes = deps.representantes;
    this.audit = deps.audit;
    this.scheduling = deps.scheduling;
    this.clock = deps.clock ?? (() => new Date());
    this.defaultMaxPicks = clampMaxPicks(deps.maxPicks ?? DEFAULT_MAX_PICKS, Number.MAX_SAFE_INTEGER);
    this.col = typedCollection<TopicVoteDoc>(deps.store, TOPIC_VOTES_COLLECTION);
  }

  async init(): Promise<void> {
    await ensureTypedIndexes<TopicVoteDoc>(this.store, TOPIC_VOTES_COLLECTION, [{ fields: ['editionId', 'group', 'round'], unique: true }, { fields: ['state', 'closesAt'] }]);
  }

  /** A vote by id. */
  get(voteId: string): Promise<TopicVoteDoc | null> {
    return this.col.findOne({ _id: voteId });
  }

  /** The latest vote of a group (open or closed), if any. */
  async latest(editionId: string, group: number): Promise<TopicVoteDoc | null> {
    const [doc] = await this.col.find({ editionId, group }, { sort: { round: -1 }, limit: 1 });
    return doc ?? null;
  }

  /** True when the edition has at least one topic vote. */
  async exists(editionId: string): Promise<boolean> {
    return (await this.col.countDocuments({ editionId })) > 0;
  }

  /**
   * Opens a vote for one group. Refused (TopicsError) when groups are not confirmed, the group does not
   * exist, the actor is not an admin nor the group's representante, the closing time is not in the future,
   * or the group's latest vote is still open. Freezes the edition's temario first.
   */
  async open(editionId: string, group: number, options: OpenVoteOptions, actor: VoteActor): Promise<TopicVoteDoc> {
    const count = await this.membership.groupCount(editionId);
    if (count === undefined) throw new TopicsError('noGroups', S.noGroups);
    if (!Number.isInteger(group) || group < 1 || group > count) throw new TopicsError('badGroup', S.badGroup(count));
    if (!actor.admin && !(await this.representantes.isRepresentante(editionId, group, actor.personKey))) {
      throw new TopicsError('notRepresentante', S.notRepresentante(group));
    }
    const now = this.clock();
    if (options.closesAt !== undefined && !(options.closesAt.getTime() > now.getTime())) throw new TopicsError('badClosingTime', S.badClosingTime);
    const latest = await this.latest(editionId, group);
    if (latest?.state === 'open') throw new TopicsError('alreadyOpen', S.alreadyOpen(group));

    const temario = await this.temarios.freeze(editionId, actor.personKey);
    const round = (latest?.round ?? 0) + 1;
    const doc: TopicVoteDoc = {
      _id: voteIdOf(editionId, group, round),
      editionId,
      group,
      round,
      state: 'open',
      maxPicks: clampMaxPicks(options.maxPicks ?? this.defaultMaxPicks, temario.topics.length),
      topics: temario.topics.map((t) => ({ id: t.id, eje: t.eje, titulo: t.titulo })),
      ballots: {},
      openedAt: now,
      openedBy: actor.personKey,
      ...(temario.version !== undefined ? { temarioVersion: temario.version } : {}),
      ...(options.closesAt ? { closesAt: options.closesAt } : {}),
    };
    try {
      await this.col.insertOne(doc);
    } catch (err) {
      // Two openers raced for the same round: one vote is open, the other opener is told so.
      if (isDuplicateKeyError(err)) throw new TopicsError('alreadyOpen', S.alreadyOpen(group));
      throw err;
    }
    if (doc.closesAt && this.scheduling) {
      await this.scheduling.schedule({ key: topicVoteCloseJobKey(doc._id), kind: TOPIC_VOTE_CLOSE_JOB, runAt: doc.closesAt, payload: { voteId: doc._id } });
    }
    await this.audit.append({
      actor: actor.personKey,
      action: TOPIC_AUDIT_ACTIONS.voteOpen,
      target: doc._id,
      editionId,
      after: { group, round, maxPicks: doc.maxPicks, topics: doc.topics.length, closesAt: doc.closesAt?.toISOString() ?? null },
      details: { as: actor.admin ? 'admin' : 'representante' },
    });
    return doc;
  }

  /** Opens votes for several groups ('all': every confirmed group); each refusal is reported, not thrown. */
  async openMany(editionId: string, groups: readonly number[] | 'all', options: OpenVoteOptions, actor: VoteActor): Promise<OpenManyResult> {
    let list: readonly number[];
    if (groups === 'all') {
      const count = await this.membership.groupCount(editionId);
      if (count === undefined) throw new TopicsError('noGroups', S.noGroups);
      list = Array.from({ length: count }, (_, i) => i + 1);
    } else list = [...new Set(groups)].sort((a, b) => a - b);
    const result: OpenManyResult = { opened: [], refused: [] };
    for (const group of list) {
      try {
        result.opened.push(await this.open(editionId, group, options, actor));
      } catch (err) {
        if (!(err instanceof TopicsError)) throw err;
        result.refused.push({ group, code: err.code, message: err.message });
      }
    }
    return result;
  }

  /**
   * Records a member's picks in her group's open vote (replacing picks she sent before in it).
   * `voteId` is the vote the card was made for: a card of another vote (an old round) is refused.
   */
  async submit(editionId: string, personKey: string, picks: unknown, options: { voteId?: string } = {}): Promise<SubmitResult> {
    const who = await this.membership.groupOf(editionId, personKey);
    if (!who.ok) throw new TopicsError(who.reason, who.reason === 'noGroups' ? S.noGroups : S.notMember);
    const vote = await this.latest(editionId, who.group);
    if (!vote) throw new TopicsError('noVote', S.noVote(who.group));
    if (options.voteId !== undefined && options.voteId !== vote._id) {
      const other = await this.get(options.voteId);
      // A card of an earlier round of her own group whose vote is closed: say it closed.
      if (other && other.editionId === editionId && other.group === who.group && other.state === 'closed' && vote.state === 'closed') throw new TopicsError('voteClosed', S.voteClosed);
      throw new TopicsError('staleBallot', S.staleBallot);
    }
    const now = this.clock();
    if (vote.state !== 'open' || (vote.closesAt && vote.closesAt.getTime() <= now.getTime())) throw new TopicsError('voteClosed', S.voteClosed);
    const check = checkPicks(
      picks,
      vote.topics.map((t) => t.id),
      vote.maxPicks,
    );
    if (!check.ok) throw new TopicsError('badPicks', check.message);

    const key = ballotKey(who.memberId);
    const previous = vote.ballots[key];
    const ballot: TopicBallot = { memberId: who.memberId, picks: check.picks, firstAt: previous?.firstAt ?? now, at: now, changes: previous ? previous.changes + 1 : 0 };
    // One atomic write conditioned on the vote being open; the field name is computed, hence the raw collection.
    const r = await this.col.raw.updateOne({ _id: vote._id, state: 'open' }, { $set: { [`ballots.${key}`]: ballot } });
    if (r.matched === 0) throw new TopicsError('voteClosed', S.voteClosed);
    return { voteId: vote._id, group: who.group, picks: check.picks, replaced: previous !== undefined, maxPicks: vote.maxPicks };
  }

  /** The picks a member sent in her group's latest vote (undefined when she has not voted or has no group). */
  async picksOf(editionId: string, personKey: string): Promise<{ vote: TopicVoteDoc; picks: string[] | undefined } | undefined> {
    const who = await this.membership.groupOf(editionId, personKey);
    if (!who.ok) return undefined;
    const vote = await this.latest(editionId, who.group);
    if (!vote) return undefined;
    return { vote, picks: vote.ballots[ballotKey(who.memberId)]?.picks };
  }

  /**
   * Closes the group's open vote and returns its ranking. Closing a closed vote is not an error: the result
   * says alreadyClosed (a manual close racing with the closing time is answered once). Refused when the
   * group has no vote, or the actor is neither an admin nor the representante.
   */
  async close(editionId: string, group: number, actor: VoteActor): Promise<CloseResult> {
    if (!actor.admin && !(await this.representantes.isRepresentante(editionId, group, actor.personKey))) {
      throw new TopicsError('notRepresentante', S.notRepresentante(group));
    }
    const vote = await this.latest(editionId, group);
    if (!vote) throw new TopicsError('noVote', S.noVote(group));
    return this.closeVote(vote, actor.personKey);
  }

  /**
   * For the closing-time job: closes the vote when it is still open and its closing time has passed.
   * Returns null when there is nothing to do (unknown vote, already closed, or not yet due).
   */
  async closeIfDue(voteId: string): Promise<CloseResult | null> {
    const vote = await this.get(voteId);
    if (!vote || vote.state !== 'open' || !vote.closesAt || vote.closesAt.getTime() > this.clock().getTime()) return null;
    const result = await this.closeVote(vote, 'system');
    return result.alreadyClosed ? null : result;
  }

  /** Open votes whose closing time has passed (for a sweep after downtime). */
  listDue(): Promise<TopicVoteDoc[]> {
    return this.col.find({ state: 'open', closesAt: { $lte: this.clock() } }, { sort: { closesAt: 1 } });
  }

  private async closeVote(vote: TopicVoteDoc, actor: string): Promise<CloseResult> {
    const eligible = (await this.membership.memberIdsOf(vote.editionId, vote.group)).length;
    const now = this.clock();
    const r = await this.col.updateOne({ _id: vote._id, state: 'open' }, { $set: { state: 'closed', closedAt: now, closedBy: actor, eligibleAtClose: eligible } });
    const closed = (await this.get(vote._id))!;
    const { ranking, turnout } = this.rank(closed, eligible);
    if (r.matched === 0) return { vote: closed, ranking, turnout, alreadyClosed: true };
    if (this.scheduling && closed.closesAt && actor !== 'system') await this.scheduling.cancel(topicVoteCloseJobKey(closed._id));
    await this.audit.append({
      actor,
      action: TOPIC_AUDIT_ACTIONS.voteClose,
      target: closed._id,
      editionId: closed.editionId,
      after: { group: closed.group, round: closed.round, ballots: turnout.ballots, eligible: turnout.eligible, ties: ranking.ties.length },
    });
    return { vote: closed, ranking, turnout, alreadyClosed: false };
  }

  /** The ranking of the group's latest vote (or of `voteId`), open or closed. */
  async ranking(editionId: string, group: number, options: { voteId?: string } = {}): Promise<VoteRanking | null> {
    const vote = options.voteId ? await this.get(options.voteId) : await this.latest(editionId, group);
    if (!vote || vote.editionId !== editionId || vote.group !== group) return null;
    const eligible = vote.state === 'closed' && vote.eligibleAtClose !== undefined ? vote.eligibleAtClose : (await this.membership.memberIdsOf(editionId, group)).length;
    return { vote, ...this.rank(vote, eligible) };
  }

  /** Per confirmed group: its latest vote and turnout (for "temas estado"). */
  async status(editionId: string): Promise<GroupVoteStatus[]> {
    const count = await this.membership.groupCount(editionId);
    if (count === undefined) return [];
    const out: GroupVoteStatus[] = [];
    for (let group = 1; group <= count; group++) {
      const r = await this.ranking(editionId, group);
      out.push(r ? { group, vote: r.vote, turnout: r.turnout } : { group });
    }
    return out;
  }

  private rank(vote: TopicVoteDoc, eligible: number): { ranking: TopicRanking; turnout: Turnout } {
    const ballots = Object.values(vote.ballots).map((b) => b.picks);
    return { ranking: rankTopics(vote.topics, ballots), turnout: { ballots: ballots.length, eligible } };
  }
}
