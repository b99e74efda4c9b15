import { BARRIER_CATEGORIES } from '../../domain/barriers.js';
import { checkInTiming, DURATION_CHOICES, FREE_TOPIC, hasStarted, MODALITIES, PLAN_TOPIC_PREFIX, type RsvpAnswer, type RsvpCounts } from '../../domain/sessions/index.js';
import { formatDateTime, formatTime, HQ_TIME_ZONE, localDateOf, zoneLabel } from '../../domain/time.js';
import { renderSessionCard, renderSessionFormCard, renderSessionListCard, renderSessionMinutesCard, type SessionFormCardData } from '../../cards/sessions.js';
import type { CardJson } from '../../cards/render.js';
import type { MinutesDoc, SessionDoc } from '../../services/sessions/index.js';
import { BARRIER_LABELS } from '../../texts/barriers.js';
import { durationText, MODALITY_LABELS, SESSIONS_TEXTS as T } from './texts.js';

/** Card data of the sessions feature (texts from ./texts.ts, templates in cards/sessions/). */

export const topicOf = (s: Pick<SessionDoc, 'topic'>): string => (s.topic.kind === 'plan' ? s.topic.titulo : s.topic.text);

/** The start as read in `zone`. */
export const whenIn = (s: Pick<SessionDoc, 'startsAt'>, zone: string): string => formatDateTime(s.startsAt, zone);

/** The start as the group's space shows it: the scheduler's zone, and headquarters' when different. */
export function spaceWhen(s: Pick<SessionDoc, 'startsAt' | 'zone'>): string {
  return s.zone === HQ_TIME_ZONE ? whenIn(s, HQ_TIME_ZONE) : T.whenBoth(whenIn(s, s.zone), whenIn(s, HQ_TIME_ZONE));
}

export interface SessionCardOptions {
  /** Her zone (1:1 cards, her refreshed card); undefined for the space (scheduler's zone and headquarters'). */
  zone?: string;
  counts?: RsvpCounts;
  mine?: RsvpAnswer;
  notice?: string;
  now: Date;
}

export function sessionCard(s: SessionDoc, o: SessionCardOptions): CardJson {
  const scheduled = s.state === 'scheduled';
  return renderSessionCard({
    title: T.cardTitle(s.number, s.group),
    notice: o.notice ?? (scheduled ? '' : T.noticeCancelled),
    facts: [
      { label: T.factWhen, value: o.zone ? whenIn(s, o.zone) : spaceWhen(s) },
      { label: T.factDuration, value: durationText(s.durationMin) },
      { label: T.factTopic, value: topicOf(s) },
      { label: T.factModality, value: MODALITY_LABELS[s.modality] },
    ],
    counts: o.counts && scheduled ? T.counts(o.counts.yes, o.counts.no, o.counts.noAnswer) : '',
    mine: o.mine === 'yes' ? T.mineYes : o.mine === 'no' ? T.mineNo : '',
    url: scheduled && s.link ? s.link : '',
    linkTitle: T.linkTitle,
    open: scheduled && !hasStarted(s, o.now),
    checkIn: scheduled && checkInTiming(s, o.now) !== 'closed',
    sessionId: s._id,
    yesTitle: T.yes,
    noTitle: T.no,
    presentTitle: T.present,
  });
}

const durationChoices = () => DURATION_CHOICES.map((m) => ({ title: durationText(m), value: String(m) }));
const modalityChoices = () => MODALITIES.map((m) => ({ title: MODALITY_LABELS[m], value: m }));

function baseForm(editionId: string, group: number, zone: string): Omit<SessionFormCardData, 'title' | 'intro' | 'mode' | 'number' | 'date' | 'time' | 'duration' | 'details' | 'topic' | 'topicChoices' | 'freeTopic' | 'modality' | 'link' | 'submitTitle'> {
  return {
    zoneNote: T.zoneNote(zoneLabel(zone)),
    editionId,
    group,
    dateLabel: T.dateLabel,
    dateError: T.dateError,
    timeLabel: T.timeLabel,
    timeError: T.timeError,
    durationLabel: T.durationLabel,
    durationChoices: durationChoices(),
    topicLabel: T.topicLabel,
    freeTopicLabel: T.freeTopicLabel,
    modalityLabel: T.modalityLabel,
    modalityChoices: modalityChoices(),
    linkLabel: T.linkLabel,
  };
}

/** The schedule form: topics of the group's work plan (if any) and the free topic. */
export function scheduleForm(editionId: string, group: number, zone: string, planTopics: readonly { topicId: string; titulo: string }[]): CardJson {
  const topicChoices = [...planTopics.map((t) => ({ title: t.titulo, value: `${PLAN_TOPIC_PREFIX}${t.topicId}` })), { title: T.freeTopicOption, value: FREE_TOPIC }];
  return renderSessionFormCard({
    ...baseForm(editionId, group, zone),
    title: T.formTitle(group),
    intro: T.formIntro,
    mode: 'schedule',
    number: 0,
    date: '',
    time: '',
    duration: '60',
    details: true,
    topic: topicChoices[0]!.value,
    topicChoices,
    freeTopic: '',
    modality: 'virtual',
    link: '',
    submitTitle: T.scheduleSubmit,
  });
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The move form, prefilled with the current date, time (in her zone) and duration. */
export function moveForm(s: SessionDoc, zone: string): CardJson {
  const d = localDateOf(s.startsAt, zone);
  return renderSessionFormCard({
    ...baseForm(s.editionId, s.group, zone),
    title: T.moveTitle(s.group, s.number),
    intro: T.moveIntro(whenIn(s, zone)),
    mode: 'move',
    number: s.number,
    date: `${d.year}-${pad(d.month)}-${pad(d.day)}`,
    time: formatTime(s.startsAt, zone).slice(0, 5),
    duration: String(s.durationMin),
    details: false,
    topic: '',
    topicChoices: [],
    freeTopic: '',
    modality: s.modality,
    link: s.link ?? '',
    submitTitle: T.moveSubmit,
  });
}

export const BARRIER_ROWS = 4;

/** The minutes form, prefilled with the saved minutes when there are some. */
export function minutesForm(s: SessionDoc, saved: MinutesDoc | null): CardJson {
  const rows = Array.from({ length: Math.max(BARRIER_ROWS, saved?.barriers.length ?? 0) }, (_, i) => ({ category: saved?.barriers[i]?.category ?? '', text: saved?.barriers[i]?.text ?? '' }));
  return renderSessionMinutesCard({
    title: T.minutesTitle(s.number, s.group),
    intro: T.minutesIntro,
    sessionId: s._id,
    topicsLabel: T.topicsLabel,
    topicsCovered: (saved?.topicsCovered ?? []).join('\n'),
    agreementsLabel: T.agreementsLabel,
    agreements: (saved?.agreements ?? []).join('\n'),
    barriersIntro: T.barriersIntro,
    barrierRows: rows,
    categoryLabel: T.categoryLabel,
    categoryChoices: BARRIER_CATEGORIES.map((c) => ({ title: BARRIER_LABELS[c], value: c })),
    barrierTextLabel: T.barrierTextLabel,
    nextStepsLabel: T.nextStepsLabel,
    nextSteps: (saved?.nextSteps ?? []).join('\n'),
    submitTitle: T.minutesSubmit,
  });
}

/** The minutes as posted in the group's space. */
export function minutesView(s: SessionDoc, m: MinutesDoc): CardJson {
  const lines = (items: readonly string[]) => (items.length > 0 ? items.map((i) => `- ${i}`) : [T.none]);
  return renderSessionListCard({
    title: T.minutesViewTitle(s.number, s.group, m.revision > 1),
    intro: T.minutesViewIntro(spaceWhen(s), topicOf(s)),
    sections: [
      { heading: T.sectionTopics, lines: lines(m.topicsCovered) },
      { heading: T.sectionAgreements, lines: lines(m.agreements) },
      { heading: T.sectionBarriers, lines: lines(m.barriers.map((b) => T.barrierLine(BARRIER_LABELS[b.category], b.text))) },
      { heading: T.sectionNextSteps, lines: lines(m.nextSteps) },
    ],
    note: '',
  });
}
