import type { Logger } from '../../logger.js';
import { typedCollection, ensureTypedIndexes, type TypedCollection } from '../../store/typed.js';
import { isDuplicateKeyError, type Store } from '../../store/types.js';
import type { AuditInput } from '../registration/audit.js';
import {
  ABSTENTION,
  answerProposal,
  beginClosing,
  type Candidacy,
  type Choice,
  completeClosing,
  type ContestResult,
  currentRound,
  defaultDrawSeed,
  type ElectedRole,
  ELECTED_ROLES,
  type ElectionRuleCode,
  ElectionRuleError,
  type ElectionState,
  isElectedRole,
  isSettled,
  newElection,
  nominate,
  openRunoff as openRunoffRound,
  openVoting as openVotingRound,
  type Quorum,
  resolveByLot,
  roleInPlay,
  type Round,
  tieResolution,
  vacantRoles,
  validateBallot,
  winnersOf,
  withdrawCandidacy as withdrawCandidacyRule,
} from '../../domain/elections/index.js';
import { BallotKeys } from './ballotBox.js';
import type { ElectionMembership } from './membership.js';

/**
 * Elections of each group's representante and secretaria (issue 10), free of botbuilder types: nominations,
 * voting by secret ballot, tally, runoff, draw by lot, and the role register (who holds which role) that
 * RoleService reads through `electionRoleSource`.
 *
 * SECRECY — how a member voted cannot be recovered from the database:
 * 1. Two collections. The register ('electionVoters', _id = box|voter) says WHO voted in a ballot box (one box
 *    per round: `${electionId}#${round}`); it never holds a choice once the vote is committed. The ballots
 *    ('electionBallots') say WHAT was voted and hold no voter id and no timestamp: {_id, box, role, sealed}.
 * 2. A ballot's _id is HMAC-SHA256(key, voter|box|role), so a voter has exactly one possible ballot per role and
 *    box (a second one collides on _id), but nobody without the key can tell whose it is. The key is
 *    ELECTION_BALLOT_KEY, only in configuration (src/config.ts), never in the database or the logs.
 * 3. The choice itself is sealed (AES-256-GCM, random IV, padded to a fixed size, bound to box and role): equal
 *    choices look different and the append order of the two collections (NeDB files, MongoDB natural order or
 *    oplog) pairs a register entry with a ciphertext at most — nothing readable. Only the tally opens ballots,
 *    in memory, and publishes counts; the audit log gets counts and turnout, never a choice.
 * 4. One vote per voter and box, also with concurrent submissions or a retried activity: the register's _id is
 *    unique (a second insert fails → 'alreadyVoted') and so are the ballot ids.
 * 5. Crash safety (write-ahead): the register entry is written first as 'pending' with the whole ballot sealed
 *    under its own id; then the ballots (one insertMany); then the entry becomes 'voted' and loses the sealed
 *    copy. After SIGKILL anywhere, `init()` rolls a pending entry forward (re-inserting the ballots is
 *    idempotent) while its round is open, or back once the round was counted, so the register and the box
 *    always agree. The tally freezes the register ('counted'), then reads exactly the ballots of the counted
 *    voters (their ids are recomputed with the key); a vote that finished after the freeze is rolled back and
 *    its voter told that voting had closed — a voter told "registered" is always counted.
 * Limits: whoever holds both the key and the database can recompute every voter's ballot ids and open them;
 * keep the key with the bot's credentials, apart from database administrators. Tallies are public counts: in a
 * group where everybody voted alike, the count itself tells how each voted.
 *
 * Phases and rules live in src/domain/elections/ (pure). Changes to an election document are optimistic
 * (a version number): concurrent administrators cannot overwrite each other.
 */

export const ELECTIONS_COLLECTION = 'elections';
export const VOTERS_COLLECTION = 'electionVoters';
export const BALLOTS_COLLECTION = 'electionBallots';
export const HOLDERS_COLLECTION = 'roleHolders';
export const OFFERS_COLLECTION = 'roleOffers';

/** Audit actions of this service (who opened, closed, tied, drew lots, assigned; counts, never choices). */
export const ELECTION_AUDIT = {
  open: 'election.open',
  candidacy: 'election.candidacy',
  voting: 'election.voting',
  close: 'election.close',
  tie: 'election.tie',
  runoff: 'election.runoff',
  draw: 'election.draw',
  integrity: 'election.integrity',
  roleAssign: 'role.assign',
  roleReplace: 'role.replace',
  roleOffer: 'role.offer',
  roleOfferAnswer: 'role.offer.answer',
  roleRenounce: 'role.renounce',
} as const;

/** What `actor` is when nobody asked (a scheduled closing, crash recovery). */
export const SYSTEM_ACTOR = 'system';

export interface ElectionDoc extends ElectionState {
  /** `${editionId}:${group}:${seq}`. */
  _id: string;
  /** Optimistic concurrency: every change increments it. */
  version: number;
  /** `${editionId}:${group}` while the election is not settled: at most one such election per group (unique). */
  activeKey?: string;
  openedBy: string;
  updatedAt: Date;
}

type VoterState = 'pending' | 'voted' | 'late';

/** The "has voted" register: who voted in a ballot box. Never a choice once committed (see the header). */
interface VoterDoc {
  _id: string; // `${box}|${voterKey}`
  electionId: string;
  box: string;
  voterKey: string;
  state: VoterState;
  /** Set when the tally froze the register: this voter's ballots were counted. */
  counted?: true;
  /** Write-ahead copy of the whole ballot (sealed, bound to _id); removed when the vote is committed. */
  sealed?: string;
}

/** One role of one ballot: no voter, no time. */
interface BallotDoc {
  _id: string; // HMAC(key, voter|box|role)
  box: string;
  role: ElectedRole;
  sealed: string;
}

/** Who holds an elected role. One role per person and edition (_id), one holder per group and role (unique index). */
export interface RoleHolding {
  _id: string; // `${editionId}:${personKey}`
  editionId: string;
  group: number;
  role: ElectedRole;
  personKey: string;
  how: 'elected' | 'drawn' | 'assigned';
  electionId?: string;
  since: Date;
  /** Who gave it: SYSTEM_ACTOR for an election result, the administrator for an assignment. */
  by: string;
}

/** A manual assignment waiting for the person's acceptance (one per group and role). */
export interface RoleOffer {
  _id: string; // `${editionId}:${group}:${role}`
  editionId: string;
  group: number;
  role: ElectedRole;
  personKey: string;
  by: string;
  at: Date;
}

export type ElectionErrorCode =
  | ElectionRuleCode
  | 'notFound'
  | 'notMember'
  | 'candidateNotMember'
  | 'noGroups'
  | 'badGroup'
  | 'electionInProgress'
  | 'alreadyHolds'
  | 'noOffer'
  | 'notHolder'
  | 'busy';

/** A refused request; nothing changed. The feature maps `code` (and `details`) to a Spanish message. */
export class ElectionError extends Error {
  constructor(
    readonly code: ElectionErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ElectionError';
  }
}

/** Steps of castBallot, for crash tests (a hook may stop the process right after one of them). */
export type CastStep = 'validated' | 'registered' | 'ballotsWritten' | 'committed';

export interface ElectionServiceDeps {
  store: Store;
  membership: ElectionMembership;
  audit: { append(entry: AuditInput): Promise<unknown> };
  logger: Logger;
  /** ELECTION_BALLOT_KEY (config.elections.ballotKey). */
  ballotKey: string;
  clock?: () => Date;
  /** Minimum turnout for a valid round, as a fraction of the group (0 = no quorum, only reported). */
  minTurnout?: number;
  /** Test hooks; never set in production. */
  hooks?: { afterCastStep?(step: CastStep, info: { electionId: string; round: number }): void | Promise<void> };
}

export interface ElectionView extends ElectionState {
  id: string;
  /** False once settled (closed, no tie left). */
  active: boolean;
}

export interface TurnoutView {
  electionId: string;
  round: number;
  /** personKeys of the group's members now. */
  eligible: string[];
  /** personKeys of who voted in this round — who, never how. */
  voted: string[];
  notVoted: string[];
}

export type CastResult =
  /** Her ballot is in the box: say «Su voto quedó registrado». */
  | { status: 'recorded'; electionId: string; round: number; group: number }
  /** She had voted already in this round (a second card, a retried activity): nothing changed. */
  | { status: 'alreadyVoted'; electionId: string; round: number; group: number };

export interface CloseResult {
  election: ElectionView;
  round: number;
  quorum: Quorum;
  results: ContestResult[];
  /** Roles given by this closing. */
  assigned: RoleHolding[];
  /** True when the round had been closed before (a second closer: the job and an administrator). */
  alreadyClosed: boolean;
  /** Non-zero only if the database was tampered with or damaged (logged and audited). */
  integrity: { missingBallots: number; unreadableBallots: number };
}

export type NextStep =
  | { action: 'openNominations' }
  | { action: 'openVoting' }
  | { action: 'close' }
  | { action: 'runoff'; roles: ElectedRole[] }
  | { action: 'draw'; role: ElectedRole }
  | { action: 'assign'; role: ElectedRole };

export interface GroupElectionStatus {
  editionId: string;
  group: number;
  /** The group's latest election (null when none was opened). */
  election: ElectionView | null;
  /** Turnout of the current round (voting or closed), or null. */
  turnout: TurnoutView | null;
  holders: RoleHolding[];
  offers: RoleOffer[];
  /** Elected roles nobody holds. */
  vacant: ElectedRole[];
  next: NextStep[];
}

export interface PendingBallot {
  election: ElectionView;
  round: Round;
  /** True when she voted in this round already (the card shows «Su voto quedó registrado»). */
  voted: boolean;
}

export interface RecoveryReport {
  rolledForward: number;
  rolledBack: number;
  resumedClosings: number;
}

const boxOf = (electionId: string, round: number): string => `${electionId}#${round}`;
const voterIdOf = (box: string, voterKey: string): string => `${box}|${voterKey}`;
const holderIdOf = (editionId: string, personKey: string): string => `${editionId}:${personKey}`;
const offerIdOf = (editionId: string, group: number, role: ElectedRole): string => `${editionId}:${group}:${role}`;
const activeKeyOf = (editionId: string, group: number): string => `${editionId}:${group}`;

function viewOf(doc: ElectionDoc): ElectionView {
  const { _id, version: _v, activeKey, openedBy: _o, updatedAt: _u, ...state } = doc;
  return { ...state, id: _id, active: activeKey !== undefined };
}

function rethrowRule(err: unknown): never {
  if (err instanceof ElectionRuleError) throw new ElectionError(err.code, err.message, err.details);
  throw err;
}

const MAX_ATTEMPTS = 8;
const ID_CHUNK = 500;

export class ElectionService {
  private readonly elections: TypedCollection<ElectionDoc>;
  private readonly voters: TypedCollection<VoterDoc>;
  private readonly ballots: TypedCollection<BallotDoc>;
  private readonly holders: TypedCollection<RoleHolding>;
  private readonly offers: TypedCollection<RoleOffer>;
  private readonly keys: BallotKeys;
  private readonly clock: () => Date;
  private readonly minTurnout: number;

  constructor(private readonly deps: ElectionServiceDeps) {
    this.elections = typedCollection<ElectionDoc>(deps.store, ELECTIONS_COLLECTION);
    this.voters = typedCollection<VoterDoc>(deps.store, VOTERS_COLLECTION);
    this.ballots = typedCollection<BallotDoc>(deps.store, BALLOTS_COLLECTION);
    this.holders = typedCollection<RoleHolding>(deps.store, HOLDERS_COLLECTION);
    this.offers = typedCollection<RoleOffer>(deps.store, OFFERS_COLLECTION);
    this.keys = new BallotKeys(deps.ballotKey);
    this.clock = deps.clock ?? (() => new Date());
    this.minTurnout = deps.minTurnout ?? 0;
  }

  /** Creates the indexes and repairs what a crash may have left half done (see RecoveryReport). */
  async init(): Promise<RecoveryReport> {
    const { store } = this.deps;
    await ensureTypedIndexes<ElectionDoc>(store, ELECTIONS_COLLECTION, [
      { fields: ['activeKey'], unique: true, sparse: true },
      { fields: ['editionId', 'group', 'seq'], unique: true },
      { fields: ['phase'] },
    ]);
    await ensureTypedIndexes<VoterDoc>(store, VOTERS_COLLECTION, [{ fields: ['box', 'state'] }, { fields: ['state'] }, { fields: ['electionId'] }]);
    await ensureTypedIndexes<BallotDoc>(store, BALLOTS_COLLECTION, [{ fields: ['box'] }]);
    await ensureTypedIndexes<RoleHolding>(store, HOLDERS_COLLECTION, [{ fields: ['editionId', 'group', 'role'], unique: true }]);
    await ensureTypedIndexes<RoleOffer>(store, OFFERS_COLLECTION, [{ fields: ['editionId', 'personKey'] }]);
    return this.recover();
  }

  // ---------------------------------------------------------------- reading

  /** The group numbers of the edition's confirmed group set (for «grupo N | todos»). */
  groupNumbers(editionId: string): Promise<number[]> {
    return this.deps.membership.groupNumbers(editionId);
  }

  async get(electionId: string): Promise<ElectionView | null> {
    const doc = await this.elections.findOne({ _id: electionId });
    return doc ? viewOf(doc) : null;
  }

  /** The group's latest election in the edition (active or not). */
  async latestOf(editionId: string, group: number): Promise<ElectionView | null> {
    const [doc] = await this.elections.find({ editionId, group }, { sort: { seq: -1 }, limit: 1 });
    return doc ? viewOf(doc) : null;
  }

  /** Every election of the edition, by group then sequence. */
  async listElections(editionId: string): Promise<ElectionView[]> {
    return (await this.elections.find({ editionId }, { sort: { group: 1, seq: 1 } })).map(viewOf);
  }

  /** Who voted in the current round (or the last closed one) — never how. */
  async turnout(electionId: string): Promise<TurnoutView | null> {
    const doc = await this.elections.findOne({ _id: electionId });
    const round = doc ? currentRound(doc) : undefined;
    if (!doc || !round) return null;
    return this.turnoutOf(doc, round.no);
  }

  private async turnoutOf(doc: ElectionDoc, round: number): Promise<TurnoutView> {
    const [eligible, entries] = await Promise.all([
      this.deps.membership.membersOf(doc.editionId, doc.group),
      this.voters.find({ box: boxOf(doc._id, round), state: { $in: ['pending', 'voted'] } }),
    ]);
    const voted = entries.map((e) => e.voterKey).sort();
    const votedSet = new Set(voted);
    return { electionId: doc._id, round, eligible: [...eligible].sort(), voted, notVoted: eligible.filter((k) => !votedSet.has(k)).sort() };
  }

  /** Per group: phase, candidates, turnout (who voted), results, ties, holders, offers and what can be done next. */
  async statusOfGroup(editionId: string, group: number): Promise<GroupElectionStatus> {
    const [election, holders, offers] = await Promise.all([
      this.elections.find({ editionId, group }, { sort: { seq: -1 }, limit: 1 }).then((d) => d[0] ?? null),
      this.holders.find({ editionId, group }, { sort: { role: 1 } }),
      this.offers.find({ editionId, group }, { sort: { role: 1 } }),
    ]);
    const round = election ? currentRound(election) : undefined;
    const turnout = election && round ? await this.turnoutOf(election, round.no) : null;
    const vacant = ELECTED_ROLES.filter((r) => !holders.some((h) => h.role === r));
    return { editionId, group, election: election ? viewOf(election) : null, turnout, holders, offers, vacant, next: nextSteps(election, vacant) };
  }

  /** statusOfGroup for every group of the edition's confirmed set. */
  async statusOfEdition(editionId: string): Promise<GroupElectionStatus[]> {
    const groups = await this.deps.membership.groupNumbers(editionId);
    return Promise.all(groups.map((g) => this.statusOfGroup(editionId, g)));
  }

  /** The ballot she can cast now (for «votar»), or null when her group is not voting. */
  async pendingBallot(editionId: string, personKey: string): Promise<PendingBallot | null> {
    const group = await this.deps.membership.groupOf(editionId, personKey);
    if (group === null) return null;
    const doc = await this.elections.findOne({ activeKey: activeKeyOf(editionId, group) });
    const round = doc ? currentRound(doc) : undefined;
    if (!doc || !round || doc.phase !== 'voting') return null;
    const entry = await this.voters.findOne({ _id: voterIdOf(boxOf(doc._id, round.no), personKey) });
    return { election: viewOf(doc), round, voted: entry !== null && entry.state !== 'late' };
  }

  /** Voting rounds whose closing time has passed (for the scheduled closing, and to catch up after downtime). */
  async dueClosings(now: Date = this.clock()): Promise<{ electionId: string; round: number; closesAt: Date }[]> {
    const open = await this.elections.find({ phase: { $in: ['voting', 'closing'] } });
    return open.flatMap((doc) => {
      const round = currentRound(doc);
      return round?.closesAt && round.closesAt.getTime() <= now.getTime() ? [{ electionId: doc._id, round: round.no, closesAt: round.closesAt }] : [];
    });
  }

  // ---------------------------------------------------------------- nominations

  /** Opens nominations in one group (refused while the group has an election that is not settled). */
  async openNominations(input: { editionId: string; group: number; roles?: readonly ElectedRole[]; closesAt?: Date }, actor: string): Promise<ElectionView> {
    const groups = await this.deps.membership.groupNumbers(input.editionId);
    if (groups.length === 0) throw new ElectionError('noGroups', 'The edition has no confirmed groups');
    if (!groups.includes(input.group)) throw new ElectionError('badGroup', 'No such group', { group: input.group, groups: groups.length });
    if (input.roles?.some((r) => !isElectedRole(r))) throw new ElectionError('roleNotInElection', 'Unknown role');
    const active = await this.elections.findOne({ activeKey: activeKeyOf(input.editionId, input.group) });
    if (active) throw new ElectionError('electionInProgress', 'The group has an election in progress', { electionId: active._id, phase: active.phase });
    const now = this.clock();
    const [last] = await this.elections.find({ editionId: input.editionId, group: input.group }, { sort: { seq: -1 }, limit: 1 });
    const seq = (last?.seq ?? 0) + 1;
    let state: ElectionState;
    try {
      state = newElection({ editionId: input.editionId, group: input.group, seq, ...(input.roles ? { roles: input.roles } : {}), now, ...(input.closesAt ? { nominationsCloseAt: input.closesAt } : {}) });
    } catch (err) {
      rethrowRule(err);
    }
    const doc: ElectionDoc = { ...state, _id: `${input.editionId}:${input.group}:${seq}`, version: 1, activeKey: activeKeyOf(input.editionId, input.group), openedBy: actor, updatedAt: now };
    try {
      await this.elections.insertOne(doc);
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new ElectionError('electionInProgress', 'The group has an election in progress');
      throw err;
    }
    await this.audit({ actor, action: ELECTION_AUDIT.open, target: doc._id, editionId: doc.editionId, details: { group: doc.group, seq, roles: doc.roles, closesAt: input.closesAt?.toISOString() ?? null } });
    this.deps.logger.info({ electionId: doc._id, actor }, 'election nominations opened');
    return viewOf(doc);
  }

  /** She nominates herself for a role. Idempotent. */
  async nominateSelf(electionId: string, personKey: string, role: ElectedRole): Promise<Candidacy> {
    return this.candidacyChange(electionId, personKey, personKey, role, 'self', async (state, heldRole, now) => nominate(state, { candidate: personKey, role, by: personKey, now, heldRole }));
  }

  /** A member proposes a companion of her group; the companion becomes a candidate only when she accepts. */
  async proposeCompanion(electionId: string, proposer: string, companion: string, role: ElectedRole): Promise<Candidacy> {
    return this.candidacyChange(electionId, proposer, companion, role, 'propose', async (state, heldRole, now) => nominate(state, { candidate: companion, role, by: proposer, now, heldRole }));
  }

  /** The proposed companion accepts (she becomes a candidate) or declines. */
  async answerProposal(electionId: string, personKey: string, role: ElectedRole, accept: boolean): Promise<Candidacy> {
    return this.candidacyChange(electionId, personKey, personKey, role, accept ? 'accept' : 'decline', async (state, heldRole, now) =>
      answerProposal(state, { candidate: personKey, role, accept, now, heldRole }),
    );
  }

  /** A candidate withdraws during nominations. */
  async withdrawCandidacy(electionId: string, personKey: string, role: ElectedRole): Promise<Candidacy> {
    return this.candidacyChange(electionId, personKey, personKey, role, 'withdraw', async (state, _held, now) => withdrawCandidacyRule(state, { candidate: personKey, role, now }));
  }

  private async candidacyChange(
    electionId: string,
    actor: string,
    candidate: string,
    role: ElectedRole,
    what: string,
    rule: (state: ElectionState, heldRole: ElectedRole | null, now: Date) => Promise<{ state: ElectionState; candidacy: Candidacy; changed: boolean }>,
  ): Promise<Candidacy> {
    if (!isElectedRole(role)) throw new ElectionError('roleNotInElection', 'Unknown role');
    const first = await this.load(electionId);
    if ((await this.deps.membership.groupOf(first.editionId, actor)) !== first.group) throw new ElectionError('notMember', 'Only members of the group take part in its election');
    if (candidate !== actor && (await this.deps.membership.groupOf(first.editionId, candidate)) !== first.group) {
      throw new ElectionError('candidateNotMember', 'The companion is not a member of this group');
    }
    const heldRole = (await this.holders.findOne({ _id: holderIdOf(first.editionId, candidate) }))?.role ?? null;
    let result: { candidacy: Candidacy; changed: boolean } | undefined;
    await this.mutate(electionId, async (doc) => {
      const r = await rule(doc, heldRole, this.clock());
      result = r;
      return r.changed ? r.state : null;
    });
    if (result!.changed) {
      await this.audit({ actor, action: ELECTION_AUDIT.candidacy, target: candidate, editionId: first.editionId, details: { electionId, role, what, status: result!.candidacy.status } });
    }
    return result!.candidacy;
  }

  // ---------------------------------------------------------------- voting

  /** Closes nominations and opens the first round with the accepted candidates (frozen from now on). */
  async openVoting(electionId: string, actor: string, opts: { closesAt?: Date } = {}): Promise<ElectionView> {
    const now = this.clock();
    const { after } = await this.mutate(electionId, async (doc) => openVotingRound(doc, { now, ...(opts.closesAt ? { closesAt: opts.closesAt } : {}) }));
    const round = currentRound(after);
    await this.audit({
      actor,
      action: ELECTION_AUDIT.voting,
      target: electionId,
      editionId: after.editionId,
      details: {
        group: after.group,
        round: round?.no ?? null,
        contests: round?.contests.map((c) => ({ role: c.role, candidates: c.candidates.length })) ?? [],
        noCandidates: after.outcomes.filter((o) => o.status === 'noCandidates').map((o) => o.role),
        closesAt: opts.closesAt?.toISOString() ?? null,
      },
    });
    return viewOf(after);
  }

  /**
   * Casts her secret ballot: one choice per role on the ballot (a candidate's personKey or ABSTENTION).
   * `voter` is the person of the activity (never taken from the card); `round` is the round the card was made for.
   * `choices` may be a function of the round (its frozen contests, e.g. to turn a card's positions into
   * personKeys): it is called once that round is known to be the current one, so the caller need not read the
   * election itself. Whatever it returns is validated like any other choice.
   * Refused (ElectionError, nothing stored): notFound, staleBallot, votingClosed, notMember, missingChoice,
   * unknownContest, invalidChoice.
   */
  async castBallot(input: {
    electionId: string;
    round: number;
    voter: string;
    choices: Readonly<Record<string, unknown>> | ((round: Round) => Readonly<Record<string, unknown>>);
  }): Promise<CastResult> {
    const { electionId, voter } = input;
    const doc = await this.load(electionId);
    const round = currentRound(doc);
    if (!round) throw new ElectionError('votingClosed', 'Voting is not open', { phase: doc.phase });
    if (input.round !== round.no) throw new ElectionError('staleBallot', 'This ballot belongs to another round', { round: input.round, current: round.no });
    if (doc.phase !== 'voting') throw new ElectionError('votingClosed', 'Voting is not open', { phase: doc.phase });
    if (round.closesAt && this.clock().getTime() >= round.closesAt.getTime()) throw new ElectionError('votingClosed', 'The closing time has passed');
    if ((await this.deps.membership.groupOf(doc.editionId, voter)) !== doc.group) throw new ElectionError('notMember', 'Only members of the group vote in its election');
    let ballot: { role: ElectedRole; choice: Choice }[];
    try {
      ballot = validateBallot(round.contests, typeof input.choices === 'function' ? input.choices(round) : input.choices);
    } catch (err) {
      rethrowRule(err);
    }
    const box = boxOf(electionId, round.no);
    const info = { electionId, round: round.no };
    await this.step('validated', info);
    const result = { ...info, group: doc.group };

    // 1. The register entry, with the sealed ballot as a write-ahead copy. Its unique _id is the one-vote lock.
    const entry: VoterDoc = { _id: voterIdOf(box, voter), electionId, box, voterKey: voter, state: 'pending', sealed: '' };
    entry.sealed = this.keys.seal(JSON.stringify(ballot), entry._id);
    try {
      await this.voters.insertOne(entry);
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      const existing = await this.voters.findOne({ _id: entry._id });
      if (existing?.state === 'late') throw new ElectionError('votingClosed', 'Voting closed before her ballot was counted');
      if (existing?.state === 'pending') await this.rollForward(existing);
      return { status: 'alreadyVoted', ...result };
    }
    await this.step('registered', info);

    // 2. The ballots (one write on the embedded store).
    await this.insertBallots(ballot.map((b) => this.ballotDoc(voter, box, b.role, b.choice)));
    await this.step('ballotsWritten', info);

    // 3. Commit: the register keeps who, not what.
    await this.voters.updateOne({ _id: entry._id, state: 'pending' }, { $set: { state: 'voted' }, $unset: { sealed: 1 } });
    await this.step('committed', info);

    // 4. If the round closed meanwhile, the vote counts only if the tally froze it; otherwise it is withdrawn.
    const latest = await this.elections.findOne({ _id: electionId });
    if (latest && latest.phase === 'voting' && latest.rounds.length === round.no) return { status: 'recorded', ...result };
    const claimed = await this.voters.findOneAndUpdate({ _id: entry._id, state: 'voted', counted: { $exists: false } }, { $set: { state: 'late' } });
    if (claimed) {
      await this.rollBack(claimed, round.contests.map((c) => c.role));
      throw new ElectionError('votingClosed', 'Voting closed before her ballot was counted');
    }
    const final = await this.voters.findOne({ _id: entry._id });
    if (final?.counted) return { status: 'recorded', ...result };
    throw new ElectionError('votingClosed', 'Voting closed before her ballot was counted');
  }

  private ballotDoc(voter: string, box: string, role: ElectedRole, choice: Choice): BallotDoc {
    return { _id: this.keys.ballotId(voter, box, role), box, role, sealed: this.keys.seal(JSON.stringify({ c: choice }), `${box}|${role}`) };
  }

  private async step(step: CastStep, info: { electionId: string; round: number }): Promise<void> {
    await this.deps.hooks?.afterCastStep?.(step, info);
  }

  /** Inserts ballots; those already there (a retry, a recovery) are left as they are. */
  private async insertBallots(docs: BallotDoc[]): Promise<void> {
    try {
      await this.ballots.insertMany(docs);
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      for (const doc of docs) {
        try {
          await this.ballots.insertOne(doc);
        } catch (e) {
          if (!isDuplicateKeyError(e)) throw e;
        }
      }
    }
  }

  /** Completes a pending vote from its write-ahead copy. */
  private async rollForward(entry: VoterDoc): Promise<boolean> {
    const text = entry.sealed ? this.keys.open(entry.sealed, entry._id) : null;
    const ballot = text ? parseBallot(text) : null;
    if (!ballot) {
      this.deps.logger.error({ electionId: entry.electionId, box: entry.box }, 'unreadable pending vote: withdrawn');
      await this.voters.deleteOne({ _id: entry._id, state: 'pending' });
      return false;
    }
    await this.insertBallots(ballot.map((b) => this.ballotDoc(entry.voterKey, entry.box, b.role, b.choice)));
    await this.voters.updateOne({ _id: entry._id, state: 'pending' }, { $set: { state: 'voted' }, $unset: { sealed: 1 } });
    return true;
  }

  /** Withdraws a vote that was never counted: its ballots first, then its register entry. */
  private async rollBack(entry: VoterDoc, roles: readonly ElectedRole[]): Promise<void> {
    if (entry.counted) return;
    const ids = roles.map((r) => this.keys.ballotId(entry.voterKey, entry.box, r));
    await this.ballots.deleteMany({ _id: { $in: ids } });
    await this.voters.deleteOne({ _id: entry._id, counted: { $exists: false } });
  }

  // ---------------------------------------------------------------- closing and counting

  /**
   * Closes the current round, counts it, announces nothing (the feature does) and gives the winners their roles.
   * Idempotent: a second call (the scheduled job after an administrator) returns the result with alreadyClosed.
   * `opts.round` (a scheduled closing names the round it was scheduled for) leaves a later round alone.
   */
  async closeVoting(electionId: string, actor: string, opts: { round?: number } = {}): Promise<CloseResult> {
    const current = await this.load(electionId);
    const lastRound = currentRound(current);
    if (opts.round !== undefined && lastRound && opts.round !== lastRound.no) {
      if (current.rounds.some((r) => r.no === opts.round && r.closedAt)) return this.closedResult(current, true, opts.round);
      throw new ElectionError('staleBallot', 'No such round', { round: opts.round, current: lastRound.no });
    }
    if (current.phase === 'closed' && lastRound?.closedAt) return this.closedResult(current, true);
    const { after: closing } = await this.mutate(electionId, async (doc) => beginClosing(doc));
    const round = currentRound(closing)!;
    const box = boxOf(electionId, round.no);

    // Freeze the register: pending votes are completed first; whatever commits after the freeze is withdrawn.
    for (const entry of await this.voters.find({ box, state: 'pending' })) await this.rollForward(entry);
    await this.voters.updateMany({ box, state: 'voted', counted: { $exists: false } }, { $set: { counted: true } });
    const counted = await this.voters.find({ box, counted: true });

    // Read exactly the counted voters' ballots (their ids need the key).
    const choices = new Map<ElectedRole, Choice[]>(round.contests.map((c) => [c.role, []]));
    const integrity = { missingBallots: 0, unreadableBallots: 0 };
    const wanted: { id: string; role: ElectedRole }[] = counted.flatMap((v) => round.contests.map((c) => ({ id: this.keys.ballotId(v.voterKey, box, c.role), role: c.role })));
    const found = new Map<string, BallotDoc>();
    for (let i = 0; i < wanted.length; i += ID_CHUNK) {
      for (const b of await this.ballots.find({ _id: { $in: wanted.slice(i, i + ID_CHUNK).map((w) => w.id) } })) found.set(b._id, b);
    }
    for (const w of wanted) {
      const doc = found.get(w.id);
      if (!doc) {
        integrity.missingBallots++;
        continue;
      }
      const contest = round.contests.find((c) => c.role === w.role)!;
      const choice = parseChoice(this.keys.open(doc.sealed, `${box}|${w.role}`));
      if (choice === null || doc.role !== w.role || (choice !== ABSTENTION && !contest.candidates.includes(choice))) {
        integrity.unreadableBallots++;
        continue;
      }
      choices.get(w.role)!.push(choice);
    }
    const eligible = (await this.deps.membership.membersOf(closing.editionId, closing.group)).length;
    const now = this.clock();

    let outcome: { quorum: Quorum; results: ContestResult[] } | undefined;
    let closedAfter: ElectionDoc;
    try {
      ({ after: closedAfter } = await this.mutate(electionId, async (doc) => {
        const r = completeClosing(doc, { now, turnout: { eligible: Math.max(eligible, counted.length), voted: counted.length }, choices, minTurnout: this.minTurnout });
        outcome = r;
        return r.state;
      }));
    } catch (err) {
      // Another closer finished first.
      if (err instanceof ElectionError && err.code === 'wrongPhase') return this.closedResult(await this.load(electionId), true);
      throw err;
    }
    const assigned = await this.assignWinners(closedAfter, round.no);
    const bad = integrity.missingBallots + integrity.unreadableBallots;
    if (bad > 0) {
      this.deps.logger.error({ electionId, round: round.no, ...integrity }, 'ballot box integrity problem');
      await this.audit({ actor: SYSTEM_ACTOR, action: ELECTION_AUDIT.integrity, target: electionId, editionId: closedAfter.editionId, details: { round: round.no, ...integrity } });
    }
    await this.audit({
      actor,
      action: ELECTION_AUDIT.close,
      target: electionId,
      editionId: closedAfter.editionId,
      details: { group: closedAfter.group, round: round.no, kind: round.kind, turnout: outcome!.quorum, results: outcome!.results.map(publicResult) },
    });
    const ties = outcome!.results.filter((r) => r.outcome.kind === 'tie');
    if (ties.length > 0) {
      await this.audit({
        actor,
        action: ELECTION_AUDIT.tie,
        target: electionId,
        editionId: closedAfter.editionId,
        details: { group: closedAfter.group, round: round.no, ties: ties.map((t) => ({ role: t.role, tied: t.outcome.kind === 'tie' ? t.outcome.tied : [], next: tieResolution(closedAfter, t.role) })) },
      });
    }
    this.deps.logger.info({ electionId, round: round.no, eligible, voted: counted.length }, 'election round closed');
    return { election: viewOf(closedAfter), round: round.no, quorum: outcome!.quorum, results: outcome!.results, assigned, alreadyClosed: false, integrity };
  }

  private closedResult(doc: ElectionDoc, alreadyClosed: boolean, roundNo?: number): CloseResult {
    const round = (roundNo === undefined ? undefined : doc.rounds.find((r) => r.no === roundNo)) ?? currentRound(doc)!;
    return {
      election: viewOf(doc),
      round: round.no,
      quorum: round.quorum ?? { eligible: 0, voted: 0, required: 0, met: false },
      results: round.results ?? [],
      assigned: [],
      alreadyClosed,
      integrity: { missingBallots: 0, unreadableBallots: 0 },
    };
  }

  /** Opens a runoff among the tied candidates of every role tied in the first round. */
  async openRunoff(electionId: string, actor: string, opts: { closesAt?: Date } = {}): Promise<ElectionView> {
    const now = this.clock();
    const { after } = await this.mutate(electionId, async (doc) => openRunoffRound(doc, { now, ...(opts.closesAt ? { closesAt: opts.closesAt } : {}) }));
    const round = currentRound(after)!;
    await this.audit({
      actor,
      action: ELECTION_AUDIT.runoff,
      target: electionId,
      editionId: after.editionId,
      details: { group: after.group, round: round.no, contests: round.contests.map((c) => ({ role: c.role, candidates: c.candidates })), closesAt: opts.closesAt?.toISOString() ?? null },
    });
    return viewOf(after);
  }

  /**
   * Breaks a runoff's tie by lot (reproducible: see src/domain/elections/draw.ts). Without a seed, the default
   * one is derived from the election, round, role and tied candidates. Audited with the seed and the order.
   */
  async drawLots(electionId: string, actor: string, input: { role: ElectedRole; seed?: string }): Promise<{ election: ElectionView; seed: string; order: string[]; winner: string; assigned: RoleHolding[] }> {
    if (!isElectedRole(input.role)) throw new ElectionError('roleNotInElection', 'Unknown role');
    const seedText = input.seed?.trim().slice(0, 200);
    let draw: { seed: string; order: string[]; winner: string } | undefined;
    const { after } = await this.mutate(electionId, async (doc) => {
      const outcome = doc.outcomes.find((o) => o.role === input.role);
      const seed = seedText || defaultDrawSeed(doc._id, outcome?.round ?? 0, input.role, outcome?.tied ?? []);
      const r = resolveByLot(doc, { role: input.role, seed, now: this.clock() });
      draw = r.draw;
      return r.state;
    });
    const assigned = await this.assignWinners(after, null, input.role);
    await this.audit({ actor, action: ELECTION_AUDIT.draw, target: electionId, editionId: after.editionId, details: { group: after.group, role: input.role, seed: draw!.seed, order: draw!.order, winner: draw!.winner } });
    return { election: viewOf(after), ...draw!, assigned };
  }

  // ---------------------------------------------------------------- roles

  /** The elected roles a person holds in an edition (at most one), while she is still in that group. */
  async rolesFor(editionId: string, personKey: string): Promise<{ group: number; role: ElectedRole }[]> {
    const held = await this.holders.findOne({ _id: holderIdOf(editionId, personKey) });
    if (!held) return [];
    if ((await this.deps.membership.groupOf(editionId, personKey)) !== held.group) return [];
    return [{ group: held.group, role: held.role }];
  }

  /** True when she holds `role` (any elected role when omitted) in `group`: the check later features use. */
  async holds(editionId: string, personKey: string, group: number, role?: ElectedRole): Promise<boolean> {
    return (await this.rolesFor(editionId, personKey)).some((r) => r.group === group && (role === undefined || r.role === role));
  }

  holdersOf(editionId: string, group?: number): Promise<RoleHolding[]> {
    return this.holders.find(group === undefined ? { editionId } : { editionId, group }, { sort: { group: 1, role: 1 } });
  }

  /** Offers she has to answer. */
  offersFor(editionId: string, personKey: string): Promise<RoleOffer[]> {
    return this.offers.find({ editionId, personKey });
  }

  /**
   * «cargo asignar»: offers a role of a group to a member; she holds it when she accepts (answerOffer), replacing
   * the current holder, if any. Refused while an election of the group is still deciding that role.
   */
  async offerRole(input: { editionId: string; group: number; role: ElectedRole; personKey: string }, actor: string): Promise<RoleOffer> {
    const { editionId, group, role, personKey } = input;
    if (!isElectedRole(role)) throw new ElectionError('roleNotInElection', 'Unknown role');
    await this.assertAssignable(editionId, group, role, personKey);
    const offer: RoleOffer = { _id: offerIdOf(editionId, group, role), editionId, group, role, personKey, by: actor, at: this.clock() };
    const previous = await this.offers.findOne({ _id: offer._id });
    await this.offers.replaceOne({ _id: offer._id }, offer, { upsert: true });
    await this.audit({ actor, action: ELECTION_AUDIT.roleOffer, target: personKey, editionId, details: { group, role, replacedOffer: previous && previous.personKey !== personKey ? previous.personKey : null } });
    return offer;
  }

  /** She accepts (she holds the role from now on) or declines an offer. */
  async answerOffer(input: { editionId: string; group: number; role: ElectedRole }, personKey: string, accept: boolean): Promise<{ offer: RoleOffer; holding: RoleHolding | null; replaced: RoleHolding | null }> {
    if (!isElectedRole(input.role)) throw new ElectionError('roleNotInElection', 'Unknown role');
    const offer = await this.offers.findOne({ _id: offerIdOf(input.editionId, input.group, input.role) });
    if (!offer || offer.personKey !== personKey) throw new ElectionError('noOffer', 'There is no offer of this role for her');
    if (!accept) {
      await this.offers.deleteOne({ _id: offer._id, personKey });
      await this.audit({ actor: personKey, action: ELECTION_AUDIT.roleOfferAnswer, target: personKey, editionId: offer.editionId, details: { group: offer.group, role: offer.role, accepted: false, offeredBy: offer.by } });
      return { offer, holding: null, replaced: null };
    }
    await this.assertAssignable(offer.editionId, offer.group, offer.role, personKey);
    const { holding, replaced } = await this.assign({ editionId: offer.editionId, group: offer.group, role: offer.role, personKey, how: 'assigned', by: offer.by });
    await this.offers.deleteOne({ _id: offer._id, personKey });
    await this.audit({ actor: personKey, action: ELECTION_AUDIT.roleOfferAnswer, target: personKey, editionId: offer.editionId, details: { group: offer.group, role: offer.role, accepted: true, offeredBy: offer.by } });
    return { offer, holding, replaced };
  }

  /** «cargo renunciar»: she gives up her role; the role is vacant until an election or an assignment fills it. */
  async renounceRole(editionId: string, personKey: string): Promise<RoleHolding> {
    const held = await this.holders.findOne({ _id: holderIdOf(editionId, personKey) });
    if (!held) throw new ElectionError('notHolder', 'She holds no elected role');
    await this.holders.deleteOne({ _id: held._id, role: held.role, group: held.group });
    await this.audit({ actor: personKey, action: ELECTION_AUDIT.roleRenounce, target: personKey, editionId, details: { group: held.group, role: held.role, how: held.how, since: held.since.toISOString() } });
    this.deps.logger.info({ editionId, group: held.group, role: held.role }, 'role renounced');
    return held;
  }

  private async assertAssignable(editionId: string, group: number, role: ElectedRole, personKey: string): Promise<void> {
    const groups = await this.deps.membership.groupNumbers(editionId);
    if (!groups.includes(group)) throw new ElectionError('badGroup', 'No such group', { group, groups: groups.length });
    if ((await this.deps.membership.groupOf(editionId, personKey)) !== group) throw new ElectionError('candidateNotMember', 'She is not a member of this group');
    const active = await this.elections.findOne({ activeKey: activeKeyOf(editionId, group) });
    if (active && roleInPlay(active, role)) throw new ElectionError('electionInProgress', 'An election of the group is deciding this role', { electionId: active._id, phase: active.phase });
    if (active && active.phase !== 'closed' && active.candidacies.some((c) => c.personKey === personKey && c.status === 'accepted')) {
      throw new ElectionError('candidateForOtherRole', 'She is a candidate in the group election', { electionId: active._id });
    }
    const held = await this.holders.findOne({ _id: holderIdOf(editionId, personKey) });
    if (held && held.group === group && held.role === role) throw new ElectionError('alreadyHolds', 'She holds this role already');
    if (held) throw new ElectionError('holdsOtherRole', 'She holds another role; she must renounce it first', { heldRole: held.role, heldGroup: held.group });
  }

  /** Gives the winners of this election their roles (those decided in `round`, or `onlyRole`). */
  private async assignWinners(doc: ElectionDoc, round: number | null, onlyRole?: ElectedRole): Promise<RoleHolding[]> {
    const out: RoleHolding[] = [];
    for (const w of winnersOf(doc)) {
      const outcome = doc.outcomes.find((o) => o.role === w.role)!;
      if (onlyRole !== undefined ? w.role !== onlyRole : outcome.round !== round) continue;
      const { holding } = await this.assign({ editionId: doc.editionId, group: doc.group, role: w.role, personKey: w.personKey, how: w.how, electionId: doc._id, by: SYSTEM_ACTOR });
      out.push(holding);
    }
    return out;
  }

  /** Makes her the holder of a role, replacing the current holder (audited). */
  private async assign(input: { editionId: string; group: number; role: ElectedRole; personKey: string; how: RoleHolding['how']; by: string; electionId?: string }): Promise<{ holding: RoleHolding; replaced: RoleHolding | null }> {
    const { editionId, group, role, personKey } = input;
    const holding: RoleHolding = {
      _id: holderIdOf(editionId, personKey),
      editionId,
      group,
      role,
      personKey,
      how: input.how,
      ...(input.electionId ? { electionId: input.electionId } : {}),
      since: this.clock(),
      by: input.by,
    };
    let replaced: RoleHolding | null = null;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const mine = await this.holders.findOne({ _id: holding._id });
      if (mine && mine.group === group && mine.role === role) return { holding: mine, replaced };
      const current = await this.holders.findOne({ editionId, group, role });
      if (current) {
        await this.holders.deleteOne({ _id: current._id, group, role });
        replaced = current;
        await this.audit({ actor: input.by, action: ELECTION_AUDIT.roleReplace, target: current.personKey, editionId, details: { group, role, by: personKey } });
      }
      if (mine) {
        // She held another role (rare: an assignment raced an election). She moves; that role is left vacant.
        await this.holders.deleteOne({ _id: mine._id, group: mine.group, role: mine.role });
        await this.audit({ actor: input.by, action: ELECTION_AUDIT.roleReplace, target: personKey, editionId, details: { group: mine.group, role: mine.role, movedTo: role } });
      }
      try {
        await this.holders.insertOne(holding);
      } catch (err) {
        if (isDuplicateKeyError(err)) continue;
        throw err;
      }
      await this.audit({ actor: input.by, action: ELECTION_AUDIT.roleAssign, target: personKey, editionId, details: { group, role, how: input.how, electionId: input.electionId ?? null, replaced: replaced?.personKey ?? null } });
      this.deps.logger.info({ editionId, group, role, how: input.how }, 'role assigned');
      return { holding, replaced };
    }
    throw new ElectionError('busy', 'The role changed repeatedly; try again');
  }

  // ---------------------------------------------------------------- recovery

  /**
   * Repairs what a crash left half done: pending votes of an open round are completed, votes a counted round
   * never counted are withdrawn, interrupted closings are finished. Safe to run at any time.
   */
  async recover(): Promise<RecoveryReport> {
    const report: RecoveryReport = { rolledForward: 0, rolledBack: 0, resumedClosings: 0 };
    const cache = new Map<string, ElectionDoc | null>();
    const electionOf = async (id: string): Promise<ElectionDoc | null> => {
      if (!cache.has(id)) cache.set(id, await this.elections.findOne({ _id: id }));
      return cache.get(id)!;
    };
    const suspects = await this.voters.find({ $or: [{ state: 'pending' }, { state: 'late' }, { state: 'voted', counted: { $exists: false } }] });
    for (const entry of suspects) {
      const doc = await electionOf(entry.electionId);
      const roundNo = Number(entry.box.slice(entry.box.lastIndexOf('#') + 1));
      const round = doc?.rounds.find((r) => r.no === roundNo);
      const live = !!doc && doc.rounds.length === roundNo && (doc.phase === 'voting' || doc.phase === 'closing');
      if (live && entry.state === 'pending') {
        if (await this.rollForward(entry)) report.rolledForward++;
        else report.rolledBack++;
      } else if (!live || entry.state === 'late') {
        const claimed = await this.voters.findOneAndUpdate({ _id: entry._id, counted: { $exists: false } }, { $set: { state: 'late' } });
        if (claimed) {
          await this.rollBack(claimed, round ? round.contests.map((c) => c.role) : ELECTED_ROLES);
          report.rolledBack++;
        }
      }
    }
    for (const doc of await this.elections.find({ phase: 'closing' })) {
      await this.closeVoting(doc._id, SYSTEM_ACTOR);
      report.resumedClosings++;
    }
    if (report.rolledForward + report.rolledBack + report.resumedClosings > 0) this.deps.logger.warn({ ...report }, 'election recovery after an interruption');
    return report;
  }

  // ---------------------------------------------------------------- plumbing

  private async load(electionId: string): Promise<ElectionDoc> {
    const doc = typeof electionId === 'string' ? await this.elections.findOne({ _id: electionId }) : null;
    if (!doc) throw new ElectionError('notFound', 'No such election', { electionId });
    return doc;
  }

  /**
   * Applies a rule to the stored election with optimistic concurrency (retried on a concurrent change).
   * `change` returns the next state, or null for no change.
   */
  private async mutate(electionId: string, change: (doc: ElectionDoc) => Promise<ElectionState | null>): Promise<{ before: ElectionDoc; after: ElectionDoc }> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const before = await this.load(electionId);
      let next: ElectionState | null;
      try {
        next = await change(before);
      } catch (err) {
        rethrowRule(err);
      }
      if (next === null) return { before, after: before };
      const { _id: _i, version: _v, activeKey: _a, openedBy: _o, updatedAt: _u, ...state } = next as ElectionDoc;
      const after: ElectionDoc = {
        ...state,
        _id: before._id,
        version: before.version + 1,
        ...(isSettled(next) ? {} : { activeKey: activeKeyOf(before.editionId, before.group) }),
        openedBy: before.openedBy,
        updatedAt: this.clock(),
      };
      const r = await this.elections.replaceOne({ _id: before._id, version: before.version }, after);
      if (r.matched === 1) return { before, after };
    }
    throw new ElectionError('busy', 'The election changed repeatedly; try again');
  }

  private async audit(entry: AuditInput): Promise<void> {
    await this.deps.audit.append(entry);
  }
}

/** What the close audit keeps of a result: counts (public), never a ballot. */
function publicResult(r: ContestResult): Record<string, unknown> {
  return { role: r.role, counts: r.counts, abstentions: r.abstentions, ballots: r.ballots, outcome: r.outcome };
}

function parseBallot(text: string): { role: ElectedRole; choice: Choice }[] | null {
  try {
    const v: unknown = JSON.parse(text);
    if (!Array.isArray(v)) return null;
    const out: { role: ElectedRole; choice: Choice }[] = [];
    for (const item of v as unknown[]) {
      const { role, choice } = (item ?? {}) as { role?: unknown; choice?: unknown };
      if (!isElectedRole(role) || typeof choice !== 'string') return null;
      out.push({ role, choice });
    }
    return out;
  } catch {
    return null;
  }
}

function parseChoice(text: string | null): Choice | null {
  if (text === null) return null;
  try {
    const v = JSON.parse(text) as { c?: unknown };
    return typeof v.c === 'string' ? v.c : null;
  } catch {
    return null;
  }
}

function nextSteps(doc: ElectionDoc | null, vacant: readonly ElectedRole[]): NextStep[] {
  const steps: NextStep[] = [];
  if (!doc || isSettled(doc)) {
    for (const role of vacant) steps.push({ action: 'assign', role });
    if (vacant.length > 0 || !doc) steps.unshift({ action: 'openNominations' });
    return steps;
  }
  if (doc.phase === 'nominations') steps.push({ action: 'openVoting' });
  if (doc.phase === 'voting' || doc.phase === 'closing') steps.push({ action: 'close' });
  if (doc.phase === 'closed') {
    const runoff = doc.roles.filter((r) => tieResolution(doc, r) === 'runoff');
    if (runoff.length > 0) steps.push({ action: 'runoff', roles: runoff });
    for (const r of doc.roles) if (tieResolution(doc, r) === 'draw') steps.push({ action: 'draw', role: r });
  }
  for (const role of vacantRoles(doc)) if (vacant.includes(role)) steps.push({ action: 'assign', role });
  return steps;
}
