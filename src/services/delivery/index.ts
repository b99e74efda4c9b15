/**
 * Durable proactive delivery: public surface (see engine.ts for how the parts fit, and
 * docs/entrega-proactiva.md). The completion notice's text is the bot layer's
 * (src/features/delivery/completionNotice.ts), passed in as the `completionNotice` option.
 */
export { DeliveryEngine, conversationRateKey, type DeliveryEngineOptions } from './engine.js';
export type { PersonalChatDefaults } from './broadcasts.js';
export { systemClock, clockFrom, type DeliveryClock } from './clock.js';
export { FAILURE_CODES, type FailureCode } from '../../domain/delivery/failureCodes.js';
export type { DeliveryTransport, DeliveryRequest, DeliveryResult, DeliveryTarget, NewPersonalChat, OpenChatResult } from './transport.js';
export type {
  BroadcastRecipient,
  BroadcastState,
  BroadcastStatus,
  DeliveryState,
  EnqueueBroadcastInput,
  EnqueueResult,
  FailureCount,
  WaitingInstallEntry,
} from './types.js';
export { TEAMS_RATE_LIMITS, type RateLimits, type RateWindow } from '../../domain/delivery/rateLimiter.js';
