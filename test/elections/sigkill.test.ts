import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ABSTENTION } from '../../src/domain/elections/index.js';
import { EDITION, embeddedTarget, KEY, kitOn, makeService, P, type StoreTarget } from './support.js';

/**
 * «A vote is never lost once she was told "Su voto quedó registrado"»: a child process casting a ballot is
 * killed with SIGKILL between the writes (after the register entry, after the ballots), after the answer, and
 * before anything was written. After a restart the register and the ballot box agree: every interrupted vote
 * is either complete and counted exactly once, or absent (and she can vote); a retry never counts twice.
 */

const FIXTURE = fileURLToPath(new URL('./fixtures/voteChild.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const children: ChildProcess[] = [];
const targets: StoreTarget[] = [];

afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const t of targets.splice(0)) await t.dispose();
});

const MEMBERS = Array.from({ length: 10 }, (_, i) => P(i + 1));

/** Runs the child until it prints a line starting with `expect`, then SIGKILLs it. */
async function castAndKill(args: string[], expectLine: string): Promise<string> {
  // node --import tsx (not `npx tsx`, which runs the script in a grandchild that SIGKILL would not reach).
  const proc = spawn(process.execPath, ['--import', 'tsx', FIXTURE, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(proc);
  let stdout = '';
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const line = await new Promise<string>((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const found = stdout.split('\n').find((l) => l.startsWith(expectLine));
      if (found) resolve(found);
    });
    proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    void exited.then((e) => reject(new Error(`child exited (${JSON.stringify(e)}) before «${expectLine}»: ${stderr}`)));
  });
  proc.kill('SIGKILL');
  expect((await exited).signal).toBe('SIGKILL');
  return line;
}

describe('a ballot survives SIGKILL (embedded store)', () => {
  it('kills between and after the writes, restarts, and finds the register and the box consistent', async () => {
    const target = await embeddedTarget();
    targets.push(target);
    const setup = await kitOn(await target.open());
    setup.membership.place(1, ...MEMBERS);
    const e = await setup.service.openNominations({ editionId: EDITION, group: 1 }, 'aad:admin');
    await setup.service.nominateSelf(e.id, P(1), 'representante');
    await setup.service.nominateSelf(e.id, P(2), 'representante');
    await setup.service.nominateSelf(e.id, P(3), 'secretaria');
    await setup.service.openVoting(e.id, 'aad:admin');
    await setup.store.close();

    const base = ['--data-dir', target.dataDir!, '--election', e.id, '--members', MEMBERS.join(','), '--key', KEY];
    const cases = [
      { voter: P(4), rep: P(1), stop: 'registered' },
      { voter: P(5), rep: P(2), stop: 'ballotsWritten' },
      { voter: P(6), rep: P(1), stop: 'acknowledged' },
      { voter: P(7), rep: P(2), stop: 'validated' },
    ];
    for (const c of cases) {
      const line = await castAndKill([...base, '--voter', c.voter, '--representante', c.rep, '--secretaria', P(3), '--stop-after', c.stop], c.stop === 'acknowledged' ? 'RECORDED' : 'PAUSED');
      expect(line).toBe(c.stop === 'acknowledged' ? 'RECORDED recorded' : `PAUSED ${c.stop}`);
    }

    // Restart: recovery completes the two votes interrupted between writes.
    const store = await target.open();
    const service = makeService(store, setup.membership, setup.clock);
    expect(await service.init()).toEqual({ rolledForward: 2, rolledBack: 0, resumedClosings: 0 });
    expect((await service.turnout(e.id))!.voted).toEqual([P(4), P(5), P(6)]);
    expect(await store.collection('electionBallots').countDocuments({})).toBe(6);
    expect(await store.collection('electionVoters').countDocuments({ state: { $ne: 'voted' } })).toBe(0);

    // Retries count nothing twice; the one killed before any write can vote now.
    for (const v of [P(4), P(5), P(6)]) {
      expect(await service.castBallot({ electionId: e.id, round: 1, voter: v, choices: { representante: P(2), secretaria: ABSTENTION } })).toMatchObject({ status: 'alreadyVoted' });
    }
    expect(await service.castBallot({ electionId: e.id, round: 1, voter: P(7), choices: { representante: P(2), secretaria: P(3) } })).toMatchObject({ status: 'recorded' });

    const closed = await service.closeVoting(e.id, 'aad:admin');
    expect(closed.integrity).toEqual({ missingBallots: 0, unreadableBallots: 0 });
    expect(closed.quorum.voted).toBe(4);
    expect(closed.results.map((r) => [r.role, r.counts, r.abstentions])).toEqual([
      ['representante', [{ candidate: P(1), votes: 2 }, { candidate: P(2), votes: 2 }], 0],
      ['secretaria', [{ candidate: P(3), votes: 4 }], 0],
    ]);
  });
});
