import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring links to a person's .ics file: /calendario/<token>.ics where the token is
 * base64url(JSON {e: editionId, p: personKey, x: expiry in seconds}) "." base64url(HMAC-SHA256). Unguessable
 * without the key (CALENDAR_LINK_KEY), bound to one person and edition, and refused after it expires.
 */
export const CALENDAR_PATH_PREFIX = '/calendario/';
const MAX_TOKEN_LENGTH = 1024;
const TOKEN_RE = /^[A-Za-z0-9_-]{8,900}\.[A-Za-z0-9_-]{43}$/;

export interface CalendarLinkClaims {
  editionId: string;
  personKey: string;
  expiresAt: Date;
}

export type VerifyResult = { ok: true; claims: CalendarLinkClaims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

export interface CalendarLinkSignerOptions {
  key: string;
  /** e.g. "https://bot.example.org" (no trailing slash needed). */
  publicBaseUrl: string;
  ttlMs: number;
  clock: () => Date;
}

const b64 = (buf: Buffer | string): string => Buffer.from(buf).toString('base64url');

export class CalendarLinkSigner {
  private readonly base: string;

  constructor(private readonly options: CalendarLinkSignerOptions) {
    this.base = options.publicBaseUrl.replace(/\/+$/, '');
  }

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.options.key).update(`calendar-link:v1:${payload}`).digest();
  }

  /** A token for her events; valid for the configured time from now. */
  token(editionId: string, personKey: string): { token: string; expiresAt: Date } {
    const expiresAt = new Date(this.options.clock().getTime() + this.options.ttlMs);
    const payload = b64(JSON.stringify({ e: editionId, p: personKey, x: Math.floor(expiresAt.getTime() / 1000) }));
    return { token: `${payload}.${b64(this.mac(payload))}`, expiresAt: new Date(Math.floor(expiresAt.getTime() / 1000) * 1000) };
  }

  /** The full URL of her .ics file. */
  url(editionId: string, personKey: string): { url: string; expiresAt: Date } {
    const { token, expiresAt } = this.token(editionId, personKey);
    return { url: `${this.base}${CALENDAR_PATH_PREFIX}${token}.ics`, expiresAt };
  }

  /** Checks a token (with or without its ".ics"); never throws. */
  verify(raw: string): VerifyResult {
    const token = raw.endsWith('.ics') ? raw.slice(0, -4) : raw;
    if (token.length > MAX_TOKEN_LENGTH || !TOKEN_RE.test(token)) return { ok: false, reason: 'malformed' };
    const [payload, sig] = token.split('.') as [string, string];
    const expected = this.mac(payload);
    const given = Buffer.from(sig, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
    let claims: unknown;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    const c = claims as { e?: unknown; p?: unknown; x?: unknown };
    if (typeof c.e !== 'string' || typeof c.p !== 'string' || typeof c.x !== 'number' || !Number.isFinite(c.x)) return { ok: false, reason: 'malformed' };
    const expiresAt = new Date(c.x * 1000);
    if (expiresAt.getTime() <= this.options.clock().getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, claims: { editionId: c.e, personKey: c.p, expiresAt } };
  }
}
