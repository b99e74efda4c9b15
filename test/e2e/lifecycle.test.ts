import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { startConnectorStub } from '../support/connectorStub.js';
import { berta, personalMessage } from '../helpers/activities.js';

/** Start-up, shutdown and bad data directories, on the real process entry point where it matters. */
const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(path.join(os.tmpdir(), 'rdc-life-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

function runEntry(env: Record<string, string>, opts: { killAfterListening?: NodeJS.Signals } = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (opts.killAfterListening && !signalled && stdout.includes('"listening"')) {
        signalled = true;
        child.kill(opts.killAfterListening);
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('process lifecycle', () => {
  it('production mode without credentials refuses to start and names the variables', async () => {
    const r = await runEntry({ DATA_DIR: await tempDir() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('MicrosoftAppId');
    expect(r.stderr).toContain('MicrosoftAppTenantId');
  });

  it('a corrupted data file stops start-up with the file name and what to do', async () => {
    const dataDir = await tempDir();
    await mkdir(dataDir, { recursive: true });
    const file = path.join(dataDir, 'conversations.db');
    await writeFile(file, '{"_id":"a","kind":"personal"}\nthis is not json at all\n{"_id":"b"}\n');
    const r = await runEntry({ BOT_MODE: 'local', DATA_DIR: dataDir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toMatch(/Restaure|respaldo/);
    expect(r.stdout).not.toContain('"listening"');
  });

  it('SIGTERM stops a running bot cleanly (exit 0, store closed)', async () => {
    const r = await runEntry({ BOT_MODE: 'local', DATA_DIR: await tempDir() }, { killAfterListening: 'SIGTERM' });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('"stopped"');
  });

  it('close() lets a turn in flight finish, then refuses new connections', async () => {
    const dataDir = await tempDir();
    const connector = await startConnectorStub();
    connector.delayMs = 400;
    const app = await createApp(loadConfig({ BOT_MODE: 'local', PORT: '0', DATA_DIR: dataDir }), { logger: pino({ level: 'silent' }) });
    const port = await app.listen();
    const url = `http://127.0.0.1:${port}/api/messages`;
    const inFlight = fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(personalMessage(berta, 'ayuda', { serviceUrl: connector.url })) });
    await new Promise((r) => setTimeout(r, 150));
    const closing = app.close();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(connector.replies).toHaveLength(1);
    await closing;
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    await expect(app.store.ping()).rejects.toThrow();
    await connector.close();
  });
});
