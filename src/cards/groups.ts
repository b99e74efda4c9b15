import { renderTemplate, type CardJson } from './render.js';
import { VERBS } from './verbs.js';

/** Cards of the groups feature (src/features/groups/; templates in cards/groups/). One render function per template. */

// --- groupsProposal ----------------------------------------------------------------------------------

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

// --- groupNotice, groupRoster --------------------------------------------------------------------------

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
