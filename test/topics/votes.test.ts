import { afterEach, describe, expect, it } from 'vitest';
import { memberId } from '../../src/domain/member.js';
import { TOPIC_AUDIT_ACTIONS, TOPIC_VOTE_CLOSE_JOB, TopicsError, topicVoteCloseJobKey } from '../../src/services/topics/index.js';
import { ADMIN, EDITION, openKit, person, seedGroups, STORES, type StoreHarness, type TopicKit } from './support.js';

async function refusal(p: Promise<unknown>): Promise<TopicsError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof TopicsError) return err;
    throw err;
  }
  throw new Error('expected a TopicsError');
}

function defineVoteSuite(open: () => Promise<StoreHarness>): void {
  let kit: TopicKit;
  afterEach(async () => {
    await kit?.close();
  });
  const start = async (groups = 2, perGroup = 4, maxPicks?: number) => {
    kit = await openKit(open, maxPicks !== undefined ? { maxPicks } : {});
    seedGroups(kit, groups, perGroup);
    return kit;
  };

  it('opens a vote (admin or the group representante), members pick, close gives the ranking with ties and turnout', async () => {
    await start(2, 4);
    const votes = kit.topics.topicVotes;
    const vote = await votes.open(EDITION, 1, {}, ADMIN);
    expect(vote).toMatchObject({ _id: `${EDITION}:1:1`, state: 'open', round: 1, maxPicks: 5, temarioVersion: '2026.1' });
    const [t1, t2, t3] = vote.topics.map((t) => t.id);
    await votes.submit(EDITION, person(1, 1), [t1, t2]);
    await votes.submit(EDITION, person(1, 2), `${t2},${t3}`);
    await votes.submit(EDITION, person(1, 3), [t1]);
    const closed = await votes.close(EDITION, 1, ADMIN);
    expect(closed.alreadyClosed).toBe(false);
    expect(closed.turnout).toEqual({ ballots: 3, eligible: 4 });
    expect(closed.ranking.entries.slice(0, 3).map((e) => [e.id, e.votes, e.rank, e.tied])).toEqual([
      [t1, 2, 1, true],
      [t2, 2, 1, true],
      [t3, 1, 3, false],
    ]);
    expect(closed.ranking.ties).toHaveLength(1);

    // The representante of group 2 opens her group's vote; a member who is not the representante cannot.
    expect((await refusal(votes.open(EDITION, 2, {}, { personKey: person(2, 2), admin: false }))).code).toBe('notRepresentante');
    expect((await votes.open(EDITION, 2, {}, { personKey: person(2, 1), admin: false })).group).toBe(2);

    const audit = await kit.audit.list({ editionId: EDITION });
    expect(audit.map((e) => e.action).sort()).toEqual([TOPIC_AUDIT_ACTIONS.voteClose, TOPIC_AUDIT_ACTIONS.voteOpen, TOPIC_AUDIT_ACTIONS.voteOpen].sort());
    const closeEntry = audit.find((e) => e.action === TOPIC_AUDIT_ACTIONS.voteClose)!;
    expect(closeEntry.after).toMatchObject({ group: 1, ballots: 3, eligible: 4 });
    // Audit never holds anyone's picks.
    expect(JSON.stringify(audit)).not.toContain(t3!);
  });

  it('K is configurable (service default and per vote)', async () => {
    await start(1, 2, 3);
    const votes = kit.topics.topicVotes;
    const vote = await votes.open(EDITION, 1, {}, ADMIN);
    expect(vote.maxPicks).toBe(3);
    const ids = vote.topics.map((t) => t.id);
    expect((await refusal(votes.submit(EDITION, person(1, 1), ids.slice(0, 4)))).message).toBe('Puede elegir hasta 3 temas.');
    await votes.close(EDITION, 1, ADMIN);
    expect((await votes.open(EDITION, 1, { maxPicks: 1 }, ADMIN)).maxPicks).toBe(1);
  });

  it('one submission per member: sending again while open replaces her picks; concurrent submissions never make two ballots', async () => {
    await start(1, 30);
    const votes = kit.topics.topicVotes;
    const vote = await votes.open(EDITION, 1, {}, ADMIN);
    const ids = vote.topics.map((t) => t.id);
    const first = await votes.submit(EDITION, person(1, 1), [ids[0]]);
    expect(first.replaced).toBe(false);
    const second = await votes.submit(EDITION, person(1, 1), [ids[1], ids[2]], { voteId: vote._id });
    expect(second).toMatchObject({ replaced: true, picks: [ids[1], ids[2]] });

    // 30 members at once, each sending twice concurrently (a double click, a retried activity).
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => i + 1).flatMap((i) => [votes.submit(EDITION, person(1, i), [ids[i % 5]!, ids[5]!]), votes.submit(EDITION, person(1, i), [ids[i % 5]!, ids[5]!])]),
    );
    const r = (await votes.ranking(EDITION, 1))!;
    expect(r.turnout).toEqual({ ballots: 30, eligible: 30 });
    expect(r.ranking.entries.find((e) => e.id === ids[5])!.votes).toBe(30);
    expect(r.ranking.entries.filter((e) => ids.slice(0, 5).includes(e.id)).reduce((s, e) => s + e.votes, 0)).toBe(30);
    expect((await votes.picksOf(EDITION, person(1, 7)))!.picks).toEqual([ids[2], ids[5]]);
  });

  it('two concurrent opens of the same group open one vote', async () => {
    await start(1, 2);
    const results = await Promise.allSettled([kit.topics.topicVotes.open(EDITION, 1, {}, ADMIN), kit.topics.topicVotes.open(EDITION, 1, {}, ADMIN)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((rejected.reason as TopicsError).code).toBe('alreadyOpen');
  });

  it('refuses non-members, withdrawn members, another group, closed votes, old cards and bad picks, changing nothing', async () => {
    await start(2, 3);
    const votes = kit.topics.topicVotes;
    expect((await refusal(votes.submit(EDITION, person(1, 1), ['x']))).code).toBe('noVote');
    const v1 = await votes.open(EDITION, 1, {}, ADMIN);
    const ids = v1.topics.map((t) => t.id);

    expect(await refusal(votes.submit(EDITION, 'aad:desconocida', [ids[0]]))).toMatchObject({ code: 'notMember', message: 'Esta acción es solo para integrantes validadas de un grupo confirmado de la edición.' });
    kit.statuses.set(person(1, 3), 'withdrawn');
    expect((await refusal(votes.submit(EDITION, person(1, 3), [ids[0]]))).code).toBe('notMember');
    kit.groups.set!.removed.push(memberId(EDITION, person(1, 2)));
    expect((await refusal(votes.submit(EDITION, person(1, 2), [ids[0]]))).code).toBe('notMember');
    // Group 2 has no open vote; a card of group 1's vote does not let her vote there.
    expect((await refusal(votes.submit(EDITION, person(2, 1), [ids[0]]))).code).toBe('noVote');
    expect((await refusal(votes.submit(EDITION, person(2, 1), [ids[0]], { voteId: v1._id }))).code).toBe('noVote');
    await votes.open(EDITION, 2, {}, ADMIN);
    expect((await refusal(votes.submit(EDITION, person(2, 1), [ids[0]], { voteId: v1._id }))).code).toBe('staleBallot');
    expect((await refusal(votes.submit(EDITION, person(1, 1), ['no-existe']))).code).toBe('badPicks');

    await votes.close(EDITION, 1, ADMIN);
    expect(await refusal(votes.submit(EDITION, person(1, 1), [ids[0]], { voteId: v1._id }))).toMatchObject({ code: 'voteClosed', message: 'La votación de temas ya cerró; su selección no se registró.' });
    // A new round: the old round's card is refused as stale.
    const v2 = await votes.open(EDITION, 1, {}, ADMIN);
    expect(v2.round).toBe(2);
    expect((await refusal(votes.submit(EDITION, person(1, 1), [ids[0]], { voteId: v1._id }))).code).toBe('staleBallot');
    expect((await votes.ranking(EDITION, 1, { voteId: v1._id }))!.turnout.ballots).toBe(0);

    expect((await refusal(votes.open(EDITION, 1, {}, ADMIN))).code).toBe('alreadyOpen');
    expect((await refusal(votes.open(EDITION, 3, {}, ADMIN))).message).toBe('El grupo debe ser un número entre 1 y 2.');
    kit.groups.set = null;
    expect((await refusal(votes.open(EDITION, 1, {}, ADMIN))).code).toBe('noGroups');
  });

  it('a closing time: must be in the future, schedules the job, submissions after it are refused, closeIfDue closes once', async () => {
    await start(1, 3);
    const votes = kit.topics.topicVotes;
    expect((await refusal(votes.open(EDITION, 1, { closesAt: new Date(kit.now.value.getTime() - 1) }, ADMIN))).code).toBe('badClosingTime');
    const closesAt = new Date(kit.now.value.getTime() + 3_600_000);
    const vote = await votes.open(EDITION, 1, { closesAt }, ADMIN);
    expect(kit.scheduled).toEqual([{ key: topicVoteCloseJobKey(vote._id), kind: TOPIC_VOTE_CLOSE_JOB, runAt: closesAt, payload: { voteId: vote._id } }]);
    const ids = vote.topics.map((t) => t.id);
    await votes.submit(EDITION, person(1, 1), [ids[0]]);
    expect(await votes.closeIfDue(vote._id)).toBeNull();

    kit.now.value = new Date(closesAt.getTime());
    expect((await refusal(votes.submit(EDITION, person(1, 2), [ids[0]]))).code).toBe('voteClosed');
    expect((await votes.listDue()).map((v) => v._id)).toEqual([vote._id]);
    const closed = await votes.closeIfDue(vote._id);
    expect(closed).toMatchObject({ alreadyClosed: false, turnout: { ballots: 1, eligible: 3 } });
    expect(closed!.vote.closedBy).toBe('system');
    expect(await votes.closeIfDue(vote._id)).toBeNull();
    // A manual close after it: answered, not closed twice.
    expect((await votes.close(EDITION, 1, ADMIN)).alreadyClosed).toBe(true);
    expect((await kit.audit.list({ action: TOPIC_AUDIT_ACTIONS.voteClose })).length).toBe(1);
  });

  it('a manual close cancels the closing-time job; a submission racing with the close is counted or refused, never lost silently', async () => {
    await start(1, 20);
    const votes = kit.topics.topicVotes;
    const vote = await votes.open(EDITION, 1, { closesAt: new Date(kit.now.value.getTime() + 60_000) }, ADMIN);
    const ids = vote.topics.map((t) => t.id);
    const submissions = Array.from({ length: 20 }, (_, i) => votes.submit(EDITION, person(1, i + 1), [ids[0]!]).then(
      () => 'counted' as const,
      (err: unknown) => {
        if (err instanceof TopicsError && err.code === 'voteClosed') return 'refused' as const;
        throw err;
      },
    ));
    const [closed, ...outcomes] = await Promise.all([votes.close(EDITION, 1, ADMIN), ...submissions]);
    const counted = outcomes.filter((o) => o === 'counted').length;
    const final = (await votes.ranking(EDITION, 1))!;
    expect(final.turnout.ballots).toBe(counted);
    expect(closed.turnout.ballots).toBe(counted);
    expect(kit.cancelled).toEqual([topicVoteCloseJobKey(vote._id)]);
  });

  it('openMany opens every confirmed group and reports refusals per group; status shows phase and turnout', async () => {
    await start(3, 2);
    const votes = kit.topics.topicVotes;
    await votes.open(EDITION, 2, {}, ADMIN);
    const r = await votes.openMany(EDITION, 'all', {}, ADMIN);
    expect(r.opened.map((v) => v.group)).toEqual([1, 3]);
    expect(r.refused).toEqual([{ group: 2, code: 'alreadyOpen', message: 'La votación de temas del grupo 2 ya está abierta.' }]);
    const ids = r.opened[0]!.topics.map((t) => t.id);
    await votes.submit(EDITION, person(1, 2), [ids[0]]);
    const status = await votes.status(EDITION);
    expect(status.map((s) => [s.group, s.vote?.state, s.turnout?.ballots, s.turnout?.eligible])).toEqual([
      [1, 'open', 1, 2],
      [2, 'open', 0, 2],
      [3, 'open', 0, 2],
    ]);
  });
}

for (const [title, open, enabled] of STORES) {
  describe.skipIf(!enabled)(`TopicVoteService (${title})`, () => defineVoteSuite(open));
}
