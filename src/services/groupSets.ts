import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';
import type { ConversationRef } from '../domain/conversationRef.js';
import type { MemberRecord } from '../domain/member.js';
import { juntaKey } from '../domain/roster.js';
import {
  computeQuality,
  formGroups,
  placeNewcomers,
  type Assignment,
  type GroupMember,
  type QualityReport,
} from '../domain/groups/index.js';

/**
 * The groups of an edition (issue 4): a proposal an administrator can adjust, then a confirmed, frozen
 * assignment; newcomers are placed later without moving anybody; each group may be linked to a Teams space
 * (channel or group chat). One document per edition in 'groupSets'; spaces in 'groupSpaces'.
 */
export interface GroupSetDoc {
  _id: string; // editionId
  editionId: string;
  state: 'proposed' | 'confirmed';
  seed: number;
  groupCount: number;
  /** MemberRecord._id → group number (1-based). */
  assignment: Record<string, number>;
  /** Member ids of a confirmed set who later withdrew (kept out of rosters and notices). */
  removed: string[];
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  confirmedAt?: Date;
  confirmedBy?: string;
}

export interface GroupSpaceDoc {
  _id: string; // `${editionId}:${group}`
  editionId: string;
  group: number;
  kind: 'channel' | 'groupChat';
  name?: string;
  ref: ConversationRef;
  /** The team's AAD (Microsoft 365) group id, when Teams sent it: completes a channel's deep link. */
  teamAadGroupId?: string;
  linkedBy: string;
  linkedAt: Date;
}

/** What linking a conversation to a group did: the group's earlier space and the groups that lost this one. */
export interface LinkResult {
  space: GroupSpaceDoc;
  /** The group's space before, when it was another conversation. */
  replaced: GroupSpaceDoc | null;
  /** Spaces of other groups that were this same conversation (a conversation is the space of one group). */
  detached: GroupSpaceDoc[];
  /** True when this conversation already was the group's space (only its reference was refreshed). */
  unchanged: boolean;
}

/** The conversation a space is (a channel's id or a group chat's id). */
export const spaceConversationId = (space: Pick<GroupSpaceDoc, 'ref'>): string => space.ref.conversation.id;

export class GroupSetError extends Error {
  constructor(
    readonly code: 'noMembers' | 'confirmed' | 'notProposed' | 'noSet' | 'unknownMember' | 'badGroup',
    message: string,
  ) {
    super(message);
    this.name = 'GroupSetError';
  }
}

export function toGroupMemberOf(m: MemberRecord): GroupMember {
  return { id: m._id, vocalia: m.vocalia, ambito: m.ambito, entidad: m.entidad, circunscripcion: m.circunscripcion, juntaKey: juntaKey(m) };
}

function assignmentOf(set: Pick<GroupSetDoc, 'groupCount' | 'assignment'>): Assignment {
  return { groupCount: set.groupCount, groupOf: new Map(Object.entries(set.assignment)) };
}

export interface MoveResult {
  before: QualityReport;
  after: QualityReport;
  from: number;
  to: number;
  /** True when the total excess or the junta clashes grew. */
  worse: boolean;
}

/** A confirmed set as cached by GroupSetService.confirmedSet: shared, never to be modified by the caller. */
export type ConfirmedGroupSet = Readonly<Omit<GroupSetDoc, 'assignment' | 'removed'>> & { readonly assignment: Readonly<Record<string, number>>; readonly removed: readonly string[] };

export class GroupSetService {
  private readonly sets;
  private readonly spaces;
  /** editionId → its confirmed set (see confirmedSet); dropped by every write of this service. */
  private readonly confirmedCache = new Map<string, ConfirmedGroupSet>();
  /** editionId → count of writes, so a read that raced a write does not cache what it read. */
  private readonly writes = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.sets = store.collection<GroupSetDoc>('groupSets');
    this.spaces = store.collection<GroupSpaceDoc>('groupSpaces');
  }

  async init(): Promise<void> {
    await this.store.ensureIndexes('groupSpaces', [{ fields: ['editionId', 'group'], unique: true }]);
  }

  get(editionId: string): Promise<GroupSetDoc | null> {
    return this.sets.findOne({ _id: editionId });
  }

  /**
   * The edition's confirmed set (null when there is none or it is only proposed), cached per edition for the
   * hot paths (a vote checks membership on every ballot; the set holds one entry per member). Every write of
   * this service drops the cached copy, which is enough for one process (the service is built once, in
   * src/services/container.ts, and the embedded store belongs to one process). On MongoDB, where several
   * instances may share the data, a cached copy is used only after a count that matches its state and
   * updatedAt (the server compares; no document is sent). The result is shared: never modify it.
   */
  async confirmedSet(editionId: string): Promise<ConfirmedGroupSet | null> {
    const hit = this.confirmedCache.get(editionId);
    if (hit) {
      if (this.store.kind === 'embedded') return hit;
      if ((await this.sets.countDocuments({ _id: editionId, state: 'confirmed', updatedAt: hit.updatedAt })) === 1 && this.confirmedCache.get(editionId) === hit) return hit;
      this.confirmedCache.delete(editionId);
    }
    const writesBefore = this.writes.get(editionId) ?? 0;
    const set = await this.get(editionId);
    if (set?.state !== 'confirmed') return null;
    if ((this.writes.get(editionId) ?? 0) === writesBefore) this.confirmedCache.set(editionId, set);
    return set;
  }

  /** Called after every write to the edition's set (whether or not it matched): drops the cached copy. */
  private changed(editionId: string): void {
    this.writes.set(editionId, (this.writes.get(editionId) ?? 0) + 1);
    this.confirmedCache.delete(editionId);
  }

  /** Forms groups over the validated members; replaces an earlier proposal, never a confirmed set. */
  async propose(editionId: string, members: readonly MemberRecord[], opts: { size?: number; groups?: number; seed?: number }, actor: string) {
    const existing = await this.get(editionId);
    if (existing?.state === 'confirmed') throw new GroupSetError('confirmed', 'Los grupos de esta edición ya están confirmados; use «grupos asignar pendientes» para las nuevas integrantes.');
    if (members.length === 0) throw new GroupSetError('noMembers', 'No hay integrantes validadas en la edición activa.');
    const seed = opts.seed ?? 1;
    const result = formGroups(members.map(toGroupMemberOf), { seed, ...(opts.groups ? { groups: opts.groups } : { size: opts.size ?? 35 }) });
    const now = this.clock();
    const doc: GroupSetDoc = {
      _id: editionId,
      editionId,
      state: 'proposed',
      seed,
      groupCount: result.assignment.groupCount,
      assignment: Object.fromEntries(result.assignment.groupOf),
      removed: [],
      createdAt: now,
      createdBy: actor,
      updatedAt: now,
    };
    try {
      await this.sets.replaceOne({ _id: editionId, state: { $ne: 'confirmed' } }, doc, { upsert: !existing });
    } finally {
      this.changed(editionId);
    }
    const stored = await this.get(editionId);
    if (stored?.state === 'confirmed') throw new GroupSetError('confirmed', 'Los grupos se confirmaron mientras se preparaba la propuesta.');
    return { set: doc, quality: result.quality };
  }

  /** Quality of a set over the given members (ids not in the set are left out as unassigned). */
  quality(set: GroupSetDoc, members: readonly MemberRecord[]): QualityReport {
    const inSet = members.filter((m) => set.assignment[m._id] !== undefined && !set.removed.includes(m._id));
    const assignment = assignmentOf(set);
    return computeQuality(inSet.map(toGroupMemberOf), { groupCount: assignment.groupCount, groupOf: new Map([...assignment.groupOf].filter(([id]) => !set.removed.includes(id))) });
  }

  /**
   * Moves one member of a proposal (by member id; the caller resolved the name or email typed) to another
   * group; reports whether balance got worse.
   */
  async move(editionId: string, members: readonly MemberRecord[], memberId: string, to: number, actor: string): Promise<MoveResult> {
    const set = await this.get(editionId);
    if (!set) throw new GroupSetError('noSet', 'Aún no hay una propuesta de grupos. Use «grupos proponer».');
    if (set.state !== 'proposed') throw new GroupSetError('confirmed', 'Los grupos ya están confirmados y no se pueden mover integrantes.');
    if (!Number.isInteger(to) || to < 1 || to > set.groupCount) throw new GroupSetError('badGroup', `El grupo debe ser un número entre 1 y ${set.groupCount}.`);
    const member = members.find((m) => m._id === memberId);
    if (!member || set.assignment[member._id] === undefined) throw new GroupSetError('unknownMember', `No encontré a ${member?.nombre ?? 'esa integrante'} en la propuesta de grupos.`);
    const from = set.assignment[member._id]!;
    const before = this.quality(set, members);
    const next: GroupSetDoc = { ...set, assignment: { ...set.assignment, [member._id]: to }, updatedAt: this.clock() };
    const after = this.quality(next, members);
    const r = await this.sets.replaceOne({ _id: editionId, state: 'proposed', updatedAt: set.updatedAt }, next).finally(() => this.changed(editionId));
    if (r.matched === 0) throw new GroupSetError('notProposed', 'La propuesta cambió mientras tanto; vuelva a intentarlo.');
    this.logger.info({ editionId, member: member._id, from, to, actor }, 'group member moved');
    return { before, after, from, to, worse: after.totals.totalExcess > before.totals.totalExcess || after.totals.clashes > before.totals.clashes };
  }

  /** Freezes a proposal. Returns null when it was already confirmed (idempotent). */
  async confirm(editionId: string, actor: string): Promise<GroupSetDoc | null> {
    const now = this.clock();
    const r = await this.sets.updateOne({ _id: editionId, state: 'proposed' }, { $set: { state: 'confirmed', confirmedAt: now, confirmedBy: actor, updatedAt: now } }).finally(() => this.changed(editionId));
    if (r.matched === 0) {
      const set = await this.get(editionId);
      if (!set) throw new GroupSetError('noSet', 'Aún no hay una propuesta de grupos. Use «grupos proponer».');
      return null;
    }
    return this.get(editionId);
  }

  /**
   * Places validated members without a group into the confirmed groups (never moving confirmed members),
   * and takes members who are no longer validated out of their groups. Returns the newcomers' groups.
   */
  async assignPending(editionId: string, validated: readonly MemberRecord[], actor: string): Promise<{ placed: Map<string, number>; removed: string[]; set: GroupSetDoc }> {
    const set = await this.get(editionId);
    if (!set || set.state !== 'confirmed') throw new GroupSetError('notProposed', 'Primero confirme los grupos con «grupos confirmar».');
    const validIds = new Set(validated.map((m) => m._id));
    const removed = Object.keys(set.assignment).filter((id) => !validIds.has(id) && !set.removed.includes(id));
    const newcomers = validated.filter((m) => set.assignment[m._id] === undefined);
    let placed = new Map<string, number>();
    let assignment = set.assignment;
    if (newcomers.length > 0) {
      const stay = validated.filter((m) => set.assignment[m._id] !== undefined);
      const confirmed: Assignment = { groupCount: set.groupCount, groupOf: new Map(stay.map((m) => [m._id, set.assignment[m._id]!])) };
      const result = placeNewcomers(validated.map(toGroupMemberOf), confirmed, { seed: set.seed });
      placed = result.placed;
      assignment = { ...set.assignment, ...Object.fromEntries(placed) };
    }
    const now = this.clock();
    const next: GroupSetDoc = { ...set, assignment, removed: [...set.removed, ...removed], updatedAt: now };
    const r = await this.sets.replaceOne({ _id: editionId, updatedAt: set.updatedAt }, next).finally(() => this.changed(editionId));
    if (r.matched === 0) throw new GroupSetError('notProposed', 'Los grupos cambiaron mientras tanto; vuelva a intentarlo.');
    this.logger.info({ editionId, placed: placed.size, removed: removed.length, actor }, 'pending members assigned');
    return { placed, removed, set: next };
  }

  /**
   * Makes a conversation the group's space. A conversation is the space of one group at most: if it was
   * another group's, that group is left without a space. The caller asks the administrator first when that,
   * or replacing the group's earlier space, would happen (see `linkConflicts`).
   */
  async linkSpace(
    editionId: string,
    group: number,
    space: { kind: 'channel' | 'groupChat'; name?: string; ref: ConversationRef; teamAadGroupId?: string },
    actor: string,
  ): Promise<LinkResult> {
    const conversationId = space.ref.conversation.id;
    const { current, elsewhere } = await this.linkConflicts(editionId, group, conversationId);
    const doc: GroupSpaceDoc = {
      _id: `${editionId}:${group}`,
      editionId,
      group,
      kind: space.kind,
      ...(space.name ? { name: space.name } : {}),
      ref: space.ref,
      ...(space.teamAadGroupId ? { teamAadGroupId: space.teamAadGroupId } : {}),
      linkedBy: actor,
      linkedAt: this.clock(),
    };
    for (const other of elsewhere) await this.spaces.deleteOne({ _id: other._id, 'ref.conversation.id': conversationId });
    await this.spaces.replaceOne({ _id: doc._id }, doc, { upsert: true });
    const unchanged = current !== null && spaceConversationId(current) === conversationId;
    this.logger.info({ editionId, group, kind: space.kind, conversationId, replaced: unchanged ? null : current?._id ?? null, detached: elsewhere.map((s) => s.group), actor }, 'group space linked');
    return { space: doc, replaced: unchanged ? null : current, detached: elsewhere, unchanged };
  }

  /** The group's current space, and the other groups' spaces that are this conversation. */
  async linkConflicts(editionId: string, group: number, conversationId: string): Promise<{ current: GroupSpaceDoc | null; elsewhere: GroupSpaceDoc[] }> {
    const spaces = await this.listSpaces(editionId);
    return {
      current: spaces.find((s) => s.group === group) ?? null,
      elsewhere: spaces.filter((s) => s.group !== group && spaceConversationId(s) === conversationId),
    };
  }

  listSpaces(editionId: string): Promise<GroupSpaceDoc[]> {
    return this.spaces.find({ editionId }, { sort: { group: 1 } });
  }

  spaceOf(editionId: string, group: number): Promise<GroupSpaceDoc | null> {
    return this.spaces.findOne({ _id: `${editionId}:${group}` });
  }
}

