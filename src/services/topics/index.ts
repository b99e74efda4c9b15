import type { Store } from '../../store/types.js';
import type { EditionTimeline, Temario, YearMonth } from '../../domain/topics/index.js';
import { GroupMembership } from './membership.js';
import { TemarioService } from './temario.js';
import { TopicVoteService } from './votes.js';
import { EditionCalendarMonths, WorkPlanService } from './workPlan.js';
import type { AuditPort, CatalogEjesPort, CloseSchedulingPort, EditionMonthsPort, GroupSetPort, MemberPort, RepresentantePort } from './types.js';

/**
 * Topics and work plan (issue 10), domain and service layers: the temario per edition, topic votes per
 * group and each group's work plan. Built once by the composition root:
 *
 *   const topics = createTopicServices({
 *     store, clock, audit: registration.audit, catalogs: registration.catalogs,
 *     groups, members: registration.members, editions: registration.editions,
 *     representantes,            // the elections feature: isRepresentante(editionId, group, personKey)
 *     scheduling: jobs,          // optional: schedules TOPIC_VOTE_CLOSE_JOB at a vote's closing time
 *     maxPicks: config.topicMaxPicks,
 *   });
 *   await topics.init();
 */
export interface TopicServices {
  temarios: TemarioService;
  topicVotes: TopicVoteService;
  workPlans: WorkPlanService;
  membership: GroupMembership;
  init(): Promise<void>;
}

export interface TopicServiceDeps {
  store: Store;
  audit: AuditPort;
  catalogs: CatalogEjesPort;
  groups: GroupSetPort;
  members: MemberPort;
  representantes: RepresentantePort;
  /** The edition's calendar (EditionService); or pass `months` to decide the six months another way. */
  editions?: { get(editionId: string): Promise<EditionTimeline | null> };
  months?: EditionMonthsPort;
  scheduling?: CloseSchedulingPort;
  /** K, the topics each member may pick (default 5). */
  maxPicks?: number;
  /** The project's temario (default src/data/temario.json). */
  defaultTemario?: Temario;
  formatMonth?: (month: YearMonth) => string;
  clock?: () => Date;
}

export function createTopicServices(deps: TopicServiceDeps): TopicServices {
  const clock = deps.clock ?? (() => new Date());
  const months = deps.months ?? (deps.editions ? new EditionCalendarMonths(deps.editions, clock) : undefined);
  if (!months) throw new Error('createTopicServices needs `editions` or `months`');
  const membership = new GroupMembership(deps.groups, deps.members);
  const temarios = new TemarioService({ store: deps.store, audit: deps.audit, catalogs: deps.catalogs, clock, ...(deps.defaultTemario ? { fallback: deps.defaultTemario } : {}) });
  const topicVotes = new TopicVoteService({
    store: deps.store,
    temarios,
    membership,
    representantes: deps.representantes,
    audit: deps.audit,
    clock,
    ...(deps.scheduling ? { scheduling: deps.scheduling } : {}),
    ...(deps.maxPicks !== undefined ? { maxPicks: deps.maxPicks } : {}),
  });
  const workPlans = new WorkPlanService({
    store: deps.store,
    votes: topicVotes,
    representantes: deps.representantes,
    months,
    audit: deps.audit,
    clock,
    ...(deps.formatMonth ? { formatMonth: deps.formatMonth } : {}),
  });
  return {
    temarios,
    topicVotes,
    workPlans,
    membership,
    async init() {
      await Promise.all([temarios.init(), topicVotes.init(), workPlans.init()]);
    },
  };
}

export { GroupMembership, type MembershipLookup } from './membership.js';
export { TemarioService, type TemarioInfo, type TemarioReplaceResult, type TemarioResetResult, type TemarioServiceDeps } from './temario.js';
export {
  TopicVoteService,
  ballotKey,
  voteIdOf,
  type CloseResult,
  type GroupVoteStatus,
  type OpenManyResult,
  type OpenVoteOptions,
  type SubmitResult,
  type TopicVoteServiceDeps,
  type Turnout,
  type VoteActor,
  type VoteRanking,
} from './votes.js';
export { EditionCalendarMonths, WorkPlanService, planIdOf, type DraftSuggestion, type PlanChange, type WorkPlanServiceDeps } from './workPlan.js';
export * from './types.js';
export { TOPICS_SERVICE_TEXTS } from './texts.js';
