import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { FeatureContext } from '../../feature.js';
import type { CastResult } from '../../../services/elections/index.js';
import { defineSubmitHandler, type SubmitHandler } from '../../../bot/submitRouter.js';
import { VERBS } from '../../../cards/verbs.js';
import { renderElectionNoteCard, renderElectionProposalCard } from '../../../cards/elections.js';
import type { CardJson } from '../../../cards/render.js';
import { ABSTENTION, ELECTED_ROLES } from '../../../domain/elections/index.js';
import { findMemberByNameOrEmail } from '../../../domain/groups/findMember.js';
import { personKey } from '../../../domain/person.js';
import { personOf } from '../../../teams/activity.js';
import { announceRoleChange, BROADCAST } from '../notices.js';
import { closingText, groupMembersOf, refusalText } from '../support.js';
import { ELECTION_ERRORS, ELECTIONS_TEXTS as T } from '../texts.js';
import { replacePressedCard } from '../../shared/replaceCard.js';

/**
 * The card verbs of the elections. Who acts is always the activity's person (never a field of the card);
 * the service checks that she belongs to the election's group, that the phase allows it and that every
 * choice is a candidate of her group. A refusal changes nothing and is answered in Spanish.
 */

const electionId = z.string().min(1).max(200);
const role = z.enum(ELECTED_ROLES);
const choice = z.string().max(200).optional();

const nominateSchema = z.object({ verb: z.literal(VERBS.electionNominate), electionId, role });
const proposeSchema = z.object({ verb: z.literal(VERBS.electionPropose), electionId, companion: z.string().max(200), proposedRole: role });
const answerSchema = z.object({ verb: z.literal(VERBS.electionProposalAnswer), electionId, role, accept: z.boolean() });
const voteSchema = z.object({ verb: z.literal(VERBS.electionVote), electionId, round: z.number().int().min(1).max(1000), voto0: choice, voto1: choice });
const offerSchema = z.object({ verb: z.literal(VERBS.roleOfferAnswer), editionId: z.string().min(1).max(64), group: z.number().int().min(1).max(10_000), role, accept: z.boolean() });

const me = (context: TurnContext): string => personKey(personOf(context.activity));

/** Replaces the card she pressed (the submit's replyToId) so it cannot be used again; false when not possible. */
const replaceCard = (ctx: FeatureContext, context: TurnContext, card: CardJson): Promise<boolean> => replacePressedCard(context, card, ctx.logger, 'election card');

async function answer(context: TurnContext, fn: () => Promise<string>): Promise<void> {
  let text: string;
  try {
    text = await fn();
  } catch (err) {
    text = refusalText(err);
  }
  await context.sendActivity(text);
}

export function electionSubmitHandlers(ctx: FeatureContext): SubmitHandler[] {
  const elections = ctx.services.elections;
  return [
    defineSubmitHandler({
      verb: VERBS.electionNominate,
      schema: nominateSchema,
      // The card she pressed becomes «Postulación registrada» in place; the text reply only when that fails.
      handle: async (context, p: z.infer<typeof nominateSchema>) => {
        try {
          await elections.nominateSelf(p.electionId, me(context), p.role);
        } catch (err) {
          await context.sendActivity(refusalText(err));
          return;
        }
        const note = renderElectionNoteCard({ title: T.nominatedCardTitle, paragraphs: [T.nominated(p.role), T.nominatedCardHint] });
        if (!(await replaceCard(ctx, context, note))) await context.sendActivity(T.nominated(p.role));
      },
    }),
    defineSubmitHandler({
      verb: VERBS.electionPropose,
      schema: proposeSchema,
      handle: (context, p: z.infer<typeof proposeSchema>) =>
        answer(context, async () => {
          const election = await elections.get(p.electionId);
          if (!election) return ELECTION_ERRORS.notFound;
          const proposer = me(context);
          const mates = await groupMembersOf(ctx, election.editionId, election.group);
          if (!mates.some((m) => m.personKey === proposer)) return ELECTION_ERRORS.notMember;
          const found = findMemberByNameOrEmail(mates, p.companion);
          if (found.kind === 'none') return T.companionNotFound;
          if (found.kind === 'many') return T.companionAmbiguous(found.candidates.map((m) => m.nombre));
          const companion = found.member;
          if (companion.personKey === proposer) return T.companionIsSelf;
          const candidacy = await elections.proposeCompanion(p.electionId, proposer, companion.personKey, p.proposedRole);
          if (candidacy.status === 'proposed') {
            const by = mates.find((m) => m.personKey === proposer)!.nombre;
            const closes = closingText(election.nominationsCloseAt);
            const card = renderElectionProposalCard({
              title: T.proposalTitle(election.group),
              text: T.proposalText(by, p.proposedRole),
              closes: closes ? T.closesAt(closes) : T.noClosing,
              electionId: election.id,
              role: p.proposedRole,
            });
            await ctx.services.notifier.notifyPeople({
              broadcastId: BROADCAST.proposal(election.id, p.proposedRole, companion.personKey),
              kind: 'election-proposal',
              title: T.proposalTitle(election.group),
              recipients: [{ personKey: companion.personKey, userId: companion.userId, name: companion.nombre, message: { cards: [card] } }],
            });
          }
          return T.proposed(companion.nombre, p.proposedRole);
        }),
    }),
    defineSubmitHandler({
      verb: VERBS.electionProposalAnswer,
      schema: answerSchema,
      handle: (context, p: z.infer<typeof answerSchema>) =>
        answer(context, async () => {
          await elections.answerProposal(p.electionId, me(context), p.role, p.accept);
          const text = p.accept ? T.proposalAccepted(p.role) : T.proposalDeclinedByHer;
          await replaceCard(ctx, context, renderElectionNoteCard({ title: T.proposalTitle((await elections.get(p.electionId))?.group ?? 0), paragraphs: [text] }));
          return text;
        }),
    }),
    defineSubmitHandler({
      verb: VERBS.electionVote,
      schema: voteSchema,
      // One read of the election per vote (castBallot's, plus its post-commit check) and one outgoing call:
      // the ballot card becomes «Su voto quedó registrado» in place; the text reply only when that fails.
      handle: async (context, p: z.infer<typeof voteSchema>) => {
        let result: CastResult;
        try {
          result = await elections.castBallot({
            electionId: p.electionId,
            round: p.round,
            voter: me(context),
            // The card sends positions ("c0") of the round's frozen candidate list; anything else goes to the
            // service as it is and is refused there unless it is a candidate of that contest.
            choices: (round) => {
              const sent: (string | undefined)[] = [p.voto0, p.voto1];
              const choices: Record<string, string> = {};
              round.contests.forEach((c, i) => {
                const v = sent[i];
                if (v === undefined) return;
                const pos = /^c(\d{1,4})$/.exec(v);
                choices[c.role] = v === ABSTENTION ? ABSTENTION : pos ? (c.candidates[Number(pos[1])] ?? v) : v;
              });
              return choices;
            },
          });
        } catch (err) {
          await context.sendActivity(refusalText(err));
          return;
        }
        const recorded = result.status === 'recorded';
        const card = renderElectionNoteCard({ title: T.ballotDoneTitle, paragraphs: [recorded ? T.ballotDoneText(result.group) : T.alreadyVoted] });
        if (!(await replaceCard(ctx, context, card))) await context.sendActivity(recorded ? T.voteRecorded : T.alreadyVoted);
      },
    }),
    defineSubmitHandler({
      verb: VERBS.roleOfferAnswer,
      schema: offerSchema,
      handle: (context, p: z.infer<typeof offerSchema>) =>
        answer(context, async () => {
          const who = me(context);
          const { offer, holding, replaced } = await elections.answerOffer({ editionId: p.editionId, group: p.group, role: p.role }, who, p.accept);
          const text = p.accept ? T.offerAccepted(p.role, p.group) : T.offerDeclined;
          await replaceCard(ctx, context, renderElectionNoteCard({ title: T.offerTitle(p.group), paragraphs: [text] }));
          if (holding) {
            await announceRoleChange(ctx, { editionId: p.editionId, group: p.group, role: p.role, personKey: who, what: 'taken', at: holding.since });
            // The person who held the role until now is told 1:1, not only through the group's space.
            if (replaced && replaced.personKey !== who) {
              const member = await ctx.services.members.get(p.editionId, who);
              await ctx.services.notifier.notifyPeople({
                broadcastId: `${BROADCAST.offer(offer.editionId, offer.group, offer.role, who, offer.at)}:reemplazo`,
                kind: 'role-replaced',
                title: T.broadcastRoles(p.group),
                recipients: [{ personKey: replaced.personKey, message: { text: T.replacedYou(p.role, p.group, member?.nombre ?? who) } }],
              });
            }
          } else {
            const member = await ctx.services.members.get(p.editionId, who);
            await ctx.services.notifier.notifyPeople({
              broadcastId: `${BROADCAST.offer(offer.editionId, offer.group, offer.role, who, offer.at)}:declinado`,
              kind: 'role-offer-declined',
              title: T.broadcastRoles(p.group),
              recipients: [{ personKey: offer.by, message: { text: T.offerDeclinedAdmin(member?.nombre ?? who, p.role, p.group) } }],
            });
          }
          return text;
        }),
    }),
  ];
}
