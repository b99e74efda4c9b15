import { createPublicKey } from 'node:crypto';
import { createRequire } from 'node:module';
import { z } from 'zod';

/**
 * The signing keys that inbound Bot Framework tokens are checked against, fetched with a timeout.
 *
 * botframework-connector fetches them in OpenIdMetadata with node-fetch and no timeout: a metadata host that
 * does not answer holds every request, and while the keys are not loaded each request starts a new fetch
 * (an unauthenticated caller can make the bot hammer login.botframework.com). Its JwtTokenExtractor keeps
 * one metadata object per URL in a static cache; installSigningKeySource() replaces that cache so every
 * metadata URL (channel, emulator, skills) is served by a SigningKeySource. Only the key fetching changes:
 * issuer, audience, lifetime, signature, algorithm and endorsement checks stay the SDK's.
 *
 * A SigningKeySource:
 * - fetches metadata and keys with one deadline (timeoutMs), through one request at a time (concurrent
 *   callers share it);
 * - refreshes every 24 h, and looks for an unknown key id at most every 10 minutes;
 * - after a failed fetch, waits 30 s before trying again and meanwhile keeps using the keys it has (or, with
 *   none, fails at once with SigningKeysUnavailableError, which the adapter answers with 401).
 */

export class SigningKeysUnavailableError extends Error {
  override readonly name = 'SigningKeysUnavailableError';
}

export interface SigningKey {
  key: string;
  endorsements?: string[];
}

export interface SigningKeyOptions {
  timeoutMs: number;
  fetch?: typeof fetch;
  now?: () => number;
}

const REFRESH_MS = 24 * 60 * 60 * 1000;
const UNKNOWN_KID_REFRESH_MS = 10 * 60 * 1000;
const RETRY_AFTER_FAILURE_MS = 30 * 1000;
const MAX_DOCUMENT_BYTES = 512 * 1024;

const metadataShape = z.looseObject({ jwks_uri: z.string().regex(/^https?:\/\//) });
const jwksShape = z.looseObject({
  keys: z.array(z.looseObject({ kid: z.string().optional(), n: z.string().optional(), e: z.string().optional(), endorsements: z.array(z.string()).optional() })),
});

export class SigningKeySource {
  private keys = new Map<string, SigningKey>();
  private loadedAt = 0;
  private attemptedAt = 0;
  private lastFailed = false;
  private lastError: unknown;
  private inFlight: Promise<void> | undefined;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;

  constructor(
    readonly url: string,
    private readonly options: SigningKeyOptions,
  ) {
    this.fetchImpl = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
  }

  /** The key with this id, or null when there is none (the SDK then rejects the token). */
  async getKey(keyId: unknown): Promise<SigningKey | null> {
    const kid = typeof keyId === 'string' ? keyId : undefined;
    const now = this.now();
    const stale = now - this.loadedAt >= REFRESH_MS;
    const unknown = kid === undefined || !this.keys.has(kid);
    if (stale || unknown) {
      const wait = this.lastFailed ? RETRY_AFTER_FAILURE_MS : stale ? 0 : UNKNOWN_KID_REFRESH_MS;
      if (now - this.attemptedAt >= wait) await this.refresh();
      else if (this.inFlight) await this.inFlight;
    }
    if (this.keys.size === 0) {
      throw new SigningKeysUnavailableError(`Signing keys unavailable from ${this.url}`, { cause: this.lastError });
    }
    return kid === undefined ? null : (this.keys.get(kid) ?? null);
  }

  private refresh(): Promise<void> {
    this.inFlight ??= this.load().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async load(): Promise<void> {
    this.attemptedAt = this.now();
    try {
      const signal = AbortSignal.timeout(this.options.timeoutMs);
      const metadata = metadataShape.parse(await this.getJson(this.url, signal));
      const jwks = jwksShape.parse(await this.getJson(metadata.jwks_uri, signal));
      const next = new Map<string, SigningKey>();
      for (const k of jwks.keys) {
        if (!k.kid || !k.n || !k.e) continue; // not an RSA key: the SDK would not use it either
        try {
          const key = createPublicKey({ key: { kty: 'RSA', n: k.n, e: k.e }, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
          next.set(k.kid, { key, ...(k.endorsements ? { endorsements: k.endorsements } : {}) });
        } catch {
          // A malformed key is skipped; the others still work.
        }
      }
      if (next.size === 0) throw new Error('the key set has no usable RSA key');
      this.keys = next;
      this.loadedAt = this.attemptedAt;
      this.lastFailed = false;
      this.lastError = undefined;
    } catch (err) {
      // Keep the keys we had (if any): a temporary outage of the metadata host must not lock everyone out.
      this.lastFailed = true;
      this.lastError = err;
    }
  }

  private async getJson(url: string, signal: AbortSignal): Promise<unknown> {
    const res = await this.fetchImpl(url, { signal, headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`HTTP ${res.status} from ${url}`);
    const text = await res.text();
    if (text.length > MAX_DOCUMENT_BYTES) throw new Error(`document from ${url} is too large`);
    return JSON.parse(text) as unknown;
  }
}

/** A Map that the SDK's JwtTokenExtractor uses as its per-URL metadata cache: every URL gets a SigningKeySource. */
class SigningKeySourceCache extends Map<string, SigningKeySource> {
  constructor(private readonly options: SigningKeyOptions) {
    super();
  }

  override get(url: string): SigningKeySource {
    let source = super.get(url);
    if (!source) {
      source = new SigningKeySource(url, this.options);
      super.set(url, source);
    }
    return source;
  }
}

interface JwtTokenExtractorStatics {
  openIdMetadataCache?: unknown;
}

/**
 * The JwtTokenExtractor class of the botframework-connector that botbuilder itself uses (resolved from
 * botbuilder-core, so it is the same module instance). Not part of the package's public API; the SDK is
 * archived at 4.23, so its shape does not move. Throws when it is not where it should be.
 */
function jwtTokenExtractor(): JwtTokenExtractorStatics {
  const fromHere = createRequire(import.meta.url);
  const fromBotbuilder = createRequire(fromHere.resolve('botbuilder'));
  const fromCore = createRequire(fromBotbuilder.resolve('botbuilder-core'));
  const mod = fromCore('botframework-connector/lib/auth/jwtTokenExtractor') as { JwtTokenExtractor?: JwtTokenExtractorStatics };
  const cls = mod.JwtTokenExtractor;
  if (!cls || !(cls.openIdMetadataCache instanceof Map)) throw new Error('botframework-connector JwtTokenExtractor.openIdMetadataCache not found');
  return cls;
}

/**
 * Routes every signing-key fetch of the Bot Framework token validation through SigningKeySources with
 * these options. Process-wide (the SDK's cache is static); calling it again replaces the sources.
 */
export function installSigningKeySource(options: SigningKeyOptions): void {
  jwtTokenExtractor().openIdMetadataCache = new SigningKeySourceCache(options);
}
