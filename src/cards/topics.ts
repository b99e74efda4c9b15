import { renderTemplate, type CardJson } from './render.js';
import { VERBS } from './verbs.js';

/** Cards of the topics feature (src/features/topics/; templates in cards/topics/). One render function per template. */

// --- topicsTemario ---------------------------------------------------------------------------------------

export interface TemarioCardData {
  title: string;
  subtitle: string;
  ejes: { nombre: string; topics: { titulo: string; descripcion: string }[] }[];
  note: string;
}

export function renderTemarioCard(data: TemarioCardData): CardJson {
  return renderTemplate('topicsTemario', data);
}

// --- topicBallot ------------------------------------------------------------------------------------------

export interface TopicBallotCardData {
  title: string;
  /** Shown on top after she sent her picks ("Su selección quedó registrada."); '' otherwise. */
  notice: string;
  intro: string;
  /** The vote is open: the card shows the choices and the button. */
  open: boolean;
  label: string;
  errorMessage: string;
  /** Her current picks, comma-separated (the ChoiceSet's value). */
  picks: string;
  /** Her picks as text, shown when the vote is closed. */
  picksText: string;
  choices: { title: string; value: string }[];
  submitTitle: string;
  voteId: string;
}

export function renderTopicBallotCard(data: TopicBallotCardData): CardJson {
  return renderTemplate('topicBallot', { ...data, verbs: VERBS });
}

// --- topicRanking -----------------------------------------------------------------------------------------

export interface RankingGroupView {
  heading: string;
  summary: string;
  /** "1.º" → "Negociación — 7 votos (empate)". */
  rows: { place: string; text: string }[];
  ties: string;
}

export interface TopicRankingCardData {
  title: string;
  groups: RankingGroupView[];
  note: string;
}

export function renderTopicRankingCard(data: TopicRankingCardData): CardJson {
  return renderTemplate('topicRanking', data);
}

// --- workPlanView -----------------------------------------------------------------------------------------

export interface WorkPlanViewCardData {
  title: string;
  notice: string;
  subtitle: string;
  items: { heading: string; detail: string; goal: string }[];
  note: string;
}

export function renderWorkPlanViewCard(data: WorkPlanViewCardData): CardJson {
  return renderTemplate('workPlanView', data);
}

// --- workPlanEdit -----------------------------------------------------------------------------------------

export interface WorkPlanEditCardData {
  title: string;
  /** Problems of the last attempt ('' when none). */
  notice: string;
  intro: string;
  topicLabel: string;
  topicPlaceholder: string;
  goalLabel: string;
  monthLabel: string;
  monthPlaceholder: string;
  /** One per row: the topic, goal and month it starts with ('' when empty). */
  rows: { heading: string; topicId: string; goal: string; month: string }[];
  topicChoices: { title: string; value: string }[];
  monthChoices: { title: string; value: string }[];
  submitTitle: string;
  editionId: string;
  group: number;
  mode: 'confirm' | 'change';
  /** The plan's revision the card was made from (0 when confirming). */
  revision: number;
}

export function renderWorkPlanEditCard(data: WorkPlanEditCardData): CardJson {
  return renderTemplate('workPlanEdit', { ...data, verbs: VERBS });
}
