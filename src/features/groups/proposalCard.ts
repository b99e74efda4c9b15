import { CardFactory, type Activity } from 'botbuilder';
import { GROUP_ATTRIBUTES, GROUP_ATTRIBUTE_LABELS, type QualityReport } from '../../domain/groups/index.js';
import type { GroupSetDoc } from '../../services/groupSets.js';
import { renderGroupsProposalCard } from '../../cards/groups.js';
import { GROUPS_TEXTS } from './texts.js';

/** The proposal (or confirmed groups) card with its quality summary: "grupos proponer" and "grupos estado". */
export function proposalCard(set: GroupSetDoc, quality: QualityReport, editionId: string): Partial<Activity> {
  const t = quality.totals;
  const texts = GROUPS_TEXTS.proposal;
  const card = renderGroupsProposalCard({
    title: texts.title(set.state, editionId),
    subtitle: texts.subtitle(t.members, t.groups, set.seed),
    summary: [
      { label: texts.sizesLabel, value: texts.sizes(t.minSize, t.maxSize) },
      ...GROUP_ATTRIBUTES.map((a) => ({ label: texts.excessLabel(GROUP_ATTRIBUTE_LABELS[a]), value: String(t.excess[a]) })),
      { label: texts.clashesLabel, value: String(t.clashes) },
    ],
    groups: quality.groups.map((g) => ({ number: g.group, size: g.size, detail: texts.groupDetail(g.values.vocalia) })),
    nextStep: texts.nextStep(set.state),
  });
  return { attachments: [CardFactory.adaptiveCard(card)] };
}
