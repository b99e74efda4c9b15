import { describe, expect, it } from 'vitest';
import {
  ABSTENTION,
  answerProposal,
  beginClosing,
  candidatesOf,
  completeClosing,
  decideContest,
  defaultDrawSeed,
  drawByLot,
  type ElectedRole,
  ElectionRuleError,
  type ElectionState,
  isSettled,
  newElection,
  nominate,
  openRunoff,
  openVoting,
  quorumOf,
  resolveByLot,
  tallyContest,
  tieResolution,
  validateBallot,
  winnersOf,
  withdrawCandidacy,
} from '../../src/domain/elections/index.js';
import { mulberry32 } from '../../src/domain/groups/prng.js';
import { P } from './support.js';

const T0 = new Date('2026-12-01T16:00:00Z');
const later = (min: number): Date => new Date(T0.getTime() + min * 60_000);

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ElectionRuleError);
    return (err as ElectionRuleError).code;
  }
  throw new Error('expected an ElectionRuleError');
}

const fresh = (): ElectionState => newElection({ editionId: '2026', group: 1, seq: 1, now: T0 });
const self = (s: ElectionState, who: string, role: ElectedRole): ElectionState => nominate(s, { candidate: who, role, by: who, now: T0 }).state;

/** Closes the current round with the given choices per role. */
function close(s: ElectionState, choices: Partial<Record<ElectedRole, string[]>>, eligible = 10, minTurnout = 0): ElectionState {
  const voted = Math.max(0, ...Object.values(choices).map((c) => c.length));
  return completeClosing(beginClosing(s), {
    now: later(60),
    turnout: { eligible, voted },
    choices: new Map(Object.entries(choices) as [ElectedRole, string[]][]),
    minTurnout,
  }).state;
}

describe('candidacies', () => {
  it('a self-nomination makes her a candidate; repeating it changes nothing', () => {
    const r = nominate(fresh(), { candidate: P(1), role: 'representante', by: P(1), now: T0 });
    expect(r.changed).toBe(true);
    expect(candidatesOf(r.state, 'representante')).toEqual([P(1)]);
    expect(nominate(r.state, { candidate: P(1), role: 'representante', by: P(1), now: T0 }).changed).toBe(false);
  });

  it('a proposed companion is a candidate only once she accepts', () => {
    let s = nominate(fresh(), { candidate: P(2), role: 'secretaria', by: P(1), now: T0 }).state;
    expect(candidatesOf(s, 'secretaria')).toEqual([]);
    s = answerProposal(s, { candidate: P(2), role: 'secretaria', accept: true, now: T0 }).state;
    expect(candidatesOf(s, 'secretaria')).toEqual([P(2)]);
  });

  it('a declined proposal cannot be repeated, but she may still nominate herself', () => {
    let s = nominate(fresh(), { candidate: P(2), role: 'secretaria', by: P(1), now: T0 }).state;
    s = answerProposal(s, { candidate: P(2), role: 'secretaria', accept: false, now: T0 }).state;
    expect(code(() => nominate(s, { candidate: P(2), role: 'secretaria', by: P(3), now: T0 }))).toBe('proposalDeclined');
    expect(code(() => answerProposal(s, { candidate: P(2), role: 'secretaria', accept: true, now: T0 }))).toBe('proposalDeclined');
    expect(candidatesOf(self(s, P(2), 'secretaria'), 'secretaria')).toEqual([P(2)]);
  });

  it('nobody is a candidate for both roles (self-nomination, proposal, acceptance)', () => {
    let s = self(fresh(), P(1), 'representante');
    expect(code(() => self(s, P(1), 'secretaria'))).toBe('candidateForOtherRole');
    expect(code(() => nominate(s, { candidate: P(1), role: 'secretaria', by: P(2), now: T0 }))).toBe('candidateForOtherRole');
    s = nominate(s, { candidate: P(3), role: 'secretaria', by: P(2), now: T0 }).state;
    s = self(s, P(3), 'representante');
    expect(code(() => answerProposal(s, { candidate: P(3), role: 'secretaria', accept: true, now: T0 }))).toBe('candidateForOtherRole');
    // After withdrawing she may run for the other role.
    s = withdrawCandidacy(s, { candidate: P(1), role: 'representante', now: T0 }).state;
    expect(candidatesOf(self(s, P(1), 'secretaria'), 'secretaria')).toEqual([P(1)]);
  });

  it('a holder of the other role cannot run for this one', () => {
    expect(code(() => nominate(fresh(), { candidate: P(1), role: 'secretaria', by: P(1), now: T0, heldRole: 'representante' }))).toBe('holdsOtherRole');
    expect(nominate(fresh(), { candidate: P(1), role: 'representante', by: P(1), now: T0, heldRole: 'representante' }).changed).toBe(true);
  });

  it('refuses after the nominations closing time, outside nominations and for a role not elected', () => {
    const timed = newElection({ editionId: '2026', group: 1, seq: 1, now: T0, nominationsCloseAt: later(30) });
    expect(code(() => nominate(timed, { candidate: P(1), role: 'representante', by: P(1), now: later(30) }))).toBe('nominationsClosed');
    const voting = openVoting(self(fresh(), P(1), 'representante'), { now: T0 });
    expect(code(() => self(voting, P(2), 'representante'))).toBe('wrongPhase');
    const onlyRep = newElection({ editionId: '2026', group: 1, seq: 2, now: T0, roles: ['representante'] });
    expect(code(() => self(onlyRep, P(1), 'secretaria'))).toBe('roleNotInElection');
    expect(code(() => newElection({ editionId: '2026', group: 1, seq: 1, now: T0, nominationsCloseAt: T0 }))).toBe('invalidClosingTime');
  });
});

describe('phases', () => {
  it('opening the vote freezes the candidates and reports roles without candidates', () => {
    const s = openVoting(self(fresh(), P(1), 'representante'), { now: T0, closesAt: later(120) });
    expect(s.phase).toBe('voting');
    expect(s.rounds[0]!.contests).toEqual([{ role: 'representante', candidates: [P(1)] }]);
    expect(s.outcomes.find((o) => o.role === 'secretaria')?.status).toBe('noCandidates');
  });

  it('with no candidate at all the election closes at once, settled and with nobody to assign automatically', () => {
    const s = openVoting(fresh(), { now: T0 });
    expect(s.phase).toBe('closed');
    expect(isSettled(s)).toBe(true);
    expect(winnersOf(s)).toEqual([]);
  });

  it('first-round tie → runoff among the tied; runoff tie → draw by lot; a first-round tie cannot go to the draw', () => {
    let s = [P(1), P(2), P(3)].reduce((acc, p) => self(acc, p, 'representante'), fresh());
    s = self(s, P(4), 'secretaria');
    s = openVoting(s, { now: T0 });
    s = close(s, { representante: [P(1), P(2), P(3), P(1), P(2)], secretaria: [P(4), P(4), ABSTENTION, P(4), P(4)] });
    expect(s.outcomes).toMatchObject([
      { role: 'representante', status: 'tie', tied: [P(1), P(2)], round: 1 },
      { role: 'secretaria', status: 'elected', winner: P(4), round: 1 },
    ]);
    expect(tieResolution(s, 'representante')).toBe('runoff');
    expect(code(() => resolveByLot(s, { role: 'representante', seed: 'x', now: T0 }))).toBe('tieNeedsRunoff');
    expect(isSettled(s)).toBe(false);

    s = openRunoff(s, { now: later(70) });
    expect(s.rounds[1]).toMatchObject({ no: 2, kind: 'runoff', contests: [{ role: 'representante', candidates: [P(1), P(2)] }] });
    s = close(s, { representante: [P(1), P(2), ABSTENTION] });
    expect(tieResolution(s, 'representante')).toBe('draw');
    expect(code(() => openRunoff(s, { now: later(80) }))).toBe('tieNeedsDraw');
    const { state, draw } = resolveByLot(s, { role: 'representante', seed: 'semilla pública', now: later(90) });
    expect([P(1), P(2)]).toContain(draw.winner);
    expect(isSettled(state)).toBe(true);
    expect(winnersOf(state)).toEqual([
      { role: 'representante', personKey: draw.winner, how: 'drawn' },
      { role: 'secretaria', personKey: P(4), how: 'elected' },
    ]);
    expect(code(() => resolveByLot(state, { role: 'representante', seed: 'x', now: T0 }))).toBe('noTie');
  });

  it('all abstentions → noVotes; below quorum → noQuorum', () => {
    const s = openVoting(self(fresh(), P(1), 'representante'), { now: T0 });
    expect(close(s, { representante: [ABSTENTION, ABSTENTION] }).outcomes[0]!.status).toBe('noVotes');
    expect(close(s, { representante: [P(1)] }, 10, 0.5).outcomes[0]!.status).toBe('noQuorum');
    expect(close(s, { representante: [P(1), P(1), P(1), P(1), P(1)] }, 10, 0.5).outcomes[0]!.status).toBe('elected');
  });
});

describe('counting', () => {
  const contests = [
    { role: 'representante' as const, candidates: [P(1), P(2)] },
    { role: 'secretaria' as const, candidates: [P(3)] },
  ];

  it('validates ballots: one choice per contest, a candidate of that contest or the abstention', () => {
    expect(validateBallot(contests, { representante: P(2), secretaria: ABSTENTION })).toEqual([
      { role: 'representante', choice: P(2) },
      { role: 'secretaria', choice: ABSTENTION },
    ]);
    expect(code(() => validateBallot(contests, { representante: P(1) }))).toBe('missingChoice');
    expect(code(() => validateBallot(contests, { representante: P(3), secretaria: P(3) }))).toBe('invalidChoice');
    expect(code(() => validateBallot(contests, { representante: P(9), secretaria: P(3) }))).toBe('invalidChoice');
    expect(code(() => validateBallot(contests, { representante: 7, secretaria: P(3) }))).toBe('invalidChoice');
    expect(code(() => validateBallot(contests.slice(0, 1), { representante: P(1), secretaria: P(3) }))).toBe('unknownContest');
    expect(code(() => validateBallot(contests, null))).toBe('missingChoice');
    expect(code(() => validateBallot(contests, { representante: 'toString', secretaria: P(3) }))).toBe('invalidChoice');
    expect(code(() => validateBallot(contests, Object.create({ representante: P(1), secretaria: P(3) })))).toBe('missingChoice');
  });

  it('quorum rounds up and 0 means none', () => {
    expect(quorumOf({ eligible: 35, voted: 17 }, 0.5)).toEqual({ eligible: 35, voted: 17, required: 18, met: false });
    expect(quorumOf({ eligible: 35, voted: 18 }, 0.5).met).toBe(true);
    expect(quorumOf({ eligible: 35, voted: 0 }, 0)).toMatchObject({ required: 0, met: true });
  });

  it('property: the tally equals an independent recount, and the outcome follows from it', () => {
    const rng = mulberry32(20261201);
    for (let trial = 0; trial < 500; trial++) {
      const n = 1 + rng.int(6);
      const candidates = Array.from({ length: n }, (_, i) => P(100 + i));
      const contest = { role: 'representante' as const, candidates };
      const ballots = Array.from({ length: rng.int(45) }, () => (rng.next() < 0.15 ? ABSTENTION : candidates[rng.int(n)]!));
      const tally = tallyContest(contest, ballots);

      const recount = new Map<string, number>();
      for (const b of ballots) recount.set(b, (recount.get(b) ?? 0) + 1);
      expect(tally.ballots).toBe(ballots.length);
      expect(tally.abstentions).toBe(recount.get(ABSTENTION) ?? 0);
      for (const c of candidates) expect(tally.counts.find((x) => x.candidate === c)?.votes).toBe(recount.get(c) ?? 0);
      expect(tally.counts.map((c) => c.candidate).sort()).toEqual([...candidates].sort());
      expect(tally.counts.reduce((s, c) => s + c.votes, 0) + tally.abstentions).toBe(ballots.length);
      for (let i = 1; i < tally.counts.length; i++) expect(tally.counts[i - 1]!.votes).toBeGreaterThanOrEqual(tally.counts[i]!.votes);

      const max = Math.max(0, ...candidates.map((c) => recount.get(c) ?? 0));
      const top = candidates.filter((c) => (recount.get(c) ?? 0) === max);
      const outcome = decideContest(tally, { met: true });
      if (max === 0) expect(outcome).toEqual({ kind: 'noVotes' });
      else if (top.length === 1) expect(outcome).toEqual({ kind: 'elected', winner: top[0], votes: max });
      else expect(outcome.kind === 'tie' && [...outcome.tied].sort()).toEqual([...top].sort());
    }
  });
});

describe('draw by lot', () => {
  const tied = [P(7), P(3), P(5)];

  it('is reproducible from the seed and independent of the order the candidates are given in', () => {
    for (let i = 0; i < 200; i++) {
      const seed = `semilla-${i}`;
      const a = drawByLot(tied, seed);
      expect(drawByLot([...tied].reverse(), seed)).toEqual(a);
      expect(drawByLot(tied, seed)).toEqual(a);
      expect([...a.order].sort()).toEqual([...tied].sort());
      expect(a.winner).toBe(a.order[0]);
    }
  });

  it('is fixed for a known seed (a change of algorithm would change announced results)', () => {
    expect(drawByLot([P(1), P(2), P(3)], 'Red de Coaching 2026').order).toMatchInlineSnapshot(`
      [
        "aad:00000000-0000-0000-0000-000000000001",
        "aad:00000000-0000-0000-0000-000000000003",
        "aad:00000000-0000-0000-0000-000000000002",
      ]
    `);
  });

  it('gives every tied candidate a fair chance over many seeds', () => {
    const wins = new Map<string, number>();
    const N = 3000;
    for (let i = 0; i < N; i++) {
      const w = drawByLot(tied, defaultDrawSeed('2026:1:1', 2, 'representante', tied) + `#${i}`).winner;
      wins.set(w, (wins.get(w) ?? 0) + 1);
    }
    for (const c of tied) expect(wins.get(c)! / N).toBeGreaterThan(0.28);
  });
});
