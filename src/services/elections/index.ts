export {
  ElectionService,
  ElectionError,
  ELECTION_AUDIT,
  ELECTIONS_COLLECTION,
  VOTERS_COLLECTION,
  BALLOTS_COLLECTION,
  HOLDERS_COLLECTION,
  OFFERS_COLLECTION,
  SYSTEM_ACTOR,
  type CastResult,
  type CastStep,
  type CloseResult,
  type ElectionDoc,
  type ElectionErrorCode,
  type ElectionServiceDeps,
  type ElectionView,
  type GroupElectionStatus,
  type NextStep,
  type PendingBallot,
  type RecoveryReport,
  type RoleHolding,
  type RoleOffer,
  type TurnoutView,
} from './service.js';
export { membershipFromGroupSets, type ElectionMembership } from './membership.js';
export { electionRoleSource } from './roleSource.js';
export { BallotKeys } from './ballotBox.js';
