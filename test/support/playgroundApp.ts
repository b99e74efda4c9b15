import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { pino } from 'pino';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { startPlayground, waitForPlayground } from '../../scripts/playground.js';
import { freePort, PlaygroundClient, type PlaygroundConfig } from './playgroundClient.js';

/**
 * The real app (local mode, embedded store in a temp dir) on a free port plus the Microsoft 365 Agents
 * Playground pointed at it, for end-to-end suites. `beforeListen` runs on the app's store before the first
 * activity (seed editions, members...). Only 127.0.0.1 is contacted; `close()` stops both and removes the dir.
 */
export interface PlaygroundApp {
  app: App;
  client: PlaygroundClient;
  pg: PlaygroundConfig;
  /** The Playground's current user as it reports her (lower-cased Entra object id and email). */
  currentUser: { aadObjectId: string; email?: string };
  workDir: string;
  close(): Promise<void>;
}

interface RawConfig {
  config: { currentUser: { aadObjectId?: string; email?: string } };
}

export async function startPlaygroundApp(
  opts: { env?: Record<string, string>; beforeListen?: (app: App) => Promise<void>; name?: string } = {},
): Promise<PlaygroundApp> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), `rdc-e2e-${opts.name ?? 'app'}-`));
  let app: App | undefined;
  let playground: ChildProcess | undefined;
  let client: PlaygroundClient | undefined;
  const close = async (): Promise<void> => {
    client?.close();
    if (playground && playground.exitCode === null) {
      const exited = new Promise((r) => playground!.once('exit', r));
      playground.kill('SIGTERM');
      await exited;
    }
    await app?.close();
    await rm(workDir, { recursive: true, force: true });
  };
  try {
    const config = loadConfig({ BOT_MODE: 'local', PORT: '0', DATA_DIR: path.join(workDir, 'data'), LOG_LEVEL: 'silent', ...opts.env });
    app = await createApp(config, { logger: pino({ level: 'silent' }) });
    await opts.beforeListen?.(app);
    const botPort = await app.listen();
    const pgPort = await freePort();
    playground = startPlayground({ botEndpoint: `http://127.0.0.1:${botPort}/api/messages`, port: pgPort, cwd: workDir, stdio: 'ignore' });
    await waitForPlayground(pgPort);
    client = new PlaygroundClient(pgPort);
    const pg = await client.config();
    const raw = (await (await fetch(`${client.base}/_internal/v1/config`)).json()) as RawConfig;
    const currentUser = {
      aadObjectId: raw.config.currentUser.aadObjectId?.toLowerCase() ?? '',
      ...(raw.config.currentUser.email ? { email: raw.config.currentUser.email.toLowerCase() } : {}),
    };
    await client.connect();
    return { app, client, pg, currentUser, workDir, close };
  } catch (err) {
    await close();
    throw err;
  }
}
