import { CardFactory, type TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import { renderPendingQueueCard, type ChangeItem, type PendingItem } from '../../../cards/pending.js';
import { profileFacts } from '../../../cards/registration.js';
import type { Catalog } from '../../../domain/catalog.js';
import { MEMBER_STATUS_LABELS, PENDING_REASON_LABELS, type MemberRecord } from '../../../domain/member.js';
import { describePosition, FIELD_LABELS, findJuntaConflicts, formatDate, profileOf } from '../../../domain/registration.js';
import type { ChangeRequest } from '../../../services/registration/index.js';
import { PENDING_TEXTS } from '../texts.js';

/** How many registrations and how many change requests the queue card shows at once. */
export const QUEUE_LIMIT = 10;

const T = PENDING_TEXTS.queue;

/** A registration waiting for validation, as a card item. */
function pendingItem(m: MemberRecord, catalog: Catalog, conflicted: ReadonlySet<string>): PendingItem {
  return {
    memberId: m._id,
    nombre: m.nombre,
    facts: [
      { title: T.facts.email, value: m.correo },
      { title: T.facts.position, value: describePosition(m, catalog) },
      { title: T.facts.reason, value: m.pendingReason ? PENDING_REASON_LABELS[m.pendingReason] : T.facts.defaultReason },
      { title: T.facts.registeredOn, value: formatDate(m.createdAt) },
      ...(conflicted.has(m._id) ? [{ title: T.facts.attention, value: T.facts.sameJunta }] : []),
    ],
  };
}

/** A change request as a card item: each changed field "before → after". */
function changeItem(r: ChangeRequest, m: MemberRecord | undefined, catalog: Catalog): ChangeItem {
  const before = m ? profileFacts(profileOf(m), catalog) : [];
  const after = profileFacts(r.requested, catalog);
  const labels = r.changed.map((k) => (k === 'ejesInteres' ? FIELD_LABELS.ejes : ((FIELD_LABELS as Record<string, string>)[k] ?? k)));
  const facts = after
    .filter((f) => labels.includes(f.title))
    .map((f) => ({ title: f.title, value: T.change.diff(before.find((b) => b.title === f.title)?.value ?? T.change.missing, f.value) }));
  return { requestId: r._id, nombre: m?.nombre ?? T.change.unnamed, facts: facts.length ? facts : [{ title: T.change.changes, value: labels.join(', ') }] };
}

/**
 * "pendientes": the queue card of the active edition: registrations to validate (first QUEUE_LIMIT), open
 * change requests (first QUEUE_LIMIT) and the same vocalía registered twice in one junta (UTIGyND).
 */
export function pendingHandler(ctx: FeatureContext): CommandHandler {
  return async (context: TurnContext) => {
    const s = ctx.services;
    const e = await s.editions.getActive();
    if (!e) return void (await context.sendActivity(PENDING_TEXTS.noEdition));
    const catalog = await s.catalogs.forEdition(e._id);
    const all = await s.members.list(e._id);
    const byId = new Map(all.map((m) => [m._id, m]));
    const queue = all.filter((m) => m.status === 'pending');
    const conflicts = findJuntaConflicts(all);
    const conflicted = new Set(conflicts.flatMap((c) => c.memberIds));
    const changes = await s.changes.listOpen(e._id);
    const more: string[] = [];
    if (queue.length > QUEUE_LIMIT) more.push(T.moreRegistrations(queue.length - QUEUE_LIMIT));
    if (changes.length > QUEUE_LIMIT) more.push(T.moreChanges(changes.length - QUEUE_LIMIT));
    const hasRoster = await s.roster.hasRoster(e._id);
    const card = renderPendingQueueCard({
      editionName: e.nombre,
      summary: queue.length + changes.length + conflicts.length === 0 ? T.nothing : T.summary(queue.length, changes.length, hasRoster),
      conflicts: conflicts.map((c) => {
        const people = c.memberIds.map((id) => byId.get(id)).filter((m): m is MemberRecord => !!m);
        const first = people[0];
        const where = first ? describePosition(first, catalog) : `${c.vocalia} ${c.juntaKey}`;
        return T.conflict(where, people.map((m) => ({ nombre: m.nombre, status: MEMBER_STATUS_LABELS[m.status] })));
      }),
      items: queue.slice(0, QUEUE_LIMIT).map((m) => pendingItem(m, catalog, conflicted)),
      changes: changes.slice(0, QUEUE_LIMIT).map((r) => changeItem(r, byId.get(r.memberId), catalog)),
      moreText: more.length ? T.more(more) : '',
    });
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  };
}
