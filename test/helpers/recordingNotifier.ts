import type { Notifier, NotifyResult } from '../../src/services/notifier.js';

/** A Notifier for dialog tests: records what features asked to send. */
export class RecordingNotifier implements Notifier {
  readonly people: Parameters<Notifier['notifyPeople']>[0][] = [];
  readonly conversations: Parameters<Notifier['notifyConversation']>[0][] = [];

  async notifyPeople(input: Parameters<Notifier['notifyPeople']>[0]): Promise<NotifyResult> {
    this.people.push(input);
    return { enqueued: input.recipients.length, alreadyQueued: 0, waitingInstall: 0 };
  }

  async notifyConversation(input: Parameters<Notifier['notifyConversation']>[0]): Promise<NotifyResult> {
    this.conversations.push(input);
    return { enqueued: 1, alreadyQueued: 0, waitingInstall: 0 };
  }
}
