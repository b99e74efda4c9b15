import {
  type Candidacy,
  type ElectedRole,
  type ElectionState,
  ElectionRuleError,
} from './types.js';

/**
 * Candidacy rules, as pure functions from one election state to the next (the service checks group
 * membership and who is asking; these check everything that depends only on the election):
 * - only during nominations, and before the nominations' closing time;
 * - a person is a candidate for one role at most (an accepted candidacy for the other role blocks both a
 *   self-nomination and accepting a proposal; she may withdraw first);
 * - a person who already holds the other role in the group cannot run (she may renounce first);
 * - a proposed companion becomes a candidate only when she accepts; a declined proposal cannot be repeated
 *   by anyone (she may still nominate herself).
 */

export interface NominationInput {
  /** Who becomes (or is proposed as) a candidate. */
  candidate: string;
  role: ElectedRole;
  /** Who asks: the candidate herself (self-nomination) or a companion (proposal). */
  by: string;
  now: Date;
  /** The elected role she holds now in this edition, if any (from the role register). */
  heldRole?: ElectedRole | null;
}

export interface NominationResult {
  state: ElectionState;
  candidacy: Candidacy;
  /** False when nothing changed (she already was a candidate, or already proposed, for that role). */
  changed: boolean;
}

export function candidacyOf(state: Pick<ElectionState, 'candidacies'>, personKey: string, role: ElectedRole): Candidacy | undefined {
  return state.candidacies.find((c) => c.personKey === personKey && c.role === role);
}

/** Accepted candidacies of a role, in the order they were made. */
export function candidatesOf(state: Pick<ElectionState, 'candidacies'>, role: ElectedRole): string[] {
  return state.candidacies
    .filter((c) => c.role === role && c.status === 'accepted')
    .sort((a, b) => (a.answeredAt ?? a.proposedAt).getTime() - (b.answeredAt ?? b.proposedAt).getTime())
    .map((c) => c.personKey);
}

function assertNominationsOpen(state: ElectionState, now: Date): void {
  if (state.phase !== 'nominations') throw new ElectionRuleError('wrongPhase', 'Nominations are not open', { phase: state.phase });
  if (state.nominationsCloseAt && now.getTime() >= state.nominationsCloseAt.getTime()) {
    throw new ElectionRuleError('nominationsClosed', 'The nominations closing time has passed', { closesAt: state.nominationsCloseAt.toISOString() });
  }
}

function assertRole(state: ElectionState, role: ElectedRole): void {
  if (!state.roles.includes(role)) throw new ElectionRuleError('roleNotInElection', `This election does not fill ${role}`, { role });
}

function assertNotCandidateForOther(state: ElectionState, personKey: string, role: ElectedRole, heldRole: ElectedRole | null | undefined): void {
  const other = state.candidacies.find((c) => c.personKey === personKey && c.role !== role && c.status === 'accepted');
  if (other) throw new ElectionRuleError('candidateForOtherRole', 'A person is a candidate for one role at most', { role, otherRole: other.role });
  if (heldRole && heldRole !== role) throw new ElectionRuleError('holdsOtherRole', 'She holds the other role', { role, heldRole });
}

function replace(state: ElectionState, next: Candidacy): ElectionState {
  const rest = state.candidacies.filter((c) => !(c.personKey === next.personKey && c.role === next.role));
  return { ...state, candidacies: [...rest, next] };
}

/** A self-nomination (by === candidate) or a companion's proposal (by !== candidate). */
export function nominate(state: ElectionState, input: NominationInput): NominationResult {
  assertNominationsOpen(state, input.now);
  assertRole(state, input.role);
  const existing = candidacyOf(state, input.candidate, input.role);
  const self = input.by === input.candidate;
  if (existing?.status === 'accepted') return { state, candidacy: existing, changed: false };
  if (self) {
    assertNotCandidateForOther(state, input.candidate, input.role, input.heldRole);
    const candidacy: Candidacy = { personKey: input.candidate, role: input.role, status: 'accepted', proposedBy: input.by, proposedAt: input.now, answeredAt: input.now };
    return { state: replace(state, candidacy), candidacy, changed: true };
  }
  if (existing?.status === 'proposed') return { state, candidacy: existing, changed: false };
  if (existing?.status === 'declined') throw new ElectionRuleError('proposalDeclined', 'She declined this proposal already', { role: input.role });
  // A proposal she could not accept is refused now rather than left hanging.
  assertNotCandidateForOther(state, input.candidate, input.role, input.heldRole);
  const candidacy: Candidacy = { personKey: input.candidate, role: input.role, status: 'proposed', proposedBy: input.by, proposedAt: input.now };
  return { state: replace(state, candidacy), candidacy, changed: true };
}

/** The proposed companion answers. Accepting makes her a candidate (same rules as a self-nomination). */
export function answerProposal(
  state: ElectionState,
  input: { candidate: string; role: ElectedRole; accept: boolean; now: Date; heldRole?: ElectedRole | null },
): NominationResult {
  assertNominationsOpen(state, input.now);
  assertRole(state, input.role);
  const existing = candidacyOf(state, input.candidate, input.role);
  if (!existing || existing.status === 'withdrawn') throw new ElectionRuleError('noProposal', 'There is no proposal to answer', { role: input.role });
  // Answering twice the same way is a no-op (a retried card); changing the answer after it is not allowed.
  if (existing.status === 'accepted') {
    if (input.accept) return { state, candidacy: existing, changed: false };
    throw new ElectionRuleError('alreadyCandidate', 'She is a candidate already; she may withdraw', { role: input.role });
  }
  if (existing.status === 'declined') {
    if (!input.accept) return { state, candidacy: existing, changed: false };
    throw new ElectionRuleError('proposalDeclined', 'She declined this proposal already', { role: input.role });
  }
  if (input.accept) assertNotCandidateForOther(state, input.candidate, input.role, input.heldRole);
  const candidacy: Candidacy = { ...existing, status: input.accept ? 'accepted' : 'declined', answeredAt: input.now };
  return { state: replace(state, candidacy), candidacy, changed: true };
}

/** A candidate withdraws during nominations. */
export function withdrawCandidacy(state: ElectionState, input: { candidate: string; role: ElectedRole; now: Date }): NominationResult {
  assertNominationsOpen(state, input.now);
  assertRole(state, input.role);
  const existing = candidacyOf(state, input.candidate, input.role);
  if (!existing || existing.status !== 'accepted') throw new ElectionRuleError('notCandidate', 'She is not a candidate for this role', { role: input.role });
  const candidacy: Candidacy = { ...existing, status: 'withdrawn', answeredAt: input.now };
  return { state: replace(state, candidacy), candidacy, changed: true };
}
