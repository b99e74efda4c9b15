import { CardFactory, ConversationState, UserState, type Middleware, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { AppConfig } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { openStore } from './store/openStore.js';
import type { Store } from './store/types.js';
import { StoreStorage } from './bot/storeStorage.js';
import { createAdapter } from './bot/adapter.js';
import { RedCoachingBot } from './bot/bot.js';
import { dedupMiddleware, tenantGuard } from './bot/middleware.js';
import { createTurnErrorHandler } from './bot/turnError.js';
import { createHelpResponder } from './bot/help.js';
import { defineSubmitHandler, SubmitRouter } from './bot/submitRouter.js';
import { personOf } from './bot/activityInfo.js';
import { createHttpServer } from './server.js';
import { ConversationService } from './services/conversations.js';
import { RoleService } from './services/roles.js';
import { ActivityDedup } from './services/activityDedup.js';
import { loadDefaultCatalog } from './domain/catalog.js';
import { renderWelcomeCard } from './cards/cards.js';
import { VERBS } from './cards/verbs.js';
import { MainDialog, type CommandRequest, type CommandRoute } from '../dialogs/mainDialog.js';
import { AuditLog, AUDIT_ACTIONS } from './services/registration/audit.js';
import { personKey } from './domain/person.js';
import type { Server } from 'restify';
import type { DeliveryStatusReader, Feature, FeatureContext, FeatureFactory } from './bot/features/feature.js';
import type { Notifier } from './services/notifier.js';
import type { ConversationRef } from './domain/conversationRef.js';
import { DeliveryNotifier } from './services/deliveryNotifier.js';
import { DeliveryEngine } from './services/delivery/engine.js';
import { ConnectorTransport, createBotFrameworkTokenProvider } from './bot/connectorTransport.js';
import os from 'node:os';
import { createRegistrationFeature } from './bot/features/registration.js';
import { createAdminFeature } from './bot/features/admin.js';
import { createGroupsFeature } from './bot/features/groups.js';
import { createDeliveryFeature } from './bot/features/delivery.js';
import { FileTransfer } from './bot/files.js';

export interface AppDeps {
  logger?: Logger;
  /** An already open store (tests); otherwise one is opened from the configuration. */
  store?: Store;
  clock?: () => Date;
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
  services: { conversations: ConversationService; roles: RoleService; dedup: ActivityDedup };
}

/**
 * Builds the bot and its services on a store, without any HTTP or adapter: used by createApp and by the
 * dialog tests (botbuilder's TestAdapter), so both exercise the same wiring.
 */
export interface BotCoreDeps {
  notifier: Notifier;
  delivery?: DeliveryStatusReader;
  /** Called when someone installs the app personally (queued notices can now reach her). */
  onPersonalInstall?: (personKey: string, ref: ConversationRef) => Promise<unknown>;
  clock?: () => Date;
  /** Feature factories; defaults to every feature of the product. */
  features?: readonly FeatureFactory[];
}

export const FEATURES: readonly FeatureFactory[] = [createRegistrationFeature, createAdminFeature, createGroupsFeature, createDeliveryFeature];

export async function createBotCore(config: AppConfig, store: Store, logger: Logger, deps: BotCoreDeps): Promise<BotCore> {
  const clock = deps.clock ?? (() => new Date());
  const catalog = loadDefaultCatalog();
  const conversations = new ConversationService(store, logger.child({ component: 'conversations' }), clock);
  const roles = new RoleService(store, config.adminAadIds, logger.child({ component: 'roles' }));
  const dedup = new ActivityDedup(store, { clock, logger: logger.child({ component: 'dedup' }) });
  await Promise.all([conversations.init(), dedup.init()]);

  const fileTransfer = new FileTransfer({ store, mode: config.mode, logger: logger.child({ component: 'files' }), clock });
  await fileTransfer.init();

  const storage = new StoreStorage(store);
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);

  const rolesOf = (p: Parameters<RoleService['rolesOf']>[0]) => roles.rolesOf(p);
  const showHelp = createHelpResponder(rolesOf);
  const welcome = async (context: TurnContext): Promise<void> => {
    const card = renderWelcomeCard({
      name: personOf(context.activity).name ?? '',
      ejes: catalog.data.ejesTematicos.map((e) => ({ nombre: e.nombre })),
      supportContact: config.supportContact,
      privacyNoticeUrl: config.privacyNoticeUrl,
    });
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  };

  const ctx: FeatureContext = {
    config,
    store,
    logger,
    clock,
    catalog,
    roles,
    conversations,
    notifier: deps.notifier,
    ...(deps.delivery ? { delivery: deps.delivery } : {}),
    showHelp,
  };
  const features: Feature[] = [];
  for (const factory of deps.features ?? FEATURES) features.push(await factory(ctx));
  for (const f of features) await f.init?.();

  const routes: CommandRoute[] = [
    { commandId: 'help', handle: (context, request) => showHelp(context, request.roles) },
    { commandId: 'greeting', handle: (context) => welcome(context) },
    {
      commandId: 'cancel',
      handle: async (context) => {
        await context.sendActivity('No hay ninguna operación en curso. Escriba **ayuda** para ver las opciones.');
      },
    },
    ...features.flatMap((f) => f.routes ?? []),
  ];
  // Refused commands go to the audit log (who tried what), whichever feature owns the command.
  const audit = new AuditLog(store, clock);
  const onDenied = async (request: CommandRequest): Promise<void> => {
    await audit.append({ actor: personKey(request.person), action: AUDIT_ACTIONS.denied, target: request.command.id, details: { args: request.args.slice(0, 200) } });
  };
  const mainDialog = new MainDialog(
    { routes, rolesOf, onDenied, logger: logger.child({ component: 'dialogs' }) },
    features.flatMap((f) => f.dialogs ?? []),
  );

  const submitRouter = new SubmitRouter(
    [
      defineSubmitHandler({ verb: VERBS.showHelp, schema: z.object({ verb: z.literal(VERBS.showHelp) }), handle: (context) => showHelp(context) }),
      ...features.flatMap((f) => f.submitHandlers ?? []),
    ],
    logger.child({ component: 'submit' }),
  );

  const bot = new RedCoachingBot({
    conversationState,
    userState,
    mainDialog,
    submitRouter,
    conversations,
    welcome,
    fileConsent: fileTransfer,
    ...(deps.onPersonalInstall ? { onPersonalInstall: deps.onPersonalInstall } : {}),
    logger: logger.child({ component: 'bot' }),
  });

  return {
    bot,
    conversationState,
    features,
    middleware: [tenantGuard(config.bot.tenantId, logger.child({ component: 'tenantGuard' })), dedupMiddleware(dedup, logger.child({ component: 'dedup' }))],
    onTurnError: createTurnErrorHandler({ logger, conversationState, dedup }),
    services: { conversations, roles, dedup },
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
  const conversationsForDelivery = new ConversationService(store, logger.child({ component: 'conversations' }), clock);
  const engine = new DeliveryEngine({
    store,
    transport: new ConnectorTransport({ tokenProvider: createBotFrameworkTokenProvider(config.bot) }),
    logger: logger.child({ component: 'delivery' }),
    // Stable across restarts (one bot process per host or container), so a restarted instance takes back
    // its own in-flight messages at once instead of waiting for their leases to expire.
    instanceId: os.hostname(),
    personalChatDefaults: {
      ...(config.bot.tenantId ? { tenantId: config.bot.tenantId } : {}),
      ...(config.bot.appId ? { botId: `28:${config.bot.appId}` } : {}),
    },
    onConversationCreated: async (recipientKey, ref) => {
      await conversationsForDelivery.remember('personal', ref, recipientKey.startsWith('aad:') ? recipientKey : undefined);
    },
  });
  await engine.init();
  const notifier = new DeliveryNotifier(engine, conversationsForDelivery);
  const core = await createBotCore(config, store, logger, { notifier, delivery: engine, clock, onPersonalInstall: (key, ref) => engine.onInstalled(key, ref) });
  const { bot, middleware, onTurnError, features } = core;

  const adapter = createAdapter(config);
  for (const m of middleware) adapter.use(m);
  adapter.onTurnError = onTurnError;

  const http = createHttpServer({
    logger,
    maxBodyBytes: config.maxBodyBytes,
    processActivity: (req, res) => adapter.process(req, res, (context) => bot.run(context)),
    ready: () => store.ping(),
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
      await engine.stop();
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
          for (const f of features) f.start?.();
          const address = http.server.address();
          logger.info({ host: config.host, port: address.port, mode: config.mode }, 'listening');
          resolve(address.port);
        });
      }),
    close,
  };
}
