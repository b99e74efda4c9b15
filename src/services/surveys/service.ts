import type { Logger } from '../../logger.js';
import type { Store } from '../../store/types.js';
import { DuplicateKeyError } from '../../store/types.js';
import { ensureTypedIndexes, typedCollection, type TypedCollection } from '../../store/typed.js';
import type { MemberRecord } from '../../domain/member.js';
import { BARRIER_CATEGORIES } from '../../domain/barriers.js';
import {
  barrierInputIdFor,
  checkReplacement,
  inputIdFor,
  mergePageAnswers,
  paginate,
  parseInstrument,
  pruneHidden,
  readPageInputs,
  reviewData,
  visiblePages,
} from '../../domain/surveys/index.js';
import type {
  AnswerError,
  Answers,
  Instrument,
  Page,
  PageSizeEstimator,
  RawPageInputs,
  RespondentProfile,
  ReviewData,
  StoredResponse,
  SurveyResponseReader,
  WaveNumber,
} from '../../domain/surveys/types.js';
import { loadDefaultInstrument } from '../../data/surveys/index.js';
import { RespondentKeys } from './keys.js';
import {
  REVIEW_PAGE,
  SURVEY_ANSWERS_COLLECTION,
  SURVEY_INSTRUMENTS_COLLECTION,
  SURVEY_PARTICIPATION_COLLECTION,
  SURVEY_WAVES_COLLECTION,
  type AnswerDoc,
  type InstrumentDoc,
  type ParticipationDoc,
  type WaveDoc,
} from './types.js';

/**
 * Surveys in three waves (issue 12): waves per edition, the instrument of each wave (default or replaced
 * before it opens, frozen into the wave when it opens), answers saved page by page under the pseudonymous
 * respondent key (./keys.ts), sending (final and idempotent), and a separate register of who was invited,
 * started and finished (for reminders and response rates). No botbuilder types; the feature renders.
 *
 * Anonymity: the answers collection never holds the person, her name or any timestamp; the participation
 * register never holds an answer or the respondent key. docs/encuestas-anonimato.md explains the design.
 */

const BARRIER_FIELDS = ['faced', 'effect', 'example'] as const;

export const SURVEY_AUDIT = {
  open: 'survey.open',
  close: 'survey.close',
  replaceInstrument: 'survey.instrument',
  export: 'survey.export',
  erase: 'survey.erase',
} as const;

/** Who opens a wave from the calendar's job. */
export const SURVEY_SYSTEM_ACTOR = 'sistema';

export type SurveyErrorCode =
  | 'noWave'
  | 'notOpen'
  | 'closed'
  | 'alreadyOpen'
  | 'notMember'
  | 'staleCard'
  | 'unknownPage'
  | 'pageOutOfOrder'
  | 'invalidAnswers'
  | 'incomplete'
  | 'alreadySent'
  | 'badClosing'
  | 'frozen'
  | 'invalidInstrument'
  | 'busy';

export class SurveyError extends Error {
  constructor(
    readonly code: SurveyErrorCode,
    readonly detail: { errors?: AnswerError[]; problems?: string[]; missing?: string[] } = {},
  ) {
    super(`survey: ${code}`);
    this.name = 'SurveyError';
  }
}

export interface SurveyServiceDeps {
  store: Store;
  clock: () => Date;
  logger: Logger;
  audit: { append(entry: { actor: string; action: string; target?: string; editionId?: string; before?: Record<string, unknown> | null; after?: Record<string, unknown> | null; details?: Record<string, unknown> }): Promise<unknown> };
  /** SURVEY_RESPONDENT_KEY (config.surveys.respondentKey). */
  respondentKey: string;
  members: { get(editionId: string, personKey: string): Promise<MemberRecord | null>; list(editionId: string, filter?: { status?: MemberRecord['status'] }): Promise<MemberRecord[]> };
  groups: { confirmedSet(editionId: string): Promise<{ readonly assignment: Readonly<Record<string, number>>; readonly removed: readonly string[] } | null> };
  /** Size of a page's rendered card, for the pagination (src/cards/surveys.ts). */
  estimatePage: PageSizeEstimator;
  /** Hours before closing for the reminders (config.surveys.reminderHours). */
  reminderHours: readonly number[];
  /** The shipped instrument of a wave (default: src/data/surveys/). */
  defaultInstrument?: (wave: WaveNumber) => Instrument;
}

/** What the answering card shows next. */
export interface SurveyView {
  wave: WaveDoc;
  instrument: Instrument;
  pages: Page[];
  answers: Answers;
  /** A page id, or REVIEW_PAGE. */
  show: string;
  submitted: boolean;
  /** Required questions of the shown page (or of the survey, on the review page) still unanswered. */
  missing: string[];
}

export interface SavePageInput {
  editionId: string;
  wave: WaveNumber;
  personKey: string;
  /** The instrument version the card was rendered with. */
  version: string;
  pageId: string;
  nav: 'next' | 'back';
  /** The page's inputs (domain input ids), or a function that reads them off the card for the frozen page. */
  inputs: RawPageInputs | ((instrument: Instrument, page: Page) => RawPageInputs);
}

export interface WaveCounts {
  invited: number;
  started: number;
  finished: number;
}

export const waveIdOf = (editionId: string, wave: WaveNumber): string => `${editionId}:${wave}`;

interface Frozen {
  instrument: Instrument;
  pages: Page[];
}

export class SurveyService implements SurveyResponseReader {
  readonly keys: RespondentKeys;
  private readonly waves: TypedCollection<WaveDoc>;
  private readonly instruments: TypedCollection<InstrumentDoc>;
  private readonly answersCol: TypedCollection<AnswerDoc>;
  private readonly participation: TypedCollection<ParticipationDoc>;
  /** Parsed instrument and pages per wave id and version (immutable once the wave opened). */
  private readonly frozen = new Map<string, Frozen>();

  constructor(private readonly deps: SurveyServiceDeps) {
    this.keys = new RespondentKeys(deps.respondentKey);
    this.waves = typedCollection<WaveDoc>(deps.store, SURVEY_WAVES_COLLECTION);
    this.instruments = typedCollection<InstrumentDoc>(deps.store, SURVEY_INSTRUMENTS_COLLECTION);
    this.answersCol = typedCollection<AnswerDoc>(deps.store, SURVEY_ANSWERS_COLLECTION);
    this.participation = typedCollection<ParticipationDoc>(deps.store, SURVEY_PARTICIPATION_COLLECTION);
  }

  async init(): Promise<void> {
    const { store } = this.deps;
    await ensureTypedIndexes<WaveDoc>(store, SURVEY_WAVES_COLLECTION, [{ fields: ['editionId'] }]);
    await ensureTypedIndexes<AnswerDoc>(store, SURVEY_ANSWERS_COLLECTION, [{ fields: ['editionId', 'wave', 'submitted'] }, { fields: ['respondent'] }]);
    await ensureTypedIndexes<ParticipationDoc>(store, SURVEY_PARTICIPATION_COLLECTION, [{ fields: ['editionId', 'wave', 'state'] }, { fields: ['personKey'] }]);
  }

  // --- Instruments ------------------------------------------------------------------------------------

  private defaultOf(wave: WaveNumber): Instrument {
    return (this.deps.defaultInstrument ?? loadDefaultInstrument)(wave);
  }

  /** The instrument a wave will open with (a replacement uploaded for the edition, or the default). */
  async pendingInstrument(editionId: string, wave: WaveNumber): Promise<{ instrument: Instrument; replaced: boolean }> {
    const doc = await this.instruments.findOne({ _id: waveIdOf(editionId, wave) });
    if (doc) {
      const parsed = parseInstrument(JSON.parse(doc.instrumentJson) as unknown);
      if (parsed.ok) return { instrument: parsed.instrument, replaced: true };
      this.deps.logger.error({ editionId, wave }, 'surveys: stored replacement instrument no longer valid; using the default');
    }
    return { instrument: this.defaultOf(wave), replaced: false };
  }

  /**
   * Replaces a wave's instrument for an edition before the wave opens. The JSON is checked by the domain's
   * validator (every error named by its path) and against the current instrument (same wave, new version,
   * repeated items unchanged). Refused once the wave has opened: from then on answers may exist.
   */
  async replaceInstrument(editionId: string, wave: WaveNumber, raw: unknown, actor: string): Promise<Instrument> {
    if (await this.waves.findOne({ _id: waveIdOf(editionId, wave) })) throw new SurveyError('frozen');
    const parsed = parseInstrument(raw);
    if (!parsed.ok) throw new SurveyError('invalidInstrument', { problems: parsed.errors });
    const { instrument: current } = await this.pendingInstrument(editionId, wave);
    const problems = checkReplacement(current, parsed.instrument);
    if (problems.length) throw new SurveyError('invalidInstrument', { problems });
    const doc: InstrumentDoc = {
      _id: waveIdOf(editionId, wave),
      editionId,
      wave,
      instrumentId: parsed.instrument.id,
      version: parsed.instrument.version,
      instrumentJson: JSON.stringify(parsed.instrument),
      by: actor,
      at: this.deps.clock(),
    };
    await this.instruments.replaceOne({ _id: doc._id }, doc, { upsert: true });
    // Opening checks again, atomically with the wave's creation being the only writer of the wave doc.
    await this.deps.audit.append({
      actor,
      action: SURVEY_AUDIT.replaceInstrument,
      target: doc._id,
      editionId,
      before: { instrumentId: current.id, version: current.version },
      after: { instrumentId: doc.instrumentId, version: doc.version },
    });
    return parsed.instrument;
  }

  /** The frozen instrument and pages of an opened wave (cached per version). */
  frozenOf(wave: WaveDoc): Frozen {
    const key = `${wave._id}@${wave.instrumentVersion}`;
    let hit = this.frozen.get(key);
    if (!hit) {
      const instrument = JSON.parse(wave.instrumentJson) as Instrument;
      hit = { instrument, pages: paginate(instrument, this.deps.estimatePage) };
      this.frozen.set(key, hit);
    }
    return hit;
  }

  /** Pages of an instrument as the answering card splits them. */
  pagesOf(instrument: Instrument): Page[] {
    return paginate(instrument, this.deps.estimatePage);
  }

  // --- Waves ------------------------------------------------------------------------------------------

  getWave(editionId: string, wave: WaveNumber): Promise<WaveDoc | null> {
    return this.waves.findOne({ _id: waveIdOf(editionId, wave) });
  }

  listWaves(editionId: string): Promise<WaveDoc[]> {
    return this.waves.find({ editionId }, { sort: { wave: 1 } });
  }

  /** Whether the wave accepts answers now (open and before its closing time). */
  isAnswerable(wave: WaveDoc): boolean {
    return wave.state === 'open' && this.deps.clock().getTime() < wave.closesAt.getTime();
  }

  /**
   * Opens a wave: freezes its instrument, registers every validated member of the edition as invited and
   * returns them (the feature sends the invitation cards). A wave opens once; closing is final.
   */
  async openWave(input: { editionId: string; wave: WaveNumber; closesAt: Date; actor: string }): Promise<{ wave: WaveDoc; invitees: MemberRecord[] }> {
    const now = this.deps.clock();
    if (input.closesAt.getTime() <= now.getTime()) throw new SurveyError('badClosing');
    const existing = await this.getWave(input.editionId, input.wave);
    if (existing) throw new SurveyError(existing.state === 'open' ? 'alreadyOpen' : 'closed');
    const { instrument } = await this.pendingInstrument(input.editionId, input.wave);
    const invitees = await this.deps.members.list(input.editionId, { status: 'validated' });
    const doc: WaveDoc = {
      _id: waveIdOf(input.editionId, input.wave),
      editionId: input.editionId,
      wave: input.wave,
      state: 'open',
      openedAt: now,
      closesAt: input.closesAt,
      openedBy: input.actor,
      instrumentId: instrument.id,
      instrumentVersion: instrument.version,
      instrumentJson: JSON.stringify(instrument),
      reminderHours: [...this.deps.reminderHours],
      invited: invitees.length,
    };
    try {
      await this.waves.insertOne(doc);
    } catch (err) {
      if (err instanceof DuplicateKeyError) throw new SurveyError('alreadyOpen');
      throw err;
    }
    const rows: ParticipationDoc[] = invitees.map((m) => ({ _id: `${doc._id}:${m.personKey}`, editionId: doc.editionId, wave: doc.wave, personKey: m.personKey, state: 'invited', invitedAt: now }));
    if (rows.length) await this.participation.insertMany(rows);
    await this.deps.audit.append({
      actor: input.actor,
      action: SURVEY_AUDIT.open,
      target: doc._id,
      editionId: doc.editionId,
      after: { closesAt: doc.closesAt, instrumentId: doc.instrumentId, version: doc.instrumentVersion, invited: doc.invited },
    });
    return { wave: doc, invitees };
  }

  /**
   * The validated members of an open wave's edition, registering as invited those validated after it opened
   * (so they count in the response rate). The feature sends them the invitation again under the same broadcast
   * id: the delivery engine skips whoever already has it.
   */
  async invitees(wave: WaveDoc): Promise<MemberRecord[]> {
    const members = await this.deps.members.list(wave.editionId, { status: 'validated' });
    const known = new Set((await this.participation.find({ editionId: wave.editionId, wave: wave.wave })).map((p) => p.personKey));
    const now = this.deps.clock();
    for (const m of members) {
      if (known.has(m.personKey)) continue;
      try {
        await this.participation.insertOne({ _id: `${wave._id}:${m.personKey}`, editionId: wave.editionId, wave: wave.wave, personKey: m.personKey, state: 'invited', invitedAt: now });
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
      }
    }
    return members;
  }

  /** Closes an open wave now (also when its closing time passed); false when it was not open. */
  async closeWave(editionId: string, wave: WaveNumber, actor: string): Promise<{ closed: boolean; wave: WaveDoc | null }> {
    const now = this.deps.clock();
    const after = await this.waves.findOneAndUpdate({ _id: waveIdOf(editionId, wave), state: 'open' }, { $set: { state: 'closed', closedAt: now, closedBy: actor } });
    if (!after) return { closed: false, wave: await this.getWave(editionId, wave) };
    await this.deps.audit.append({ actor, action: SURVEY_AUDIT.close, target: after._id, editionId, after: { closedAt: now } });
    return { closed: true, wave: after };
  }

  // --- Participation register -------------------------------------------------------------------------

  async counts(editionId: string, wave: WaveNumber): Promise<WaveCounts> {
    const [invited, started, finished] = await Promise.all([
      this.participation.countDocuments({ editionId, wave }),
      this.participation.countDocuments({ editionId, wave, state: 'started' }),
      this.participation.countDocuments({ editionId, wave, state: 'finished' }),
    ]);
    return { invited, started: started + finished, finished };
  }

  /** The register of a wave (who was invited, started, finished). */
  register(editionId: string, wave: WaveNumber): Promise<ParticipationDoc[]> {
    return this.participation.find({ editionId, wave });
  }

  /** People to remind: invited or started, not finished. */
  async unfinished(editionId: string, wave: WaveNumber): Promise<string[]> {
    return (await this.participation.find({ editionId, wave, state: { $in: ['invited', 'started'] } })).map((p) => p.personKey);
  }

  async participationOf(editionId: string, wave: WaveNumber, personKey: string): Promise<ParticipationDoc | null> {
    return this.participation.findOne({ _id: `${waveIdOf(editionId, wave)}:${personKey}` });
  }

  private async markStarted(wave: WaveDoc, personKey: string): Promise<void> {
    const _id = `${wave._id}:${personKey}`;
    const now = this.deps.clock();
    const res = await this.participation.updateOne({ _id, state: 'invited' }, { $set: { state: 'started', startedAt: now } });
    if (res.matched === 0 && !(await this.participation.findOne({ _id }))) {
      // Validated after the wave opened: she may answer too.
      try {
        await this.participation.insertOne({ _id, editionId: wave.editionId, wave: wave.wave, personKey, state: 'started', invitedAt: now, startedAt: now });
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
      }
    }
  }

  private async markFinished(wave: WaveDoc, personKey: string): Promise<void> {
    const _id = `${wave._id}:${personKey}`;
    const now = this.deps.clock();
    const res = await this.participation.updateOne({ _id, state: { $in: ['invited', 'started'] } }, { $set: { state: 'finished', finishedAt: now } });
    if (res.matched === 0 && !(await this.participation.findOne({ _id }))) {
      try {
        await this.participation.insertOne({ _id, editionId: wave.editionId, wave: wave.wave, personKey, state: 'finished', invitedAt: now, finishedAt: now });
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err;
      }
    }
  }

  // --- Answering --------------------------------------------------------------------------------------

  private answerId(wave: WaveDoc, personKey: string): string {
    return `${wave._id}:${this.keys.of(wave.editionId, personKey)}`;
  }

  /** Her profile for the breakdowns: never name, email, entidad or district. */
  private async profileOf(member: MemberRecord): Promise<RespondentProfile> {
    const set = await this.deps.groups.confirmedSet(member.editionId);
    const group = set && !set.removed.includes(member._id) ? set.assignment[member._id] : undefined;
    return { vocalia: member.vocalia, ambito: member.ambito, circunscripcion: member.circunscripcion, ...(group !== undefined ? { group } : {}) };
  }

  /** The open wave she may answer (checks wave state, closing time and that she is a validated member). */
  private async answerable(editionId: string, wave: WaveNumber, personKey: string): Promise<{ wave: WaveDoc; member: MemberRecord }> {
    const [doc, member] = await Promise.all([this.getWave(editionId, wave), this.deps.members.get(editionId, personKey)]);
    if (!doc) throw new SurveyError('noWave');
    if (!member || member.status !== 'validated') throw new SurveyError('notMember');
    if (!this.isAnswerable(doc)) throw new SurveyError('closed');
    return { wave: doc, member };
  }

  private view(wave: WaveDoc, doc: AnswerDoc | null, show: string): SurveyView {
    const { instrument, pages } = this.frozenOf(wave);
    const answers = doc?.answers ?? {};
    const visible = visiblePages(instrument, pages, answers);
    let target = show;
    if (target !== REVIEW_PAGE && !visible.some((p) => p.id === target)) target = visible[0]?.id ?? REVIEW_PAGE;
    const missing = this.missingOn(instrument, pages, answers, target);
    return { wave, instrument, pages, answers, show: target, submitted: doc?.submitted ?? false, missing };
  }

  private missingOn(instrument: Instrument, pages: readonly Page[], answers: Answers, pageId: string): string[] {
    const review: ReviewData = reviewData(instrument, pages, answers);
    if (pageId === REVIEW_PAGE) return review.missingRequired;
    const page = pages.find((p) => p.id === pageId);
    const ids = new Set(page?.questionIds ?? []);
    return review.missingRequired.filter((id) => ids.has(id));
  }

  /** Where she is in a wave: her current page (the first one for a new respondent). */
  async current(editionId: string, wave: WaveNumber, personKey: string): Promise<SurveyView> {
    const { wave: doc } = await this.answerable(editionId, wave, personKey);
    const answers = await this.answersCol.findOne({ _id: this.answerId(doc, personKey) });
    return this.view(doc, answers, answers?.cursor ?? '');
  }

  /** Whether she already sent the wave (without revealing anything else). */
  async hasSent(editionId: string, wave: WaveNumber, personKey: string): Promise<boolean> {
    const doc = await this.getWave(editionId, wave);
    if (!doc) return false;
    return (await this.answersCol.countDocuments({ _id: this.answerId(doc, personKey), submitted: true })) === 1;
  }

  /** Shows a page without saving (review's "Atrás"); refused when the page is out of order. */
  async goTo(input: { editionId: string; wave: WaveNumber; personKey: string; version: string; pageId: string }): Promise<SurveyView> {
    const { wave } = await this.answerable(input.editionId, input.wave, input.personKey);
    if (wave.instrumentVersion !== input.version) throw new SurveyError('staleCard');
    const doc = await this.answersCol.findOne({ _id: this.answerId(wave, input.personKey) });
    if (doc?.submitted) throw new SurveyError('alreadySent');
    const { instrument, pages } = this.frozenOf(wave);
    const answers = doc?.answers ?? {};
    this.checkReachable(instrument, pages, answers, input.pageId);
    if (doc) await this.answersCol.updateOne({ _id: doc._id, submitted: false }, { $set: { cursor: input.pageId } });
    return this.view(wave, doc, input.pageId);
  }

  /** A page she may open: visible, and no earlier visible page has required questions unanswered. */
  private checkReachable(instrument: Instrument, pages: readonly Page[], answers: Answers, pageId: string): void {
    if (pageId === REVIEW_PAGE) {
      if (reviewData(instrument, pages, answers).missingRequired.length) throw new SurveyError('pageOutOfOrder');
      return;
    }
    if (!pages.some((p) => p.id === pageId)) throw new SurveyError('unknownPage');
    const visible = visiblePages(instrument, pages, answers);
    const at = visible.findIndex((p) => p.id === pageId);
    if (at < 0) throw new SurveyError('pageOutOfOrder');
    const missing = new Set(reviewData(instrument, pages, answers).missingRequired);
    const firstIncomplete = visible.findIndex((p) => p.questionIds.some((id) => missing.has(id)));
    if (firstIncomplete >= 0 && at > firstIncomplete) throw new SurveyError('pageOutOfOrder');
  }

  /**
   * Saves the answers of one page and moves to the next or previous page. All or nothing: an unknown
   * question, a value outside its options or range, a text too long, a page out of order, a closed wave or a
   * card of another instrument version is refused and nothing is written. Pressing twice writes the same
   * answers twice (one answer). "Siguiente" with required questions unanswered saves what is valid and shows
   * the same page again with them named.
   */
  async savePage(input: SavePageInput): Promise<SurveyView> {
    const { wave, member } = await this.answerable(input.editionId, input.wave, input.personKey);
    if (wave.instrumentVersion !== input.version) throw new SurveyError('staleCard');
    const { instrument, pages } = this.frozenOf(wave);
    const page = pages.find((p) => p.id === input.pageId);
    if (!page) throw new SurveyError('unknownPage');
    const _id = this.answerId(wave, input.personKey);
    for (let attempt = 0; attempt < 5; attempt++) {
      const doc = await this.answersCol.findOne({ _id });
      if (doc?.submitted) throw new SurveyError('alreadySent');
      const stored = doc?.answers ?? {};
      this.checkReachable(instrument, pages, stored, page.id);
      const read = this.readPage(instrument, page, typeof input.inputs === 'function' ? input.inputs(instrument, page) : input.inputs, stored);
      const merged = mergePageAnswers(instrument, stored, page, read);
      const missingHere = this.missingOn(instrument, pages, merged, page.id);
      const visible = visiblePages(instrument, pages, merged);
      const at = visible.findIndex((p) => p.id === page.id);
      let show = page.id;
      if (input.nav === 'back') show = visible[Math.max(0, at - 1)]?.id ?? page.id;
      else if (missingHere.length === 0) show = visible[at + 1]?.id ?? REVIEW_PAGE;
      if (!doc) {
        const fresh: AnswerDoc = { _id, editionId: wave.editionId, wave: wave.wave, respondent: this.keys.of(wave.editionId, input.personKey), answers: merged, profile: await this.profileOf(member), cursor: show, submitted: false, rev: 1 };
        try {
          await this.answersCol.insertOne(fresh);
        } catch (err) {
          if (err instanceof DuplicateKeyError) continue;
          throw err;
        }
        await this.markStarted(wave, input.personKey);
        return this.view(wave, fresh, show);
      }
      const res = await this.answersCol.updateOne({ _id, rev: doc.rev, submitted: false }, { $set: { answers: merged, cursor: show }, $inc: { rev: 1 } });
      if (res.matched === 1) return this.view(wave, { ...doc, answers: merged, cursor: show, rev: doc.rev + 1 }, show);
    }
    throw new SurveyError('busy');
  }

  /** The page's card inputs as answers; inputs of questions hidden by the other answers are ignored. */
  private readPage(instrument: Instrument, page: Page, inputs: RawPageInputs, stored: Answers): Answers {
    let check = readPageInputs(instrument, page, inputs, stored);
    if (!check.ok && check.errors.every((e) => e.code === 'hiddenQuestion')) {
      // A conditional question on the same page as its condition is shown on the card; answered while its
      // condition does not hold, it is dropped (not an error of hers).
      const drop = new Set<string>();
      for (const { questionId: id } of check.errors) {
        drop.add(inputIdFor(id));
        for (const c of BARRIER_CATEGORIES) for (const f of BARRIER_FIELDS) drop.add(barrierInputIdFor(id, c, f));
      }
      const kept = Object.fromEntries(Object.entries(inputs).filter(([k]) => !drop.has(k)));
      check = readPageInputs(instrument, page, kept, stored);
    }
    if (!check.ok) throw new SurveyError('invalidAnswers', { errors: check.errors });
    return check.answers;
  }

  /** Shows the review page (all required answered) — "Siguiente" on the last page does it too. */
  async review(input: { editionId: string; wave: WaveNumber; personKey: string; version: string }): Promise<SurveyView> {
    return this.goTo({ ...input, pageId: REVIEW_PAGE });
  }

  /**
   * Sends her answers: final. Refused while a required question is unanswered (the view names them). A second
   * send (double click, retried activity, an old card) changes nothing and says so: `already`.
   */
  async submit(input: { editionId: string; wave: WaveNumber; personKey: string; version: string }): Promise<{ status: 'sent' | 'already'; wave: WaveDoc }> {
    const _id = (wave: WaveDoc): string => this.answerId(wave, input.personKey);
    const early = await this.getWave(input.editionId, input.wave);
    if (early) {
      const sent = await this.answersCol.findOne({ _id: _id(early) });
      if (sent?.submitted) {
        await this.markFinished(early, input.personKey);
        return { status: 'already', wave: early };
      }
    }
    const { wave } = await this.answerable(input.editionId, input.wave, input.personKey);
    if (wave.instrumentVersion !== input.version) throw new SurveyError('staleCard');
    const { instrument, pages } = this.frozenOf(wave);
    for (let attempt = 0; attempt < 5; attempt++) {
      const doc = await this.answersCol.findOne({ _id: _id(wave) });
      if (!doc) throw new SurveyError('incomplete', { missing: reviewData(instrument, pages, {}).missingRequired });
      if (doc.submitted) return { status: 'already', wave };
      const answers = pruneHidden(instrument, doc.answers);
      const missing = reviewData(instrument, pages, answers).missingRequired;
      if (missing.length) throw new SurveyError('incomplete', { missing });
      const res = await this.answersCol.updateOne({ _id: doc._id, rev: doc.rev, submitted: false }, { $set: { answers, submitted: true, cursor: REVIEW_PAGE }, $inc: { rev: 1 } });
      if (res.matched === 1) {
        await this.markFinished(wave, input.personKey);
        return { status: 'sent', wave };
      }
    }
    throw new SurveyError('busy');
  }

  // --- Results, export, erasure ---------------------------------------------------------------------

  /** SurveyResponseReader: the finished responses of a wave (each respondent once), for results and exports. */
  async *responses(editionId: string, wave: WaveNumber): AsyncIterable<StoredResponse> {
    for (const doc of await this.answersCol.find({ editionId, wave, submitted: true })) {
      yield { respondent: doc.respondent, answers: doc.answers, profile: doc.profile };
    }
  }

  /**
   * "borrar mis datos": removes her answers (sent or not) of every edition's waves, found through her
   * respondent keys, and her rows of the participation register. Returns how many answer documents went.
   */
  async eraseFor(personKey: string): Promise<number> {
    const editions = new Set<string>([...(await this.waves.find({})).map((w) => w.editionId), ...(await this.participation.find({ personKey })).map((p) => p.editionId)]);
    let removed = 0;
    for (const editionId of editions) removed += await this.answersCol.deleteMany({ respondent: this.keys.of(editionId, personKey) });
    const rows = await this.participation.deleteMany({ personKey });
    if (removed > 0 || rows > 0) await this.deps.audit.append({ actor: personKey, action: SURVEY_AUDIT.erase, target: personKey, details: { answers: removed, register: rows } });
    this.deps.logger.info({ answers: removed, register: rows }, 'surveys: answers erased on request');
    return removed;
  }
}
