/** Group formation for the Red de Coaching (issue 4). Pure domain code: no I/O, seeded randomness only. */
export {
  DEFAULT_GROUP_SIZE,
  GROUP_ATTRIBUTES,
  GROUP_ATTRIBUTE_LABELS,
  GroupFormationError,
  attributeValue,
  type Assignment,
  type GroupAttribute,
  type GroupMember,
} from './types.js';
export { formGroups, groupCountFor, groupSizes, type FormGroupsOptions, type FormationResult } from './formation.js';
export { computeQuality, type GroupQuality, type JuntaClash, type QualityReport, type QualityTotals, type ValueQuality } from './quality.js';
export { placeNewcomers, type PlaceNewcomersOptions, type PlacementResult } from './placement.js';
export { formatQualityTable, type QualityTableOptions } from './report.js';
export { toGroupMember } from './members.js';
export type { SearchStats } from './engine.js';
export { mulberry32, shuffleInPlace, type Prng } from './prng.js';
export { spaceDeepLink, type SpaceLinkInput } from './spaceLink.js';
export { memberIdsInGroup, type GroupAssignment } from './groupIds.js';
export { findMemberByNameOrEmail, normalizeName, type MemberMatch } from './findMember.js';
