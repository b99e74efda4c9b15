import { z } from 'zod';
import { TEMARIO_TEXTS as T, TOPIC_FIELD_NAMES as F, temarioWhere } from './texts.js';

/**
 * The temario of an edition (issue 10): the topics a group can choose from, each under one of the ejes
 * temáticos of the INE catalog (liderazgo, competencias, actualizacion). Pure data and validation.
 *
 * File format (src/data/temario.json, and the JSON file UTIGyND attaches to replace it for an edition):
 *
 *   { "version": "2026.1", "source": "…",
 *     "temas": [ { "id": "comunicacion-asertiva", "eje": "liderazgo", "titulo": "…", "descripcion": "…" } ] }
 *
 * Validation is row by row: every problem is reported with its path («temas.3.titulo») and row (tema 4),
 * in Spanish, and nothing is accepted unless the whole file is valid.
 */

/** An eje temático as the catalog lists it (catalog `ejesTematicos`). */
export interface EjeRef {
  clave: string;
  nombre: string;
}

export const TEMARIO_LIMITS = {
  maxTopics: 60,
  idMax: 60,
  titleMin: 3,
  titleMax: 120,
  descriptionMin: 10,
  descriptionMax: 400,
  versionMax: 40,
  sourceMax: 300,
  /** Errors listed for one file; the rest are summarized. */
  maxErrors: 15,
} as const;

/** Stable kebab-case key: lower-case ASCII letters and digits joined by single hyphens. */
export const TOPIC_ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const text = (field: keyof typeof F, min: number, max: number) =>
  z
    .string({ error: (iss) => (iss.input === undefined || iss.input === null ? T.missing(F[field]) : T.notText(F[field])) })
    .trim()
    .min(min, { error: min <= 1 ? T.missing(F[field]) : T.tooShort(F[field], min) })
    .max(max, { error: T.tooLong(F[field], max) });

/** One row of the file, before its eje is resolved against the catalog. */
export const topicRowSchema = z.object(
  {
    id: text('id', 1, TEMARIO_LIMITS.idMax).regex(TOPIC_ID_RE, { error: T.badId }),
    eje: text('eje', 1, 80),
    titulo: text('titulo', TEMARIO_LIMITS.titleMin, TEMARIO_LIMITS.titleMax),
    descripcion: text('descripcion', TEMARIO_LIMITS.descriptionMin, TEMARIO_LIMITS.descriptionMax),
  },
  { error: T.rowNotObject },
);

/** The file around the rows (rows are checked one by one with topicRowSchema). */
export const temarioFileSchema = z.object(
  {
    version: z.string({ error: T.versionText }).trim().min(1, { error: T.versionText }).max(TEMARIO_LIMITS.versionMax, { error: T.versionText }).optional(),
    source: z.string({ error: T.sourceText }).trim().max(TEMARIO_LIMITS.sourceMax, { error: T.sourceText }).optional(),
    temas: z
      .array(z.unknown(), { error: (iss) => (iss.input === undefined ? T.temasMissing : T.temasNotList) })
      .min(1, { error: T.temasTooFew })
      .max(TEMARIO_LIMITS.maxTopics, { error: T.temasTooMany(TEMARIO_LIMITS.maxTopics) }),
  },
  { error: T.notObject },
);

export interface Topic {
  /** Stable kebab-case key (votes and plans refer to it). */
  id: string;
  /** Clave of the eje temático (catalog ejesTematicos). */
  eje: string;
  titulo: string;
  descripcion: string;
}

export interface TemarioData {
  version?: string;
  source?: string;
  temas: Topic[];
}

/** One validation problem: where (machine-readable path) and a full Spanish sentence naming it. */
export interface ValidationIssue {
  path: string;
  message: string;
}

export type TemarioParse = { ok: true; temario: Temario } | { ok: false; issues: ValidationIssue[]; errors: string[] };

export interface TemarioParseOptions {
  /** Every eje must have at least this many topics (default 1). */
  minPerEje?: number;
}

const normalize = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/** Read-only lookups over a validated temario. Topics keep the file's order. */
export class Temario {
  private readonly byIdMap: Map<string, Topic>;

  constructor(
    readonly data: TemarioData,
    /** The ejes it was validated against, in catalog order. */
    readonly ejes: readonly EjeRef[],
  ) {
    this.byIdMap = new Map(data.temas.map((t) => [t.id, t]));
  }

  get version(): string | undefined {
    return this.data.version;
  }

  get topics(): readonly Topic[] {
    return this.data.temas;
  }

  topic(id: string): Topic | undefined {
    return this.byIdMap.get(id);
  }

  has(id: string): boolean {
    return this.byIdMap.has(id);
  }

  /** Topics of one eje, in file order. */
  byEje(eje: string): Topic[] {
    return this.data.temas.filter((t) => t.eje === eje);
  }

  /** The ejes in catalog order with their topics (ejes without topics included, with none). */
  grouped(): { eje: EjeRef; topics: Topic[] }[] {
    return this.ejes.map((eje) => ({ eje, topics: this.byEje(eje.clave) }));
  }

  ejeName(clave: string): string {
    return this.ejes.find((e) => e.clave === clave)?.nombre ?? clave;
  }
}

function finish(issues: ValidationIssue[]): { ok: false; issues: ValidationIssue[]; errors: string[] } {
  const shown = issues.slice(0, TEMARIO_LIMITS.maxErrors);
  const errors = shown.map((i) => i.message);
  if (issues.length > shown.length) errors.push(T.moreErrors(issues.length - shown.length));
  return { ok: false, issues, errors };
}

function issueOf(path: readonly (string | number)[], message: string): ValidationIssue {
  return { path: path.join('.'), message: `${temarioWhere(path)}: ${message}` };
}

function zodIssues(prefix: readonly (string | number)[], error: z.ZodError): ValidationIssue[] {
  return error.issues.map((i) => issueOf([...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], i.message));
}

/** Finds an eje by clave or by name (accents and case ignored). */
export function findEje(ejes: readonly EjeRef[], value: string): EjeRef | undefined {
  const n = normalize(value);
  return ejes.find((e) => normalize(e.clave) === n || normalize(e.nombre) === n);
}

/**
 * Validates a parsed temario file against the catalog's ejes. All rows are checked (not only up to the
 * first error); an eje may be written by its clave or its name and is stored as the clave.
 */
export function parseTemario(raw: unknown, ejes: readonly EjeRef[], options: TemarioParseOptions = {}): TemarioParse {
  const file = temarioFileSchema.safeParse(raw);
  if (!file.success) {
    // A row-level error inside "temas" is impossible here (rows are unknown); only the frame can fail.
    return finish(zodIssues([], file.error));
  }
  const issues: ValidationIssue[] = [];
  const temas: Topic[] = [];
  const firstRowOfId = new Map<string, number>();
  const firstRowOfTitle = new Map<string, number>();
  file.data.temas.forEach((row, i) => {
    const parsed = topicRowSchema.safeParse(row);
    if (!parsed.success) {
      issues.push(...zodIssues(['temas', i], parsed.error));
      return;
    }
    const { id, titulo, descripcion } = parsed.data;
    const eje = findEje(ejes, parsed.data.eje);
    let ok = true;
    if (!eje) {
      issues.push(issueOf(['temas', i, 'eje'], T.unknownEje(parsed.data.eje, ejes.map((e) => e.clave))));
      ok = false;
    }
    const seen = firstRowOfId.get(id);
    if (seen !== undefined) {
      issues.push(issueOf(['temas', i, 'id'], T.duplicateId(id, seen + 1)));
      ok = false;
    } else firstRowOfId.set(id, i);
    if (eje) {
      const titleKey = `${eje.clave}|${normalize(titulo)}`;
      const seenTitle = firstRowOfTitle.get(titleKey);
      if (seenTitle !== undefined) {
        issues.push(issueOf(['temas', i, 'titulo'], T.duplicateTitle(seenTitle + 1)));
        ok = false;
      } else firstRowOfTitle.set(titleKey, i);
    }
    if (ok && eje) temas.push({ id, eje: eje.clave, titulo, descripcion });
  });
  if (issues.length === 0) {
    const min = options.minPerEje ?? 1;
    for (const eje of ejes) {
      if (temas.filter((t) => t.eje === eje.clave).length < min) issues.push(issueOf(['temas'], T.emptyEje(eje.nombre)));
    }
  }
  if (issues.length > 0) return finish(issues);
  const data: TemarioData = { temas };
  if (file.data.version !== undefined) data.version = file.data.version;
  if (file.data.source !== undefined && file.data.source !== '') data.source = file.data.source;
  return { ok: true, temario: new Temario(data, ejes) };
}
