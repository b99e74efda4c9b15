import { readFileSync } from 'node:fs';
import { resourcePath } from '../../resources.js';
import { checkInstrumentSet, parseInstrument } from '../../domain/surveys/instrument.js';
import { WAVES, type Instrument, type WaveNumber } from '../../domain/surveys/types.js';

/** File of each wave's default instrument in src/data/surveys/. */
export const DEFAULT_INSTRUMENT_FILES: Readonly<Record<WaveNumber, string>> = Object.freeze({
  1: 'ola1-linea-base.json',
  2: 'ola2-cierre.json',
  3: 'ola3-seguimiento.json',
});

let cache: Map<WaveNumber, Instrument> | undefined;

/** Validates a shipped instrument (exported for tests); a broken file is a bug of the release. */
export function parseDefaultInstrument(raw: unknown, file: string): Instrument {
  const parsed = parseInstrument(raw);
  if (!parsed.ok) throw new Error(`src/data/surveys/${file} no es válido:\n${parsed.errors.join('\n')}`);
  return parsed.instrument;
}

function loadAll(): Map<WaveNumber, Instrument> {
  const out = new Map<WaveNumber, Instrument>();
  for (const wave of WAVES) {
    const file = DEFAULT_INSTRUMENT_FILES[wave];
    const instrument = parseDefaultInstrument(JSON.parse(readFileSync(resourcePath('src', 'data', 'surveys', file), 'utf8')), file);
    if (instrument.wave !== wave) throw new Error(`src/data/surveys/${file}: la ola es ${instrument.wave}, se esperaba ${wave}.`);
    out.set(wave, instrument);
  }
  const problems = checkInstrumentSet([...out.values()]);
  if (problems.length) throw new Error(`Los instrumentos de src/data/surveys/ no son coherentes entre olas:\n${problems.join('\n')}`);
  return out;
}

/** The shipped default instrument of a wave (the three are validated together once, then cached). */
export function loadDefaultInstrument(wave: WaveNumber): Instrument {
  cache ??= loadAll();
  const instrument = cache.get(wave);
  if (!instrument) throw new Error(`No hay instrumento predeterminado para la ola ${wave}.`);
  return instrument;
}

/** The three default instruments, wave 1..3. */
export function loadDefaultInstruments(): Instrument[] {
  return WAVES.map(loadDefaultInstrument);
}
