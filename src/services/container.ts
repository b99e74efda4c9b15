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
import { SurveyService } from './surveys/index.js';
import { estimateSurveyPageBytes } from '../cards/surveys.js';
import { SessionService } from './sessions/index.js';
import { createCaseServices, type CaseServices } from './cases/index.js';
import { AnnouncementService } from './announcements/index.js';
import { DocumentService } from './documents/index.js';
import { formatYearMonth } from '../domain/time.js';
import { MeetingService, meetingsCalendarSource, membershipFromMembers, MEETINGS_SERVICE_TEXTS } from './meetings/index.js';
import { CalendarLinkSigner, CalendarService, sessionsCalendarSource, stagesCalendarSource } from './calendar/index.js';
import { GroupReportService } from './groupReports/index.js';
import { StatusService } from './status/index.js';
import { sessionsSource } from './reporting/adapters/sessions.js';
import { casesSource } from './reporting/adapters/cases.js';
import { meetingsSource } from './reporting/adapters/meetings.js';
import { surveysSource } from './reporting/adapters/surveys.js';
import type { ReportingSources } from './reporting/sources.js';
import { GeneralReportService } from './generalReport/index.js';

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
  /** Surveys in three waves: pseudonymous answers saved page by page, participation register (issue 12). */
  surveys: SurveyService;
  /** Group sessions: scheduling, reminders (durable jobs), RSVP, attendance and minutes (issue 11). */
  sessions: SessionService;
  /** Consultas, confidential accompaniment requests and anonymous barrier reports (issue 14). */
  cases: CaseServices;
  /** Group reports (informe de grupo, issue 13): versions, state machine, attachments. */
  groupReports: GroupReportService;
  /** What the reports and the status read from other features (each part optional: absent → "sin datos"). */
  reportingSources: ReportingSources;
  /** UTIGyND's status of the whole network («estado»): batch reads, pure figures. */
  status: StatusService;
  /** The general report for the Comisión (DOCX with charts, XLSX), compiled from every feature's data (issue 13). */
  generalReport: GeneralReportService;
  /** Announcements of UTIGyND to the members (issue 14). */
  announcements: AnnouncementService;
  /** Documentos básicos: versions, acknowledgements, observations (issue 14). */
  documents: DocumentService;
  /** National and regional meetings: invitations and reminders (durable jobs), self check-in (issue 11). */
  meetings: MeetingService;
  /** The personal calendar: every feature's dated events for a person (addSource), for `calendario` and the .ics. */
  calendar: CalendarService;
  /** Signs and checks the .ics links; absent when PUBLIC_BASE_URL or CALENDAR_LINK_KEY is not set. */
  calendarLinks?: CalendarLinkSigner;
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
  const cases = createCaseServices({ store, clock, audit: registration.audit, jobs });
  const sessions = new SessionService({
    store,
    clock,
    audit: registration.audit,
    membership: membershipFromGroupSets(groups, registration.members),
    scheduling: jobs,
  });
  const surveys = new SurveyService({
    store,
    clock,
    logger: logger.child({ component: 'surveys' }),
    audit: registration.audit,
    respondentKey: config.surveys.respondentKey,
    members: registration.members,
    groups,
    estimatePage: estimateSurveyPageBytes,
    reminderHours: config.surveys.reminderHours,
  });
  // «borrar mis datos» also removes her survey answers (found through her respondent keys).
  registration.members.onErase((personKey) => surveys.eraseFor(personKey));
  const groupReports = new GroupReportService({ store, clock, audit: registration.audit });
  const reportingSources: ReportingSources = { groupReports };
  const status = new StatusService({
    editions: registration.editions,
    members: registration.members,
    groups,
    holders: elections,
    plans: topics.workPlans,
    reports: groupReports,
    sources: reportingSources,
    ...(deps.delivery ? { delivery: deps.delivery } : {}),
    clock,
  });
  const generalReport = new GeneralReportService({
    editions: registration.editions,
    catalogs: registration.catalogs,
    members: registration.members,
    groups,
    elections,
    workPlans: topics.workPlans,
    // A getter: the reporting sources may be completed after this service is built.
    sources: () => reportingSources,
    clock,
    logger: logger.child({ component: 'generalReport' }),
  });
  const announcements = new AnnouncementService({ store, clock, audit: registration.audit });
  const documents = new DocumentService({ store, clock, audit: registration.audit });
  const meetingMembership = membershipFromMembers(registration.members, registration.catalogs);
  const meetings = new MeetingService({
    store,
    clock,
    audit: registration.audit,
    jobs,
    membership: meetingMembership,
    stages: registration.editions,
    stageLabels: MEETINGS_SERVICE_TEXTS.stageLabels,
    onStageError: (err) => logger.warn({ err, component: 'meetings' }, 'edition stage not updated'),
  });
  // The reports' and the status' read ports (src/services/reporting/adapters/): filled in place, the general
  // report and the status hold this same object. The sessions feature locks minutes once a report is submitted.
  reportingSources.sessions = sessionsSource({ store, sessions, groups, members: registration.members, clock });
  reportingSources.cases = casesSource(cases);
  reportingSources.meetings = meetingsSource({ meetings, members: registration.members, catalogs: registration.catalogs, clock });
  reportingSources.surveys = surveysSource(surveys);
  sessions.useReportStatus(groupReports);
  const calendar = new CalendarService(logger.child({ component: 'calendar' }));
  calendar.addSource(stagesCalendarSource(registration.editions));
  calendar.addSource(meetingsCalendarSource(meetings, meetingMembership));
  calendar.addSource(sessionsCalendarSource(sessions, membershipFromGroupSets(groups, registration.members)));
  const { publicBaseUrl, linkKey, linkTtlHours } = config.calendar;
  const calendarLinks = publicBaseUrl && linkKey ? new CalendarLinkSigner({ key: linkKey, publicBaseUrl, ttlMs: linkTtlHours * 3_600_000, clock }) : undefined;
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
    surveys,
    sessions,
    cases,
    groupReports,
    reportingSources,
    status,
    generalReport,
    announcements,
    documents,
    meetings,
    calendar,
    ...(calendarLinks ? { calendarLinks } : {}),
    ...(deps.delivery ? { delivery: deps.delivery } : {}),
    async init() {
      await Promise.all([registration.init(), conversations.init(), dedup.init(), groups.init(), rosterImport.init(), elections.init(), topics.init(), surveys.init(), announcements.init(), documents.init(), sessions.init(), cases.init(), meetings.init(), groupReports.init(), jobs.init()]);
    },
  };
}
