import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ABSTENTION } from '../../src/domain/elections/index.js';
import { BallotKeys } from '../../src/services/elections/index.js';
import { EDITION, embeddedTarget, KEY, kitOn, type Kit, P, type StoreTarget } from './support.js';

/**
 * The secrecy design of src/services/elections/service.ts, checked on what an administrator with the database
 * (but not ELECTION_BALLOT_KEY) can read: the embedded store's files, line by line, and every collection.
 */

const targets: StoreTarget[] = [];
afterEach(async () => {
  for (const t of targets.splice(0)) await t.dispose();
});

async function setUp(): Promise<{ k: Kit; target: StoreTarget; id: string }> {
  const target = await embeddedTarget();
  targets.push(target);
  const k = await kitOn(await target.open());
  k.membership.place(1, ...Array.from({ length: 12 }, (_, i) => P(i + 1)));
  const e = await k.service.openNominations({ editionId: EDITION, group: 1 }, 'aad:admin');
  await k.service.nominateSelf(e.id, P(1), 'representante');
  await k.service.nominateSelf(e.id, P(2), 'representante');
  await k.service.nominateSelf(e.id, P(3), 'secretaria');
  await k.service.openVoting(e.id, 'aad:admin');
  return { k, target, id: e.id };
}

const raw = async (target: StoreTarget, collection: string): Promise<string> => readFile(path.join(target.dataDir!, `${collection}.db`), 'utf8').catch(() => '');

/** What the choices of a ballot could look like in clear. */
const CLEAR = [P(1), P(2), P(3), ABSTENTION, '"c":', 'representante":', 'secretaria":'];

describe('secret ballot', () => {
  it('ballots hold no voter, no time and no readable choice; the register holds no choice', async () => {
    const { k, target, id } = await setUp();
    const voters = [4, 5, 6, 7, 8, 9, 10].map(P);
    for (const [i, v] of voters.entries()) {
      await k.service.castBallot({ electionId: id, round: 1, voter: v, choices: { representante: i % 3 === 0 ? ABSTENTION : P(1 + (i % 2)), secretaria: i % 2 ? P(3) : ABSTENTION } });
    }
    // As appended (write-ahead lines included), then after the compaction that closing the store does.
    const appended = { ballots: await raw(target, 'electionBallots'), register: await raw(target, 'electionVoters') };
    expect(appended.register).toContain('"state":"pending"');
    await k.store.close();
    for (const c of CLEAR) expect(appended.ballots + appended.register).not.toContain(c);
    for (const v of voters) expect(appended.ballots).not.toContain(v);

    const ballotFile = await raw(target, 'electionBallots');
    const lines = ballotFile.split('\n').filter((l) => l.trim() && !l.includes('$$indexCreated'));
    expect(lines).toHaveLength(voters.length * 2);
    for (const line of lines) {
      const doc = JSON.parse(line) as Record<string, unknown>;
      // Exactly these fields: no voter id, no timestamp.
      expect(Object.keys(doc).sort()).toEqual(['_id', 'box', 'role', 'sealed']);
      expect(doc._id).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(ballotFile).not.toContain('$$date');
    for (const v of [...voters, 'aad:']) expect(ballotFile).not.toContain(v);
    for (const c of CLEAR) expect(ballotFile).not.toContain(c);
    // Every sealed ballot has the same length, whatever it says (abstention or a candidate).
    expect(new Set(lines.map((l) => (JSON.parse(l) as { sealed: string }).sealed.length)).size).toBe(1);

    // The register file (including its write-ahead lines, before compaction) names voters, never a choice in clear.
    const registerFile = await raw(target, 'electionVoters');
    for (const v of voters) expect(registerFile).toContain(v);
    for (const c of [P(1), P(2), P(3), ABSTENTION, '"c":']) expect(registerFile).not.toContain(c);

    // The committed register documents keep no copy of the ballot.
    const reopened = await target.open();
    const entries = await reopened.collection<{ _id: string; sealed?: string; state: string }>('electionVoters').find({});
    expect(entries.map((e) => [e.state, e.sealed])).toEqual(voters.map(() => ['voted', undefined]));

    // The audit log and the election document: counts, never a ballot.
    const audit = JSON.stringify(await reopened.collection('audit').find({}));
    for (const v of voters) expect(audit).not.toContain(v);
    expect(await raw(target, 'elections')).not.toContain(P(4));
  });

  it('ballot ids cannot be linked to voters without the key, and the box cannot be counted with another key', async () => {
    const { k, id } = await setUp();
    await k.service.castBallot({ electionId: id, round: 1, voter: P(4), choices: { representante: P(1), secretaria: P(3) } });
    const box = `${id}#1`;
    const stored = (await k.store.collection('electionBallots').find({})).map((b) => b._id).sort();
    const mine = new BallotKeys(KEY);
    expect(stored).toEqual([mine.ballotId(P(4), box, 'representante'), mine.ballotId(P(4), box, 'secretaria')].sort());
    const other = new BallotKeys('otra-clave-que-no-es-la-configurada-000000');
    for (const voter of [P(4), P(5)]) for (const role of ['representante', 'secretaria']) expect(stored).not.toContain(other.ballotId(voter, box, role));

    const wrongKey = k.make({ ballotKey: 'otra-clave-que-no-es-la-configurada-000000' });
    const closed = await wrongKey.closeVoting(id, 'aad:admin');
    expect(closed.integrity).toEqual({ missingBallots: 2, unreadableBallots: 0 });
    expect(closed.results.every((r) => r.ballots === 0)).toBe(true);
  });

  it('a sealed ballot moved to another role or box, or altered, is not counted', async () => {
    const keys = new BallotKeys(KEY);
    const sealed = keys.seal(JSON.stringify({ c: P(1) }), 'e#1|representante');
    expect(keys.open(sealed, 'e#1|representante')).toBe(JSON.stringify({ c: P(1) }));
    expect(keys.open(sealed, 'e#1|secretaria')).toBeNull();
    expect(keys.open(sealed, 'e#2|representante')).toBeNull();
    const parts = sealed.split('.');
    parts[3] = `A${parts[3]!.slice(1)}`;
    expect(keys.open(parts.join('.'), 'e#1|representante')).toBeNull();
    expect(keys.seal('{"c":"x"}', 'ctx')).not.toBe(keys.seal('{"c":"x"}', 'ctx'));
  });

  it('who voted is visible, how is not: the status lists voters and counts only', async () => {
    const { k, id } = await setUp();
    await k.service.castBallot({ electionId: id, round: 1, voter: P(6), choices: { representante: P(2), secretaria: P(3) } });
    const status = await k.service.statusOfGroup(EDITION, 1);
    expect(status.turnout).toMatchObject({ voted: [P(6)] });
    expect(JSON.stringify(status)).not.toMatch(/sealed|"c":/);
    expect(status.election!.rounds[0]!.results).toBeUndefined();
  });
});
