import { currentRound, type ElectedRole, type ContestResult } from '../../domain/elections/index.js';
import type { MemberRecord } from '../../domain/member.js';
import type { CloseResult, ElectionView } from '../../services/elections/index.js';
import type { OutgoingMessage } from '../../domain/conversationRef.js';
import { renderElectionBallotCard, renderElectionNominationCard, renderElectionNoteCard } from '../../cards/elections.js';
import type { CardJson } from '../../cards/render.js';
import type { FeatureContext } from '../feature.js';
import { closingText, groupMembersOf, membersByKey, nameIn } from './support.js';
import { ELECTIONS_TEXTS as T, ROLE_TITLES } from './texts.js';

/**
 * What the elections feature sends outside the current turn: nomination cards, ballots, results and role
 * changes, 1:1 and in the group's space. Broadcast ids are derived from the event (election, round, role,
 * person, time of the change), so a re-run (the scheduled closing after an administrator, a retried job) never
 * sends twice and a new event always sends.
 */
export const BROADCAST = {
  nominations: (electionId: string) => `elecciones-postulaciones:${electionId}`,
  nominationsSpace: (electionId: string, conversationId: string) => `elecciones-postulaciones-espacio:${electionId}:${conversationId}`,
  ballots: (electionId: string, round: number) => `elecciones-boletas:${electionId}:${round}`,
  ballotsSpace: (electionId: string, round: number, conversationId: string) => `elecciones-boletas-espacio:${electionId}:${round}:${conversationId}`,
  results: (electionId: string, round: number) => `elecciones-resultados:${electionId}:${round}`,
  resultsSpace: (electionId: string, round: number, conversationId: string) => `elecciones-resultados-espacio:${electionId}:${round}:${conversationId}`,
  draw: (electionId: string, role: ElectedRole) => `elecciones-sorteo:${electionId}:${role}`,
  drawSpace: (electionId: string, role: ElectedRole, conversationId: string) => `elecciones-sorteo-espacio:${electionId}:${role}:${conversationId}`,
  proposal: (electionId: string, role: ElectedRole, personKey: string) => `elecciones-propuesta:${electionId}:${role}:${personKey}`,
  offer: (editionId: string, group: number, role: ElectedRole, personKey: string, at: Date) => `cargo-ofrecimiento:${editionId}:${group}:${role}:${personKey}:${at.getTime()}`,
  roleChange: (editionId: string, group: number, role: ElectedRole, personKey: string, what: string, at: Date) =>
    `cargo-cambio:${editionId}:${group}:${role}:${personKey}:${what}:${at.getTime()}`,
} as const;

/** The close job's kind and key (one per election round). */
export const ELECTION_CLOSE_JOB = 'elections.close';
/** When nominations reach their closing time, the administrator who opened them is told how they stand. */
export const NOMINATIONS_CLOSED_JOB = 'elections.nominationsClosed';
export const nominationsClosedJobKey = (electionId: string): string => `${NOMINATIONS_CLOSED_JOB}:${electionId}`;
export const BROADCAST_NOMINATIONS_CLOSED = (electionId: string): string => `elecciones-postulaciones-cerradas:${electionId}`;
export const closeJobKey = (electionId: string, round: number): string => `${ELECTION_CLOSE_JOB}:${electionId}:${round}`;

async function groupMembers(ctx: FeatureContext, editionId: string, group: number): Promise<{ members: MemberRecord[]; byKey: Map<string, MemberRecord> }> {
  const [members, byKey] = await Promise.all([groupMembersOf(ctx, editionId, group), membersByKey(ctx, editionId)]);
  return { members, byKey };
}

/** Posts in the group's linked space, when it has one. */
async function postInSpace(ctx: FeatureContext, editionId: string, group: number, broadcastId: (conversationId: string) => string, kind: string, title: string, message: OutgoingMessage): Promise<void> {
  const space = await ctx.services.groups.spaceOf(editionId, group);
  if (!space) return;
  await ctx.services.notifier.notifyConversation({ broadcastId: broadcastId(space.ref.conversation.id), kind, title, ref: space.ref, message });
}

async function toMembers(ctx: FeatureContext, members: readonly MemberRecord[], broadcastId: string, kind: string, title: string, message: (m: MemberRecord) => OutgoingMessage): Promise<void> {
  await ctx.services.notifier.notifyPeople({
    broadcastId,
    kind,
    title,
    recipients: members.map((m) => ({ personKey: m.personKey, userId: m.userId, name: m.nombre, message: message(m) })),
  });
}

export function nominationCard(election: ElectionView): CardJson {
  const closes = closingText(election.nominationsCloseAt);
  return renderElectionNominationCard({ title: T.nominationTitle(election.group), intro: T.nominationIntro, closes: closes ? T.closesAt(closes) : T.noClosing, electionId: election.id });
}

/** Every member gets the nomination card; the space gets a notice. */
export async function announceNominations(ctx: FeatureContext, election: ElectionView): Promise<void> {
  const { members } = await groupMembers(ctx, election.editionId, election.group);
  const card = nominationCard(election);
  await toMembers(ctx, members, BROADCAST.nominations(election.id), 'election-nominations', T.broadcastNominations(election.group), () => ({ cards: [card] }));
  await postInSpace(ctx, election.editionId, election.group, (c) => BROADCAST.nominationsSpace(election.id, c), 'election-nominations', T.broadcastNominations(election.group), {
    text: T.spaceNominations(election.group, closingText(election.nominationsCloseAt)),
  });
}

/** Her ballot for the current round of the election (null when it is not voting). */
export function ballotCard(election: ElectionView, byKey: ReadonlyMap<string, MemberRecord>): CardJson | null {
  const round = currentRound(election);
  if (!round || election.phase !== 'voting') return null;
  const closes = closingText(round.closesAt);
  return renderElectionBallotCard({
    title: T.ballotTitle(election.group, round.kind === 'runoff'),
    intro: T.ballotIntro,
    closes: closes ? T.closesAt(closes) : T.noClosing,
    electionId: election.id,
    round: round.no,
    contests: round.contests.map((c) => ({
      label: ROLE_TITLES[c.role],
      candidates: c.candidates.map((k) => nameIn(byKey, k)),
    })),
    abstention: T.abstention,
  });
}

/** Each member gets her secret ballot for the current round; the space gets a notice. */
export async function announceVoting(ctx: FeatureContext, election: ElectionView): Promise<void> {
  const round = currentRound(election);
  const { members, byKey } = await groupMembers(ctx, election.editionId, election.group);
  const card = ballotCard(election, byKey);
  if (!round || !card) return;
  await toMembers(ctx, members, BROADCAST.ballots(election.id, round.no), 'election-ballot', T.broadcastBallots(election.group), () => ({ cards: [card] }));
  await postInSpace(ctx, election.editionId, election.group, (c) => BROADCAST.ballotsSpace(election.id, round.no, c), 'election-ballot', T.broadcastBallots(election.group), {
    text: T.spaceVoting(election.group, closingText(round.closesAt)),
  });
}

/** One line per contest of a counted round: the verdict and the counts (public), never a ballot. */
export function resultLines(results: readonly ContestResult[], byKey: ReadonlyMap<string, MemberRecord>, runoffRound: boolean): string[] {
  return results.map((r) => resultText(r, byKey, runoffRound));
}

function resultText(r: ContestResult, byKey: ReadonlyMap<string, MemberRecord>, runoffRound: boolean): string {
  const o = r.outcome;
  const counts = T.counts(
    r.counts.map((c) => ({ name: nameIn(byKey, c.candidate), votes: c.votes })),
    r.abstentions,
  );
  let verdict: string;
  if (o.kind === 'elected') verdict = T.elected(nameIn(byKey, o.winner));
  else if (o.kind === 'tie') {
    verdict = `${T.tie(o.tied.map((k) => nameIn(byKey, k)))}. ${runoffRound ? T.nextDraw : T.nextTie}`;
  } else verdict = o.kind === 'noVotes' ? T.noVotes : T.noQuorum;
  return T.resultLine(r.role, `${verdict} (${counts}).`);
}

/** The results of a closed round: in the space and 1:1 to every member (same card). */
export async function announceResults(ctx: FeatureContext, closed: CloseResult): Promise<void> {
  const election = closed.election;
  const round = election.rounds.find((r) => r.no === closed.round);
  const { members, byKey } = await groupMembers(ctx, election.editionId, election.group);
  const paragraphs = [T.turnout(closed.quorum.voted, closed.quorum.eligible), ...resultLines(closed.results, byKey, round?.kind === 'runoff')];
  if (closed.round === 1) {
    for (const o of election.outcomes) if (o.status === 'noCandidates') paragraphs.push(T.resultLine(o.role, `${T.noCandidates}.`));
  }
  const card = renderElectionNoteCard({ title: T.resultsTitle(election.group, round?.kind === 'runoff'), paragraphs });
  await toMembers(ctx, members, BROADCAST.results(election.id, closed.round), 'election-results', T.broadcastResults(election.group), () => ({ cards: [card] }));
  await postInSpace(ctx, election.editionId, election.group, (c) => BROADCAST.resultsSpace(election.id, closed.round, c), 'election-results', T.broadcastResults(election.group), { cards: [card] });
}

/** A draw by lot: in the space and 1:1 to every member. */
export async function announceDraw(ctx: FeatureContext, election: ElectionView, role: ElectedRole, draw: { seed: string; order: string[]; winner: string }): Promise<void> {
  const { members, byKey } = await groupMembers(ctx, election.editionId, election.group);
  const names = [...draw.order].sort().map((k) => nameIn(byKey, k));
  const card = renderElectionNoteCard({ title: T.resultsTitle(election.group, true), paragraphs: [T.drawAnnounce(election.group, role, names, nameIn(byKey, draw.winner), draw.seed)] });
  await toMembers(ctx, members, BROADCAST.draw(election.id, role), 'election-draw', T.broadcastResults(election.group), () => ({ cards: [card] }));
  await postInSpace(ctx, election.editionId, election.group, (c) => BROADCAST.drawSpace(election.id, role, c), 'election-draw', T.broadcastResults(election.group), { cards: [card] });
}

/** A change of holder (accepted offer, renouncement) announced in the group's space. */
export async function announceRoleChange(ctx: FeatureContext, input: { editionId: string; group: number; role: ElectedRole; personKey: string; what: 'taken' | 'renounced'; at: Date }): Promise<void> {
  const byKey = await membersByKey(ctx, input.editionId);
  const name = nameIn(byKey, input.personKey);
  const text = input.what === 'taken' ? T.roleTaken(input.group, input.role, name) : T.roleRenounced(input.group, input.role, name);
  await postInSpace(ctx, input.editionId, input.group, (c) => `${BROADCAST.roleChange(input.editionId, input.group, input.role, input.personKey, input.what, input.at)}:${c}`, 'role-change', T.broadcastRoles(input.group), { text });
}

/** Voting could not open: no role had a candidate. The group is told, 1:1 and in its space. */
export async function announceNoCandidates(ctx: FeatureContext, election: ElectionView): Promise<void> {
  const members = await groupMembersOf(ctx, election.editionId, election.group);
  const card = renderElectionNoteCard({ title: T.resultsTitle(election.group, false), paragraphs: [T.noCandidatesNotice(election.group)] });
  await toMembers(ctx, members, BROADCAST.results(election.id, 0), 'election-results', T.broadcastResults(election.group), () => ({ cards: [card] }));
  await postInSpace(ctx, election.editionId, election.group, (c) => BROADCAST.resultsSpace(election.id, 0, c), 'election-results', T.broadcastResults(election.group), { cards: [card] });
}
