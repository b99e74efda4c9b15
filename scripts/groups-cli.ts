import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadDefaultCatalog } from '../src/data/defaultCatalog.js';
import {
  DEFAULT_GROUP_SIZE,
  GroupFormationError,
  formGroups,
  formatQualityTable,
  groupCountFor,
  toGroupMember,
} from '../src/domain/groups/index.js';
import { formatRosterErrors, validateRoster } from '../src/domain/roster.js';
import { MAX_TABLE_FILE_BYTES, TableFileError, formatForFileName, readRosterFile, writeTableFile } from '../src/services/rosterFile.js';

/**
 * `npm run groups -- --roster padron.xlsx --size 35 --seed 1 --out grupos.csv`
 *
 * Forms balanced groups from a roster file and writes one row per member with her group, then prints
 * the quality table. Exit codes: 0 done; 1 the roster or the request cannot be processed (nothing is
 * written); 2 wrong command-line usage.
 */

const USAGE = `Conformación de grupos de la Red de Coaching

Uso:
  npm run groups -- --roster ARCHIVO.csv|ARCHIVO.xlsx --out SALIDA.csv|SALIDA.xlsx [opciones]

Opciones:
  --roster ARCHIVO   Padrón de integrantes (CSV UTF-8 separado por comas o punto y coma, o Excel .xlsx)
                     con las columnas: nombre, correo, vocalia, ambito, entidad, distrito.
                     - vocalia: clave (VE, VS, VRFE, VOE, VCEyEC) o nombre de la vocalía.
                     - ambito: JLE (Junta Local Ejecutiva) o JDE (Junta Distrital Ejecutiva).
                     - entidad: clave del INEGI (01 a 32) o nombre de la entidad.
                     - distrito: número de distrito federal; vacío para una Junta Local.
  --out SALIDA       Archivo de resultados (.csv o .xlsx): una fila por integrante con su grupo.
  --size N           Tamaño objetivo de los grupos (por omisión ${DEFAULT_GROUP_SIZE}); el número de grupos
                     es el redondeo de integrantes / N.
  --groups N         Número de grupos (en lugar de --size).
  --seed N           Semilla (por omisión 1): el mismo padrón con la misma semilla produce los mismos grupos.
  -h, --help         Muestra esta ayuda.

Códigos de salida: 0 = grupos formados; 1 = el padrón tiene errores o no se puede leer (no se escribe
ningún archivo); 2 = opciones incorrectas.`;

const MAX_ERROR_LINES = 200;

class UsageError extends Error {}

function baseDir(): string {
  // `npm run` changes to the project folder; INIT_CWD is the folder the command was typed in.
  return process.env.INIT_CWD ?? process.cwd();
}

function positiveInt(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1)
    throw new UsageError(`La opción --${name} debe ser un número entero mayor o igual a 1 (se indicó «${text}»).`);
  return Number(text);
}

interface CliOptions {
  roster: string;
  out: string;
  size?: number;
  groups?: number;
  seed: number;
}

function parseCli(argv: string[]): CliOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        roster: { type: 'string' },
        out: { type: 'string' },
        size: { type: 'string' },
        groups: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
      strict: true,
    });
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? String(e.code) : '';
    const message = e instanceof Error ? e.message : '';
    const option = /--?[\w-]+/.exec(/'([^']+)'/.exec(message)?.[1] ?? '')?.[0] ?? '';
    const longOption = /--[\w-]+/.exec(message)?.[0] ?? option;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`Opción no reconocida: ${option}.`, { cause: e });
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      throw new UsageError(
        /does not take/.test(message) ? `La opción ${longOption} no lleva valor.` : `Falta el valor de la opción ${longOption}.`,
        { cause: e },
      );
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
      throw new UsageError('Hay un valor suelto en la línea de comandos; cada valor debe seguir a su opción (por ejemplo --seed 3).', { cause: e });
    throw new UsageError('Opciones incorrectas.', { cause: e });
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (!v.roster) throw new UsageError('Falta --roster con el archivo del padrón (.csv o .xlsx).');
  if (!v.out) throw new UsageError('Falta --out con el archivo de resultados (.csv o .xlsx).');
  if (!formatForFileName(v.out)) throw new UsageError(`El archivo de resultados «${v.out}» debe terminar en .csv o .xlsx.`);
  if (v.size !== undefined && v.groups !== undefined) throw new UsageError('Indique --size o --groups, pero no ambas.');
  const seedText = v.seed ?? '1';
  if (!/^\d+$/.test(seedText.trim())) throw new UsageError(`La semilla --seed debe ser un número entero (se indicó «${seedText}»).`);
  const opts: CliOptions = { roster: path.resolve(baseDir(), v.roster), out: path.resolve(baseDir(), v.out), seed: Number(seedText) };
  const size = positiveInt('size', v.size);
  const groups = positiveInt('groups', v.groups);
  if (size !== undefined) opts.size = size;
  if (groups !== undefined) opts.groups = groups;
  return opts;
}

const HEADERS = ['grupo', 'nombre', 'correo', 'vocalia', 'ambito', 'entidad', 'nombre_entidad', 'distrito', 'circunscripcion'];

async function run(argv: string[]): Promise<number> {
  let opts: CliOptions | 'help';
  try {
    opts = parseCli(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(e.message);
      console.error('Use --help para ver las opciones.');
      return 2;
    }
    throw e;
  }
  if (opts === 'help') {
    console.log(USAGE);
    return 0;
  }

  if (!existsSync(opts.roster) || !statSync(opts.roster).isFile()) {
    console.error(`No existe el archivo del padrón: ${opts.roster}`);
    return 1;
  }
  if (statSync(opts.roster).size > MAX_TABLE_FILE_BYTES) {
    console.error(`El archivo del padrón pesa más de ${MAX_TABLE_FILE_BYTES / (1024 * 1024)} MB; divídalo en partes más pequeñas.`);
    return 1;
  }
  const outDir = path.dirname(opts.out);
  if (!existsSync(outDir)) {
    console.error(`No existe la carpeta de salida: ${outDir}`);
    return 1;
  }

  const catalog = loadDefaultCatalog();
  let rows;
  try {
    rows = await readRosterFile(readFileSync(opts.roster), path.basename(opts.roster));
  } catch (e) {
    if (e instanceof TableFileError) {
      console.error(`No se pudo leer el padrón: ${e.message}`);
      return 1;
    }
    throw e;
  }
  const { valid, errors } = validateRoster(rows, catalog);
  if (errors.length > 0) {
    const rowsWithErrors = new Set(errors.map((e) => e.row)).size;
    console.error(
      `El padrón tiene ${errors.length} ${errors.length === 1 ? 'error' : 'errores'} en ${rowsWithErrors} ${rowsWithErrors === 1 ? 'fila' : 'filas'}. Corríjalos y vuelva a intentarlo; no se escribió ningún archivo.`,
    );
    const lines = formatRosterErrors(errors);
    for (const line of lines.slice(0, MAX_ERROR_LINES)) console.error(`  ${line}`);
    if (lines.length > MAX_ERROR_LINES) console.error(`  … y ${lines.length - MAX_ERROR_LINES} errores más.`);
    return 1;
  }
  if (valid.length === 0) {
    console.error('El padrón no tiene integrantes (solo encabezados o filas vacías); no se escribió ningún archivo.');
    return 1;
  }

  const started = performance.now();
  let result;
  try {
    result = formGroups(valid.map(toGroupMember), { seed: opts.seed, size: opts.size, groups: opts.groups });
  } catch (e) {
    if (e instanceof GroupFormationError) {
      console.error(`No se pudieron formar los grupos: ${e.message}`);
      return 1;
    }
    throw e;
  }
  const elapsed = performance.now() - started;

  const vocaliaRank = new Map(catalog.data.vocalias.map((v, i) => [v.clave, i]));
  const out = valid
    .map((m) => ({ m, g: result.assignment.groupOf.get(m.correo)! }))
    .sort(
      (a, b) =>
        a.g - b.g ||
        a.m.entidad.localeCompare(b.m.entidad) ||
        (a.m.ambito === 'JLE' ? 0 : 1) - (b.m.ambito === 'JLE' ? 0 : 1) ||
        (a.m.distrito ?? 0) - (b.m.distrito ?? 0) ||
        (vocaliaRank.get(a.m.vocalia) ?? 0) - (vocaliaRank.get(b.m.vocalia) ?? 0) ||
        a.m.nombre.localeCompare(b.m.nombre, 'es'),
    )
    .map(({ m, g }) => [
      g,
      m.nombre,
      m.correo,
      m.vocalia,
      m.ambito,
      m.entidad,
      catalog.entidad(m.entidad)?.nombre ?? '',
      m.distrito ?? '',
      m.circunscripcion,
    ]);
  const format = formatForFileName(opts.out)!;
  writeFileSync(opts.out, await writeTableFile(format, HEADERS, out, { sheetName: 'Grupos' }));

  const groupCount = result.assignment.groupCount;
  const how = opts.groups !== undefined ? `${groupCount} grupos solicitados` : `tamaño objetivo ${opts.size ?? DEFAULT_GROUP_SIZE} → ${groupCountFor(valid.length, opts.size)} grupos`;
  console.log(`Padrón: ${valid.length} integrantes, sin errores (${path.basename(opts.roster)}).`);
  console.log(`Grupos: ${groupCount} (${how}), semilla ${opts.seed}; búsqueda: ${result.search.iterations} iteraciones, ${elapsed.toFixed(0)} ms.`);
  console.log(`Resultado escrito en ${opts.out}`);
  console.log('');
  console.log(
    formatQualityTable(result.quality, {
      valueOrder: { vocalia: catalog.data.vocalias.map((v) => v.clave), ambito: ['JLE', 'JDE'] },
    }),
  );
  return 0;
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`Error inesperado: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  },
);
