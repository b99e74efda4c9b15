import type { FeatureContext } from '../../feature.js';
import { candidatesOf, ELECTED_ROLES } from '../../../domain/elections/index.js';
import type { GroupElectionStatus } from '../../../services/elections/index.js';
import { membersByKey, nameIn } from '../support.js';
import { ELECTION_ERRORS, ELECTIONS_TEXTS as T } from '../texts.js';
import type { AdminTurn } from './turn.js';
import { resultLines } from '../notices.js';
import type { MemberRecord } from '../../../domain/member.js';

function groupStatus(s: GroupElectionStatus, byKey: ReadonlyMap<string, MemberRecord>): string {
  const name = (k: string) => nameIn(byKey, k);
  const parts: string[] = [];
  const e = s.election;
  if (!e) parts.push(T.statusNone);
  else {
    const round = e.rounds[e.rounds.length - 1];
    parts.push(T.statusPhase(e.phase, round?.no ?? 0));
    const contests = round ? round.contests.map((c) => ({ role: c.role, candidates: c.candidates })) : e.roles.map((role) => ({ role, candidates: candidatesOf(e, role) }));
    for (const c of contests) parts.push(T.statusCandidates(c.role, c.candidates.map(name)));
    // Who voted, never how.
    if (s.turnout) parts.push(T.statusTurnout(s.turnout.voted.length, s.turnout.eligible.length, s.turnout.notVoted.map(name)));
    if (round?.results) parts.push(...resultLines(round.results, byKey, round.kind === 'runoff'));
    for (const o of e.outcomes) if (o.status === 'noCandidates') parts.push(T.resultLine(o.role, `${T.noCandidates}.`));
  }
  parts.push(T.statusHolders(ELECTED_ROLES.map((role) => {
    const h = s.holders.find((x) => x.role === role);
    return T.statusHolder(role, h ? name(h.personKey) : null);
  })));
  for (const o of s.offers) parts.push(T.statusOffer(o.role, name(o.personKey)));
  const steps = [...new Set(s.next.map((n) => (n.action === 'assign' ? T.next.assign(s.group, n.role) : T.next[n.action](s.group))))];
  if (steps.length > 0) parts.push(T.statusNext(steps));
  return T.groupLine(s.group, parts.join(' · '));
}

/** "elecciones estado": per group, phase, candidates, turnout (who voted), results, ties, holders, vacancies. */
export async function statusCommand(ctx: FeatureContext, t: AdminTurn): Promise<void> {
  const all = await ctx.services.elections.statusOfEdition(t.editionId);
  if (all.length === 0) {
    await t.context.sendActivity(ELECTION_ERRORS.noGroups);
    return;
  }
  const byKey = await membersByKey(ctx, t.editionId);
  await t.context.sendActivity([T.statusTitle(t.editionId), ...all.map((s) => groupStatus(s, byKey))].join('\n\n'));
}
