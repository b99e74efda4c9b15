import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SigningKeySource, SigningKeysUnavailableError } from '../../src/bot/signingKeys.js';
import { LogThrottle, rejectionReason } from '../../src/bot/inboundAuth.js';

/** The signing-key source behind inbound token validation (issue 9, item 9), with a fake clock and fetch. */
const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
const METADATA = 'https://login.example.invalid/openid';
const JWKS = 'https://login.example.invalid/keys';

function fakeNetwork(kids: string[] = ['k1']) {
  const state = { up: true, calls: [] as string[], kids };
  const fetchImpl: typeof fetch = async (input) => {
    const url = String(input);
    state.calls.push(url);
    if (!state.up) throw new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND login.example.invalid') });
    const body = url === METADATA ? { jwks_uri: JWKS } : { keys: state.kids.map((kid) => ({ kty: 'RSA', kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] })) };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { state, fetchImpl };
}

describe('SigningKeySource', () => {
  it('loads once, serves known keys from memory, refreshes after 24 h', async () => {
    let now = 1_000_000;
    const net = fakeNetwork();
    const source = new SigningKeySource(METADATA, { timeoutMs: 1000, fetch: net.fetchImpl, now: () => now });
    const key = await source.getKey('k1');
    expect(key?.key).toMatch(/BEGIN PUBLIC KEY/);
    expect(key?.endorsements).toEqual(['msteams']);
    await source.getKey('k1');
    expect(net.state.calls).toHaveLength(2);
    now += 24 * 3600 * 1000;
    await source.getKey('k1');
    expect(net.state.calls).toHaveLength(4);
  });

  it('looks for an unknown key id at most every 10 minutes', async () => {
    let now = 1_000_000;
    const net = fakeNetwork();
    const source = new SigningKeySource(METADATA, { timeoutMs: 1000, fetch: net.fetchImpl, now: () => now });
    await source.getKey('k1');
    expect(await source.getKey('rotated')).toBeNull();
    expect(await source.getKey(undefined)).toBeNull();
    expect(net.state.calls).toHaveLength(2);
    net.state.kids = ['k1', 'rotated'];
    now += 10 * 60 * 1000;
    expect(await source.getKey('rotated')).not.toBeNull();
    expect(net.state.calls).toHaveLength(4);
  });

  it('without keys and without network: fails fast, retries only after 30 s, concurrent callers share one fetch', async () => {
    let now = 1_000_000;
    const net = fakeNetwork();
    net.state.up = false;
    const source = new SigningKeySource(METADATA, { timeoutMs: 1000, fetch: net.fetchImpl, now: () => now });
    const results = await Promise.allSettled([source.getKey('k1'), source.getKey('k1'), source.getKey('k1')]);
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof SigningKeysUnavailableError)).toBe(true);
    expect(net.state.calls).toHaveLength(1);
    await expect(source.getKey('k1')).rejects.toBeInstanceOf(SigningKeysUnavailableError);
    expect(net.state.calls).toHaveLength(1);
    now += 30_000;
    net.state.up = true;
    expect(await source.getKey('k1')).not.toBeNull();
  });

  it('keeps serving the keys it has while the metadata host is down', async () => {
    let now = 1_000_000;
    const net = fakeNetwork();
    const source = new SigningKeySource(METADATA, { timeoutMs: 1000, fetch: net.fetchImpl, now: () => now });
    await source.getKey('k1');
    net.state.up = false;
    now += 25 * 3600 * 1000;
    expect(await source.getKey('k1')).not.toBeNull();
  });

  it('times out a metadata host that never answers', async () => {
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error)));
    const source = new SigningKeySource(METADATA, { timeoutMs: 50, fetch: hanging });
    const started = Date.now();
    await expect(source.getKey('k1')).rejects.toBeInstanceOf(SigningKeysUnavailableError);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses a key set without usable RSA keys, and a metadata document without jwks_uri', async () => {
    const bad: typeof fetch = async (input) => new Response(JSON.stringify(String(input) === METADATA ? { jwks_uri: JWKS } : { keys: [{ kty: 'EC', kid: 'k1' }] }));
    await expect(new SigningKeySource(METADATA, { timeoutMs: 1000, fetch: bad }).getKey('k1')).rejects.toBeInstanceOf(SigningKeysUnavailableError);
    const noJwks: typeof fetch = async () => new Response(JSON.stringify({ issuer: 'x' }));
    await expect(new SigningKeySource(METADATA, { timeoutMs: 1000, fetch: noJwks }).getKey('k1')).rejects.toBeInstanceOf(SigningKeysUnavailableError);
  });
});

describe('LogThrottle and rejection reasons', () => {
  it('lets a few entries per window through and reports how many were held back', () => {
    let now = 0;
    const throttle = new LogThrottle(2, 1000, () => now);
    expect(throttle.take('a')).toEqual({ suppressed: 0 });
    expect(throttle.take('a')).toEqual({ suppressed: 0 });
    expect(throttle.take('a')).toBeUndefined();
    expect(throttle.take('a')).toBeUndefined();
    expect(throttle.take('b')).toEqual({ suppressed: 0 });
    now = 1000;
    expect(throttle.take('a')).toEqual({ suppressed: 2 });
    expect(throttle.take('a')).toEqual({ suppressed: 0 });
  });

  it.each([
    ['no header', new Error('Unauthorized Access. Request is not authorized'), '', 'missing_token'],
    ['jsonwebtoken', Object.assign(new Error('invalid signature'), { name: 'JsonWebTokenError' }), 'Bearer x', 'token_rejected'],
    ['not before', Object.assign(new Error('jwt not active'), { name: 'NotBeforeError' }), 'Bearer x', 'token_rejected'],
    ['keys', new SigningKeysUnavailableError('down'), 'Bearer x', 'signing_keys_unavailable'],
    ['anything else', new TypeError('boom'), 'Bearer x', 'unverifiable'],
  ] as const)('%s', (_name, err, header, reason) => {
    expect(rejectionReason(err, header)).toBe(reason);
  });
});
