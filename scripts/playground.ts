import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/**
 * Starts the Microsoft 365 Agents Playground (the local Teams client and connector) pointed at a bot
 * endpoint. Always headless and with its telemetry's cloud lookups disabled: the network here is closed.
 */
export const PLAYGROUND_ENV = { TEAMSAPPTESTER_BROWSER: 'none', APPLICATION_INSIGHTS_NO_STATSBEAT: '1' } as const;

export function playgroundBin(root = process.cwd()): string {
  return path.join(root, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
}

export function startPlayground(opts: { botEndpoint: string; port: number; cwd?: string; stdio?: 'inherit' | 'ignore' | 'pipe' }): ChildProcess {
  return spawn(process.execPath, [playgroundBin(), 'start', '-e', opts.botEndpoint, '-c', 'msteams', '-p', String(opts.port), '--disable-telemetry'], {
    cwd: opts.cwd ?? process.cwd(),
    env: { ...process.env, ...PLAYGROUND_ENV },
    stdio: opts.stdio ?? 'inherit',
  });
}

/** Resolves when GET /_debug/ping answers, or rejects after the timeout. */
export async function waitForPlayground(port: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/_debug/ping`);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The Playground did not answer on port ${port} within ${timeoutMs} ms`);
}
