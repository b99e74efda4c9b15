import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pino } from 'pino';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { loadDefaultCatalog } from '../../src/data/defaultCatalog.js';
import { memberId, type MemberRecord } from '../../src/domain/member.js';
import { GroupSetService } from '../../src/services/groupSets.js';
import { ElectionService, membershipFromGroupSets } from '../../src/services/elections/index.js';
import { createRegistrationServices } from '../../src/services/registration/index.js';
import { MEMBERS_COLLECTION } from '../../src/services/registration/members.js';
import { openStore } from '../../src/store/openStore.js';
import { realisticRoster } from '../../test/helpers/rosterFixtures.js';
import { validatedMember } from '../../test/groups/support.js';

/**
 * The real server for bench/vote.ts, run as a child process so the load generator does not share its event loop:
 * createApp in local mode on an embedded store (temp dir), seeded before it listens through the services on that
 * store (as test/groups and test/elections seed): an active edition, 498 validated members (the realistic roster
 * of test/helpers/rosterFixtures.ts), 14 confirmed groups, and every group's space linked to a channel whose
 * service URL is the local connector stub. The UTIGyND administrator is BENCH_ADMIN_AAD.
 *
 * Prints `READY <json>` ({ port, editionId, groups, members: [{ aad, userId, group }] }) when listening.
 * Reads commands on stdin, one a line, and answers on stdout:
 *   RECOUNT → `RECOUNT <json>`: per group, what ElectionService (a second instance on the same store, with the
 *   configured ballot key) reads after the close: register size and counts per ballot position.
 * Stops on SIGTERM.
 */
export const BENCH_ADMIN_AAD = 'ffffffff-0000-0000-0000-000000000001';
export const BENCH_EDITION = '2026';

export interface VoteServerReady {
  port: number;
  editionId: string;
  groups: number;
  members: { aad: string; userId: string; group: number }[];
}

export interface GroupRecount {
  group: number;
  electionId: string | null;
  phase: string | null;
  /** Members who are in the "has voted" register of round 1. */
  registered: number;
  /** Per contest, in ballot order: votes per candidate position ("c0", "c1", …) and abstentions. */
  contests: { role: string; byPosition: Record<string, number>; abstentions: number; ballots: number }[];
  holders: { role: string; position: number }[];
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const connectorUrl = arg('connector', 'http://127.0.0.1:9/');
const groupCount = Number(arg('groups', '14'));
const memberCount = Number(arg('members', '498'));
const logger = pino({ level: 'silent' });

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rdc-bench-vote-'));
  const config = loadConfig({ BOT_MODE: 'local', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ADMIN_AAD_IDS: BENCH_ADMIN_AAD });
  const store = await openStore(config.store);

  // Seed: edition, validated members, confirmed groups, a channel per group.
  const registration = createRegistrationServices(store, { adminAadIds: [BENCH_ADMIN_AAD] });
  await registration.init();
  await registration.editions.create({ id: BENCH_EDITION, nombre: 'Red de Coaching 2026' }, 'aad:bench');
  await registration.editions.activate(BENCH_EDITION, 'aad:bench');
  const catalog = loadDefaultCatalog();
  const records: MemberRecord[] = realisticRoster(catalog, 1, memberCount).map((r, i) => {
    const aad = `00000000-0000-0000-0000-${String(i + 1).padStart(12, '0')}`;
    return validatedMember(BENCH_EDITION, r, { key: `aad:${aad}`, userId: `29:vote-${i + 1}`, nombre: r.nombre, correo: `integrante${i + 1}@ine.mx` });
  });
  await store.collection<MemberRecord>(MEMBERS_COLLECTION).insertMany(records);
  const groups = new GroupSetService(store, logger);
  await groups.init();
  await groups.propose(BENCH_EDITION, records, { groups: groupCount }, 'aad:bench');
  await groups.confirm(BENCH_EDITION, 'aad:bench');
  const set = (await groups.get(BENCH_EDITION))!;
  for (let g = 1; g <= set.groupCount; g++) {
    await groups.linkSpace(
      BENCH_EDITION,
      g,
      {
        kind: 'channel',
        name: 'General',
        ref: { channelId: 'msteams', serviceUrl: connectorUrl, conversation: { id: `19:bench-grupo-${g}@thread.tacv2`, conversationType: 'channel', isGroup: true }, bot: { id: '28:bench-bot' } },
      },
      'aad:bench',
    );
  }

  const app = await createApp(config, { logger, store });
  const port = await app.listen();
  const ready: VoteServerReady = {
    port,
    editionId: BENCH_EDITION,
    groups: set.groupCount,
    members: records.map((m) => ({ aad: m.aadObjectId!, userId: m.userId!, group: set.assignment[memberId(BENCH_EDITION, m.personKey)]! })),
  };
  console.log(`READY ${JSON.stringify(ready)}`);

  // A second ElectionService on the same store (the embedded store shares its collections per process) with the
  // configured key: an independent reader for the recount.
  const reader = new ElectionService({
    store,
    membership: membershipFromGroupSets(groups, registration.members),
    audit: registration.audit,
    logger,
    ballotKey: config.elections.ballotKey,
  });

  const recount = async (): Promise<GroupRecount[]> => {
    const out: GroupRecount[] = [];
    for (const st of await reader.statusOfEdition(BENCH_EDITION)) {
      const e = st.election;
      const round = e?.rounds[0];
      const registered = e ? (await reader.turnout(e.id))?.voted.length ?? 0 : 0;
      const contests = (round?.contests ?? []).map((c) => {
        const r = round?.results?.find((x) => x.role === c.role);
        const byPosition: Record<string, number> = {};
        c.candidates.forEach((cand, pos) => (byPosition[`c${pos}`] = r?.counts.find((x) => x.candidate === cand)?.votes ?? 0));
        return { role: c.role, byPosition, abstentions: r?.abstentions ?? 0, ballots: r?.ballots ?? 0 };
      });
      const holders = st.holders.map((h) => ({ role: h.role, position: round?.contests.find((c) => c.role === h.role)?.candidates.indexOf(h.personKey) ?? -1 }));
      out.push({ group: st.group, electionId: e?.id ?? null, phase: e?.phase ?? null, registered, contests, holders });
    }
    return out;
  };

  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() !== 'RECOUNT') return;
    recount().then(
      (r) => console.log(`RECOUNT ${JSON.stringify(r)}`),
      (err: unknown) => console.log(`RECOUNT ${JSON.stringify({ error: err instanceof Error ? err.message : String(err) })}`),
    );
  });
  process.once('SIGTERM', () => {
    void app
      .close()
      .then(() => rm(dataDir, { recursive: true, force: true }))
      .then(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
