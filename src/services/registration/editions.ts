import type { Store } from '../../store/types.js';
import { isDuplicateKeyError } from '../../store/types.js';
import { callState, EDITION_ID_RE, slugify, type CallState } from '../../domain/registration.js';
import { AUDIT_ACTIONS, type AuditLog } from './audit.js';

/**
 * Editions of the network ("2026"): every record belongs to one, and one is active at a time. The active
 * edition carries the registration window (America/Mexico_City dates stored as instants) and the calendar
 * of stages members are told about. Every change is audited.
 */
export const EDITIONS_COLLECTION = 'editions';

export interface CalendarStage {
  /** Slug of the label, unique in the edition. */
  key: string;
  /** "Reunión nacional de apertura", "Primera sesión grupal", ... */
  label: string;
  date: Date;
}

export interface Edition {
  _id: string;
  nombre: string;
  opensAt?: Date;
  closesAt?: Date;
  active: boolean;
  calendar: CalendarStage[];
  /** Version of the INE catalog in use for the edition. */
  catalogVersion?: string;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
}

export interface CreateEditionInput {
  id: string;
  nombre?: string;
  calendar?: CalendarStage[];
  catalogVersion?: string;
}

export class EditionError extends Error {
  constructor(
    readonly code: 'invalidId' | 'exists' | 'notFound' | 'invalidWindow' | 'invalidStage',
    message: string,
  ) {
    super(message);
    this.name = 'EditionError';
  }
}

const MAX_STAGES = 20;
const MAX_LABEL = 80;

export class EditionService {
  private readonly col;

  constructor(
    private readonly store: Store,
    private readonly audit: AuditLog,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.col = store.collection<Edition>(EDITIONS_COLLECTION);
  }

  async init(): Promise<void> {
    await this.store.ensureIndexes(EDITIONS_COLLECTION, [{ fields: ['active'] }]);
  }

  async create(input: CreateEditionInput, actor: string): Promise<Edition> {
    const id = input.id.trim();
    if (!EDITION_ID_RE.test(id)) {
      throw new EditionError('invalidId', 'El identificador de la edición debe tener de 1 a 20 letras, números o guiones (por ejemplo 2026).');
    }
    const now = this.clock();
    const edition: Edition = {
      _id: id,
      nombre: input.nombre?.trim().slice(0, 120) || `Red de Coaching ${id}`,
      active: false,
      calendar: [...(input.calendar ?? [])].sort((a, b) => a.date.getTime() - b.date.getTime()),
      createdAt: now,
      createdBy: actor,
      updatedAt: now,
    };
    if (input.catalogVersion) edition.catalogVersion = input.catalogVersion;
    try {
      await this.col.insertOne(edition);
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new EditionError('exists', `La edición ${id} ya existe.`);
      throw err;
    }
    await this.audit.append({ actor, action: AUDIT_ACTIONS.editionCreate, target: id, editionId: id, after: { ...edition } });
    return edition;
  }

  get(editionId: string): Promise<Edition | null> {
    return this.col.findOne({ _id: editionId });
  }

  list(): Promise<Edition[]> {
    return this.col.find({}, { sort: { createdAt: -1 } });
  }

  /** The active edition, or null when none was activated yet. */
  async getActive(): Promise<Edition | null> {
    const active = await this.col.find({ active: true }, { sort: { updatedAt: -1 }, limit: 1 });
    return active[0] ?? null;
  }

  /** Makes an edition the active one (and every other inactive). */
  async activate(editionId: string, actor: string): Promise<Edition> {
    const before = await this.mustGet(editionId);
    const previous = await this.getActive();
    const now = this.clock();
    await this.col.updateOne({ _id: editionId }, { $set: { active: true, updatedAt: now } });
    await this.col.updateMany({ active: true, _id: { $ne: editionId } }, { $set: { active: false, updatedAt: now } });
    const after = await this.mustGet(editionId);
    await this.audit.append({
      actor,
      action: AUDIT_ACTIONS.editionActivate,
      target: editionId,
      editionId,
      before: { active: before.active },
      after: { active: true },
      details: { previousActive: previous?._id ?? null },
    });
    return after;
  }

  /** Sets the registration window. Either bound may be left out (open-ended). */
  async setWindow(editionId: string, opensAt: Date | undefined, closesAt: Date | undefined, actor: string, action: string = AUDIT_ACTIONS.editionWindow): Promise<Edition> {
    if (opensAt && closesAt && opensAt.getTime() >= closesAt.getTime()) {
      throw new EditionError('invalidWindow', 'La fecha de cierre debe ser posterior a la fecha de apertura.');
    }
    const before = await this.mustGet(editionId);
    const $set: Record<string, unknown> = { updatedAt: this.clock() };
    const $unset: Record<string, 1> = {};
    if (opensAt) $set.opensAt = opensAt;
    else $unset.opensAt = 1;
    if (closesAt) $set.closesAt = closesAt;
    else $unset.closesAt = 1;
    await this.col.updateOne({ _id: editionId }, Object.keys($unset).length ? { $set, $unset } : { $set });
    const after = await this.mustGet(editionId);
    await this.audit.append({
      actor,
      action,
      target: editionId,
      editionId,
      before: { opensAt: before.opensAt ?? null, closesAt: before.closesAt ?? null },
      after: { opensAt: after.opensAt ?? null, closesAt: after.closesAt ?? null },
    });
    return after;
  }

  /** Opens the call now; a closing date already past is removed (it stays open until closed). */
  async openNow(editionId: string, actor: string): Promise<Edition> {
    const e = await this.mustGet(editionId);
    const now = this.clock();
    const closesAt = e.closesAt && e.closesAt.getTime() > now.getTime() ? e.closesAt : undefined;
    return this.setWindow(editionId, now, closesAt, actor, AUDIT_ACTIONS.callOpen);
  }

  /** Closes the call now. */
  async closeNow(editionId: string, actor: string): Promise<Edition> {
    const e = await this.mustGet(editionId);
    const now = this.clock();
    const opensAt = e.opensAt && e.opensAt.getTime() < now.getTime() ? e.opensAt : undefined;
    return this.setWindow(editionId, opensAt, now, actor, AUDIT_ACTIONS.callClose);
  }

  /** Adds a stage to the calendar, or changes the date of the stage with the same label. */
  async setStage(editionId: string, label: string, date: Date, actor: string): Promise<Edition> {
    const clean = label.replace(/\s+/g, ' ').trim();
    const key = slugify(clean);
    if (!key || clean.length > MAX_LABEL) throw new EditionError('invalidStage', `Escriba el nombre de la etapa (hasta ${MAX_LABEL} caracteres).`);
    const before = await this.mustGet(editionId);
    const calendar = before.calendar.filter((s) => s.key !== key);
    if (calendar.length >= MAX_STAGES) throw new EditionError('invalidStage', `El calendario admite hasta ${MAX_STAGES} etapas.`);
    calendar.push({ key, label: clean, date });
    calendar.sort((a, b) => a.date.getTime() - b.date.getTime());
    return this.saveCalendar(before, calendar, actor);
  }

  async removeStage(editionId: string, key: string, actor: string): Promise<Edition> {
    const before = await this.mustGet(editionId);
    const calendar = before.calendar.filter((s) => s.key !== key && s.key !== slugify(key));
    if (calendar.length === before.calendar.length) throw new EditionError('invalidStage', `El calendario no tiene la etapa «${key}».`);
    return this.saveCalendar(before, calendar, actor);
  }

  private async saveCalendar(before: Edition, calendar: CalendarStage[], actor: string): Promise<Edition> {
    await this.col.updateOne({ _id: before._id }, { $set: { calendar, updatedAt: this.clock() } });
    await this.audit.append({ actor, action: AUDIT_ACTIONS.editionCalendar, target: before._id, editionId: before._id, before: { calendar: before.calendar }, after: { calendar } });
    return this.mustGet(before._id);
  }

  /** Records which catalog version the edition uses (CatalogService audits the replacement itself). */
  async setCatalogVersion(editionId: string, version: string): Promise<void> {
    await this.mustGet(editionId);
    await this.col.updateOne({ _id: editionId }, { $set: { catalogVersion: version, updatedAt: this.clock() } });
  }

  /** True while registrations are accepted. */
  isOpen(edition: Pick<Edition, 'opensAt' | 'closesAt'>, now: Date = this.clock()): boolean {
    return this.state(edition, now).kind === 'open';
  }

  state(edition: Pick<Edition, 'opensAt' | 'closesAt'>, now: Date = this.clock()): CallState {
    return callState(edition, now);
  }

  private async mustGet(editionId: string): Promise<Edition> {
    const e = await this.get(editionId);
    if (!e) throw new EditionError('notFound', `No existe la edición ${editionId}.`);
    return e;
  }
}
