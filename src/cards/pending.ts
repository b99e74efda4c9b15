import { renderTemplate, type CardJson } from './render.js';
import type { Fact } from './shared.js';
import { VERBS } from './verbs.js';

/**
 * The registration queue card of the admins ("pendientes", src/features/pending/; template
 * cards/pending/pendingQueue.json). The facts of each request come from profileFacts (./registration.ts).
 */

export interface PendingItem {
  memberId: string;
  nombre: string;
  facts: Fact[];
}

export interface ChangeItem {
  requestId: string;
  nombre: string;
  facts: Fact[];
}

export interface PendingQueueCardData {
  editionName: string;
  /** The answer to the decision just taken on this card, when it is re-rendered in place; empty otherwise. */
  notice: string;
  summary: string;
  conflicts: string[];
  items: PendingItem[];
  changes: ChangeItem[];
  moreText: string;
}

export function renderPendingQueueCard(d: PendingQueueCardData): CardJson {
  return renderTemplate('pendingQueue', {
    editionName: d.editionName,
    hasNotice: d.notice !== '',
    notice: d.notice,
    summary: d.summary,
    hasConflicts: d.conflicts.length > 0,
    conflicts: d.conflicts.map((text) => ({ text })),
    items: d.items.map((it, i) => ({ ...it, reasonId: `motivo_${i + 1}` })),
    hasChanges: d.changes.length > 0,
    changes: d.changes,
    hasMore: d.moreText !== '',
    moreText: d.moreText,
    verbs: VERBS,
  });
}
