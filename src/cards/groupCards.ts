import { renderTemplate, type CardJson } from './render.js';
import { VERBS } from './verbs.js';

/** Typed render functions for the groups and delivery cards (issue 4). */

export interface GroupsProposalCardData {
  title: string;
  subtitle: string;
  summary: { label: string; value: string }[];
  groups: { number: number; size: number; detail: string }[];
  nextStep: string;
}

export function renderGroupsProposalCard(data: GroupsProposalCardData): CardJson {
  return renderTemplate('groupsProposal', { ...data, verbs: VERBS });
}

export interface GroupMemberLine {
  nombre: string;
  vocalia: string;
  entidad: string;
}

export interface GroupNoticeCardData {
  group: number;
  name: string;
  edition: string;
  members: GroupMemberLine[];
  space: string;
  steps: { date: string; label: string }[];
  stepsNote: string;
}

export function renderGroupNoticeCard(data: GroupNoticeCardData): CardJson {
  return renderTemplate('groupNotice', data);
}

export interface GroupRosterCardData {
  group: number;
  edition: string;
  members: GroupMemberLine[];
}

export function renderGroupRosterCard(data: GroupRosterCardData): CardJson {
  return renderTemplate('groupRoster', data);
}

export interface DeliveryStatusCardData {
  emptyNote: string;
  broadcasts: { title: string; state: string; counts: string; errors: string }[];
  waitingNote: string;
  waiting: { name: string; kind: string; since: string }[];
}

export function renderDeliveryStatusCard(data: DeliveryStatusCardData): CardJson {
  return renderTemplate('deliveryStatus', data);
}
