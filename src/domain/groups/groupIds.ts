/** The part of a confirmed group set that says who is where. */
export interface GroupAssignment {
  readonly assignment: Readonly<Record<string, number>>;
  readonly removed: readonly string[];
}

/** Member ids (`members` collection _id) placed in `group` and not withdrawn from the set. */
export function memberIdsInGroup(set: GroupAssignment, group: number): string[] {
  const removed = new Set(set.removed);
  return Object.keys(set.assignment).filter((id) => set.assignment[id] === group && !removed.has(id));
}
