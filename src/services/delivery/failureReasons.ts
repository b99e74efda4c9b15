/**
 * Reasons the engine itself records in `lastError` (the transport's failures are described by
 * describeFailure in src/domain/delivery/retryPolicy.ts). They are stored data shown as they are in the
 * status report and the completion notice, so their wording is kept as it was stored before.
 */
export const FAILURE_REASONS = {
  /** The message's `expiresAt` passed before it could be sent. */
  expired: 'Caducó antes de poder enviarse',
  /** A pending message without a target (cannot happen through the engine's API). */
  noTarget: 'Sin destino',
  /** A failed or blocked message without a recorded reason (status report only). */
  noDetail: 'Sin detalle',
} as const;
