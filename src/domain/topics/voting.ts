import { PICKS_TEXTS as P } from './texts.js';

/**
 * Approval voting of topics (issue 10): each member of a group picks up to K topics of the temario (K is
 * configurable, 5 by default); a topic's score is how many members picked it; the ranking lists every
 * topic by score, ties shown, in a stable order (equal scores keep the temario's order). Pure.
 */

export const DEFAULT_MAX_PICKS = 5;
/** Upper bound for K whatever the configuration says (a card lists at most this many choices as picked). */
export const MAX_PICKS_LIMIT = 20;

export type PicksErrorCode = 'notList' | 'empty' | 'tooMany' | 'duplicate' | 'unknownTopic';

export type PicksCheck = { ok: true; picks: string[] } | { ok: false; code: PicksErrorCode; message: string };

/**
 * The value of an Adaptive Card Input.ChoiceSet with isMultiSelect ("a,b,c"), or an array of ids, as a list
 * of ids (trimmed, empty entries dropped). Undefined when it is neither.
 */
export function parseChoiceSetValue(value: unknown): string[] | undefined {
  if (typeof value === 'string') {
    return value
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }
  if (Array.isArray(value) && value.every((v): v is string => typeof v === 'string')) return value.map((s) => s.trim()).filter((s) => s !== '');
  return undefined;
}

/**
 * Checks a member's picks: a list of 1..maxPicks distinct ids, each one of `allowed`. A forged or stale
 * payload (unknown id, repeated id, too many) is refused, never trimmed to fit.
 */
export function checkPicks(picks: unknown, allowed: readonly string[], maxPicks: number): PicksCheck {
  const list = parseChoiceSetValue(picks);
  if (list === undefined) return { ok: false, code: 'notList', message: P.notList };
  if (list.length === 0) return { ok: false, code: 'empty', message: P.empty };
  if (new Set(list).size !== list.length) return { ok: false, code: 'duplicate', message: P.duplicate };
  const known = new Set(allowed);
  if (list.some((id) => !known.has(id))) return { ok: false, code: 'unknownTopic', message: P.unknownTopic };
  const max = clampMaxPicks(maxPicks, allowed.length);
  if (list.length > max) return { ok: false, code: 'tooMany', message: P.tooMany(max) };
  return { ok: true, picks: list };
}

/** K for a vote: an integer within 1..MAX_PICKS_LIMIT and never more than the topics available. */
export function clampMaxPicks(maxPicks: number, topicCount: number): number {
  const k = Number.isFinite(maxPicks) ? Math.floor(maxPicks) : DEFAULT_MAX_PICKS;
  return Math.max(1, Math.min(k, MAX_PICKS_LIMIT, Math.max(1, topicCount)));
}

/** What a ranking needs of a topic. */
export interface RankableTopic {
  id: string;
  eje: string;
  titulo: string;
}

export interface RankedTopic extends RankableTopic {
  /** Members who picked it. */
  votes: number;
  /** Competition rank: 1 + topics with more votes ("1, 2, 2, 4"). */
  rank: number;
  /** Another topic has the same (non-zero) number of votes. */
  tied: boolean;
  /** Position in the temario (0-based): the tie-breaking order of the list, never a winner. */
  order: number;
}

export interface TopicRanking {
  /** Ballots counted (members who voted). */
  ballots: number;
  /** Every topic of the vote, most votes first; equal votes keep the temario's order. */
  entries: RankedTopic[];
  /** Groups of two or more topics with the same non-zero number of votes, in ranking order. */
  ties: RankedTopic[][];
}

/** Votes per topic id (every topic present, 0 when nobody picked it). Ids outside `topicIds` are ignored. */
export function tallyApproval(topicIds: readonly string[], ballots: readonly (readonly string[])[]): Map<string, number> {
  const counts = new Map(topicIds.map((id) => [id, 0]));
  for (const ballot of ballots) {
    for (const id of new Set(ballot)) {
      const n = counts.get(id);
      if (n !== undefined) counts.set(id, n + 1);
    }
  }
  return counts;
}

/** The ranking of the topics of one vote. */
export function rankTopics(topics: readonly RankableTopic[], ballots: readonly (readonly string[])[]): TopicRanking {
  const counts = tallyApproval(
    topics.map((t) => t.id),
    ballots,
  );
  const sorted = topics
    .map((t, order) => ({ id: t.id, eje: t.eje, titulo: t.titulo, votes: counts.get(t.id) ?? 0, order }))
    .sort((a, b) => b.votes - a.votes || a.order - b.order);
  const byVotes = new Map<number, number>();
  for (const e of sorted) byVotes.set(e.votes, (byVotes.get(e.votes) ?? 0) + 1);
  const entries: RankedTopic[] = [];
  let above = 0;
  let prevVotes: number | undefined;
  let rank = 1;
  for (const e of sorted) {
    if (e.votes !== prevVotes) {
      rank = above + 1;
      prevVotes = e.votes;
    }
    entries.push({ ...e, rank, tied: e.votes > 0 && (byVotes.get(e.votes) ?? 0) > 1 });
    above++;
  }
  const ties: RankedTopic[][] = [];
  for (const e of entries) {
    if (!e.tied) continue;
    const last = ties[ties.length - 1];
    if (last && last[0]!.votes === e.votes) last.push(e);
    else ties.push([e]);
  }
  return { ballots: ballots.length, entries, ties };
}

export interface TopChoices {
  /** The first n topics with at least one vote, in ranking order. */
  chosen: RankedTopic[];
  /**
   * When the cut after the n-th topic splits a tie: every topic with that number of votes (some inside the
   * cut, some outside), so the group can decide. Empty when the cut is clean.
   */
  tiedAtCutoff: RankedTopic[];
}

/** The top n topics of a ranking, and the tie the cut splits, if any. */
export function topChoices(ranking: TopicRanking, n: number): TopChoices {
  const voted = ranking.entries.filter((e) => e.votes > 0);
  const size = Math.max(0, Math.floor(n));
  const chosen = voted.slice(0, size);
  const last = chosen[chosen.length - 1];
  const next = voted[size];
  const tiedAtCutoff = last && next && last.votes === next.votes ? voted.filter((e) => e.votes === last.votes) : [];
  return { chosen, tiedAtCutoff };
}
