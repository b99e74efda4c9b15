import { CardFactory, type TurnContext } from 'botbuilder';
import type { CommandRequest } from '../../../../dialogs/mainDialog.js';
import type { FailureCode } from '../../../domain/delivery/failureCodes.js';
import { formatDateTime } from '../../../domain/registration.js';
import type { WaitingInstallEntry } from '../../../services/delivery/types.js';
import { renderDeliveryStatusCard } from '../../../cards/delivery.js';
import type { FeatureContext } from '../../feature.js';
import { DELIVERY_TEXTS as T } from '../texts.js';

/** How many broadcasts and waiting members the card lists. */
const LIMITS = { broadcasts: 15, waiting: 50 } as const;

interface WaitingPerson {
  name?: string;
  /** Her waiting notices, oldest first. */
  entries: WaitingInstallEntry[];
  reason?: FailureCode;
}

/** The waiting messages grouped by person (the engine lists them oldest first). */
function byPerson(waiting: readonly WaitingInstallEntry[]): WaitingPerson[] {
  const people = new Map<string, WaitingPerson>();
  for (const w of waiting) {
    const p = people.get(w.recipientKey) ?? { entries: [] };
    p.entries.push(w);
    p.name ??= w.person?.name;
    p.reason ??= w.reason;
    people.set(w.recipientKey, p);
  }
  return [...people.values()];
}

/**
 * "envios estado" (or "envios"): the latest broadcasts by title, with their counts by state and their
 * reasons in words with what to do, and the people who cannot be messaged until they open the app (with
 * which notice waits and why), so UTIGyND can ask them to open it or have it pre-installed.
 */
export function deliveriesHandler(ctx: FeatureContext) {
  return async (context: TurnContext, request: CommandRequest): Promise<void> => {
    const sub = request.args.trim().toLowerCase();
    if (sub && sub !== 'estado') {
      await context.sendActivity(T.usage);
      return;
    }
    const delivery = ctx.services.delivery;
    if (!delivery) {
      await context.sendActivity(T.engineUnavailable);
      return;
    }
    const [broadcasts, waiting] = await Promise.all([delivery.status(undefined, { limit: LIMITS.broadcasts }), delivery.listWaitingInstall()]);
    const people = byPerson(waiting);
    const card = renderDeliveryStatusCard({
      emptyNote: broadcasts.length ? T.recent(broadcasts.length) : T.noneYet,
      broadcasts: broadcasts.map((b) => {
        const errors = T.errors(b);
        return {
          title: T.title(b),
          state: T.stateLabels[b.state],
          counts: T.counts(b),
          errors: (errors.length ? errors : [T.noErrors]).map((text) => ({ text })),
        };
      }),
      waitingTitle: T.waitingTitle,
      waitingNote: waiting.length ? T.waitingNote : T.noneWaiting,
      waiting: people.slice(0, LIMITS.waiting).map((p) => ({
        line: T.waitingLine({
          name: p.name ?? T.unnamed,
          titles: [...new Set(p.entries.map((w) => T.title(w)))],
          since: formatDateTime(p.entries[0]!.since),
          ...(p.reason ? { reason: p.reason } : {}),
        }),
      })),
      moreWaiting: people.length > LIMITS.waiting ? T.moreWaiting(people.length - LIMITS.waiting) : '',
    });
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  };
}
