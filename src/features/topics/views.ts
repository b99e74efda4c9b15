import {
  renderTopicBallotCard,
  renderTopicRankingCard,
  renderWorkPlanEditCard,
  renderWorkPlanViewCard,
  type RankingGroupView,
  type WorkPlanEditCardData,
} from '../../cards/topics.js';
import type { CardJson } from '../../cards/render.js';
import { PLAN_LIMITS, type PlanItemDraft, type TopicRanking, type YearMonth } from '../../domain/topics/index.js';
import { formatDate, formatYearMonth } from '../../domain/time.js';
import type { Turnout, TopicVoteDoc, WorkPlanDoc } from '../../services/topics/index.js';
import { when } from './support.js';
import { TOPICS_TEXTS } from './texts.js';

/** Card data of the topics feature built from the services' documents (the texts come from ./texts.ts). */

const V = TOPICS_TEXTS.votes;
const R = TOPICS_TEXTS.ranking;
const P = TOPICS_TEXTS.plan;

/** Most rows a ranking lists per group (topics without votes are summarized). */
const RANKING_ROWS = 15;

/** The ejes' names (catalog order) by clave. */
export type EjeNames = ReadonlyMap<string, string>;

/** A member's ballot card: her current picks preselected; read-only once the vote closed. */
export function ballotCard(vote: TopicVoteDoc, picks: readonly string[] | undefined, zone: string, ejes: EjeNames, notice = ''): CardJson {
  const open = vote.state === 'open';
  const titles = new Map(vote.topics.map((t) => [t.id, t.titulo]));
  return renderTopicBallotCard({
    title: V.ballotTitle(vote.group),
    notice,
    intro: open ? V.ballotIntro(vote.maxPicks, when(vote.closesAt, zone)) : V.ballotClosedIntro,
    open,
    label: V.ballotLabel,
    errorMessage: V.ballotError,
    picks: (picks ?? []).join(','),
    picksText: V.yourPicks((picks ?? []).map((id) => titles.get(id) ?? id)),
    choices: vote.topics.map((t) => ({ title: V.choiceTitle(t.titulo, ejes.get(t.eje) ?? t.eje), value: t.id })),
    submitTitle: V.ballotSubmit,
    voteId: vote._id,
  });
}

/** One group of the ranking card. */
export function rankingGroup(group: number, data: { vote: TopicVoteDoc; ranking: TopicRanking; turnout: Turnout } | undefined, zone: string): RankingGroupView {
  if (!data) return { heading: R.heading(group), summary: R.noVote, rows: [], ties: '' };
  const { vote, ranking, turnout } = data;
  const voted = ranking.entries.filter((e) => e.votes > 0);
  const shown = voted.slice(0, RANKING_ROWS);
  const rows = shown.map((e) => ({ place: R.place(e.rank), text: R.row(e.titulo, e.votes, e.tied) }));
  const rest = ranking.entries.length - shown.length;
  if (voted.length === 0) rows.push({ place: '—', text: R.noBallots });
  else if (rest > 0) rows.push({ place: '—', text: R.more(rest) });
  return {
    heading: R.heading(group),
    summary: R.summary(vote.state, turnout.ballots, turnout.eligible, when(vote.closesAt, zone)),
    rows,
    ties: ranking.ties.length ? R.ties(ranking.ties.map((t) => ({ titles: t.map((e) => e.titulo), votes: t[0]!.votes }))) : '',
  };
}

export function rankingCard(title: string, groups: RankingGroupView[], note: string): CardJson {
  return renderTopicRankingCard({ title, groups, note });
}

/** A confirmed plan as members read it. */
export function planViewCard(plan: WorkPlanDoc, zone: string, ejes: EjeNames, notice: string, note: string): CardJson {
  return renderWorkPlanViewCard({
    title: P.viewTitle(plan.group),
    notice,
    subtitle: P.viewSubtitle(plan.revision, formatDate(plan.updatedAt, zone)),
    items: plan.items.map((it, i) => ({ heading: P.itemHeading(i, it.titulo), detail: P.itemDetail(ejes.get(it.eje) ?? it.eje, formatYearMonth(it.month)), goal: it.goal })),
    note,
  });
}

export interface PlanEditInput {
  editionId: string;
  group: number;
  mode: 'confirm' | 'change';
  revision: number;
  vote: TopicVoteDoc;
  ranking: TopicRanking;
  months: readonly YearMonth[];
  items: readonly PlanItemDraft[];
  /** Said under the title (e.g. a tie at the cut). */
  introExtra?: string;
  notice?: string;
}

/** Rows the plan card offers: the draft's plus two empty ones (at most PLAN_LIMITS.maxItems). */
export function planRowCount(items: number): number {
  return Math.min(PLAN_LIMITS.maxItems, Math.max(1, items + 2));
}

/** The representante's card to confirm or change the plan: topics in order, goal and month for each. */
export function planEditCard(input: PlanEditInput): CardJson {
  const votes = new Map(input.ranking.entries.map((e) => [e.id, e.votes]));
  // Topics by votes (most first), so the ranking is in front of her when she chooses.
  const order = new Map(input.ranking.entries.map((e, i) => [e.id, i]));
  const topics = [...input.vote.topics].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  const rows = Array.from({ length: planRowCount(input.items.length) }, (_, i) => {
    const it = input.items[i];
    return { heading: P.rowHeading(i), topicId: it?.topicId ?? '', goal: it?.goal ?? '', month: it?.month ?? '' };
  });
  const first = input.months[0];
  const last = input.months[input.months.length - 1];
  const data: WorkPlanEditCardData = {
    title: input.mode === 'confirm' ? P.editTitleConfirm(input.group) : P.editTitleChange(input.group),
    notice: input.notice ?? '',
    intro: P.editIntro(first && last ? `${formatYearMonth(first)} a ${formatYearMonth(last)}` : '') + (input.introExtra ?? ''),
    topicLabel: P.topicLabel,
    topicPlaceholder: P.topicPlaceholder,
    goalLabel: P.goalLabel,
    monthLabel: P.monthLabel,
    monthPlaceholder: P.monthPlaceholder,
    rows,
    topicChoices: topics.map((t) => ({ title: P.topicChoice(t.titulo, votes.get(t.id) ?? 0), value: t.id })),
    monthChoices: input.months.map((m) => ({ title: formatYearMonth(m), value: m })),
    submitTitle: input.mode === 'confirm' ? P.submitConfirm : P.submitChange,
    editionId: input.editionId,
    group: input.group,
    mode: input.mode,
    revision: input.revision,
  };
  return renderWorkPlanEditCard(data);
}
