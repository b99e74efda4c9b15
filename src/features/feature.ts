import type { TurnContext } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import type { AppConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { Services } from '../services/container.js';
import type { CommandRoute } from '../../dialogs/mainDialog.js';
import type { SubmitHandler } from '../bot/submitRouter.js';
import type { FileTransfer } from '../bot/files.js';
import type { AdminGuard } from './shared/adminGuard.js';
import type { Role } from '../domain/roles.js';
import type { JobHandlerDefinition } from '../services/jobs/index.js';

export type { DeliveryStatusReader } from '../services/container.js';

/**
 * A feature (registration, editions, groups, ...) plugs into the bot through this interface: each lives in
 * src/features/<name>/ (commands.ts, texts.ts, handlers/, index.ts) and the composition root only lists them
 * (src/features/index.ts). Features receive the services built once by the composition root; none builds
 * another feature's services.
 */
export interface FeatureContext {
  config: AppConfig;
  logger: Logger;
  clock: () => Date;
  /** Every domain service, built once (src/services/container.ts). */
  services: Services;
  /** Files offered to and received from people (file consent flow, attachments). */
  files: FileTransfer;
  /** The one admin check for every admin command and card verb (refusals audited the same way everywhere). */
  guard: AdminGuard;
  /** Sends the help card for the person in this turn. */
  showHelp: (context: TurnContext, knownRoles?: ReadonlySet<Role>) => Promise<void>;
}

export interface Feature {
  name: string;
  /** Creates indexes and anything else needed before the first turn. */
  init?(): Promise<void>;
  routes?: CommandRoute[];
  dialogs?: Dialog[];
  submitHandlers?: SubmitHandler[];
  /** Handlers of the scheduled jobs this feature schedules (ctx.services.jobs), registered before the runner starts. */
  jobHandlers?: JobHandlerDefinition[];
  /** Background work started with the server and stopped on shutdown (e.g. durable job runners). */
  start?(): void;
  stop?(): Promise<void>;
}

export type FeatureFactory = (ctx: FeatureContext) => Feature | Promise<Feature>;
