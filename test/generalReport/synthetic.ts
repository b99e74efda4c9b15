import { BARRIER_CATEGORIES } from '../../src/domain/barriers.js';
import type { MemberRecord, MemberStatus } from '../../src/domain/member.js';
import { mulberry32 } from '../../src/domain/groups/prng.js';
import { loadDefaultCatalog } from '../../src/data/defaultCatalog.js';
import type { GeneralReportDeps } from '../../src/services/generalReport/index.js';
import type {
  ReportGroupReport,
  ReportMeeting,
  ReportMinutes,
  ReportSession,
  ReportSurveyResults,
  ReportSurveyWave,
  ReportingSources,
  ReportAnonymousBarrier,
} from '../../src/services/reporting/sources.js';

/**
 * A synthetic edition for the general report's tests and bench (bench/report.ts): members with names and
 * e-mails (so tests can prove none leaks where it must not), confirmed groups, roles, work plans, sessions with
 * attendance and minutes (barrier notes that mention people and places), meetings, three survey waves with
 * aggregated results (some cells below k), anonymous barrier reports and accepted group reports. Everything is
 * served by in-memory fakes of the services and of the reporting sources.
 */

export interface SyntheticOptions {
  members: number;
  groups: number;
  sessionsPerGroup?: number;
  waves?: number;
  /** Answers per wave (default: validated members). */
  answers?: number;
  seed?: number;
  /** Which reporting sources exist (default: all). */
  sources?: Partial<Record<keyof ReportingSources, boolean>>;
}

export interface SyntheticEdition {
  editionId: string;
  deps: GeneralReportDeps;
  records: MemberRecord[];
  sources: ReportingSources;
}

const FIRST = ['Adriana', 'Beatriz', 'Carmen', 'Diana', 'Elena', 'Fernanda', 'Gabriela', 'Hilda', 'Irene', 'Julieta', 'Karla', 'Lorena', 'Mónica', 'Norma', 'Olivia', 'Patricia'];
const LAST = ['Pérez', 'Gómez', 'Ortiz', 'Reyes', 'Vargas', 'Luna', 'Soto', 'Cruz', 'Navarro', 'Medina', 'Ibarra', 'Zamora', 'Quintero', 'Salazar', 'Villalobos', 'Montes'];
const EDITION = 'sint-2026';

export function syntheticEdition(opts: SyntheticOptions): SyntheticEdition {
  const rng = mulberry32(opts.seed ?? 7);
  const rand = (): number => rng.next();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const catalog = loadDefaultCatalog();
  const c = catalog.data;
  const at = new Date('2026-03-01T16:00:00Z');
  const has = (k: keyof ReportingSources): boolean => opts.sources?.[k] ?? true;

  const records: MemberRecord[] = Array.from({ length: opts.members }, (_, i) => {
    const entidad = pick(c.entidades);
    const ambito = rand() < 0.3 ? 'JLE' : 'JDE';
    const r = rand();
    const status: MemberStatus = r < 0.9 ? 'validated' : r < 0.95 ? 'withdrawn' : r < 0.98 ? 'pending' : 'rejected';
    const key = `aad:00000000-0000-0000-0000-${String(i + 1).padStart(12, '0')}`;
    return {
      _id: `${EDITION}:${key}`,
      editionId: EDITION,
      personKey: key,
      aadObjectId: key.slice(4),
      userId: `29:s${i + 1}`,
      nombre: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${LAST[(i * 7) % LAST.length]}`,
      correo: `integrante${i + 1}@ine.mx`,
      vocalia: pick(c.vocalias).clave,
      ambito,
      entidad: entidad.clave,
      ...(ambito === 'JDE' ? { distrito: 1 + Math.floor(rand() * entidad.distritosFederales) } : {}),
      circunscripcion: entidad.circunscripcion,
      ejesInteres: [],
      consent: { accepted: true, at, version: 'v1' },
      status,
      rosterMatch: true,
      createdAt: at,
      updatedAt: at,
      ...(status === 'withdrawn' ? { withdrawnAt: at } : {}),
    } satisfies MemberRecord;
  });
  const validated = records.filter((m) => m.status === 'validated');
  const G = opts.groups;
  const assignment: Record<string, number> = {};
  validated.forEach((m, i) => (assignment[m._id] = (i % G) + 1));
  const byGroup = new Map<number, MemberRecord[]>();
  for (const m of validated) byGroup.set(assignment[m._id]!, [...(byGroup.get(assignment[m._id]!) ?? []), m]);
  const holders = [...byGroup].flatMap(([group, ms]) => [
    ...(ms[0] ? [{ group, role: 'representante' as const, personKey: ms[0].personKey }] : []),
    ...(ms[1] ? [{ group, role: 'secretaria' as const, personKey: ms[1].personKey }] : []),
  ]);
  const ejes = c.ejesTematicos;
  const plans = Array.from({ length: G }, (_, g) => ({
    group: g + 1,
    items: Array.from({ length: 6 }, (_, i) => ({ topicId: `t${(g + i) % 12}`, eje: ejes[(g + i) % 12 % ejes.length]!.clave, titulo: `Tema ${(g + i) % 12}` })),
  }));

  const perGroup = opts.sessionsPerGroup ?? 12;
  const sessions: ReportSession[] = [];
  const minutes: ReportMinutes[] = [];
  for (let g = 1; g <= G; g++) {
    const ms = byGroup.get(g) ?? [];
    for (let s = 0; s < perGroup; s++) {
      const date = new Date(at.getTime() + (s + 1) * 14 * 86_400_000);
      const state = s < perGroup - 2 ? 'held' : s === perGroup - 1 ? 'cancelled' : 'scheduled';
      const invited = ms.map((m) => m.personKey);
      const attended = state === 'held' ? invited.filter(() => rand() < 0.8) : [];
      const sessionId = `${g}-${s}`;
      sessions.push({ sessionId, group: g, state, date, topic: `Tema ${(g + s) % 12}`, topicId: `t${(g + s) % 12}`, invited, attended });
      if (state === 'held') {
        const who = ms[s % Math.max(1, ms.length)];
        minutes.push({
          sessionId,
          group: g,
          date,
          topicsCovered: [`Tema ${(g + s) % 12}`],
          agreements: ['Compartir materiales'],
          barriers: [
            {
              category: BARRIER_CATEGORIES[(g + s) % BARRIER_CATEGORIES.length]!,
              text: `${who?.nombre ?? 'Una integrante'} (${who?.correo ?? 'sin correo'}) comentó que en la junta distrital 5 de Jalisco no le dieron tiempo para la sesión.`,
            },
          ],
        });
      }
    }
  }
  const meetings: ReportMeeting[] = [
    { meetingId: 'n1', kind: 'nacional', title: 'Reunión Nacional de apertura', date: at, state: 'held', invited: validated.length, attended: Math.round(validated.length * 0.85) },
    ...c.circunscripciones.map((x) => ({
      meetingId: `r${x.numero}`,
      kind: 'regional' as const,
      title: `Reunión regional, circunscripción ${x.numero}`,
      date: new Date(at.getTime() + 60 * 86_400_000),
      state: 'held' as const,
      region: `Circunscripción ${x.numero}`,
      invited: Math.round(validated.length / 5),
      attended: Math.round(validated.length / 6),
    })),
    { meetingId: 'n2', kind: 'nacional', title: 'Reunión Nacional de cierre', date: new Date(at.getTime() + 180 * 86_400_000), state: 'scheduled', invited: validated.length, attended: 0 },
  ];
  const waveCount = opts.waves ?? 3;
  const answers = opts.answers ?? validated.length;
  const waves: ReportSurveyWave[] = Array.from({ length: waveCount }, (_, i) => ({
    wave: i + 1,
    label: ['Levantamiento inicial', 'Fin de la Red', 'Seguimiento a cuatro meses'][i] ?? `Levantamiento ${i + 1}`,
    opensAt: new Date(at.getTime() + i * 120 * 86_400_000),
    closesAt: new Date(at.getTime() + (i * 120 + 14) * 86_400_000),
    invited: validated.length,
    started: answers,
    finished: answers,
  }));
  const results = (wave: number): ReportSurveyResults => ({
    wave,
    k: 5,
    questions: [
      { questionId: 'confianza', text: 'Confianza en su liderazgo (1 a 5)', kind: 'scale', n: answers, suppressed: false, mean: 3 + wave * 0.3, options: [1, 2, 3, 4, 5].map((v) => ({ label: String(v), count: Math.round(answers / 5) })) },
      {
        questionId: 'apoyo',
        text: '¿Cuenta con apoyo de su superior para asistir?',
        kind: 'single',
        n: answers,
        suppressed: false,
        options: [
          { label: 'Sí', count: answers - 3 },
          { label: 'No', count: 3 },
        ],
      },
      // The barriers block as the surveys adapter sends it (src/services/reporting/adapters/surveys.ts).
      ...BARRIER_CATEGORIES.map((cat, i) => ({
        questionId: `barreras.${cat}`,
        text: cat,
        kind: 'scale' as const,
        n: answers,
        suppressed: false,
        barrierCategory: cat,
        faced: Math.round(answers * (0.1 + i * 0.05)),
        mean: 2.5 + i * 0.1 + wave * 0.05,
      })),
      { questionId: 'comentarios', text: 'Comentarios', kind: 'text', n: answers, suppressed: false },
      { questionId: 'pequena', text: 'Pregunta con pocas respuestas', kind: 'single', n: 4, suppressed: false, options: [{ label: 'Sí', count: 4 }] },
    ],
  });
  const anonymous: ReportAnonymousBarrier[] = BARRIER_CATEGORIES.map((category, i) => ({ category, description: `Reporte anónimo ${i}: en Guadalajara la vocal me pidió no asistir; escríbanme a ${records[i]?.correo ?? 'x@ine.mx'}.`, createdAt: at }));
  const reports: ReportGroupReport[] = Array.from({ length: G }, (_, g) => ({
    group: g + 1,
    state: g % 7 === 6 ? 'en_revision' : 'aceptado',
    version: 1,
    summary: `El grupo ${g + 1} trabajó liderazgo y negociación en ${perGroup} sesiones.`,
    achievements: 'Se fortaleció la red de apoyo entre pares.',
    agreements: 'Continuar con sesiones mensuales.',
    barriers: [{ category: BARRIER_CATEGORIES[g % BARRIER_CATEGORIES.length]!, text: `Falta de tiempo institucional; lo señaló ${byGroup.get(g + 1)?.[0]?.nombre ?? 'una integrante'}.` }],
    proposals: 'Reconocer las horas de la Red como capacitación.',
    deliveredAt: new Date(at.getTime() + 170 * 86_400_000),
    ...(g % 7 === 6 ? {} : { acceptedAt: new Date(at.getTime() + 175 * 86_400_000) }),
  }));

  const sources: ReportingSources = {
    ...(has('sessions') ? { sessions: { listSessions: async () => sessions, listMinutes: async () => minutes } } : {}),
    ...(has('meetings') ? { meetings: { listMeetings: async () => meetings } } : {}),
    ...(has('surveys') ? { surveys: { listWaves: async () => waves, results: async (_e: string, w: number) => results(w) } } : {}),
    ...(has('cases') ? { cases: { openCount: async () => 0, anonymousBarriers: async () => anonymous } } : {}),
    ...(has('groupReports') ? { groupReports: { listReports: async () => reports } } : {}),
  };
  const edition = {
    _id: EDITION,
    nombre: 'Red sintética 2026',
    opensAt: new Date('2026-01-15T06:00:00Z'),
    closesAt: new Date('2026-02-15T06:00:00Z'),
    calendar: [
      { key: 'reunion-nacional-de-apertura', label: 'Reunión Nacional de apertura', date: at },
      { key: 'reunion-nacional-de-cierre', label: 'Reunión Nacional de cierre', date: new Date(at.getTime() + 180 * 86_400_000) },
    ],
  };
  const deps: GeneralReportDeps = {
    editions: { get: async (id) => (id === EDITION ? edition : null) },
    catalogs: { forEdition: async () => catalog },
    members: { list: async () => records },
    groups: { confirmedSet: async () => (G > 0 ? { groupCount: G, assignment, removed: [] } : null) },
    elections: { holdersOf: async () => holders },
    workPlans: { list: async () => plans },
    sources: () => sources,
    clock: () => new Date('2026-10-01T18:00:00Z'),
  };
  return { editionId: EDITION, deps, records, sources };
}
