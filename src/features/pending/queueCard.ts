import type { FeatureContext } from '../feature.js';
import { renderPendingQueueCard, type ChangeItem, type PendingItem } from '../../cards/pending.js';
import type { CardJson } from '../../cards/render.js';
import { profileFacts } from '../../cards/registration.js';
import type { Catalog } from '../../domain/catalog.js';
import { MEMBER_STATUS_LABELS, PENDING_REASON_LABELS, type MemberRecord } from '../../domain/member.js';
import { describePosition, FIELD_LABELS, findJuntaConflicts, formatDate, profileOf } from '../../domain/registration.js';
import type { ChangeRequest, Edition } from '../../services/registration/index.js';
import { PENDING_TEXTS } from './texts.js';

/** How many registrations and how many change requests the queue card shows at once. */
export const QUEUE_LIMIT = 10;

const T = PENDING_TEXTS.queue;

/** The email Teams reported for her account (lower-cased), when the bot has seen it. */
type TeamsEmails = ReadonlyMap<string, string>;

/**
 * The email facts of a registration: what she typed, and whether it is the one of her Teams account
 * (different, or not confirmed because Teams did not report hers).
 */
function emailFacts(correo: string, teamsEmail: string | undefined, verified: boolean): PendingItem['facts'] {
  if (teamsEmail && teamsEmail !== correo) {
    return [
      { title: T.facts.email, value: correo },
      { title: T.facts.teamsEmail, value: T.facts.differs(teamsEmail) },
    ];
  }
  return [{ title: T.facts.email, value: !teamsEmail && !verified ? T.facts.unconfirmed(correo) : correo }];
}

/**
 * Registrations whose email another active registration also uses (issue 9, email squatting): 'claimed' when
 * the other one holds it with her verified Teams account, 'shared' when none is confirmed.
 */
function emailFlags(all: readonly MemberRecord[]): Map<string, 'claimed' | 'shared'> {
  const active = all.filter((m) => m.status === 'pending' || m.status === 'validated');
  const byEmail = new Map<string, MemberRecord[]>();
  for (const m of active) byEmail.set(m.correo, [...(byEmail.get(m.correo) ?? []), m]);
  const flags = new Map<string, 'claimed' | 'shared'>();
  for (const same of byEmail.values()) {
    if (same.length < 2) continue;
    const holder = same.find((m) => m.correoActivo !== undefined);
    for (const m of same) if (m !== holder) flags.set(m._id, holder ? 'claimed' : 'shared');
  }
  return flags;
}

/** A registration waiting for validation, as a card item. */
function pendingItem(m: MemberRecord, catalog: Catalog, conflicted: ReadonlySet<string>, teamsEmails: TeamsEmails, emailFlag?: 'claimed' | 'shared'): PendingItem {
  return {
    memberId: m._id,
    nombre: m.nombre,
    facts: [
      ...emailFacts(m.correo, teamsEmails.get(m.personKey), m.emailVerified === true),
      { title: T.facts.position, value: describePosition(m, catalog) },
      { title: T.facts.reason, value: m.pendingReason ? PENDING_REASON_LABELS[m.pendingReason] : T.facts.defaultReason },
      { title: T.facts.registeredOn, value: formatDate(m.createdAt) },
      ...(conflicted.has(m._id) ? [{ title: T.facts.attention, value: T.facts.sameJunta }] : []),
      ...(emailFlag ? [{ title: T.facts.attention, value: emailFlag === 'claimed' ? T.facts.emailClaimed : T.facts.emailShared }] : []),
    ],
  };
}

/** A change request as a card item: each changed field "before → after" (and a new email checked against Teams). */
function changeItem(r: ChangeRequest, m: MemberRecord | undefined, catalog: Catalog, teamsEmails: TeamsEmails): ChangeItem {
  const before = m ? profileFacts(profileOf(m), catalog) : [];
  const after = profileFacts(r.requested, catalog);
  const labels = r.changed.map((k) => (k === 'ejesInteres' ? FIELD_LABELS.ejes : ((FIELD_LABELS as Record<string, string>)[k] ?? k)));
  const facts = after
    .filter((f) => labels.includes(f.title))
    .map((f) => ({ title: f.title, value: T.change.diff(before.find((b) => b.title === f.title)?.value ?? T.change.missing, f.value) }));
  const teamsEmail = m ? teamsEmails.get(m.personKey) : undefined;
  if (r.changed.includes('correo') && teamsEmail && teamsEmail !== r.requested.correo) {
    facts.push({ title: T.facts.teamsEmail, value: T.facts.differs(teamsEmail) });
  }
  return { requestId: r._id, nombre: m?.nombre ?? T.change.unnamed, facts: facts.length ? facts : [{ title: T.change.changes, value: labels.join(', ') }] };
}

/**
 * The queue card of an edition as it is now: registrations to validate (first QUEUE_LIMIT), open change
 * requests (first QUEUE_LIMIT) and the same vocalía registered twice in one junta. `notice` is the answer to
 * the decision just taken on the card (when it is re-rendered in place), shown at its top.
 */
export async function renderQueueCard(ctx: FeatureContext, e: Edition, notice = ''): Promise<CardJson> {
  const s = ctx.services;
  const catalog = await s.catalogs.forEdition(e._id);
  const all = await s.members.list(e._id);
  const byId = new Map(all.map((m) => [m._id, m]));
  const queue = all.filter((m) => m.status === 'pending');
  const conflicts = findJuntaConflicts(all);
  const conflicted = new Set(conflicts.flatMap((c) => c.memberIds));
  const flags = emailFlags(all);
  const changes = await s.changes.listOpen(e._id);
  const shown = queue.slice(0, QUEUE_LIMIT);
  const shownChanges = changes.slice(0, QUEUE_LIMIT);
  const keys = new Set([...shown.map((m) => m.personKey), ...shownChanges.flatMap((r) => byId.get(r.memberId)?.personKey ?? [])]);
  const teamsEmails = new Map<string, string>();
  for (const key of keys) {
    const email = (await s.people.get(key))?.email;
    if (email) teamsEmails.set(key, email);
  }
  const more: string[] = [];
  if (queue.length > QUEUE_LIMIT) more.push(T.moreRegistrations(queue.length - QUEUE_LIMIT));
  if (changes.length > QUEUE_LIMIT) more.push(T.moreChanges(changes.length - QUEUE_LIMIT));
  const hasRoster = await s.roster.hasRoster(e._id);
  return renderPendingQueueCard({
    editionName: e.nombre,
    notice,
    summary: queue.length + changes.length + conflicts.length === 0 ? T.nothing : T.summary(queue.length, changes.length, hasRoster),
    conflicts: conflicts.map((c) => {
      const people = c.memberIds.map((id) => byId.get(id)).filter((m): m is MemberRecord => !!m);
      const first = people[0];
      const where = first ? describePosition(first, catalog) : `${c.vocalia} ${c.juntaKey}`;
      return T.conflict(where, people.map((m) => ({ nombre: m.nombre, status: MEMBER_STATUS_LABELS[m.status] })));
    }),
    items: shown.map((m) => pendingItem(m, catalog, conflicted, teamsEmails, flags.get(m._id))),
    changes: shownChanges.map((r) => changeItem(r, byId.get(r.memberId), catalog, teamsEmails)),
    moreText: more.length ? T.more(more) : '',
  });
}
