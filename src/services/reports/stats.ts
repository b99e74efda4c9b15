import type { Catalog } from '../../domain/catalog.js';
import { MEMBER_STATUSES, MEMBER_STATUS_LABELS, type MemberRecord, type MemberStatus } from '../../domain/member.js';

/**
 * Registration statistics of one edition ("registros"). Pure: a function of the member records and the
 * catalog, no I/O. Status totals count every record; the breakdowns by vocalía, ámbito, entidad and
 * circunscripción count only current registrations (validated and pending), which is what UTIGyND plans
 * sessions with. Keys that are not in the catalog are counted under "Sin dato" so totals always add up.
 */

/** Statuses included in the breakdowns ("registros vigentes"). */
export const CURRENT_STATUSES: readonly MemberStatus[] = ['validated', 'pending'];

export const UNKNOWN_KEY = '__sin_dato__';
export const UNKNOWN_LABEL = 'Sin dato';

export interface StatBucket {
  /** Catalog key (vocalía clave, ámbito clave, entidad clave, circunscripción number as text, status). */
  key: string;
  label: string;
  count: number;
}

export interface RegistrationStats {
  /** Every record of the edition, whatever its status. */
  total: number;
  /** Validated + pending. */
  current: number;
  /** One bucket per status, in MEMBER_STATUSES order (zeros included). */
  byStatus: StatBucket[];
  /** Catalog order, zeros included; "Sin dato" last and only when non-zero. */
  byVocalia: StatBucket[];
  byAmbito: StatBucket[];
  byCircunscripcion: StatBucket[];
  /** Catalog order, zeros included; "Sin dato" last and only when non-zero. */
  byEntidad: StatBucket[];
}

type StatsInput = Pick<MemberRecord, 'status' | 'vocalia' | 'ambito' | 'entidad' | 'circunscripcion'>;

function tally<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  known: readonly { key: string; label: string }[],
): StatBucket[] {
  const counts = new Map<string, number>(known.map((k) => [k.key, 0]));
  let unknown = 0;
  for (const item of items) {
    const key = keyOf(item);
    const current = counts.get(key);
    if (current === undefined) unknown++;
    else counts.set(key, current + 1);
  }
  const buckets = known.map((k) => ({ key: k.key, label: k.label, count: counts.get(k.key) ?? 0 }));
  if (unknown > 0) buckets.push({ key: UNKNOWN_KEY, label: UNKNOWN_LABEL, count: unknown });
  return buckets;
}

export function computeRegistrationStats(members: readonly StatsInput[], catalog: Catalog): RegistrationStats {
  const current = members.filter((m) => CURRENT_STATUSES.includes(m.status));
  const data = catalog.data;
  return {
    total: members.length,
    current: current.length,
    byStatus: MEMBER_STATUSES.map((s) => ({ key: s, label: MEMBER_STATUS_LABELS[s], count: members.filter((m) => m.status === s).length })),
    byVocalia: tally(
      current,
      (m) => m.vocalia,
      data.vocalias.map((v) => ({ key: v.clave, label: v.nombre })),
    ),
    byAmbito: tally(
      current,
      (m) => m.ambito,
      data.ambitos.map((a) => ({ key: a.clave, label: a.nombre })),
    ),
    byCircunscripcion: tally(
      current,
      (m) => String(m.circunscripcion),
      data.circunscripciones.map((c) => ({ key: String(c.numero), label: `Circunscripción ${c.numero} (${c.cabecera})` })),
    ),
    byEntidad: tally(
      current,
      (m) => m.entidad,
      data.entidades.map((e) => ({ key: e.clave, label: e.nombre })),
    ),
  };
}

/** Share of `count` in `total` as a whole percentage (0 when total is 0). */
export function percent(count: number, total: number): number {
  return total > 0 ? Math.round((count * 100) / total) : 0;
}

/** Non-zero buckets, largest first (ties keep catalog order). */
export function nonZeroByCount(buckets: readonly StatBucket[]): StatBucket[] {
  return buckets
    .map((b, i) => ({ b, i }))
    .filter(({ b }) => b.count > 0)
    .sort((x, y) => y.b.count - x.b.count || x.i - y.i)
    .map(({ b }) => b);
}
