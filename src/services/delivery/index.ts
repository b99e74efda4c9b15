/** Durable proactive delivery: public surface (see engine.ts and docs/entrega-proactiva.md). */
export { DeliveryEngine, completionNotice, type DeliveryEngineOptions } from './engine.js';
export { systemClock, clockFrom, type DeliveryClock } from './clock.js';
export type { DeliveryTransport, DeliveryRequest, DeliveryResult, DeliveryTarget, NewPersonalChat, OpenChatResult } from './transport.js';
export type {
  BroadcastRecipient,
  BroadcastState,
  BroadcastStatus,
  DeliveryState,
  EnqueueBroadcastInput,
  EnqueueResult,
  WaitingInstallEntry,
} from './types.js';
export { TEAMS_RATE_LIMITS, type RateLimits, type RateWindow } from '../../domain/delivery/rateLimiter.js';
