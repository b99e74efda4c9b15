import { GROUPS_TEXTS } from './texts.js';

export interface ProposeOptions {
  size?: number;
  groups?: number;
  seed?: number;
}

/** The options of "grupos proponer": "tamaño 30", "grupos 12", "semilla 7" in any order. */
export function parseProposeArgs(args: readonly string[]): ProposeOptions | { error: string } {
  const out: ProposeOptions = {};
  for (let i = 0; i < args.length; i += 2) {
    const key = (args[i] ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    const field = ({ tamano: 'size', grupos: 'groups', semilla: 'seed' } as const)[key as 'tamano' | 'grupos' | 'semilla'];
    if (!field) return { error: GROUPS_TEXTS.unknownOption(args[i] ?? '') };
    const value = Number(args[i + 1]);
    if (!Number.isInteger(value) || value < 1 || value > 100_000) return { error: GROUPS_TEXTS.notPositiveInteger(args[i] ?? '') };
    out[field] = value;
  }
  return out;
}
