import { describe, expect, it } from 'vitest';
import { checkPicks, clampMaxPicks, parseChoiceSetValue, rankTopics, tallyApproval, topChoices, type RankableTopic } from '../../src/domain/topics/index.js';

const topics: RankableTopic[] = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id, eje: id < 'd' ? 'liderazgo' : 'competencias', titulo: `Tema ${id.toUpperCase()}` }));
const ids = topics.map((t) => t.id);

/** A tiny deterministic PRNG for the property test. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('picks: up to K distinct topics of the vote', () => {
  it('accepts 1..K known topics, as a list or as the comma-separated value of a multi-select ChoiceSet', () => {
    expect(checkPicks(['a', 'c'], ids, 5)).toEqual({ ok: true, picks: ['a', 'c'] });
    expect(checkPicks('b, d,e', ids, 5)).toEqual({ ok: true, picks: ['b', 'd', 'e'] });
    expect(parseChoiceSetValue(undefined)).toBeUndefined();
    expect(parseChoiceSetValue('')).toEqual([]);
  });

  it('refuses empty, too many, repeated, unknown and malformed picks with a Spanish message (never trims them to fit)', () => {
    expect(checkPicks([], ids, 5)).toMatchObject({ ok: false, code: 'empty', message: 'Elija al menos un tema.' });
    expect(checkPicks(['a', 'b', 'c'], ids, 2)).toMatchObject({ ok: false, code: 'tooMany', message: 'Puede elegir hasta 2 temas.' });
    expect(checkPicks(['a', 'b'], ids, 1)).toMatchObject({ ok: false, code: 'tooMany', message: 'Puede elegir hasta 1 tema.' });
    expect(checkPicks(['a', 'a'], ids, 5)).toMatchObject({ ok: false, code: 'duplicate' });
    expect(checkPicks(['a', 'zz'], ids, 5)).toMatchObject({ ok: false, code: 'unknownTopic' });
    expect(checkPicks({ a: 1 }, ids, 5)).toMatchObject({ ok: false, code: 'notList' });
    expect(checkPicks([1, 2], ids, 5)).toMatchObject({ ok: false, code: 'notList' });
  });

  it('K is kept within 1..20 and never above the number of topics', () => {
    expect(clampMaxPicks(5, 60)).toBe(5);
    expect(clampMaxPicks(0, 60)).toBe(1);
    expect(clampMaxPicks(99, 60)).toBe(20);
    expect(clampMaxPicks(5, 3)).toBe(3);
    expect(clampMaxPicks(Number.NaN, 60)).toBe(5);
  });
});

describe('ranking: approval counts per topic, ties shown, stable order', () => {
  it('counts approvals and ranks with competition ranks; equal counts keep the temario order', () => {
    const r = rankTopics(topics, [
      ['c', 'a'],
      ['c', 'e'],
      ['e', 'a', 'b'],
      ['c'],
    ]);
    expect(r.ballots).toBe(4);
    expect(r.entries.map((e) => [e.id, e.votes, e.rank, e.tied])).toEqual([
      ['c', 3, 1, false],
      ['a', 2, 2, true],
      ['e', 2, 2, true],
      ['b', 1, 4, false],
      ['d', 0, 5, false],
      ['f', 0, 5, false],
    ]);
    expect(r.ties.map((g) => g.map((e) => e.id))).toEqual([['a', 'e']]);
  });

  it('shows several ties, and no tie among topics nobody picked', () => {
    const r = rankTopics(topics, [
      ['f', 'd', 'b', 'a'],
      ['f', 'd'],
    ]);
    expect(r.entries.map((e) => `${e.rank}:${e.id}`)).toEqual(['1:d', '1:f', '3:a', '3:b', '5:c', '5:e']);
    expect(r.ties.map((g) => g.map((e) => e.id))).toEqual([
      ['d', 'f'],
      ['a', 'b'],
    ]);
  });

  it('is stable: the order of ballots does not change the ranking', () => {
    const ballots = [['a', 'b'], ['b', 'c'], ['c', 'a'], ['d']];
    const a = rankTopics(topics, ballots);
    const b = rankTopics(topics, [...ballots].reverse());
    expect(b).toEqual(a);
    expect(a.entries.map((e) => e.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('an empty vote ranks every topic first with 0 votes and no ties', () => {
    const r = rankTopics(topics, []);
    expect(r.entries.every((e) => e.votes === 0 && e.rank === 1 && !e.tied)).toBe(true);
    expect(r.ties).toEqual([]);
  });

  it('property: the tally equals an independent recount, ranks are consistent, for random ballots', () => {
    const rnd = lcg(20270120);
    for (let run = 0; run < 200; run++) {
      const n = Math.floor(rnd() * 40);
      const ballots = Array.from({ length: n }, () => ids.filter(() => rnd() < 0.4));
      const r = rankTopics(topics, ballots);
      for (const e of r.entries) expect(e.votes).toBe(ballots.filter((b) => b.includes(e.id)).length);
      expect(tallyApproval(ids, ballots)).toEqual(new Map(ids.map((id) => [id, ballots.filter((b) => b.includes(id)).length])));
      for (const e of r.entries) expect(e.rank).toBe(1 + r.entries.filter((o) => o.votes > e.votes).length);
      for (let i = 1; i < r.entries.length; i++) {
        const [p, q] = [r.entries[i - 1]!, r.entries[i]!];
        expect(p.votes > q.votes || (p.votes === q.votes && p.order < q.order)).toBe(true);
      }
    }
  });

  it('topChoices: the top n and the tie the cut splits', () => {
    const r = rankTopics(topics, [['c', 'a'], ['c', 'e'], ['e', 'a', 'b'], ['c']]);
    expect(topChoices(r, 1)).toEqual({ chosen: [r.entries[0]], tiedAtCutoff: [] });
    const two = topChoices(r, 2);
    expect(two.chosen.map((e) => e.id)).toEqual(['c', 'a']);
    expect(two.tiedAtCutoff.map((e) => e.id)).toEqual(['a', 'e']);
    // Never picks topics nobody voted for.
    expect(topChoices(r, 10).chosen.map((e) => e.id)).toEqual(['c', 'a', 'e', 'b']);
  });
});
