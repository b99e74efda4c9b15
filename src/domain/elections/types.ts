import type { Role } from '../roles.js';

/**
 * Elections of each group's representante and secretaria (issue 10; founding document, stage 3: "la primera
 * sesión grupal … para elegir los cargos de representante y secretaria de cada grupo"). Plain data, no I/O.
 *
 * Life of one election (one group, one edition):
 *
 *   nominations ──openVoting──▶ voting ──close──▶ closed ──openRunoff (tie in the first round)──▶ voting …
 *                                 (closing: transient,            └──resolveByLot (tie in a runoff)──▶ closed
 *                                  while the tally runs)
 *
 * A role with no candidate when voting opens is reported (`noCandidates`) and is not on the ballot; a role
 * whose round had no valid vote or no quorum is reported likewise. Those roles are filled by a manual
 * assignment the person accepts (service layer).
 */

/** The roles a group elects, in ballot order. */
export const ELECTED_ROLES = ['representante', 'secretaria'] as const satisfies readonly Role[];
export type ElectedRole = (typeof ELECTED_ROLES)[number];

export function isElectedRole(value: unknown): value is ElectedRole {
  return typeof value === 'string' && (ELECTED_ROLES as readonly string[]).includes(value);
}

/** The explicit abstention on a ballot (never a personKey: those start with "aad:" or "user:"). */
export const ABSTENTION = 'abstencion' as const;
export type Abstention = typeof ABSTENTION;

/** What a ballot says for one role: a candidate's personKey, or the explicit abstention. */
export type Choice = string;

export type ElectionPhase = 'nominations' | 'voting' | 'closing' | 'closed';

export type CandidacyStatus =
  /** A companion proposed her; she has not answered. Not a candidate yet. */
  | 'proposed'
  /** A candidate (self-nominated, or she accepted a proposal). */
  | 'accepted'
  /** She declined a proposal. A new proposal for that role is refused; she may still nominate herself. */
  | 'declined'
  /** She withdrew her candidacy during nominations. */
  | 'withdrawn';

export interface Candidacy {
  /** personKey of the (proposed) candidate. */
  personKey: string;
  role: ElectedRole;
  status: CandidacyStatus;
  /** personKey of who proposed her (herself for a self-nomination). */
  proposedBy: string;
  proposedAt: Date;
  /** When she accepted, declined or withdrew. */
  answeredAt?: Date;
}

export interface Contest {
  role: ElectedRole;
  /** personKeys, frozen when the round opens. */
  candidates: string[];
}

export interface Turnout {
  /** Members of the group when the round closed. */
  eligible: number;
  /** Ballots counted (one per voter, covering every contest of the round). */
  voted: number;
}

export interface Quorum extends Turnout {
  /** Minimum number of voters for a valid round. */
  required: number;
  met: boolean;
}

export interface CandidateVotes {
  candidate: string;
  votes: number;
}

export interface ContestTally {
  role: ElectedRole;
  /** Every candidate of the contest (also those with 0 votes), most votes first, then ballot order. */
  counts: CandidateVotes[];
  abstentions: number;
  /** Ballots counted for this contest (= sum of counts + abstentions). */
  ballots: number;
}

export type ContestOutcome =
  | { kind: 'elected'; winner: string; votes: number }
  | { kind: 'tie'; tied: string[]; votes: number }
  /** Every ballot abstained (or nobody voted). */
  | { kind: 'noVotes' }
  | { kind: 'noQuorum' };

export interface ContestResult extends ContestTally {
  outcome: ContestOutcome;
}

export type RoundKind = 'first' | 'runoff';

export interface Round {
  /** 1, 2, … */
  no: number;
  kind: RoundKind;
  contests: Contest[];
  openedAt: Date;
  /** Planned closing time (a scheduled job closes it; ballots after it are refused). */
  closesAt?: Date;
  closedAt?: Date;
  quorum?: Quorum;
  results?: ContestResult[];
}

export type RoleOutcomeStatus =
  /** Not decided yet (nominations, or on the ballot of the current round). */
  | 'open'
  | 'elected'
  /** Tied; resolved by a runoff (first round) or a draw by lot (runoff). */
  | 'tie'
  | 'drawn'
  | 'noCandidates'
  | 'noVotes'
  | 'noQuorum';

export interface DrawRecord {
  seed: string;
  /** The tied candidates in drawn order; the first one wins. */
  order: string[];
  drawnAt: Date;
}

export interface RoleOutcome {
  role: ElectedRole;
  status: RoleOutcomeStatus;
  winner?: string;
  tied?: string[];
  /** The round that decided (or tied) it. */
  round?: number;
  draw?: DrawRecord;
}

/** One election of one group in one edition. */
export interface ElectionState {
  editionId: string;
  group: number;
  /** 1 for the group's first election in the edition, 2 for a later one (replacements), … */
  seq: number;
  /** The roles this election fills, in ballot order. */
  roles: ElectedRole[];
  phase: ElectionPhase;
  nominationsOpenedAt: Date;
  /** After it, nominations and answers to proposals are refused. */
  nominationsCloseAt?: Date;
  candidacies: Candidacy[];
  /** Empty during nominations; the last one is the current round. */
  rounds: Round[];
  outcomes: RoleOutcome[];
}

/** The ways a request can break the election rules (the service adds its own, e.g. notMember). */
export type ElectionRuleCode =
  | 'wrongPhase'
  | 'nominationsClosed'
  | 'votingClosed'
  | 'roleNotInElection'
  | 'alreadyCandidate'
  | 'candidateForOtherRole'
  | 'holdsOtherRole'
  | 'proposalDeclined'
  | 'noProposal'
  | 'notCandidate'
  | 'staleBallot'
  | 'missingChoice'
  | 'unknownContest'
  | 'invalidChoice'
  | 'noTie'
  | 'tieNeedsRunoff'
  | 'tieNeedsDraw'
  | 'invalidClosingTime';

/** A request the election rules refuse; nothing was changed. `details` names what was wrong (no choices). */
export class ElectionRuleError extends Error {
  constructor(
    readonly code: ElectionRuleCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ElectionRuleError';
  }
}
