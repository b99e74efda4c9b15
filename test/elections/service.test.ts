import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { ABSTENTION, drawByLot, defaultDrawSeed } from '../../src/domain/elections/index.js';
import { mulberry32 } from '../../src/domain/groups/prng.js';
import { ElectionError, ELECTION_AUDIT, electionRoleSource, type ElectionService } from '../../src/services/elections/index.js';
import { RoleService } from '../../src/services/roles.js';
import { EDITION, embeddedTarget, kitOn, type Kit, mongoIsLocal, mongoSkipReason, mongoTarget, P, pauseAt, type StoreTarget } from './support.js';

async function refused(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ElectionError);
    return (err as ElectionError).code;
  }
  throw new Error('expected an ElectionError');
}

/** Group 1 = P(1..10), group 2 = P(11..15). */
function placeGroups(k: Kit): void {
  k.membership.place(1, ...Array.from({ length: 10 }, (_, i) => P(i + 1)));
  k.membership.place(2, ...Array.from({ length: 5 }, (_, i) => P(i + 11)));
}

/** Opens group 1's election with P(1), P(2) for representante and P(3) for secretaria, and opens the vote. */
async function votingElection(k: Kit, opts: { closesAt?: Date } = {}): Promise<string> {
  const e = await k.service.openNominations({ editionId: EDITION, group: 1 }, 'aad:admin');
  await k.service.nominateSelf(e.id, P(1), 'representante');
  await k.service.nominateSelf(e.id, P(2), 'representante');
  await k.service.proposeCompanion(e.id, P(4), P(3), 'secretaria');
  await k.service.answerProposal(e.id, P(3), 'secretaria', true);
  await k.service.openVoting(e.id, 'aad:admin', opts);
  return e.id;
}

const vote = (s: ElectionService, electionId: string, voter: string, representante: string, secretaria: string = ABSTENTION, round = 1) =>
  s.castBallot({ electionId, round, voter, choices: { representante, secretaria } });

function defineSuite(name: string, makeTarget: () => Promise<StoreTarget>): void {
  describe(name, () => {
    let target: StoreTarget;
    let k: Kit;
    beforeAll(async () => {
      target = await makeTarget();
      // One store for the suite; every test works in its own edition-like namespace by clearing first.
      k = await kitOn(await target.open());
    });
    afterAll(async () => target?.dispose());
    beforeEach(async () => {
      for (const c of ['elections', 'electionVoters', 'electionBallots', 'roleHolders', 'roleOffers', 'audit']) await k.store.collection(c).deleteMany({});
      k.membership.groups.clear();
      k.membership.groupCount = 3;
      placeGroups(k);
    });

    describe('nominations', () => {
      it('opens once per group, refuses unknown groups and editions without groups, and audits who opened', async () => {
        const e = await k.service.openNominations({ editionId: EDITION, group: 1, closesAt: k.clock.at(60) }, 'aad:admin');
        expect(e).toMatchObject({ id: `${EDITION}:1:1`, phase: 'nominations', roles: ['representante', 'secretaria'], active: true });
        expect(await refused(k.service.openNominations({ editionId: EDITION, group: 1 }, 'aad:admin'))).toBe('electionInProgress');
        expect(await refused(k.service.openNominations({ editionId: EDITION, group: 9 }, 'aad:admin'))).toBe('badGroup');
        k.membership.groupCount = 0;
        expect(await refused(k.service.openNominations({ editionId: EDITION, group: 2 }, 'aad:admin'))).toBe('noGroups');
        const audit = await k.audit.list({ action: ELECTION_AUDIT.open });
        expect(audit).toHaveLength(1);
        expect(audit[0]).toMatchObject({ actor: 'aad:admin', target: e.id, details: { group: 1 } });
      });

      it('self-nomination, proposal with acceptance, declining, and one role per person', async () => {
        const e = await k.service.openNominations({ editionId: EDITION, group: 1 }, 'aad:admin');
        expect(await k.service.nominateSelf(e.id, P(1), 'representante')).toMatchObject({ status: 'accepted' });
        expect(await k.service.proposeCompanion(e.id, P(1), P(2), 'secretaria')).toMatchObject({ status: 'proposed', proposedBy: P(1) });
        expect(await refused(k.service.nominateSelf(e.id, P(1), 'secretaria'))).toBe('candidateForOtherRole');
        expect(await k.service.answerProposal(e.id, P(2), 'secretaria', false)).toMatchObject({ status: 'declined' });
        expect(await refused(k.service.proposeCompanion(e.id, P(5), P(2), 'secretaria'))).toBe('proposalDeclined');
        expect(await refused(k.service.answerProposal(e.id, P(6), 'secretaria', true))).toBe('noProposal');
        expect(await k.service.nominateSelf(e.id, P(2), 'secretaria')).toMatchObject({ status: 'accepted' });
        const view = await k.service.get(e.id);
        expect(view!.candidacies.filter((c) => c.status === 'accepted').map((c) => [c.personKey, c.role])).toEqual([
          [P(1), 'representante'],
          [P(2), 'secretaria'],
        ]);
        expect(await k.audit.list({ action: ELECTION_AUDIT.candidacy })).toHaveLength(4);
      });

      it('only members of the group nominate or are proposed; nothing after the closing time', async () => {
        const e = await k.service.openNominations({ editionId: EDITION, group: 1, closesAt: k.clock.at(60) }, 'aad:admin');
        expect(await refused(k.service.nominateSelf(e.id, P(11), 'representante'))).toBe('notMember');
        expect(await refused(k.service.nominateSelf(e.id, P(99), 'representante'))).toBe('notMember');
        expect(await refused(k.service.proposeCompanion(e.id, P(1), P(11), 'representante'))).toBe('candidateNotMember');
        expect(await refused(k.service.nominateSelf('2026:7:1', P(1), 'representante'))).toBe('notFound');
        expect(await refused(k.service.nominateSelf(e.id, P(1), 'tesorera' as 'representante'))).toBe('roleNotInElection');
        k.clock.advance(61);
        expect(await refused(k.service.nominateSelf(e.id, P(1), 'representante'))).toBe('nominationsClosed');
        expect((await k.service.get(e.id))!.candidacies).toEqual([]);
      });
    });

    describe('voting', () => {
      it('freezes the candidates, takes one secret ballot per member, counts it and gives the winners their roles', async () => {
        const id = await votingElection(k, { closesAt: k.clock.at(120) });
        expect(await refused(k.service.nominateSelf(id, P(5), 'representante'))).toBe('wrongPhase');
        const ballot = await k.service.pendingBallot(EDITION, P(7));
        expect(ballot).toMatchObject({ round: { no: 1, contests: [{ role: 'representante', candidates: [P(1), P(2)] }, { role: 'secretaria', candidates: [P(3)] }] }, voted: false });
        expect(await k.service.pendingBallot(EDITION, P(11))).toBeNull();

        const choices: [number, string, string][] = [
          [1, P(1), P(3)],
          [2, P(2), P(3)],
          [3, P(1), ABSTENTION],
          [4, P(1), P(3)],
          [5, ABSTENTION, P(3)],
        ];
        for (const [n, r, s] of choices) expect(await vote(k.service, id, P(n), r, s)).toEqual({ status: 'recorded', electionId: id, round: 1, group: 1 });
        expect(await vote(k.service, id, P(1), P(2), P(3))).toMatchObject({ status: 'alreadyVoted' });
        expect((await k.service.pendingBallot(EDITION, P(1)))?.voted).toBe(true);

        const turnout = await k.service.turnout(id);
        expect(turnout).toMatchObject({ voted: [P(1), P(2), P(3), P(4), P(5)].sort(), notVoted: [P(6), P(7), P(8), P(9), P(10)].sort() });
        expect(turnout!.eligible).toHaveLength(10);

        const closed = await k.service.closeVoting(id, 'aad:admin');
        expect(closed.alreadyClosed).toBe(false);
        expect(closed.quorum).toEqual({ eligible: 10, voted: 5, required: 0, met: true });
        expect(closed.results).toEqual([
          { role: 'representante', counts: [{ candidate: P(1), votes: 3 }, { candidate: P(2), votes: 1 }], abstentions: 1, ballots: 5, outcome: { kind: 'elected', winner: P(1), votes: 3 } },
          { role: 'secretaria', counts: [{ candidate: P(3), votes: 4 }], abstentions: 1, ballots: 5, outcome: { kind: 'elected', winner: P(3), votes: 4 } },
        ]);
        expect(closed.integrity).toEqual({ missingBallots: 0, unreadableBallots: 0 });
        expect(closed.assigned.map((h) => [h.personKey, h.role, h.how])).toEqual([
          [P(1), 'representante', 'elected'],
          [P(3), 'secretaria', 'elected'],
        ]);
        expect(closed.election).toMatchObject({ phase: 'closed', active: false });
        expect(await k.service.rolesFor(EDITION, P(1))).toEqual([{ group: 1, role: 'representante' }]);
        expect(await k.service.holds(EDITION, P(3), 1, 'secretaria')).toBe(true);
        expect(await k.service.holds(EDITION, P(3), 2)).toBe(false);
        expect(await k.service.rolesFor(EDITION, P(2))).toEqual([]);

        // A second closing (the scheduled job after the administrator) changes nothing.
        expect(await k.service.closeVoting(id, 'system')).toMatchObject({ alreadyClosed: true, results: closed.results });
        expect(await refused(vote(k.service, id, P(6), P(1)))).toBe('votingClosed');

        const status = await k.service.statusOfGroup(EDITION, 1);
        expect(status).toMatchObject({ vacant: [], next: [], turnout: { voted: turnout!.voted } });
        expect((await k.audit.list({ action: ELECTION_AUDIT.close }))[0]).toMatchObject({ actor: 'aad:admin', details: { turnout: { eligible: 10, voted: 5 } } });
      });

      it('refuses forged ballots: another group, a candidate of another group, a missing role, an old round, after the closing time', async () => {
        const id = await votingElection(k, { closesAt: k.clock.at(30) });
        expect(await refused(vote(k.service, id, P(11), P(1)))).toBe('notMember');
        expect(await refused(vote(k.service, id, P(99), P(1)))).toBe('notMember');
        expect(await refused(vote(k.service, id, P(5), P(12)))).toBe('invalidChoice');
        expect(await refused(vote(k.service, id, P(5), P(3), P(3)))).toBe('invalidChoice');
        expect(await refused(k.service.castBallot({ electionId: id, round: 1, voter: P(5), choices: { representante: P(1) } }))).toBe('missingChoice');
        expect(await refused(k.service.castBallot({ electionId: id, round: 1, voter: P(5), choices: { representante: P(1), secretaria: P(3), tesorera: P(4) } }))).toBe('unknownContest');
        expect(await refused(vote(k.service, id, P(5), P(1), P(3), 0))).toBe('staleBallot');
        expect(await refused(vote(k.service, `${EDITION}:2:1`, P(5), P(1)))).toBe('notFound');
        k.clock.advance(31);
        expect(await refused(vote(k.service, id, P(5), P(1)))).toBe('votingClosed');
        expect((await k.service.turnout(id))!.voted).toEqual([]);
        expect(await k.store.collection('electionBallots').countDocuments({})).toBe(0);
        expect(await k.service.dueClosings()).toEqual([{ electionId: id, round: 1, closesAt: k.clock.at(-1) }]);
      });

      it('one vote per member, also with concurrent submissions of the same ballot card', async () => {
        const id = await votingElection(k);
        const results = await Promise.all([P(1), P(2), P(3), P(1), P(2), P(3), P(1)].map((c, i) => vote(k.service, id, P(6), i % 2 ? P(2) : P(1), c === P(3) ? P(3) : ABSTENTION)));
        expect(results.filter((r) => r.status === 'recorded')).toHaveLength(1);
        expect(results.filter((r) => r.status === 'alreadyVoted')).toHaveLength(6);
        expect(await k.store.collection('electionVoters').countDocuments({})).toBe(1);
        expect(await k.store.collection('electionBallots').countDocuments({})).toBe(2);
        const closed = await k.service.closeVoting(id, 'aad:admin');
        expect(closed.quorum.voted).toBe(1);
        expect(closed.results.map((r) => r.ballots)).toEqual([1, 1]);
      });

      it('property: for random ballots the published tally equals an independent recount', async () => {
        const rng = mulberry32(7);
        for (let trial = 0; trial < 4; trial++) {
          for (const c of ['elections', 'electionVoters', 'electionBallots', 'roleHolders']) await k.store.collection(c).deleteMany({});
          const id = await votingElection(k);
          const expected = { representante: new Map<string, number>(), secretaria: new Map<string, number>() };
          const voters = Array.from({ length: 10 }, (_, i) => P(i + 1)).filter(() => rng.next() < 0.8);
          await Promise.all(
            voters.map((voter) => {
              const r = [P(1), P(2), ABSTENTION][rng.int(3)]!;
              const s = [P(3), ABSTENTION][rng.int(2)]!;
              expected.representante.set(r, (expected.representante.get(r) ?? 0) + 1);
              expected.secretaria.set(s, (expected.secretaria.get(s) ?? 0) + 1);
              return vote(k.service, id, voter, r, s);
            }),
          );
          const closed = await k.service.closeVoting(id, 'aad:admin');
          expect(closed.quorum.voted).toBe(voters.length);
          for (const result of closed.results) {
            const recount = expected[result.role];
            expect(result.abstentions).toBe(recount.get(ABSTENTION) ?? 0);
            for (const c of result.counts) expect(c.votes).toBe(recount.get(c.candidate) ?? 0);
            expect(result.ballots).toBe(voters.length);
          }
        }
      });
    });

    describe('ties, runoff and draw', () => {
      it('a first-round tie goes to a runoff among the tied; a tied runoff is drawn by lot, reproducibly and audited', async () => {
        const e = await k.service.openNominations({ editionId: EDITION, group: 1 }, 'aad:admin');
        for (const n of [1, 2, 3]) await k.service.nominateSelf(e.id, P(n), 'representante');
        await k.service.nominateSelf(e.id, P(4), 'secretaria');
        await k.service.openVoting(e.id, 'aad:admin');
        for (const [n, r] of [[5, P(1)], [6, P(2)], [7, P(3)], [8, P(1)], [9, P(2)]] as const) await vote(k.service, e.id, P(n), r, P(4));
        const first = await k.service.closeVoting(e.id, 'aad:admin');
        expect(first.results[0]!.outcome).toEqual({ kind: 'tie', tied: [P(1), P(2)], votes: 2 });
        expect(first.assigned.map((h) => h.role)).toEqual(['secretaria']);
        expect((await k.service.statusOfGroup(EDITION, 1)).next).toEqual([{ action: 'runoff', roles: ['representante'] }]);
        expect(await refused(k.service.drawLots(e.id, 'aad:admin', { role: 'representante' }))).toBe('tieNeedsRunoff');
        expect((await k.audit.list({ action: ELECTION_AUDIT.tie }))[0]).toMatchObject({ details: { ties: [{ role: 'representante', tied: [P(1), P(2)], next: 'runoff' }] } });

        const runoff = await k.service.openRunoff(e.id, 'aad:admin');
        // The first round's scheduled closing, arriving late, leaves the runoff open.
        expect(await k.service.closeVoting(e.id, 'system', { round: 1 })).toMatchObject({ alreadyClosed: true, round: 1, results: first.results });
        expect((await k.service.get(e.id))!.phase).toBe('voting');
        expect(runoff.rounds[1]).toMatchObject({ no: 2, kind: 'runoff', contests: [{ role: 'representante', candidates: [P(1), P(2)] }] });
        // The old round's card is refused; the runoff ballot has only the tied role.
        expect(await refused(vote(k.service, e.id, P(10), P(1)))).toBe('staleBallot');
        expect(await refused(k.service.castBallot({ electionId: e.id, round: 2, voter: P(5), choices: { representante: P(3) } }))).toBe('invalidChoice');
        expect(await k.service.castBallot({ electionId: e.id, round: 2, voter: P(5), choices: { representante: P(1) } })).toMatchObject({ status: 'recorded', round: 2 });
        expect(await k.service.castBallot({ electionId: e.id, round: 2, voter: P(6), choices: { representante: P(2) } })).toMatchObject({ status: 'recorded' });
        const second = await k.service.closeVoting(e.id, 'aad:admin');
        expect(second.results).toHaveLength(1);
        expect(await refused(k.service.openRunoff(e.id, 'aad:admin'))).toBe('tieNeedsDraw');
        expect((await k.service.statusOfGroup(EDITION, 1)).next).toEqual([{ action: 'draw', role: 'representante' }]);

        const drawn = await k.service.drawLots(e.id, 'aad:admin', { role: 'representante' });
        const seed = defaultDrawSeed(e.id, 2, 'representante', [P(1), P(2)]);
        expect(drawn).toMatchObject(drawByLot([P(2), P(1)], seed));
        expect(drawn.assigned.map((h) => [h.personKey, h.role, h.how])).toEqual([[drawn.winner, 'representante', 'drawn']]);
        expect(drawn.election).toMatchObject({ phase: 'closed', active: false });
        expect((await k.audit.list({ action: ELECTION_AUDIT.draw }))[0]).toMatchObject({ actor: 'aad:admin', details: { seed, order: drawn.order, winner: drawn.winner } });
        expect(await refused(k.service.drawLots(e.id, 'aad:admin', { role: 'representante' }))).toBe('noTie');
      });

      it('a round nobody voted in leaves the role vacant; a draw with a seed given by UTIGyND uses it', async () => {
        const e = await k.service.openNominations({ editionId: EDITION, group: 2, roles: ['secretaria'] }, 'aad:admin');
        await k.service.nominateSelf(e.id, P(11), 'secretaria');
        await k.service.nominateSelf(e.id, P(12), 'secretaria');
        await k.service.openVoting(e.id, 'aad:admin');
        await k.service.closeVoting(e.id, 'aad:admin'); // nobody voted
        expect((await k.service.get(e.id))!.outcomes).toEqual([{ role: 'secretaria', status: 'noVotes', round: 1 }]);
        const e2 = await k.service.openNominations({ editionId: EDITION, group: 2, roles: ['secretaria'] }, 'aad:admin');
        expect(e2.seq).toBe(2);
        await k.service.nominateSelf(e2.id, P(11), 'secretaria');
        await k.service.nominateSelf(e2.id, P(12), 'secretaria');
        await k.service.openVoting(e2.id, 'aad:admin');
        await k.service.castBallot({ electionId: e2.id, round: 1, voter: P(13), choices: { secretaria: P(11) } });
        await k.service.castBallot({ electionId: e2.id, round: 1, voter: P(14), choices: { secretaria: P(12) } });
        await k.service.closeVoting(e2.id, 'aad:admin');
        await k.service.openRunoff(e2.id, 'aad:admin');
        await k.service.castBallot({ electionId: e2.id, round: 2, voter: P(13), choices: { secretaria: P(12) } });
        await k.service.castBallot({ electionId: e2.id, round: 2, voter: P(15), choices: { secretaria: P(11) } });
        await k.service.closeVoting(e2.id, 'aad:admin');
        const drawn = await k.service.drawLots(e2.id, 'aad:admin', { role: 'secretaria', seed: ' 4821 ' });
        expect(drawn).toMatchObject({ seed: '4821', winner: drawByLot([P(11), P(12)], '4821').winner });
        expect(await k.service.rolesFor(EDITION, drawn.winner)).toEqual([{ group: 2, role: 'secretaria' }]);
      });
    });

    describe('roles', () => {
      it('reports a role without candidates; UTIGyND assigns it with her acceptance; she can renounce; replacements are audited', async () => {
        const e = await k.service.openNominations({ editionId: EDITION, group: 1 }, 'aad:admin');
        await k.service.nominateSelf(e.id, P(1), 'representante');
        expect(await refused(k.service.offerRole({ editionId: EDITION, group: 1, role: 'secretaria', personKey: P(5) }, 'aad:admin'))).toBe('electionInProgress');
        await k.service.openVoting(e.id, 'aad:admin');
        const status = await k.service.statusOfGroup(EDITION, 1);
        expect(status.election!.outcomes).toContainEqual({ role: 'secretaria', status: 'noCandidates', round: 1 });
        // The representante is still being voted; the secretaria is free to assign now.
        expect(await refused(k.service.offerRole({ editionId: EDITION, group: 1, role: 'representante', personKey: P(5) }, 'aad:admin'))).toBe('electionInProgress');
        expect(await refused(k.service.offerRole({ editionId: EDITION, group: 1, role: 'secretaria', personKey: P(1) }, 'aad:admin'))).toBe('candidateForOtherRole');
        expect(await refused(k.service.offerRole({ editionId: EDITION, group: 1, role: 'secretaria', personKey: P(11) }, 'aad:admin'))).toBe('candidateNotMember');
        await k.service.castBallot({ electionId: e.id, round: 1, voter: P(2), choices: { representante: P(1) } });
        await k.service.closeVoting(e.id, 'aad:admin');

        const offer = await k.service.offerRole({ editionId: EDITION, group: 1, role: 'secretaria', personKey: P(5) }, 'aad:admin');
        expect(await k.service.offersFor(EDITION, P(5))).toEqual([offer]);
        expect(await k.service.rolesFor(EDITION, P(5))).toEqual([]);
        expect(await refused(k.service.answerOffer({ editionId: EDITION, group: 1, role: 'secretaria' }, P(6), true))).toBe('noOffer');
        const accepted = await k.service.answerOffer({ editionId: EDITION, group: 1, role: 'secretaria' }, P(5), true);
        expect(accepted.holding).toMatchObject({ personKey: P(5), role: 'secretaria', how: 'assigned', by: 'aad:admin' });
        expect(await k.service.rolesFor(EDITION, P(5))).toEqual([{ group: 1, role: 'secretaria' }]);
        expect(await refused(k.service.answerOffer({ editionId: EDITION, group: 1, role: 'secretaria' }, P(5), true))).toBe('noOffer');
        expect(await refused(k.service.offerRole({ editionId: EDITION, group: 1, role: 'secretaria', personKey: P(5) }, 'aad:admin'))).toBe('alreadyHolds');
        expect(await refused(k.service.offerRole({ editionId: EDITION, group: 1, role: 'secretaria', personKey: P(1) }, 'aad:admin'))).toBe('holdsOtherRole');

        // Replacement: P(6) accepts, P(5) loses the role.
        await k.service.offerRole({ editionId: EDITION, group: 1, role: 'secretaria', personKey: P(6) }, 'aad:admin');
        const replaced = await k.service.answerOffer({ editionId: EDITION, group: 1, role: 'secretaria' }, P(6), true);
        expect(replaced.replaced?.personKey).toBe(P(5));
        expect(await k.service.rolesFor(EDITION, P(5))).toEqual([]);
        expect((await k.audit.list({ action: ELECTION_AUDIT.roleReplace }))[0]).toMatchObject({ target: P(5), details: { role: 'secretaria', by: P(6) } });

        // A declined offer changes nothing.
        await k.service.offerRole({ editionId: EDITION, group: 1, role: 'secretaria', personKey: P(7) }, 'aad:admin');
        expect((await k.service.answerOffer({ editionId: EDITION, group: 1, role: 'secretaria' }, P(7), false)).holding).toBeNull();
        expect(await k.service.rolesFor(EDITION, P(6))).toEqual([{ group: 1, role: 'secretaria' }]);

        expect(await k.service.renounceRole(EDITION, P(1))).toMatchObject({ role: 'representante', group: 1 });
        expect(await refused(k.service.renounceRole(EDITION, P(1)))).toBe('notHolder');
        const after = await k.service.statusOfGroup(EDITION, 1);
        expect(after.vacant).toEqual(['representante']);
        expect(after.next).toEqual([{ action: 'openNominations' }, { action: 'assign', role: 'representante' }]);
        expect((await k.audit.list({ action: ELECTION_AUDIT.roleRenounce }))[0]).toMatchObject({ actor: P(1), details: { role: 'representante' } });
      });

      it('feeds RoleService: representante/secretaria of the active edition, only while she is in that group', async () => {
        const id = await votingElection(k);
        await vote(k.service, id, P(9), P(2), P(3));
        await k.service.closeVoting(id, 'aad:admin');
        const roles = new RoleService(k.store, [], pino({ level: 'silent' }));
        let active: { _id: string } | null = { _id: EDITION };
        roles.addSource(electionRoleSource(k.service, { getActive: async () => active }));
        const person = (n: number) => ({ userId: `29:${n}`, aadObjectId: P(n).slice(4) });
        expect([...(await roles.rolesOf(person(2)))]).toEqual(['representante']);
        expect([...(await roles.rolesOf(person(3)))]).toEqual(['secretaria']);
        expect([...(await roles.rolesOf(person(1)))]).toEqual([]);
        k.membership.groups.delete(P(2));
        expect([...(await roles.rolesOf(person(2)))]).toEqual([]);
        active = null;
        expect([...(await roles.rolesOf(person(3)))]).toEqual([]);
      });
    });

    describe('closing races and recovery', () => {
      it('a ballot that was checked before the closing but written after the tally is withdrawn and refused', async () => {
        const id = await votingElection(k);
        await vote(k.service, id, P(5), P(1), P(3));
        const pause = pauseAt('validated');
        const slow = k.make({ hooks: pause.hooks });
        const late = slow.castBallot({ electionId: id, round: 1, voter: P(6), choices: { representante: P(2), secretaria: P(3) } });
        await pause.reached;
        const closed = await k.service.closeVoting(id, 'aad:admin');
        pause.release();
        expect(await refused(late)).toBe('votingClosed');
        expect(closed.quorum.voted).toBe(1);
        expect(await k.store.collection('electionVoters').countDocuments({})).toBe(1);
        expect(await k.store.collection('electionBallots').countDocuments({})).toBe(2);
        expect((await k.service.turnout(id))!.voted).toEqual([P(5)]);
      });

      it('a ballot half written when the closing starts is completed and counted, and she is told so', async () => {
        const id = await votingElection(k);
        const pause = pauseAt('registered');
        const slow = k.make({ hooks: pause.hooks });
        const inFlight = slow.castBallot({ electionId: id, round: 1, voter: P(6), choices: { representante: P(2), secretaria: P(3) } });
        await pause.reached;
        const closed = await k.service.closeVoting(id, 'aad:admin');
        pause.release();
        expect(await inFlight).toMatchObject({ status: 'recorded' });
        expect(closed.results[0]!.outcome).toEqual({ kind: 'elected', winner: P(2), votes: 1 });
        expect(await k.store.collection('electionBallots').countDocuments({})).toBe(2);
      });

      it('after a crash between the writes, start-up completes the vote; her retry is answered "already voted"', async () => {
        const id = await votingElection(k);
        const crash = k.make({
          hooks: {
            afterCastStep(step) {
              if (step === 'registered') throw new Error('simulated crash');
            },
          },
        });
        await expect(vote(crash, id, P(7), P(1), P(3))).rejects.toThrow('simulated crash');
        expect(await k.store.collection('electionBallots').countDocuments({})).toBe(0);
        const restarted = k.make();
        expect(await restarted.init()).toEqual({ rolledForward: 1, rolledBack: 0, resumedClosings: 0 });
        expect(await k.store.collection('electionBallots').countDocuments({})).toBe(2);
        expect(await vote(restarted, id, P(7), P(2), P(3))).toMatchObject({ status: 'alreadyVoted' });
        const closed = await restarted.closeVoting(id, 'aad:admin');
        expect(closed.results[0]!.counts).toEqual([{ candidate: P(1), votes: 1 }, { candidate: P(2), votes: 0 }]);
      });

      it('a retry while a crashed vote is still pending completes it instead of voting again', async () => {
        const id = await votingElection(k);
        const crash = k.make({
          hooks: {
            afterCastStep(step) {
              if (step === 'registered') throw new Error('simulated crash');
            },
          },
        });
        await expect(vote(crash, id, P(7), P(1), P(3))).rejects.toThrow('simulated crash');
        expect(await vote(k.service, id, P(7), P(2), P(3))).toMatchObject({ status: 'alreadyVoted' });
        expect((await k.service.closeVoting(id, 'aad:admin')).results[0]!.outcome).toEqual({ kind: 'elected', winner: P(1), votes: 1 });
      });

      it('a closing interrupted before the tally is finished at start-up', async () => {
        const id = await votingElection(k);
        await vote(k.service, id, P(5), P(2), P(3));
        await k.store.collection('elections').updateOne({ _id: id }, { $set: { phase: 'closing' } });
        expect(await refused(vote(k.service, id, P(6), P(1)))).toBe('votingClosed');
        expect(await k.make().init()).toMatchObject({ resumedClosings: 1 });
        expect((await k.service.get(id))!.outcomes.map((o) => [o.role, o.status, o.winner])).toEqual([
          ['representante', 'elected', P(2)],
          ['secretaria', 'elected', P(3)],
        ]);
      });
    });
  });
}

defineSuite('ElectionService (embedded store)', embeddedTarget);

describe.skipIf(!mongoIsLocal)(`ElectionService on MongoDB${mongoIsLocal ? '' : ` (${mongoSkipReason})`}`, () => {
  defineSuite('MongoDB', mongoTarget);
});
