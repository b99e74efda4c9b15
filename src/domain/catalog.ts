import { z } from 'zod';
import { isValidTimeZone } from './time.js';

/** The INE catalog: vocalías, ámbitos, entidades with their federal districts, circunscripciones. Pure data. */
const keyName = z.object({ clave: z.string().min(1), nombre: z.string().min(1) });

export const catalogSchema = z
  .object({
    version: z.string().min(1),
    source: z.string().optional(),
    vocalias: z.array(keyName).min(1),
    ambitos: z.array(keyName).length(2),
    circunscripciones: z.array(z.object({ numero: z.number().int().positive(), cabecera: z.string().min(1) })).min(1),
    entidades: z
      .array(
        z.object({
          clave: z.string().regex(/^\d{2}$/),
          nombre: z.string().min(1),
          distritosFederales: z.number().int().positive(),
          circunscripcion: z.number().int().positive(),
          timeZone: z.string().min(1),
        }),
      )
      .min(1),
    ejesTematicos: z.array(keyName).min(1),
    categoriasBarreras: z.array(keyName).min(1),
  })
  .superRefine((c, ctx) => {
    const circ = new Set(c.circunscripciones.map((x) => x.numero));
    for (const e of c.entidades) {
      if (!circ.has(e.circunscripcion)) {
        ctx.addIssue({ code: 'custom', message: `La entidad ${e.nombre} tiene una circunscripción inexistente (${e.circunscripcion}).` });
      }
      if (!isValidTimeZone(e.timeZone)) {
        ctx.addIssue({ code: 'custom', message: `La entidad ${e.nombre} tiene una zona horaria inválida (${e.timeZone}).` });
      }
    }
    for (const list of [c.vocalias, c.ambitos, c.entidades] as const) {
      const keys = list.map((x) => x.clave);
      if (new Set(keys).size !== keys.length) ctx.addIssue({ code: 'custom', message: 'Hay claves repetidas en el catálogo.' });
    }
  });

export type CatalogData = z.infer<typeof catalogSchema>;
export type Entidad = CatalogData['entidades'][number];
export type AmbitoKey = 'JLE' | 'JDE';

const normalize = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/** Read-only lookups over catalog data. */
export class Catalog {
  private readonly entidadByKey: Map<string, Entidad>;

  constructor(readonly data: CatalogData) {
    this.entidadByKey = new Map(data.entidades.map((e) => [e.clave, e]));
  }

  get totalDistritos(): number {
    return this.data.entidades.reduce((sum, e) => sum + e.distritosFederales, 0);
  }

  entidad(clave: string): Entidad | undefined {
    return this.entidadByKey.get(clave);
  }

  /** Finds a vocalía by key or by name (accents and case ignored). */
  findVocalia(text: string): CatalogData['vocalias'][number] | undefined {
    const n = normalize(text);
    return this.data.vocalias.find((v) => normalize(v.clave) === n || normalize(v.nombre) === n);
  }

  findAmbito(text: string): CatalogData['ambitos'][number] | undefined {
    const n = normalize(text);
    const aliases: Record<string, string> = { local: 'JLE', 'junta local': 'JLE', distrital: 'JDE', 'junta distrital': 'JDE' };
    const alias = aliases[n];
    return this.data.ambitos.find((a) => normalize(a.clave) === n || normalize(a.nombre) === n || a.clave === alias);
  }

  /** Finds an entidad by INEGI key ("9", "09") or by name. */
  findEntidad(text: string): Entidad | undefined {
    const t = text.trim();
    if (/^\d{1,2}$/.test(t)) return this.entidad(t.padStart(2, '0'));
    const n = normalize(t);
    return this.data.entidades.find((e) => normalize(e.nombre) === n);
  }

  /** True when `distrito` is a valid federal district number of the entidad. */
  isValidDistrito(entidadClave: string, distrito: number): boolean {
    const e = this.entidad(entidadClave);
    return !!e && Number.isInteger(distrito) && distrito >= 1 && distrito <= e.distritosFederales;
  }
}

export function parseCatalog(raw: unknown): Catalog {
  return new Catalog(catalogSchema.parse(raw));
}
