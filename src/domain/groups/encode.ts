import { GROUP_ATTRIBUTES, GroupFormationError, attributeValue, compareValues, type GroupMember } from './types.js';

/** Members mapped to dense integer codes for the search engine. Internal. */
export interface EncodedMembers {
  /** Members in canonical order (sorted by id); index i everywhere below refers to members[i]. */
  members: GroupMember[];
  attributes: Int32Array[];
  valueCounts: number[];
  junta: Int32Array;
  juntaCount: number;
}

export function encodeMembers(input: readonly GroupMember[]): EncodedMembers {
  const members = [...input].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let i = 0; i < members.length; i++) {
    const m = members[i]!;
    if (m.id.trim() === '') throw new GroupFormationError('Hay una integrante sin identificador (correo).');
    if (i > 0 && members[i - 1]!.id === m.id) throw new GroupFormationError(`La integrante ${m.id} aparece más de una vez.`);
  }
  const n = members.length;
  const attributes: Int32Array[] = [];
  const valueCounts: number[] = [];
  for (const attr of GROUP_ATTRIBUTES) {
    const values = [...new Set(members.map((m) => attributeValue(m, attr)))].sort(compareValues);
    const index = new Map(values.map((v, i) => [v, i]));
    attributes.push(Int32Array.from(members, (m) => index.get(attributeValue(m, attr))!));
    valueCounts.push(values.length);
  }
  const juntaKeys = [...new Set(members.map((m) => m.juntaKey))].sort();
  const juntaIndex = new Map(juntaKeys.map((k, i) => [k, i]));
  const junta = new Int32Array(n);
  for (let i = 0; i < n; i++) junta[i] = juntaIndex.get(members[i]!.juntaKey)!;
  return { members, attributes, valueCounts, junta, juntaCount: juntaKeys.length };
}
