import {
  ABSTENTION,
  type Choice,
  type Contest,
  type ContestOutcome,
  type ContestResult,
  type ContestTally,
  type ElectedRole,
  ElectionRuleError,
  type Quorum,
  type Round,
  type Turnout,
} from './types.js';

/**
 * Counting. A ballot has exactly one choice per contest of its round: a candidate of that contest or the
 * explicit abstention. A contest is won by the candidate with the most votes, provided she has at least one
 * and the round reached its quorum; several candidates sharing the most votes are a tie.
 */

/**
 * Checks a ballot against the contests of its round and returns it normalised (one entry per contest, in
 * contest order). Refuses a missing contest, a role that is not on this ballot, and a choice that is neither a
 * candidate of that contest nor the abstention (for example a member of another group).
 */
export function validateBallot(contests: readonly Contest[], input: unknown): { role: ElectedRole; choice: Choice }[] {
  const choices: Readonly<Record<string, unknown>> = input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  for (const role of Object.keys(choices)) {
    if (choices[role] === undefined) continue;
    if (!contests.some((c) => c.role === role)) throw new ElectionRuleError('unknownContest', 'That role is not on this ballot', { role });
  }
  return contests.map((contest) => {
    const choice = Object.prototype.hasOwnProperty.call(choices, contest.role) ? choices[contest.role] : undefined;
    if (choice === undefined || choice === null || choice === '') throw new ElectionRuleError('missingChoice', 'Every role on the ballot needs a choice (a candidate or the abstention)', { role: contest.role });
    if (typeof choice !== 'string' || (choice !== ABSTENTION && !contest.candidates.includes(choice))) {
      throw new ElectionRuleError('invalidChoice', 'The choice is not a candidate of this contest', { role: contest.role });
    }
    return { role: contest.role, choice };
  });
}

/** Counts one contest. Choices that are not valid for the contest are a programming error (validateBallot runs first). */
export function tallyContest(contest: Contest, choices: Iterable<Choice>): ContestTally {
  const votes = new Map(contest.candidates.map((c) => [c, 0]));
  let abstentions = 0;
  let ballots = 0;
  for (const choice of choices) {
    ballots++;
    if (choice === ABSTENTION) {
      abstentions++;
      continue;
    }
    const n = votes.get(choice);
    if (n === undefined) throw new Error(`A counted ballot names someone who is not a candidate of ${contest.role}`);
    votes.set(choice, n + 1);
  }
  const order = new Map(contest.candidates.map((c, i) => [c, i]));
  const counts = [...votes].map(([candidate, n]) => ({ candidate, votes: n })).sort((a, b) => b.votes - a.votes || order.get(a.candidate)! - order.get(b.candidate)!);
  return { role: contest.role, counts, abstentions, ballots };
}

/**
 * The quorum of a round: at least ceil(eligible × minTurnout) voters (minTurnout in [0, 1]; 0 means no
 * quorum requirement, only reporting).
 */
export function quorumOf(turnout: Turnout, minTurnout: number): Quorum {
  const fraction = Number.isFinite(minTurnout) ? Math.min(1, Math.max(0, minTurnout)) : 0;
  const required = Math.max(0, Math.ceil(turnout.eligible * fraction - 1e-9));
  return { ...turnout, required, met: turnout.voted >= required };
}

export function decideContest(tally: ContestTally, quorum: Pick<Quorum, 'met'>): ContestOutcome {
  if (!quorum.met) return { kind: 'noQuorum' };
  const top = tally.counts[0]?.votes ?? 0;
  if (top === 0) return { kind: 'noVotes' };
  const tied = tally.counts.filter((c) => c.votes === top).map((c) => c.candidate);
  return tied.length === 1 ? { kind: 'elected', winner: tied[0]!, votes: top } : { kind: 'tie', tied, votes: top };
}

/** Counts a whole round: `choices` maps each contest's role to the choices of the counted ballots. */
export function tallyRound(
  round: Pick<Round, 'contests'>,
  choices: ReadonlyMap<ElectedRole, readonly Choice[]>,
  turnout: Turnout,
  minTurnout: number,
): { quorum: Quorum; results: ContestResult[] } {
  const quorum = quorumOf(turnout, minTurnout);
  const results = round.contests.map((contest) => {
    const tally = tallyContest(contest, choices.get(contest.role) ?? []);
    return { ...tally, outcome: decideContest(tally, quorum) };
  });
  return { quorum, results };
}
