import type { TurnContext } from 'botbuilder';
import type { MemberRecord } from '../../domain/member.js';
import { personKey } from '../../domain/person.js';
import { formatDate, formatDateTime, HQ_TIME_ZONE } from '../../domain/time.js';
import { renderDocumentNoticeCard } from '../../cards/documents.js';
import type { CardJson } from '../../cards/render.js';
import type { DocumentDoc, DocumentVersion } from '../../services/documents/index.js';
import { personOf } from '../../teams/activity.js';
import type { FeatureContext } from '../feature.js';
import { DOCUMENTS_TEXTS as T } from './texts.js';

/** Broadcast ids: one per document version (the notice) and one per version's reminder; re-sending queues nothing new. */
export const BROADCAST = {
  notice: (documentId: string, seq: number) => `documento:${documentId}:v${seq}`,
  reminder: (documentId: string, seq: number) => `documento-recordatorio:${documentId}:v${seq}`,
};

export const me = (context: TurnContext): string => personKey(personOf(context.activity));

/** The observation window in words (days, headquarters). */
export const windowText = (v: Pick<DocumentVersion, 'windowFrom' | 'windowTo'>): string => T.windowText(formatDate(v.windowFrom, HQ_TIME_ZONE), formatDate(v.windowTo, HQ_TIME_ZONE));

export const closesText = (v: Pick<DocumentVersion, 'windowTo'>): string => formatDateTime(v.windowTo, HQ_TIME_ZONE);

/** The 1:1 card of a document's current version: the notice, a new version's notice or the reminder. */
export function noticeCard(doc: DocumentDoc, kind: 'new' | 'version' | 'reminder'): CardJson {
  const v = doc.current;
  return renderDocumentNoticeCard({
    heading: kind === 'reminder' ? T.reminderHeading : T.noticeHeading,
    title: doc.title,
    intro: kind === 'reminder' ? T.reminderIntro(closesText(v)) : T.noticeIntro(kind === 'version'),
    facts: [
      { label: T.factVersion, value: v.version },
      { label: T.factWindow, value: windowText(v) },
    ],
    url: v.source.kind === 'link' ? v.source.url : '',
    observeIntro: T.observeIntro,
    documentId: doc._id,
    seq: v.seq,
  });
}

/** Her validated registration in the document's edition, or null. */
export async function validatedMember(ctx: FeatureContext, editionId: string, key: string): Promise<MemberRecord | null> {
  const m = await ctx.services.members.get(editionId, key);
  return m?.status === 'validated' ? m : null;
}
