import { CardFactory, type Activity, type TurnContext } from 'botbuilder';
import type { Catalog } from '../../domain/catalog.js';
import type { MemberRecord } from '../../domain/member.js';
import { GROUP_ATTRIBUTES, GROUP_ATTRIBUTE_LABELS, spaceDeepLink, type QualityReport } from '../../domain/groups/index.js';
import type { GroupSetDoc, GroupSpaceDoc } from '../../services/groupSets.js';
import {
  renderGroupsProposalCard,
  renderGroupsProposalMembersCard,
  type GroupsProposalCardData,
  type GroupsProposalMembersCardData,
  type ProposalGroupView,
} from '../../cards/groups.js';
import type { CardJson } from '../../cards/render.js';
import type { FeatureContext } from '../feature.js';
import { validatedMembers } from './support.js';
import { GROUPS_TEXTS } from './texts.js';

/**
 * Teams refuses a message larger than about 28 KB (the activity as JSON, card included). Each card of the
 * proposal stays under this many bytes; member lists that do not fit go to follow-up cards.
 */
export const CARD_BYTE_BUDGET = 24_000;
/** Groups larger than this start with their member list hidden behind a "Ver integrantes" toggle. */
export const COLLAPSE_ABOVE = 8;

const bytes = (card: CardJson): number => Buffer.byteLength(JSON.stringify(card), 'utf8');
const asActivity = (card: CardJson): Partial<Activity> => ({ attachments: [CardFactory.adaptiveCard(card)] });

export interface ProposalInput {
  set: GroupSetDoc;
  quality: QualityReport;
  editionId: string;
  /** The validated members (the quality report names them by id). */
  members: readonly MemberRecord[];
  catalog: Catalog;
  spaces: readonly GroupSpaceDoc[];
}

/**
 * The proposal (or confirmed groups) card of "grupos proponer" and "grupos estado": the quality summary, what
 * the abbreviations mean, and each group with its space and its members by name, vocalía and entidad. One
 * message when it fits Teams' size limit; otherwise the lists that do not fit follow in further messages.
 */
export function proposalMessages(input: ProposalInput): Partial<Activity>[] {
  const { set, quality, editionId, catalog } = input;
  const t = quality.totals;
  const texts = GROUPS_TEXTS.proposal;
  const byId = new Map(input.members.map((m) => [m._id, m]));
  const spaces = new Map(input.spaces.map((s) => [s.group, s]));
  const lines = new Map(
    quality.groups.map((g) => [
      g.group,
      g.members
        .map((id) => byId.get(id))
        .filter((m): m is MemberRecord => m !== undefined)
        .sort((a, b) => a.nombre.localeCompare(b.nombre, 'es'))
        .map((m) => texts.memberLine({ nombre: m.nombre, vocalia: m.vocalia, entidad: catalog.entidad(m.entidad)?.nombre ?? m.entidad })),
    ]),
  );
  const groups: ProposalGroupView[] = quality.groups.map((g) => {
    const space = spaces.get(g.group);
    return {
      number: g.group,
      header: texts.groupHeader(g.size, texts.groupDetail(g.values.vocalia)),
      space: GROUPS_TEXTS.statusSpace(space, g.group),
      spaceUrl: space ? (spaceDeepLink(space) ?? '') : '',
      membersText: (lines.get(g.group) ?? []).join('\r'),
      membersNote: '',
      collapsed: g.size > COLLAPSE_ABOVE,
    };
  });
  const data: GroupsProposalCardData = {
    title: texts.title(set.state, editionId),
    subtitle: texts.subtitle(t.members, t.groups, set.seed),
    summary: [
      { label: texts.sizesLabel, value: texts.sizes(t.minSize, t.maxSize) },
      ...GROUP_ATTRIBUTES.map((a) => ({ label: texts.excessLabel(GROUP_ATTRIBUTE_LABELS[a]), value: String(t.excess[a]) })),
      { label: texts.clashesLabel, value: String(t.clashes) },
    ],
    legend: texts.legend(catalog.data.vocalias),
    groups,
    nextStep: texts.nextStep(set.state),
  };

  const whole = renderGroupsProposalCard(data);
  if (bytes(whole) <= CARD_BYTE_BUDGET) return [asActivity(whole)];

  // Too large: keep in the first card the lists of as many leading groups as fit; the rest follow.
  const withLists = (n: number): GroupsProposalCardData => ({
    ...data,
    groups: groups.map((g, i) => (i < n ? g : { ...g, membersText: '', membersNote: texts.membersInNextMessage })),
  });
  // The card grows with n: binary search for the largest n that fits (the whole list, n = groups.length, did not).
  let kept = 0;
  let first = renderGroupsProposalCard(withLists(0));
  let lo = 1;
  let hi = groups.length - 1;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    const candidate = renderGroupsProposalCard(withLists(mid));
    if (bytes(candidate) <= CARD_BYTE_BUDGET) {
      first = candidate;
      kept = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return [asActivity(first), ...followUpCards(editionId, groups.slice(kept), lines).map(asActivity)];
}

/** The member lists of the given groups, packed into cards under the budget (a large group may span cards). */
function followUpCards(editionId: string, groups: readonly ProposalGroupView[], lines: ReadonlyMap<number, string[]>): CardJson[] {
  const texts = GROUPS_TEXTS.proposal;
  const title = texts.continuationTitle(editionId);
  const cards: CardJson[] = [];
  let blocks: GroupsProposalMembersCardData['blocks'] = [];
  const render = (b: GroupsProposalMembersCardData['blocks']) => renderGroupsProposalMembersCard({ title, blocks: b });
  const flush = () => {
    if (blocks.length) cards.push(render(blocks));
    blocks = [];
  };
  for (const g of groups) {
    let pending = [...(lines.get(g.number) ?? [])];
    let continued = false;
    while (pending.length > 0) {
      // As many of the group's remaining lines as fit in the current card (at least one, in an empty card).
      let take = 0;
      for (let n = pending.length; n >= 1; n = Math.min(n - 1, Math.floor(n * 0.9))) {
        const block = { heading: texts.continuationHeading(g.number, continued), membersText: pending.slice(0, n).join('\r') };
        if (bytes(render([...blocks, block])) <= CARD_BYTE_BUDGET) {
          take = n;
          break;
        }
      }
      if (take === 0 && blocks.length > 0) {
        flush();
        continue;
      }
      take = Math.max(take, 1);
      blocks.push({ heading: texts.continuationHeading(g.number, continued), membersText: pending.slice(0, take).join('\r') });
      pending = pending.slice(take);
      continued = true;
      if (pending.length > 0) flush();
    }
  }
  flush();
  return cards;
}

/** Sends the groups of the edition as proposalMessages shows them (quality recomputed unless given). */
export async function sendGroups(ctx: FeatureContext, context: TurnContext, editionId: string, set: GroupSetDoc, quality?: QualityReport): Promise<void> {
  const members = await validatedMembers(ctx, editionId);
  const messages = proposalMessages({
    set,
    quality: quality ?? ctx.services.groups.quality(set, members),
    editionId,
    members,
    catalog: await ctx.services.catalogs.forEdition(editionId),
    spaces: await ctx.services.groups.listSpaces(editionId),
  });
  for (const m of messages) await context.sendActivity(m);
}
