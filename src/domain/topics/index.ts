/**
 * Topics of the Red de Coaching (issue 10): the temario of an edition, approval voting of topics per group
 * and the group's work plan. Pure domain code: no I/O, no botbuilder. Services: src/services/topics/.
 */
export {
  TEMARIO_LIMITS,
  TOPIC_ID_RE,
  Temario,
  findEje,
  parseTemario,
  temarioFileSchema,
  topicRowSchema,
  type EjeRef,
  type TemarioData,
  type TemarioParse,
  type TemarioParseOptions,
  type Topic,
  type ValidationIssue,
} from './temario.js';
export {
  DEFAULT_MAX_PICKS,
  MAX_PICKS_LIMIT,
  checkPicks,
  clampMaxPicks,
  parseChoiceSetValue,
  rankTopics,
  tallyApproval,
  topChoices,
  type PicksCheck,
  type PicksErrorCode,
  type RankableTopic,
  type RankedTopic,
  type TopChoices,
  type TopicRanking,
} from './voting.js';
export {
  EDITION_MONTHS,
  YEAR_MONTH_RE,
  addMonths,
  editionMonths,
  editionStartMonth,
  isYearMonth,
  splitYearMonth,
  yearMonthOf,
  type EditionTimeline,
  type YearMonth,
} from './months.js';
export {
  PLAN_LIMITS,
  diffPlans,
  isEmptyDiff,
  suggestPlan,
  validateWorkPlan,
  type PlanCheck,
  type PlanContext,
  type PlanDiff,
  type PlanItem,
  type PlanItemDraft,
  type PlanTopic,
  type WorkPlanDraft,
} from './workPlan.js';
export { PICKS_TEXTS, PLAN_TEXTS, TEMARIO_TEXTS } from './texts.js';
