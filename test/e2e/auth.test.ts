import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createApp, type App, type AppDeps } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { berta, personalMessage, TENANT } from '../helpers/activities.js';

/**
 * Issue 9, item 9: production mode (real CloudAdapter + Bot Framework token validation) with the OpenID
 * metadata and signing keys served from 127.0.0.1. Nothing here reaches the internet: every metadata URL
 * points at a local server, or the key fetch is stubbed at the adapter seam.
 */

const APP_ID = '11111111-2222-3333-4444-555555555555';
const ISSUER = 'https://api.botframework.com';
const SERVICE_URL = 'https://smba.example.invalid/amer/';
const KID = 'test-key-1';
const UNAUTHORIZED = JSON.stringify({ error: 'unauthorized' });

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

function jwt(privateKey: KeyObject, claims: Record<string, unknown>, kid = KID): string {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const payload = b64url(JSON.stringify({ iss: ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, iat: now - 10, nbf: now - 10, exp: now + 3600, ...claims }));
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), privateKey);
  return `${header}.${payload}.${b64url(signature)}`;
}

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });

interface MetadataServer {
  base: string;
  hits: Record<string, number>;
  close(): Promise<void>;
}

/** OpenID metadata on 127.0.0.1: /good/* serves the test key, /hang/* never answers. */
async function startMetadataServer(): Promise<MetadataServer> {
  const hits: Record<string, number> = {};
  const jwk = keys.publicKey.export({ format: 'jwk' });
  const server = http.createServer((req, res) => {
    const url = req.url ?? '';
    hits[url] = (hits[url] ?? 0) + 1;
    if (url.startsWith('/hang/')) return; // never answers
    if (url === '/good/openid') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/good/keys` }));
      return;
    }
    if (url === '/good/keys') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid: KID, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] }));
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A 127.0.0.1 port with nothing listening (connection refused, like a host that cannot be reached). */
async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

interface LogLine {
  level: number;
  msg: string;
  [k: string]: unknown;
}

interface Running {
  app: App;
  base: string;
  logs: LogLine[];
  post(activity: unknown, authorization?: string): Promise<{ status: number; text: string; ms: number }>;
  close(): Promise<void>;
}

async function startProductionApp(auth: AppDeps['auth']): Promise<Running> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rdc-auth-'));
  const config = loadConfig({
    BOT_MODE: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'not-a-real-secret',
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: TENANT,
    // Required in production mode by another part of the configuration; any value of the right length.
    ELECTION_BALLOT_KEY: 'auth-test-ballot-key-0123456789abcdefghijklmnopqrstuvwxyz',
  });
  const logs: LogLine[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) });
  const app = await createApp(config, { logger, ...(auth ? { auth } : {}) });
  const base = `http://127.0.0.1:${await app.listen()}`;
  return {
    app,
    base,
    logs,
    async post(activity, authorization) {
      const started = Date.now();
      const res = await fetch(`${base}/api/messages`, {
        method: 'POST',
        body: JSON.stringify(activity),
        headers: { 'content-type': 'application/json', ...(authorization !== undefined ? { authorization } : {}) },
      });
      return { status: res.status, text: await res.text(), ms: Date.now() - started };
    },
    async close() {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** An activity that needs no reply (so no outbound token is ever requested). */
const typing = () => ({ ...personalMessage(berta, '', { serviceUrl: SERVICE_URL }), type: 'typing', text: undefined });

const INTERNAL_DETAIL = /jwt|signature|getaddrinfo|ENOTFOUND|ECONNREFUSED|expired|No valid identity|token|key|stack|at /i;

describe('inbound authentication in production mode (issue 9, item 9)', () => {
  const originalConsoleError = console.error;
  const consoleErrors: unknown[][] = [];
  let metadata: MetadataServer;

  beforeAll(async () => {
    // botbuilder prints rejected tokens with console.error; they must go to the structured log instead.
    console.error = (...args: unknown[]) => void consoleErrors.push(args);
    metadata = await startMetadataServer();
  });

  afterAll(async () => {
    console.error = originalConsoleError;
    await metadata?.close();
  });

  describe('with reachable signing keys', () => {
    let run: Running;
    beforeAll(async () => {
      run = await startProductionApp({ openIdMetadataUrl: `${metadata.base}/good/openid`, emulatorOpenIdMetadataUrl: `${metadata.base}/hang/emulator`, rejectionLog: { max: 3, windowMs: 60_000 } });
    });
    afterAll(async () => run?.close());

    it('accepts a valid Bot Connector token (control)', async () => {
      const res = await run.post(typing(), `Bearer ${jwt(keys.privateKey, {})}`);
      expect(res.status).toBe(200);
    });

    const now = () => Math.floor(Date.now() / 1000);
    it.each<[string, () => string | undefined]>([
      ['no Authorization header', () => undefined],
      ['an empty bearer', () => 'Bearer '],
      ['a token that is not a JWT', () => 'Bearer not.a.jwt'],
      ['another scheme', () => `Basic ${jwt(keys.privateKey, {})}`],
      ['an invalid signature', () => `Bearer ${jwt(otherKeys.privateKey, {})}`],
      ['a token not active yet ("jwt not active")', () => `Bearer ${jwt(keys.privateKey, { nbf: now() + 3600, iat: now() + 3600, exp: now() + 7200 })}`],
      ['an expired token', () => `Bearer ${jwt(keys.privateKey, { nbf: now() - 7200, iat: now() - 7200, exp: now() - 3600 })}`],
      ['a token for another app', () => `Bearer ${jwt(keys.privateKey, { aud: 'someone-else' })}`],
      ['a token for another service URL', () => `Bearer ${jwt(keys.privateKey, { serviceurl: 'https://evil.example.invalid/' })}`],
      ['an unknown key id', () => `Bearer ${jwt(keys.privateKey, {}, 'unknown-kid')}`],
      ['an unsigned token (alg none)', () => `Bearer ${b64url(JSON.stringify({ alg: 'none', typ: 'JWT', kid: KID }))}.${b64url(JSON.stringify({ iss: ISSUER, aud: APP_ID, serviceurl: SERVICE_URL }))}.`],
    ])('answers 401 without internal detail to %s', async (_name, authorization) => {
      const res = await run.post(typing(), authorization());
      expect(res.status).toBe(401);
      expect(res.text).toBe(UNAUTHORIZED);
      expect(res.text).not.toMatch(INTERNAL_DETAIL);
    });

    it('fetched the signing keys once for all those requests', () => {
      expect(metadata.hits['/good/openid']).toBe(1);
      expect(metadata.hits['/good/keys']).toBe(1);
    });

    it('logs rejections at warn in the structured log, rate-limited, and nothing on the console', async () => {
      for (let i = 0; i < 25; i++) expect((await run.post(typing(), `Bearer ${jwt(otherKeys.privateKey, {})}`)).status).toBe(401);
      const rejected = run.logs.filter((l) => l.msg === 'request rejected: invalid or unverifiable token');
      expect(rejected.length).toBeGreaterThan(0);
      // One bucket per reason, three entries per minute each: far fewer entries than the 36 rejected requests.
      expect(rejected.length).toBeLessThanOrEqual(12);
      expect(rejected.every((l) => l.level === 40)).toBe(true);
      expect(rejected[0]).toMatchObject({ reason: expect.any(String), component: 'auth' });
      expect(consoleErrors).toEqual([]);
    });
  });

  describe('when the signing keys cannot be fetched', () => {
    it('connection refused: 401, not 500 with the network error', async () => {
      const run = await startProductionApp({ openIdMetadataUrl: `http://127.0.0.1:${await closedPort()}/openid`, emulatorOpenIdMetadataUrl: `${metadata.base}/hang/emulator2` });
      try {
        const res = await run.post(typing(), `Bearer ${jwt(keys.privateKey, {})}`);
        expect(res.status).toBe(401);
        expect(res.text).toBe(UNAUTHORIZED);
        expect(res.text).not.toMatch(INTERNAL_DETAIL);
        expect(run.logs.some((l) => l.msg === 'request rejected: invalid or unverifiable token' && l.reason === 'signing_keys_unavailable')).toBe(true);
      } finally {
        await run.close();
      }
    });

    it('a metadata server that never answers: 401 after the fetch timeout, one fetch for a burst of requests', async () => {
      const run = await startProductionApp({ openIdMetadataUrl: `${metadata.base}/hang/openid`, emulatorOpenIdMetadataUrl: `${metadata.base}/hang/emulator3`, signingKeyTimeoutMs: 300 });
      try {
        const results = await Promise.all(Array.from({ length: 5 }, () => run.post(typing(), `Bearer ${jwt(keys.privateKey, {})}`)));
        for (const res of results) {
          expect(res.status).toBe(401);
          expect(res.text).toBe(UNAUTHORIZED);
          expect(res.ms).toBeLessThan(3000);
        }
        expect(metadata.hits['/hang/openid']).toBe(1);
        // Right after a failure the keys are not fetched again for every caller (no amplification).
        expect((await run.post(typing(), `Bearer ${jwt(keys.privateKey, {})}`)).status).toBe(401);
        expect(metadata.hits['/hang/openid']).toBe(1);
      } finally {
        await run.close();
      }
    }, 10_000);

    it('a DNS failure for login.botframework.com (default URLs, key fetch stubbed at the seam): 401', async () => {
      const requested: string[] = [];
      const dnsFailure: typeof fetch = async (input) => {
        requested.push(String(input instanceof Request ? input.url : input));
        throw new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND login.botframework.com'), { code: 'ENOTFOUND' }) });
      };
      const run = await startProductionApp({ fetch: dnsFailure });
      try {
        const res = await run.post(typing(), `Bearer ${jwt(keys.privateKey, {})}`);
        expect(res.status).toBe(401);
        expect(res.text).toBe(UNAUTHORIZED);
        expect(requested).toEqual(['https://login.botframework.com/v1/.well-known/openidconfiguration']);
        const entry = run.logs.find((l) => l.msg === 'request rejected: invalid or unverifiable token');
        expect(entry).toMatchObject({ level: 40, reason: 'signing_keys_unavailable' });
        expect(JSON.stringify(entry)).toContain('ENOTFOUND');
      } finally {
        await run.close();
      }
    });
  });
});
