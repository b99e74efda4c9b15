import { renderTemplate, type CardJson } from './render.js';
import { VERBS } from './verbs.js';

/** Cards of the elections feature (templates under cards/elections/). Texts come from the feature's texts.ts. */

export interface ElectionNominationCardData {
  title: string;
  intro: string;
  closes: string;
  electionId: string;
}

/** Nominations: postularse for a role, or propose a companion (who must accept). */
export function renderElectionNominationCard(data: ElectionNominationCardData): CardJson {
  return renderTemplate('electionNomination', { ...data, verbs: VERBS });
}

export interface ElectionProposalCardData {
  title: string;
  text: string;
  closes: string;
  electionId: string;
  role: string;
}

/** A companion proposed her: accept or decline the candidacy. */
export function renderElectionProposalCard(data: ElectionProposalCardData): CardJson {
  return renderTemplate('electionProposal', { ...data, verbs: VERBS });
}

export interface BallotContestView {
  /** "Representante". */
  label: string;
  /** Candidates' names in ballot order: the card sends their positions ("c0", "c1", …) or "abstencion". */
  candidates: string[];
}

export interface ElectionBallotCardData {
  title: string;
  intro: string;
  closes: string;
  electionId: string;
  round: number;
  contests: BallotContestView[];
  /** The title of the explicit abstention option ("Abstención"). */
  abstention: string;
}

/** Her secret ballot: one choice per role (input ids voto0, voto1, … in contest order). */
export function renderElectionBallotCard(data: ElectionBallotCardData): CardJson {
  return renderTemplate('electionBallot', { ...data, contests: data.contests.map((c, index) => ({ label: c.label, index, options: c.candidates.map((title, pos) => ({ title, pos })) })), verbs: VERBS });
}

/** A title and paragraphs: the used ballot («Su voto quedó registrado»), results, announcements. */
export function renderElectionNoteCard(data: { title: string; paragraphs: string[] }): CardJson {
  return renderTemplate('electionNote', { title: data.title, paragraphs: data.paragraphs.map((text) => ({ text })) });
}

export interface RoleOfferCardData {
  title: string;
  text: string;
  editionId: string;
  group: number;
  role: string;
}

/** UTIGyND offers her a role of her group: accept or decline. */
export function renderRoleOfferCard(data: RoleOfferCardData): CardJson {
  return renderTemplate('roleOffer', { ...data, verbs: VERBS });
}
