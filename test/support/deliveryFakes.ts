import { pino } from 'pino';
import type { ConversationRef } from '../../src/domain/conversationRef.js';
import type { Logger } from '../../src/logger.js';
import type { DeliveryClock } from '../../src/services/delivery/clock.js';
import type { DeliveryRequest, DeliveryResult, DeliveryTransport } from '../../src/services/delivery/transport.js';

/** Helpers for delivery tests: a virtual clock, a scripted transport, references. */

export const silentLogger: Logger = pino({ level: 'silent' });

/**
 * Virtual time that moves only when the code under test sleeps: `sleep(ms)` advances `now` by `ms` and
 * resolves on the next turn of the event loop. Deterministic and instant; use it with in-memory
 * transports only (real I/O would not see virtual time).
 */
export class VirtualClock implements DeliveryClock {
  constructor(public current = Date.UTC(2025, 0, 6, 15, 0, 0)) {}

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      setImmediate(() => {
        if (!signal?.aborted) this.current += Math.max(0, ms);
        resolve();
      });
    });
  }
}

/** Time that moves only when the test calls `advance`; sleepers wake when their time comes. */
export class ManualClock implements DeliveryClock {
  private sleepers: { due: number; resolve: () => void }[] = [];

  constructor(public current = Date.UTC(2025, 0, 6, 15, 0, 0)) {}

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
    const ready = this.sleepers.filter((s) => s.due <= this.current);
    this.sleepers = this.sleepers.filter((s) => s.due > this.current);
    for (const s of ready) s.resolve();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const entry = { due: this.current + Math.max(0, ms), resolve };
      this.sleepers.push(entry);
      signal?.addEventListener(
        'abort',
        () => {
          this.sleepers = this.sleepers.filter((s) => s !== entry);
          resolve();
        },
        { once: true },
      );
    });
  }
}

export function personalRef(userId: string, serviceUrl = 'http://127.0.0.1:9/', tenantId = 'tenant-ine'): ConversationRef {
  return {
    channelId: 'msteams',
    serviceUrl,
    tenantId,
    conversation: { id: `a:conv-${userId}`, conversationType: 'personal', isGroup: false, tenantId },
    bot: { id: '28:bot-app-id', name: 'Red de Coaching' },
    user: { id: userId, name: `Persona ${userId}` },
  };
}

export interface ScriptedCall {
  request: DeliveryRequest;
  at: number;
}

/**
 * In-memory transport. `script(recipientConversationOrUser)` returns the answers to give, one per attempt,
 * in order (the last one repeats); by default every attempt succeeds.
 */
export class ScriptedTransport implements DeliveryTransport {
  readonly calls: ScriptedCall[] = [];
  private readonly scripts = new Map<string, DeliveryResult[]>();
  private readonly attemptsByKey = new Map<string, number>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly hold?: (request: DeliveryRequest) => Promise<void>,
  ) {}

  /** Answers for messages to this conversation id (or user id for a chat still to be created). */
  script(key: string, answers: DeliveryResult[]): void {
    this.scripts.set(key, answers);
  }

  static keyOf(request: DeliveryRequest): string {
    const t = request.target;
    return t.kind === 'conversation' ? t.ref.conversation.id : (t.conversationId ?? t.user.userId);
  }

  /** Successful sends per key. */
  deliveredTo(key: string): number {
    return this.calls.filter((c) => ScriptedTransport.keyOf(c.request) === key && this.resultOf(c)?.ok).length;
  }

  private readonly results = new Map<ScriptedCall, DeliveryResult>();
  private resultOf(call: ScriptedCall): DeliveryResult | undefined {
    return this.results.get(call);
  }

  async send(request: DeliveryRequest): Promise<DeliveryResult> {
    const call = { request, at: this.now() };
    this.calls.push(call);
    if (this.hold) await this.hold(request);
    const key = ScriptedTransport.keyOf(request);
    const n = this.attemptsByKey.get(key) ?? 0;
    this.attemptsByKey.set(key, n + 1);
    const answers = this.scripts.get(key);
    const result: DeliveryResult = answers?.length
      ? answers[Math.min(n, answers.length - 1)]!
      : { ok: true, activityId: `act-${this.calls.length}`, conversationId: key };
    this.results.set(call, result);
    return result;
  }
}
