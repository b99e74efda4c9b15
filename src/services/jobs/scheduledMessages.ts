import { z } from 'zod';
import type { ConversationRef, OutgoingMessage } from '../../domain/conversationRef.js';
import { jobBroadcastId } from '../../domain/jobs/keys.js';
import type { Notifier, PersonRecipient } from '../notifier.js';
import { defineJobHandler } from './handlers.js';
import type { JobScheduling } from './scheduler.js';
import type { JobHandlerDefinition, ScheduleResult } from './types.js';

/**
 * Scheduled proactive messages: "send this card to this conversation at 17:00, unless cancelled".
 * A job of kind `notify.conversation` or `notify.people` hands the message to the Notifier (the durable
 * outbox) when it is due. The broadcast id is derived from the job key and its scheduled time, so a
 * re-run (a retry, or a run interrupted by a crash) never sends twice: the outbox keeps one message per
 * broadcast id and recipient. Cancel with jobs.cancel(key) before runAt.
 */

export const NOTIFY_CONVERSATION = 'notify.conversation';
export const NOTIFY_PEOPLE = 'notify.people';

export type ScheduledMessageInput =
  | {
      to: 'conversation';
      /** Broadcast kind for the outbox and the logs (e.g. 'reminder'). */
      kind: string;
      title?: string;
      ref: ConversationRef;
      message: OutgoingMessage;
    }
  | {
      to: 'people';
      kind: string;
      title?: string;
      /** Where to tell the admin who scheduled it that it was delivered. */
      startedBy?: ConversationRef;
      recipients: PersonRecipient[];
    };

const conversationRefSchema = z.looseObject({
  channelId: z.string().min(1),
  serviceUrl: z.string().min(1),
  tenantId: z.string().optional(),
  conversation: z.looseObject({
    id: z.string().min(1),
    conversationType: z.string().optional(),
    isGroup: z.boolean().optional(),
    tenantId: z.string().optional(),
    name: z.string().optional(),
  }),
  bot: z.looseObject({ id: z.string().min(1), name: z.string().optional() }),
  user: z.looseObject({ id: z.string().min(1), name: z.string().optional(), aadObjectId: z.string().optional() }).optional(),
  teamId: z.string().optional(),
  channelIdInTeam: z.string().optional(),
  locale: z.string().optional(),
});

const messageSchema = z
  .object({
    text: z.string().optional(),
    cards: z.array(z.record(z.string(), z.unknown())).optional(),
  })
  .refine((m) => !!m.text || (m.cards?.length ?? 0) > 0, { message: 'el mensaje no tiene texto ni tarjetas' });

const conversationPayload = z.object({
  kind: z.string().min(1),
  title: z.string().optional(),
  ref: conversationRefSchema,
  message: messageSchema,
});

const peoplePayload = z.object({
  kind: z.string().min(1),
  title: z.string().optional(),
  startedBy: conversationRefSchema.optional(),
  recipients: z
    .array(
      z.object({
        personKey: z.string().min(1),
        userId: z.string().optional(),
        name: z.string().optional(),
        message: messageSchema,
      }),
    )
    .min(1),
});

/** The handlers of the scheduled-message kinds; register both on the jobs runner. */
export function scheduledMessageHandlers(notifier: Notifier): JobHandlerDefinition[] {
  return [
    defineJobHandler(NOTIFY_CONVERSATION, conversationPayload, async (p, job) => {
      const res = await notifier.notifyConversation({
        broadcastId: jobBroadcastId(job.key, job.runAt),
        kind: p.kind,
        ...(p.title ? { title: p.title } : {}),
        ref: p.ref,
        message: p.message,
      });
      job.logger.info({ ...res }, 'jobs: scheduled message queued');
    }),
    defineJobHandler(NOTIFY_PEOPLE, peoplePayload, async (p, job) => {
      const res = await notifier.notifyPeople({
        broadcastId: jobBroadcastId(job.key, job.runAt),
        kind: p.kind,
        ...(p.title ? { title: p.title } : {}),
        ...(p.startedBy ? { startedBy: p.startedBy } : {}),
        recipients: p.recipients,
      });
      job.logger.info({ ...res }, 'jobs: scheduled message queued');
    }),
  ];
}

/**
 * Schedules a message under `key` (scheduling the key again moves or replaces it; jobs.cancel(key) stops
 * it). The input is checked here, so a malformed message fails now rather than at runAt.
 */
export async function scheduleMessage(
  jobs: Pick<JobScheduling, 'schedule'>,
  key: string,
  runAt: Date,
  input: ScheduledMessageInput,
  options: { maxAttempts?: number } = {},
): Promise<ScheduleResult> {
  if (input.to === 'conversation') {
    const payload = conversationPayload.parse({ kind: input.kind, title: input.title, ref: input.ref, message: input.message });
    return jobs.schedule({ key, kind: NOTIFY_CONVERSATION, runAt, payload, ...options });
  }
  const payload = peoplePayload.parse({ kind: input.kind, title: input.title, startedBy: input.startedBy, recipients: input.recipients });
  return jobs.schedule({ key, kind: NOTIFY_PEOPLE, runAt, payload, ...options });
}
