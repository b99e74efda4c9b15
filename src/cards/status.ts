import { renderTemplate, type CardJson } from './render.js';

/** The status card of UTIGyND (template cards/status/statusOverview.json). Texts come from the feature's texts.ts. */

export interface StatusSectionView {
  heading: string;
  lines: string[];
  /** What to do next when this stage is behind ('' when nothing). */
  next: string;
}

export interface StatusCardData {
  title: string;
  subtitle: string;
  sections: StatusSectionView[];
  note: string;
}

export function renderStatusCard(data: StatusCardData): CardJson {
  return renderTemplate('statusOverview', { ...data, sections: data.sections.map((s) => ({ heading: s.heading, lines: s.lines.map((text) => ({ text })), next: s.next })) });
}
