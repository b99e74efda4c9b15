import os from 'node:os';
import { parseArgs } from 'node:util';
import { loadDefaultCatalog } from '../src/data/defaultCatalog.js';
import {
  GROUP_ATTRIBUTES,
  computeQuality,
  formGroups,
  groupSizes,
  mulberry32,
  shuffleInPlace,
  type Assignment,
  type GroupMember,
  type QualityReport,
} from '../src/domain/groups/index.js';
import { realisticRoster, syntheticMembers, toGroupMembers } from '../test/helpers/rosterFixtures.js';

/**
 * `npm run bench:groups [-- --seed N --size N]`: group formation on a realistic 498-member roster
 * (women in the 5 vocalías of the 32 Juntas Locales and 300 Juntas Distritales) and on 50,000
 * synthetic members, next to a random deal of the same members into groups of the same sizes.
 */

const { values } = parseArgs({ options: { seed: { type: 'string' }, size: { type: 'string' } } });
const seed = Number(values.seed ?? 1);
const size = Number(values.size ?? 35);
const catalog = loadDefaultCatalog();

interface Line {
  scenario: string;
  method: string;
  ms: number;
  iterations: string;
  report: QualityReport;
}

function randomDeal(members: readonly GroupMember[], groupCount: number, dealSeed: number): Assignment {
  const shuffled = shuffleInPlace([...members], mulberry32(dealSeed));
  const groupOf = new Map<string, number>();
  let i = 0;
  groupSizes(members.length, groupCount).forEach((s, g) => {
    for (let k = 0; k < s; k++) groupOf.set(shuffled[i++]!.id, g + 1);
  });
  return { groupCount, groupOf };
}

function measure(scenario: string, members: GroupMember[]): Line[] {
  let t = performance.now();
  const result = formGroups(members, { seed, size });
  const searchMs = performance.now() - t;
  t = performance.now();
  const deal = randomDeal(members, result.assignment.groupCount, seed);
  const dealMs = performance.now() - t;
  return [
    { scenario, method: 'búsqueda', ms: searchMs, iterations: String(result.search.iterations), report: result.quality },
    { scenario, method: 'aleatorio', ms: dealMs, iterations: '-', report: computeQuality(members, deal) },
  ];
}

const lines = [
  ...measure('498 realista', toGroupMembers(realisticRoster(catalog, seed))),
  ...measure('50000 sintético', syntheticMembers(catalog, seed, 50_000)),
];

const headers = ['Escenario', 'Método', 'Tiempo ms', 'Iter.', 'Grupos', 'Tam.mín', 'Tam.máx', 'Exc.Voc', 'Exc.Ámb', 'Exc.Circ', 'Exc.Ent', 'Choques'];
const rows = lines.map((l) => [
  l.scenario,
  l.method,
  l.ms.toFixed(0),
  l.iterations,
  String(l.report.totals.groups),
  String(l.report.totals.minSize),
  String(l.report.totals.maxSize),
  ...GROUP_ATTRIBUTES.map((a) => String(l.report.totals.excess[a])),
  String(l.report.totals.clashes),
]);
const widths = headers.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k]!.length)));
const fmt = (cells: string[]): string => cells.map((c, k) => (k < 2 ? c.padEnd(widths[k]!) : c.padStart(widths[k]!))).join('  ');

console.log(`Conformación de grupos — semilla ${seed}, tamaño objetivo ${size}; Node ${process.version}, ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? '?'})`);
console.log(fmt(headers));
console.log(fmt(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(fmt(r));
console.log('Exceso = integrantes fuera del rango [piso, techo] de la cuota proporcional, sumado sobre grupos y valores; choques = integrantes de más de una misma junta en un grupo.');
