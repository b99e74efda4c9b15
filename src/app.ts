import { ConversationState, UserState, type Middleware, type TurnContext } from 'botbuilder';
import type { AppConfig } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { openStore } from './store/openStore.js';
import type { Store } from './store/types.js';
import { StoreStorage } from './bot/storeStorage.js';
import { createAdapter, type AdapterAuthOptions } from './bot/adapter.js';
import { RedCoachingBot } from './bot/bot.js';
import { activitySanitizer, dedupMiddleware, tenantGuard } from './bot/middleware.js';
import { createTurnErrorHandler } from './bot/turnError.js';
import { RateLimiter, rateLimitMiddleware } from './bot/rateLimit.js';
import { createHelpResponder } from './bot/help.js';
import { SubmitRouter } from './bot/submitRouter.js';
import { createHttpServer } from './server.js';
import { ConversationService } from './services/conversations.js';
import { RoleService } from './services/roles.js';
import { MainDialog, type CommandRequest, type CommandRoute } from '../dialogs/mainDialog.js';
import type { Server } from 'restify';
import type { DeliveryStatusReader, Feature, FeatureContext, FeatureFactory } from './features/feature.js';
import { FEATURES } from './features/index.js';
import { createCoreFeature } from './features/core/index.js';
import { AdminGuard } from './features/shared/adminGuard.js';
import { createServices, type Services } from './services/container.js';
import type { Notifier } from './services/notifier.js';
import type { ConversationRef } from './domain/conversationRef.js';
import { DeliveryNotifier } from './services/deliveryNotifier.js';
import { DeliveryEngine } from './services/delivery/engine.js';
import { ConnectorTransport, createBotFrameworkTokenProvider, GRAPH_AUDIENCE } from './bot/connectorTransport.js';
import { ProactiveInstaller } from './services/appInstall.js';
import os from 'node:os';
import { FileTransfer } from './bot/files.js';
import { completionNotice } from './features/delivery/completionNotice.js';
import { calendarFeed } from './services/calendar/index.js';

export interface AppDeps {
  logger?: Logger;
  /** An already open store (tests); otherwise one is opened from the configuration. */
  store?: Store;
  clock?: () => Date;
  /** Overrides of the inbound authentication (tests point the OpenID metadata at 127.0.0.1). */
  auth?: AdapterAuthOptions;
}

export interface App {
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly store: Store;
  readonly server: Server;
  readonly bot: RedCoachingBot;
  /** Starts listening; resolves with the bound port. */
  listen(): Promise<number>;
  /** Graceful stop: no new requests, waits for turns in flight (up to the grace period), closes the store. */
  close(): Promise<void>;
}

export interface BotCore {
  bot: RedCoachingBot;
  conversationState: ConversationState;
  features: Feature[];
  /** Middleware in the order the adapter must use it. */
  middleware: Middleware[];
  onTurnError: (context: TurnContext, error: Error) => Promise<void>;
  services: Services;
}

/**
 * Builds the bot and its services on a store, without any HTTP or adapter: used by createApp and by the
 * dialog tests (botbuilder's TestAdapter), so both exercise the same wiring.
 */
export interface BotCoreDeps {
  /** Durable proactive messages; a factory when the notifier needs the conversation service (delivery engine). */
  notifier: Notifier | ((conversations: ConversationService) => Notifier);
  delivery?: DeliveryStatusReader;
  /** Called when someone installs the app personally (queued notices can now reach her). */
  onPersonalInstall?: (personKey: string, ref: ConversationRef) => Promise<unknown>;
  clock?: () => Date;
  /** Feature factories; defaults to every feature of the product. */
  features?: readonly FeatureFactory[];
  /** Names this process among those sharing the store (jobs and delivery leases); default: the host name. */
  instanceId?: string;
}

export { FEATURES };

export async function createBotCore(config: AppConfig, store: Store, logger: Logger, deps: BotCoreDeps): Promise<BotCore> {
  const clock = deps.clock ?? (() => new Date());
  const services = createServices({
    config,
    store,
    clock,
    logger,
    notifier: deps.notifier,
    instanceId: deps.instanceId ?? os.hostname(),
    ...(deps.delivery ? { delivery: deps.delivery } : {}),
  });
  const { conversations, roles, dedup } = services;

  const files = new FileTransfer({ store, mode: config.mode, logger: logger.child({ component: 'files' }), clock });
  await files.init();

  const storage = new StoreStorage(store);
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);

  const rolesOf = (p: Parameters<RoleService['rolesOf']>[0]) => roles.rolesOf(p);
  const showHelp = createHelpResponder(rolesOf);
  const guard = new AdminGuard(roles, services.audit, logger.child({ component: 'adminGuard' }), services.refusals);
  const core = createCoreFeature({ config, logger, clock, services, files, guard, showHelp });

  const ctx: FeatureContext = { config, logger, clock, services, files, guard, showHelp };
  const features: Feature[] = [core];
  for (const factory of deps.features ?? FEATURES) features.push(await factory(ctx));
  for (const f of features) for (const h of f.jobHandlers ?? []) services.jobs.register(h);
  // Indexes first; then the job store takes back what this instance left running (handlers are registered).
  await services.init();
  for (const f of features) await f.init?.();

  const routes: CommandRoute[] = features.flatMap((f) => f.routes ?? []);
  // Typed commands refused by role are logged and audited like every other refusal (the admin guard).
  const onDenied = (request: CommandRequest): Promise<void> => guard.refused(request.person, request.command.id, 'command', request.args);
  const mainDialog = new MainDialog(
    { routes, rolesOf, onDenied, logger: logger.child({ component: 'dialogs' }) },
    features.flatMap((f) => f.dialogs ?? []),
  );

  const submitRouter = new SubmitRouter(
    features.flatMap((f) => f.submitHandlers ?? []),
    logger.child({ component: 'submit' }),
  );

  const bot = new RedCoachingBot({
    conversationState,
    userState,
    mainDialog,
    submitRouter,
    conversations,
    welcome: core.welcome,
    fileConsent: files,
    ...(deps.onPersonalInstall ? { onPersonalInstall: deps.onPersonalInstall } : {}),
    logger: logger.child({ component: 'bot' }),
  });

  return {
    bot,
    conversationState,
    features,
    middleware: [
      activitySanitizer(logger.child({ component: 'activity' })),
      tenantGuard(config.bot.tenantId, logger.child({ component: 'tenantGuard' })),
      dedupMiddleware(dedup, logger.child({ component: 'dedup' })),
      // After de-duplication, so a retried delivery is not counted twice.
      rateLimitMiddleware(
        new RateLimiter({ burst: config.limits.rateLimitBurst, perMinute: config.limits.rateLimitPerMinute }),
        logger.child({ component: 'rateLimit' }),
      ),
    ],
    onTurnError: createTurnErrorHandler({ logger, conversationState, dedup }),
    services,
  };
}

/** Wires every part of the bot. The only composition root; src/index.ts just calls it. */
export async function createApp(config: AppConfig, deps: AppDeps = {}): Promise<App> {
  const logger = deps.logger ?? createLogger(config.logLevel);
  const clock = deps.clock ?? (() => new Date());
  if (config.mode === 'local') {
    logger.warn({ host: config.host }, 'LOCAL MODE: requests to /api/messages are NOT authenticated. Use only on this machine with the Agents Playground.');
  }

  const store = deps.store ?? (await openStore(config.store));
  logger.info({ store: store.kind }, 'store opened');
  // The engine records the personal chats it creates through the conversation service, which the bot core
  // builds (once) just below; the engine only calls back after start(), when it is set.
  const late: { conversations?: ConversationService } = {};
  // Optional (PROACTIVE_INSTALL): installs the app through Microsoft Graph for whoever a notice waits for.
  const installer = createProactiveInstaller(config, store, logger, clock);
  const engine = new DeliveryEngine({
    store,
    transport: new ConnectorTransport({ tokenProvider: createBotFrameworkTokenProvider(config.bot) }),
    logger: logger.child({ component: 'delivery' }),
    // Stable across restarts (one bot process per host or container), so a restarted instance takes back
    // its own in-flight messages at once instead of waiting for their leases to expire.
    instanceId: os.hostname(),
    // The text of the notice sent when a broadcast ends belongs to the bot layer.
    completionNotice,
    personalChatDefaults: {
      ...(config.bot.tenantId ? { tenantId: config.bot.tenantId } : {}),
      ...(config.bot.appId ? { botId: `28:${config.bot.appId}` } : {}),
    },
    onConversationCreated: async (recipientKey, ref) => {
      await late.conversations?.remember('personal', ref, recipientKey.startsWith('aad:') ? recipientKey : undefined);
    },
    // A personal chat that answered 404 is no longer chosen; her next message to the bot re-activates it,
    // which re-queues the notices waiting for her (onPersonalInstall).
    onConversationGone: async (conversationId) => {
      await late.conversations?.markInactive(conversationId);
    },
    ...(installer ? { onWaitingInstall: (recipientKey: string) => installer.request(recipientKey) } : {}),
  });
  await engine.init();
  const core = await createBotCore(config, store, logger, {
    notifier: (c) => new DeliveryNotifier(engine, c),
    delivery: engine,
    clock,
    onPersonalInstall: (key, ref) => engine.onInstalled(key, ref),
  });
  late.conversations = core.services.conversations;
  const { bot, middleware, onTurnError, features } = core;

  const adapter = createAdapter(config, { ...deps.auth, logger: logger.child({ component: 'auth' }) });
  for (const m of middleware) adapter.use(m);
  adapter.onTurnError = onTurnError;

  const http = createHttpServer({
    logger,
    maxBodyBytes: config.maxBodyBytes,
    processActivity: (req, res) => adapter.processHttp(req, res, (context) => bot.run(context)),
    ready: () => store.ping(),
    // GET /calendario/<token>.ics (the personal calendar's signed links), when links are configured.
    ...(core.services.calendarLinks
      ? { calendarFeed: calendarFeed({ signer: core.services.calendarLinks, calendar: core.services.calendar, clock, logger: logger.child({ component: 'calendarFeed' }) }) }
      : {}),
  });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      logger.info('shutting down');
      const closed = new Promise<void>((resolve) => http.server.close(() => resolve()));
      http.server.server.closeIdleConnections();
      const deadline = Date.now() + config.shutdownGraceMs;
      while (http.inFlight() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      if (http.inFlight() > 0) logger.warn({ inFlight: http.inFlight() }, 'grace period over with turns in flight');
      http.server.server.closeAllConnections();
      await closed;
      for (const f of features) await f.stop?.();
      await core.services.jobs.stop();
      await engine.stop();
      await installer?.idle();
      await core.services.dedup.flush();
      await store.close();
      logger.info('stopped');
    })();
    return closing;
  };

  return {
    config,
    logger,
    store,
    server: http.server,
    bot,
    listen: () =>
      new Promise<number>((resolve, reject) => {
        http.server.once('error', reject);
        http.server.listen(config.port, config.host, () => {
          engine.start();
          core.services.jobs.start();
          for (const f of features) f.start?.();
          const address = http.server.address();
          logger.info({ host: config.host, port: address.port, mode: config.mode }, 'listening');
          resolve(address.port);
        });
      }),
    close,
  };
}

/** The Graph installer when PROACTIVE_INSTALL is on (docs/despliegue.md, section 7), else undefined. */
function createProactiveInstaller(config: AppConfig, store: Store, logger: Logger, clock: () => Date): ProactiveInstaller | undefined {
  const pi = config.proactiveInstall;
  if (!pi.enabled || !pi.teamsAppId) return undefined;
  const graphToken = createBotFrameworkTokenProvider(config.bot, GRAPH_AUDIENCE);
  logger.info({ graphBaseUrl: pi.graphBaseUrl, teamsAppId: pi.teamsAppId }, 'proactive installation through Microsoft Graph is on');
  return new ProactiveInstaller({
    store,
    clock,
    logger: logger.child({ component: 'proactiveInstall' }),
    graphBaseUrl: pi.graphBaseUrl,
    teamsAppId: pi.teamsAppId,
    ...(graphToken ? { tokenProvider: () => graphToken({ forceRefresh: false }) } : {}),
  });
}
