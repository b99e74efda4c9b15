import { candidatesOf } from './candidacies.js';
import { drawByLot, type DrawResult } from './draw.js';
import { tallyRound } from './tally.js';
import {
  type Choice,
  type Contest,
  type ContestResult,
  type ElectedRole,
  ELECTED_ROLES,
  type ElectionState,
  ElectionRuleError,
  type Quorum,
  type RoleOutcome,
  type Round,
  type Turnout,
} from './types.js';

/** The phase machine of one election (see types.ts for the picture). Every function returns a new state. */

export function newElection(input: {
  editionId: string;
  group: number;
  seq: number;
  roles?: readonly ElectedRole[];
  now: Date;
  nominationsCloseAt?: Date;
}): ElectionState {
  const roles = ELECTED_ROLES.filter((r) => !input.roles || input.roles.includes(r));
  if (roles.length === 0) throw new ElectionRuleError('roleNotInElection', 'An election fills at least one role');
  if (input.nominationsCloseAt && input.nominationsCloseAt.getTime() <= input.now.getTime()) {
    throw new ElectionRuleError('invalidClosingTime', 'The closing time must be in the future', { closesAt: input.nominationsCloseAt.toISOString() });
  }
  return {
    editionId: input.editionId,
    group: input.group,
    seq: input.seq,
    roles,
    phase: 'nominations',
    nominationsOpenedAt: input.now,
    ...(input.nominationsCloseAt ? { nominationsCloseAt: input.nominationsCloseAt } : {}),
    candidacies: [],
    rounds: [],
    outcomes: roles.map((role) => ({ role, status: 'open' })),
  };
}

export function currentRound(state: Pick<ElectionState, 'rounds'>): Round | undefined {
  return state.rounds[state.rounds.length - 1];
}

function outcomeOf(state: ElectionState, role: ElectedRole): RoleOutcome {
  return state.outcomes.find((o) => o.role === role) ?? { role, status: 'open' };
}

function withOutcomes(state: ElectionState, changed: readonly RoleOutcome[]): RoleOutcome[] {
  return state.roles.map((role) => changed.find((o) => o.role === role) ?? outcomeOf(state, role));
}

function assertClosingTime(now: Date, closesAt: Date | undefined): void {
  if (closesAt && closesAt.getTime() <= now.getTime()) {
    throw new ElectionRuleError('invalidClosingTime', 'The closing time must be in the future', { closesAt: closesAt.toISOString() });
  }
}

/**
 * Closes nominations and opens the first round: the ballot holds, per role, the accepted candidates at this
 * moment (frozen). A role without candidates is reported as `noCandidates` and left off the ballot; when no role
 * has a candidate the election closes at once.
 */
export function openVoting(state: ElectionState, input: { now: Date; closesAt?: Date }): ElectionState {
  if (state.phase !== 'nominations') throw new ElectionRuleError('wrongPhase', 'Voting opens after nominations', { phase: state.phase });
  assertClosingTime(input.now, input.closesAt);
  const contests: Contest[] = [];
  const empty: RoleOutcome[] = [];
  for (const role of state.roles) {
    const candidates = candidatesOf(state, role);
    if (candidates.length > 0) contests.push({ role, candidates });
    else empty.push({ role, status: 'noCandidates', round: 1 });
  }
  const outcomes = withOutcomes(state, empty);
  if (contests.length === 0) return { ...state, phase: 'closed', outcomes };
  const round: Round = { no: 1, kind: 'first', contests, openedAt: input.now, ...(input.closesAt ? { closesAt: input.closesAt } : {}) };
  return { ...state, phase: 'voting', rounds: [round], outcomes };
}

/** Voting → closing: no ballot is accepted any more; the tally follows. */
export function beginClosing(state: ElectionState): ElectionState {
  if (state.phase === 'closing') return state;
  if (state.phase !== 'voting') throw new ElectionRuleError('wrongPhase', 'Only a voting round can be closed', { phase: state.phase });
  return { ...state, phase: 'closing' };
}

/** Closing → closed with the round's results; each contested role gets its outcome. */
export function completeClosing(
  state: ElectionState,
  input: { now: Date; turnout: Turnout; choices: ReadonlyMap<ElectedRole, readonly Choice[]>; minTurnout: number },
): { state: ElectionState; quorum: Quorum; results: ContestResult[] } {
  if (state.phase !== 'closing') throw new ElectionRuleError('wrongPhase', 'The round is not closing', { phase: state.phase });
  const round = currentRound(state)!;
  const { quorum, results } = tallyRound(round, input.choices, input.turnout, input.minTurnout);
  const changed: RoleOutcome[] = results.map((r): RoleOutcome => {
    switch (r.outcome.kind) {
      case 'elected':
        return { role: r.role, status: 'elected', winner: r.outcome.winner, round: round.no };
      case 'tie':
        return { role: r.role, status: 'tie', tied: r.outcome.tied, round: round.no };
      default:
        return { role: r.role, status: r.outcome.kind, round: round.no };
    }
  });
  const closed: Round = { ...round, closedAt: input.now, quorum, results };
  return {
    state: { ...state, phase: 'closed', rounds: [...state.rounds.slice(0, -1), closed], outcomes: withOutcomes(state, changed) },
    quorum,
    results,
  };
}

/** How a tie of this role is broken next: a runoff after the first round, a draw after a runoff. */
export function tieResolution(state: ElectionState, role: ElectedRole): 'runoff' | 'draw' | null {
  const o = outcomeOf(state, role);
  if (state.phase !== 'closed' || o.status !== 'tie' || o.round === undefined) return null;
  return state.rounds.find((r) => r.no === o.round)?.kind === 'first' ? 'runoff' : 'draw';
}

/** Opens a runoff round among the tied candidates of every role tied in the first round. */
export function openRunoff(state: ElectionState, input: { now: Date; closesAt?: Date }): ElectionState {
  if (state.phase !== 'closed') throw new ElectionRuleError('wrongPhase', 'A runoff follows a closed round', { phase: state.phase });
  const roles = state.roles.filter((r) => tieResolution(state, r) === 'runoff');
  if (roles.length === 0) {
    const drawable = state.roles.filter((r) => tieResolution(state, r) === 'draw');
    throw new ElectionRuleError(drawable.length > 0 ? 'tieNeedsDraw' : 'noTie', drawable.length > 0 ? 'The runoff tied again: a draw by lot breaks it' : 'There is no tie to break', { roles: drawable });
  }
  assertClosingTime(input.now, input.closesAt);
  const contests = roles.map((role) => ({ role, candidates: [...(outcomeOf(state, role).tied ?? [])] }));
  const round: Round = { no: state.rounds.length + 1, kind: 'runoff', contests, openedAt: input.now, ...(input.closesAt ? { closesAt: input.closesAt } : {}) };
  return { ...state, phase: 'voting', rounds: [...state.rounds, round], outcomes: withOutcomes(state, roles.map((role) => ({ role, status: 'open' }))) };
}

/** Breaks a runoff's tie by lot (see draw.ts). */
export function resolveByLot(state: ElectionState, input: { role: ElectedRole; seed: string; now: Date }): { state: ElectionState; draw: DrawResult } {
  const how = tieResolution(state, input.role);
  if (how === 'runoff') throw new ElectionRuleError('tieNeedsRunoff', 'A first-round tie is broken by a runoff first', { role: input.role });
  if (how !== 'draw') throw new ElectionRuleError('noTie', 'This role is not tied', { role: input.role });
  const o = outcomeOf(state, input.role);
  const draw = drawByLot(o.tied ?? [], input.seed);
  const outcome: RoleOutcome = { role: input.role, status: 'drawn', winner: draw.winner, round: o.round!, tied: o.tied!, draw: { seed: draw.seed, order: draw.order, drawnAt: input.now } };
  return { state: { ...state, outcomes: withOutcomes(state, [outcome]) }, draw };
}

/** True when nothing is left to do in this election: closed, and no tie waiting for a runoff or a draw. */
export function isSettled(state: ElectionState): boolean {
  return state.phase === 'closed' && state.outcomes.every((o) => o.status !== 'open' && o.status !== 'tie');
}

/** The roles this election gave someone: elected in a round or drawn by lot. */
export function winnersOf(state: ElectionState): { role: ElectedRole; personKey: string; how: 'elected' | 'drawn' }[] {
  return state.outcomes.flatMap((o) => (o.winner && (o.status === 'elected' || o.status === 'drawn') ? [{ role: o.role, personKey: o.winner, how: o.status }] : []));
}

/** Roles this election left without anyone (no candidates, no votes, no quorum): filled by manual assignment. */
export function vacantRoles(state: ElectionState): ElectedRole[] {
  return state.outcomes.filter((o) => o.status === 'noCandidates' || o.status === 'noVotes' || o.status === 'noQuorum').map((o) => o.role);
}

/** Whether the role is still being decided by this election (a manual assignment must wait). */
export function roleInPlay(state: ElectionState, role: ElectedRole): boolean {
  if (!state.roles.includes(role)) return false;
  const status = outcomeOf(state, role).status;
  return status === 'open' || status === 'tie';
}
