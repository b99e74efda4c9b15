import { renderTemplate, type CardJson } from './render.js';
import { VERBS } from './verbs.js';

/** Cards of the groups feature (src/features/groups/; templates in cards/groups/). One render function per template. */

// --- groupsProposal, groupsProposalMembers -------------------------------------------------------------

/** One group of the proposal card ("grupos proponer", "grupos estado"). */
export interface ProposalGroupView {
  number: number;
  /** "36 integrantes · VE 7, VS 7, …" */
  header: string;
  /** Its space in Teams ("Canal «Grupo 3» en Teams.") or that it has none yet. */
  space: string;
  /** Deep link to the space; '' when none. */
  spaceUrl: string;
  /** Its members, one per line ("Ana López — VE, Jalisco"); '' when they are listed in a follow-up card. */
  membersText: string;
  /** Said instead of the list when it is in a follow-up card. */
  membersNote: string;
  /** The list starts hidden behind a "Ver integrantes" toggle (large groups). */
  collapsed: boolean;
}

export interface GroupsProposalCardData {
  title: string;
  subtitle: string;
  summary: { label: string; value: string }[];
  /** What the abbreviations mean ("VE: Vocalía Ejecutiva · …"). */
  legend: string;
  groups: ProposalGroupView[];
  nextStep: string;
}

export function renderGroupsProposalCard(data: GroupsProposalCardData): CardJson {
  return renderTemplate('groupsProposal', {
    ...data,
    groups: data.groups.map((g) => ({ ...g, hasSpaceUrl: g.spaceUrl !== '', showMembers: g.membersText !== '', hasMembersNote: g.membersText === '' && g.membersNote !== '' })),
    verbs: VERBS,
  });
}

/** A follow-up card with the member lists that did not fit in the proposal card (Teams' message size limit). */
export interface GroupsProposalMembersCardData {
  title: string;
  blocks: { heading: string; membersText: string }[];
}

export function renderGroupsProposalMembersCard(data: GroupsProposalMembersCardData): CardJson {
  return renderTemplate('groupsProposalMembers', data);
}

// --- groupsActionConfirm (asks before a change) -----------------------------------------------------------

export type GroupsConfirmVerb = typeof VERBS.linkGroupConfirm | typeof VERBS.groupsProposeConfirm | typeof VERBS.groupsConfirmConfirm;

export interface GroupsActionConfirmCardData {
  title: string;
  paragraphs: string[];
  confirmTitle: string;
  cancelTitle: string;
  confirmVerb: GroupsConfirmVerb;
  /** Sent back with the button: the edition the question was about, and what to do. */
  editionId: string;
  group: number;
  args: string;
}

export function renderGroupsActionConfirmCard(d: GroupsActionConfirmCardData): CardJson {
  return renderTemplate('groupsActionConfirm', { ...d, paragraphs: d.paragraphs.map((text) => ({ text })), verbs: VERBS });
}

// --- groupNotice, groupSpaceNotice, memberGroup, groupRoster -----------------------------------------------

export interface GroupMemberLine {
  nombre: string;
  vocalia: string;
  entidad: string;
}

/** A group's space as members see it: a sentence, and the deep link when there is one. */
export interface SpaceView {
  /** "Canal «Grupo 3» en Teams." or "Se le avisará en cuanto el grupo tenga su espacio en Teams." */
  text: string;
  /** '' when the group has no space yet. */
  url: string;
  /** The button's title ("Abrir el canal", "Abrir el chat"). */
  openTitle: string;
}

const spaceData = (space: SpaceView) => ({ space: space.text, spaceUrl: space.url, hasSpaceUrl: space.url !== '', openTitle: space.openTitle });

export interface GroupNoticeCardData {
  group: number;
  name: string;
  edition: string;
  /** Her companions: the group's other members (never herself). */
  members: GroupMemberLine[];
  /** Said when she is, for now, the only member of her group. */
  aloneNote: string;
  space: SpaceView;
  steps: { date: string; label: string }[];
  stepsNote: string;
}

export function renderGroupNoticeCard(data: GroupNoticeCardData): CardJson {
  return renderTemplate('groupNotice', { ...data, ...spaceData(data.space), hasMembers: data.members.length > 0 });
}

/** The 1:1 notice that the group's space was linked (issue 9). */
export interface GroupSpaceNoticeCardData {
  group: number;
  name: string;
  edition: string;
  space: SpaceView;
  note: string;
}

export function renderGroupSpaceNoticeCard(data: GroupSpaceNoticeCardData): CardJson {
  return renderTemplate('groupSpaceNotice', { ...data, ...spaceData(data.space) });
}

/** One elected role of the group as "mi grupo" shows it: "Representante" and who holds it (or "sin asignar"). */
export interface GroupRoleLine {
  role: string;
  holder: string;
}

/** "mi grupo": her group, her companions (never herself), the group's roles and its space. */
export interface MemberGroupCardData {
  group: number;
  edition: string;
  members: GroupMemberLine[];
  aloneNote: string;
  space: SpaceView;
  roles: GroupRoleLine[];
  /** The group's work plan (issue 10): one line per topic with its tentative month; empty before it is confirmed. */
  plan: { titulo: string; month: string }[];
  /** Shown when there is no plan yet. */
  planNote: string;
}

export function renderMemberGroupCard(data: MemberGroupCardData): CardJson {
  return renderTemplate('memberGroup', { ...data, ...spaceData(data.space), hasMembers: data.members.length > 0, hasPlan: data.plan.length > 0 });
}

export interface GroupRosterCardData {
  group: number;
  edition: string;
  members: GroupMemberLine[];
}

export function renderGroupRosterCard(data: GroupRosterCardData): CardJson {
  return renderTemplate('groupRoster', data);
}
