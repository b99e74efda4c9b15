import type { Catalog } from '../../src/domain/catalog.js';
import { juntaKey, type RosterMember } from '../../src/domain/roster.js';
import type { GroupMember } from '../../src/domain/groups/types.js';
import { mulberry32, shuffleInPlace } from '../../src/domain/groups/prng.js';

/**
 * Synthetic rosters built from the real INE catalog, for tests and benchmarks. Every position is a
 * (junta, vocalía) pair: 32 Juntas Locales and 300 Juntas Distritales, 5 vocalías each (1,660 positions).
 */

export interface Position {
  vocalia: string;
  ambito: 'JLE' | 'JDE';
  entidad: string;
  distrito?: number;
  circunscripcion: number;
}

export function juntas(catalog: Catalog): Omit<Position, 'vocalia'>[] {
  const list: Omit<Position, 'vocalia'>[] = [];
  for (const e of catalog.data.entidades) {
    list.push({ ambito: 'JLE', entidad: e.clave, circunscripcion: e.circunscripcion });
    for (let d = 1; d <= e.distritosFederales; d++)
      list.push({ ambito: 'JDE', entidad: e.clave, distrito: d, circunscripcion: e.circunscripcion });
  }
  return list;
}

export function allPositions(catalog: Catalog): Position[] {
  return juntas(catalog).flatMap((j) => catalog.data.vocalias.map((v) => ({ ...j, vocalia: v.clave })));
}

/** A realistic roster: `count` of the 1,660 positions (without repetition), held by women, sampled with a seed. */
export function realisticRoster(catalog: Catalog, seed: number, count = 498): RosterMember[] {
  const positions = shuffleInPlace(allPositions(catalog), mulberry32(seed)).slice(0, count);
  return positions.map((p, i) => {
    const num = String(i + 1).padStart(4, '0');
    const m: RosterMember = {
      nombre: `Integrante ${num}`,
      correo: `integrante${num}@ine.mx`,
      vocalia: p.vocalia,
      ambito: p.ambito,
      entidad: p.entidad,
      circunscripcion: p.circunscripcion,
    };
    if (p.distrito !== undefined) m.distrito = p.distrito;
    return m;
  });
}

export function toGroupMembers(roster: readonly RosterMember[]): GroupMember[] {
  return roster.map((m) => ({
    id: m.correo,
    vocalia: m.vocalia,
    ambito: m.ambito,
    entidad: m.entidad,
    circunscripcion: m.circunscripcion,
    juntaKey: juntaKey(m),
  }));
}

/** `count` synthetic members: each in a random junta (uniform over the 332) and a random vocalía. */
export function syntheticMembers(catalog: Catalog, seed: number, count: number): GroupMember[] {
  const rng = mulberry32(seed);
  const js = juntas(catalog);
  const vocalias = catalog.data.vocalias.map((v) => v.clave);
  return Array.from({ length: count }, (_, i) => {
    const j = js[rng.int(js.length)]!;
    return {
      id: `m${String(i + 1).padStart(6, '0')}@ine.mx`,
      vocalia: vocalias[rng.int(vocalias.length)]!,
      ambito: j.ambito,
      entidad: j.entidad,
      circunscripcion: j.circunscripcion,
      juntaKey: juntaKey(j),
    };
  });
}
