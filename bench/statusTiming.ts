import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TestAdapter, type Activity } from 'botbuilder';
import { pino } from 'pino';
import { createBotCore } from '../src/app.js';
import { EmbeddedStore } from '../src/store/embeddedStore.js';
import { memberId, type MemberRecord } from '../src/domain/member.js';
import { CONSENT_VERSION } from '../src/domain/registration.js';
import { MEMBERS_COLLECTION } from '../src/services/registration/members.js';
import { SESSION_ATTENDANCE_COLLECTION, SESSION_MINUTES_COLLECTION, SESSIONS_COLLECTION, type AttendanceDoc, type MinutesDoc, type SessionDoc } from '../src/services/sessions/types.js';
import { SURVEY_PARTICIPATION_COLLECTION, SURVEY_WAVES_COLLECTION, type ParticipationDoc, type WaveDoc } from '../src/services/surveys/types.js';
import { BARRIER_CATEGORIES } from '../src/domain/barriers.js';
import { RecordingNotifier } from '../test/helpers/recordingNotifier.js';
import { testConfig } from '../test/helpers/harness.js';
import { personalMessage, TENANT, type UserLike } from '../test/helpers/activities.js';

/**
 * The time «estado» takes on a full edition (issue 13): a temporary embedded store seeded with `members`
 * validated members (default 498) in `groups` confirmed groups (default 14), linked spaces, both roles per
 * group, 12 sessions per group (8 held with attendance and minutes, 3 scheduled, 1 cancelled), 3 survey waves
 * with their participation register and a report per group in varied states; then UTIGyND types «estado»
 * through the bot (TestAdapter, production wiring) and the turn is timed. Returns the time of the second turn
 * (the first one also warms caches and templates) and the size of the card. Printed by bench/report.ts.
 */
export async function statusTiming(opts: { members?: number; groups?: number } = {}): Promise<{ ms: number; cardBytes: number; firstMs: number }> {
  const n = opts.members ?? 498;
  const groupCount = opts.groups ?? 14;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rdc-status-bench-'));
  const store = await EmbeddedStore.open({ dataDir });
  try {
    const admin: UserLike = { id: '29:admin', aadObjectId: '00000000-0000-0000-0000-0000000000ad', name: 'Administración' };
    const now = { t: new Date('2027-05-20T17:00:00Z') };
    const core = await createBotCore(testConfig({ ADMIN_AAD_IDS: admin.aadObjectId!, MicrosoftAppTenantId: TENANT }), store, pino({ level: 'silent' }), {
      notifier: new RecordingNotifier(),
      clock: () => now.t,
      instanceId: 'bench-status',
    });
    const s = core.services;
    const E = '2027';
    await s.editions.create({ id: E, nombre: 'Red 2027' }, 'bench');
    await s.editions.activate(E, 'bench');
    const stages: [string, string][] = [
      ['Reunión Nacional de apertura', '2026-11-20T16:00:00Z'],
      ['Primera sesión grupal', '2026-12-05T16:00:00Z'],
      ['Reunión Nacional de cierre', '2027-06-10T16:00:00Z'],
      ['Entrega de informes', '2027-06-01T06:00:00Z'],
      ['Fin de la Red', '2027-06-20T06:00:00Z'],
    ];
    for (const [label, at] of stages) await s.editions.setStage(E, label, new Date(at), 'bench');
    const at = new Date('2026-10-15T16:00:00Z');
    const records: MemberRecord[] = Array.from({ length: n }, (_, i) => ({
      _id: memberId(E, `aad:m${i}`),
      editionId: E,
      personKey: `aad:m${i}`,
      aadObjectId: `m${i}`,
      userId: `29:m${i}`,
      nombre: `Integrante ${i + 1}`,
      correo: `m${i}@ine.mx`,
      vocalia: 'VE',
      ambito: i % 3 === 0 ? 'JLE' : 'JDE',
      entidad: String((i % 32) + 1).padStart(2, '0'),
      distrito: (i % 20) + 1,
      circunscripcion: (i % 5) + 1,
      ejesInteres: [],
      consent: { accepted: true, at, version: CONSENT_VERSION },
      status: 'validated',
      rosterMatch: true,
      createdAt: at,
      updatedAt: at,
    }));
    await store.collection<MemberRecord>(MEMBERS_COLLECTION).insertMany(records);
    await s.groups.propose(E, records, { groups: groupCount }, 'bench');
    await s.groups.confirm(E, 'bench');
    const set = (await s.groups.get(E))!;
    const byGroup = new Map<number, string[]>();
    for (const m of records) {
      const g = set.assignment[m._id]!;
      byGroup.set(g, [...(byGroup.get(g) ?? []), m.personKey]);
    }
    const sessions: SessionDoc[] = [];
    const attendance: AttendanceDoc[] = [];
    const minutes: MinutesDoc[] = [];
    for (let g = 1; g <= groupCount; g++) {
      if (g % 7 !== 0) {
        const ref = { channelId: 'msteams', serviceUrl: 'https://smba.example.invalid/amer/', conversation: { id: `19:g${g}@thread.tacv2`, conversationType: 'channel', isGroup: true }, bot: { id: '28:bot' } };
        await s.groups.linkSpace(E, g, { kind: 'channel', name: `Grupo ${g}`, ref }, 'bench');
      }
      const keys = byGroup.get(g) ?? [];
      for (const [j, role] of (['representante', 'secretaria'] as const).entries()) {
        const key = keys[j];
        if (!key || (g % 5 === 0 && role === 'secretaria')) continue;
        await s.elections.offerRole({ editionId: E, group: g, role, personKey: key }, 'bench');
        await s.elections.answerOffer({ editionId: E, group: g, role }, key, true);
      }
      for (let k = 1; k <= 12; k++) {
        const startsAt = new Date(Date.UTC(2026, 11, 5) + (k - 1) * 14 * 86_400_000 + g * 3_600_000);
        const id = `${E}:g${g}:s${k}`;
        const cancelled = k === 12;
        sessions.push({
          _id: id,
          editionId: E,
          group: g,
          number: k,
          startsAt,
          durationMin: 90,
          topic: { kind: 'free', text: `Tema ${k}` },
          modality: 'virtual',
          state: cancelled ? 'cancelled' : 'scheduled',
          version: 1,
          reminderOffsetsMin: [1440],
          zone: 'America/Mexico_City',
          createdBy: 'bench',
          createdAt: at,
          updatedBy: 'bench',
          updatedAt: at,
        } as SessionDoc);
        if (startsAt.getTime() > now.t.getTime() || cancelled) continue;
        for (const [idx, key] of keys.entries()) {
          if ((idx + k) % 4 === 0) continue;
          attendance.push({ _id: `${id}:${key}`, sessionId: id, editionId: E, group: g, personKey: key, present: true, source: 'checklist', by: 'bench', at: startsAt });
        }
        minutes.push({ _id: id, editionId: E, group: g, revision: 1, topicsCovered: [`Tema ${k}`], agreements: ['Acuerdo'], barriers: [{ category: BARRIER_CATEGORIES[k % 8]!, text: 'Barrera anotada' }], nextSteps: [], createdBy: 'bench', createdAt: startsAt, updatedBy: 'bench', updatedAt: startsAt } as MinutesDoc);
      }
      const actor = keys[1] ?? keys[0];
      if (actor && g % 4 !== 0) {
        await s.groupReports.act({ editionId: E, group: g, action: g % 3 === 0 ? 'submit' : 'save', actor, role: 'secretaria', content: { summary: 'Resumen', achievements: 'Logros', agreements: 'Acuerdos', proposals: 'Propuestas', barriers: { culturales: 'Horarios' } } });
      }
    }
    await store.collection<SessionDoc>(SESSIONS_COLLECTION).insertMany(sessions);
    await store.collection<AttendanceDoc>(SESSION_ATTENDANCE_COLLECTION).insertMany(attendance);
    await store.collection<MinutesDoc>(SESSION_MINUTES_COLLECTION).insertMany(minutes);
    const participation: ParticipationDoc[] = [];
    for (const wave of [1, 2, 3] as const) {
      await store.collection<WaveDoc>(SURVEY_WAVES_COLLECTION).insertOne({ _id: `${E}:${wave}`, editionId: E, wave, state: wave === 3 ? 'open' : 'closed', openedAt: at, closesAt: now.t, openedBy: 'bench', instrumentId: 'x', instrumentVersion: '1', instrumentJson: '{}', reminderHours: [] } as unknown as WaveDoc);
      for (const [i, m] of records.entries()) participation.push({ _id: `${E}:${wave}:${m.personKey}`, editionId: E, wave, personKey: m.personKey, state: i % (wave + 1) === 0 ? 'invited' : 'finished', invitedAt: at } as ParticipationDoc);
    }
    await store.collection<ParticipationDoc>(SURVEY_PARTICIPATION_COLLECTION).insertMany(participation);

    const adapter = new TestAdapter(async (context) => core.bot.run(context));
    for (const m of core.middleware) adapter.use(m);
    const turn = async (): Promise<{ ms: number; activity: Partial<Activity> | undefined }> => {
      const before = adapter.activeQueue.length;
      const t0 = performance.now();
      await adapter.processActivity(personalMessage(admin, 'estado'));
      const ms = performance.now() - t0;
      return { ms, activity: adapter.activeQueue.splice(before).find((a) => a.attachments?.length) };
    };
    const first = await turn();
    const second = await turn();
    const card = second.activity?.attachments?.[0]?.content as unknown;
    if (!card) throw new Error('«estado» did not answer with a card');
    await core.services.dedup.flush();
    return { ms: Math.round(second.ms), firstMs: Math.round(first.ms), cardBytes: Buffer.byteLength(JSON.stringify(card), 'utf8') };
  } finally {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await statusTiming();
  console.log(`estado (498 integrantes, 14 grupos): ${r.ms} ms (primera vez ${r.firstMs} ms), tarjeta de ${(r.cardBytes / 1024).toFixed(1)} KB`);
}
