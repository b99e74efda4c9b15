import { existsSync } from 'node:fs';
import { GeneralReportService, type GeneralReportFormat } from '../src/services/generalReport/index.js';
import { syntheticEdition } from '../test/generalReport/synthetic.js';

/**
 * npm run bench:report
 *
 * Issue 13. Generates the general report (DOCX with its charts, and the XLSX) for two synthetic editions, through
 * GeneralReportService (gathering → pure compilation → rendering) over in-memory services and reporting sources
 * (test/generalReport/synthetic.ts):
 *   - a full edition: 498 members, 14 groups, 168 sessions (12 per group, with attendance and minutes), national
 *     and regional meetings, 3 survey waves of 498 answers, anonymous barrier reports and the groups' reports.
 *     Targets: < 10 s and < 20 MB per file.
 *   - 50,000 members in 1,430 groups with the same shape of data. Target: completes within 60 s.
 * Prints the time and the size of each file. When bench/statusTiming.ts exists (the status command's timing,
 * exported as statusTiming()), its result for 498 members / 14 groups is printed too.
 */

interface Case {
  name: string;
  members: number;
  groups: number;
  answers: number;
  limitMs: number;
  limitBytes?: number;
}

const CASES: Case[] = [
  { name: 'edición completa', members: 498, groups: 14, answers: 498, limitMs: 10_000, limitBytes: 20 * 1024 * 1024 },
  { name: '50,000 integrantes', members: 50_000, groups: 1_430, answers: 50_000, limitMs: 60_000 },
];

const fmtBytes = (n: number): string => (n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(2)} MB` : `${(n / 1024).toFixed(1)} KB`);
const fmtMs = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

async function run(c: Case): Promise<boolean> {
  const e = syntheticEdition({ members: c.members, groups: c.groups, sessionsPerGroup: 12, waves: 3, answers: c.answers, seed: 13 });
  const service = new GeneralReportService(e.deps);
  const report = await service.compile(e.editionId);
  const sessions = report?.implementation.sessions;
  const total = sessions ? sessions.held + sessions.scheduled + sessions.cancelled : 0;
  console.log(`\n${c.name}: ${c.members} integrantes (${report?.participation?.totals.validated ?? 0} validadas), ${c.groups} grupos, ${total} sesiones, ${report?.surveys?.waves.length ?? 0} levantamientos de ${c.answers} respuestas, ${report?.annex.length ?? 0} informes aceptados`);
  let ok = true;
  for (const format of ['docx', 'xlsx'] as GeneralReportFormat[]) {
    const t0 = performance.now();
    const r = await service.build(e.editionId, format);
    const ms = performance.now() - t0;
    if (r.kind !== 'file') {
      console.log(`  ${format.toUpperCase()}: sin archivo (${r.kind})`);
      ok = false;
      continue;
    }
    const pass = ms < c.limitMs && (c.limitBytes === undefined || r.data.length < c.limitBytes);
    ok &&= pass;
    const target = `objetivo < ${fmtMs(c.limitMs)}${c.limitBytes ? ` y < ${fmtBytes(c.limitBytes)}` : ''}`;
    console.log(`  ${format.toUpperCase()}: ${fmtMs(ms)}, ${fmtBytes(r.data.length)} (${target}) ${pass ? 'OK' : 'FUERA DE OBJETIVO'}`);
  }
  console.log(`  memoria residente máxima hasta aquí: ${fmtBytes(process.resourceUsage().maxRSS * 1024)}`);
  return ok;
}

async function statusTiming(): Promise<void> {
  if (!existsSync(new URL('./statusTiming.ts', import.meta.url))) {
    console.log('\nestado: bench/statusTiming.ts no existe; se omite el tiempo de «estado».');
    return;
  }
  // A variable specifier: the module is optional (another feature's bench helper).
  const specifier = './statusTiming.js';
  const mod = (await import(specifier)) as { statusTiming?: (opts?: { members?: number; groups?: number }) => Promise<unknown> };
  if (typeof mod.statusTiming !== 'function') {
    console.log('\nestado: bench/statusTiming.ts no exporta statusTiming().');
    return;
  }
  const t0 = performance.now();
  const result = await mod.statusTiming({ members: 498, groups: 14 });
  console.log(`\nestado (498 integrantes, 14 grupos): ${typeof result === 'number' ? `${result.toFixed(0)} ms` : JSON.stringify(result)} (llamada completa: ${fmtMs(performance.now() - t0)}, objetivo < 1 s)`);
}

let allOk = true;
for (const c of CASES) allOk = (await run(c)) && allOk;
await statusTiming();
console.log(allOk ? '\nbench:report OK' : '\nbench:report: algún caso quedó fuera de objetivo');
process.exitCode = allOk ? 0 : 1;
