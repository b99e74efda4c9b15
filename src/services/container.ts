import type { AppConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';
import { loadDefaultCatalog } from '../data/defaultCatalog.js';
import { ConversationService } from './conversations.js';
import { RoleService } from './roles.js';
import { ActivityDedup } from './activityDedup.js';
import { GroupSetService } from './groupSets.js';
import { createRegistrationServices, type RegistrationServices } from './registration/index.js';
import { RosterImportService } from './reports/rosterImport.js';
import type { Notifier } from './notifier.js';
import type { BroadcastStatus, WaitingInstallEntry } from './delivery/types.js';
import { createJobs, scheduledMessageHandlers, type Jobs } from './jobs/index.js';
import { ElectionService, electionRoleSource, membershipFromGroupSets } from './elections/index.js';
import { createTopicServices, type TopicServices } from './topics/index.js';
import { formatYearMonth } from '../domain/time.js';

/** Read-only view of the delivery engine (absent in tests that do not run one). */
export interface DeliveryStatusReader {
  status(broadcastId?: string, options?: { limit?: number }): Promise<BroadcastStatus[]>;
  listWaitingInstall(broadcastId?: string): Promise<WaitingInstallEntry[]>;
}

/**
 * Every domain service of the bot, built once by the composition root (src/app.ts) on one store, one clock
 * and one logger, and handed to the features. No feature builds another feature's services, so all of them
 * see the same edition catalog, the same audit log and the same caches. Free of botbuilder types.
 */
export interface Services extends RegistrationServices {
  conversations: ConversationService;
  roles: RoleService;
  dedup: ActivityDedup;
  groups: GroupSetService;
  rosterImport: RosterImportService;
  /** Durable proactive messages (delivery engine outbox). */
  notifier: Notifier;
  /** Delivery status, when an engine runs in this process. */
  delivery?: DeliveryStatusReader;
  /**
   * Durable scheduled jobs ("do X at time T unless cancelled"): reminders, closing times, survey waves.
   * Features register their handlers (Feature.jobHandlers); scheduled proactive messages are built in
   * (scheduleMessage). The runner is started by createApp, never by tests that drive turns.
   */
  jobs: Jobs;
  /** Group elections of representante and secretaria (secret ballots); also the source of those roles. */
  elections: ElectionService;
  /** The temario, each group's topic vote and work plan. */
  topics: TopicServices;
  /** Creates every index (idempotent); call once before the first turn. */
  init(): Promise<void>;
}

export interface ServiceDeps {
  config: AppConfig;
  store: Store;
  clock: () => Date;
  logger: Logger;
  /** The notifier, or a factory for one that needs the conversation service (the delivery engine's). */
  notifier: Notifier | ((conversations: ConversationService) => Notifier);
  delivery?: DeliveryStatusReader;
  /** Names this process among those sharing the store (stable across restarts: the host name). */
  instanceId: string;
}

export function createServices(deps: ServiceDeps): Services {
  const { config, store, clock, logger } = deps;
  const registration = createRegistrationServices(store, {
    adminAadIds: config.adminAadIds,
    clock,
    catalog: loadDefaultCatalog(),
    deniedAuditPerHour: config.limits.deniedAuditPerHour,
  });
  const conversations = new ConversationService(store, logger.child({ component: 'conversations' }), clock);
  const roles = new RoleService(store, config.adminAadIds, logger.child({ component: 'roles' }));
  const dedup = new ActivityDedup(store, { clock, logger: logger.child({ component: 'dedup' }) });
  const groups = new GroupSetService(store, logger.child({ component: 'groups' }), clock);
  const rosterImport = new RosterImportService({
    store,
    // Rows are checked against the catalog of the edition they are imported into.
    catalog: registration.catalogs,
    audit: { append: (entry) => registration.audit.append(entry), entriesAbout: (key) => registration.audit.listAbout(key, 10_000) },
    logger: logger.child({ component: 'rosterImport' }),
    clock,
  });
  const notifier = typeof deps.notifier === 'function' ? deps.notifier(conversations) : deps.notifier;
  const jobs = createJobs(store, { clock, logger, instanceId: deps.instanceId });
  for (const handler of scheduledMessageHandlers(notifier)) jobs.register(handler);
  const elections = new ElectionService({
    store,
    logger: logger.child({ component: 'elections' }),
    clock,
    audit: registration.audit,
    ballotKey: config.elections.ballotKey,
    membership: membershipFromGroupSets(groups, registration.members),
  });
  roles.addSource(electionRoleSource(elections, registration.editions));
  const topics = createTopicServices({
    store,
    clock,
    audit: registration.audit,
    catalogs: registration.catalogs,
    groups,
    members: registration.members,
    editions: registration.editions,
    // Only the group's representante (or UTIGyND, checked by the admin guard) opens votes and confirms plans.
    representantes: { isRepresentante: (editionId, group, personKey) => elections.holds(editionId, personKey, group, 'representante') },
    scheduling: jobs,
    maxPicks: config.topics.maxPicks,
    formatMonth: formatYearMonth,
  });
  return {
    ...registration,
    conversations,
    roles,
    dedup,
    groups,
    rosterImport,
    notifier,
    jobs,
    elections,
    topics,
    ...(deps.delivery ? { delivery: deps.delivery } : {}),
    async init() {
      await Promise.all([registration.init(), conversations.init(), dedup.init(), groups.init(), rosterImport.init(), elections.init(), topics.init(), jobs.init()]);
    },
  };
}
