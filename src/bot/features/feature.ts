import type { TurnContext } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import type { AppConfig } from '../../config.js';
import type { Logger } from '../../logger.js';
import type { Store } from '../../store/types.js';
import type { Catalog } from '../../domain/catalog.js';
import type { ConversationService } from '../../services/conversations.js';
import type { RoleService } from '../../services/roles.js';
import type { Notifier } from '../../services/notifier.js';
import type { BroadcastStatus, WaitingInstallEntry } from '../../services/delivery/types.js';
import type { CommandRoute } from '../../../dialogs/mainDialog.js';
import type { SubmitHandler } from '../submitRouter.js';

/**
 * A feature (registration, administration, groups, ...) plugs into the bot through this interface, so each
 * lives in its own files and the composition root only lists them. Command words themselves are declared in
 * src/domain/commandLists/ (shared with help and the Teams manifest).
 */
export interface FeatureContext {
  config: AppConfig;
  store: Store;
  logger: Logger;
  clock: () => Date;
  catalog: Catalog;
  roles: RoleService;
  conversations: ConversationService;
  /** Durable proactive messages (delivery engine). */
  notifier: Notifier;
  /** Read-only view of the delivery engine (absent in tests that do not run one). */
  delivery?: DeliveryStatusReader;
  /** Sends the help card for the person in this turn. */
  showHelp: (context: TurnContext) => Promise<void>;
}

export interface DeliveryStatusReader {
  status(broadcastId?: string, options?: { limit?: number }): Promise<BroadcastStatus[]>;
  listWaitingInstall(broadcastId?: string): Promise<WaitingInstallEntry[]>;
}

export interface Feature {
  name: string;
  /** Creates indexes and anything else needed before the first turn. */
  init?(): Promise<void>;
  routes?: CommandRoute[];
  dialogs?: Dialog[];
  submitHandlers?: SubmitHandler[];
  /** Background work started with the server and stopped on shutdown (e.g. durable job runners). */
  start?(): void;
  stop?(): Promise<void>;
}

export type FeatureFactory = (ctx: FeatureContext) => Feature | Promise<Feature>;
