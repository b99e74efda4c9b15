/**
 * Job keys: stable names chosen by the caller ("recordatorio:sesion-12:p-33"), one job per key. Pure helpers.
 */

export const MAX_JOB_KEY_LENGTH = 512;

/** Throws when `key` cannot name a job (empty, too long, or with control characters). */
export function assertValidJobKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) throw new Error('A job key must be a non-empty string');
  if (key.length > MAX_JOB_KEY_LENGTH) throw new Error(`A job key must have at most ${MAX_JOB_KEY_LENGTH} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(key)) throw new Error('A job key must not contain control characters');
}

/**
 * A string range holding exactly the keys that start with `prefix`: `{ $gte: from, $lt: to }`, where `to`
 * is the prefix with its last character incremented. It orders the same in UTF-16 (embedded store) and
 * in UTF-8 byte order (MongoDB) unless the last character is a surrogate or U+FFFF; then `to` is absent
 * and callers filter by `startsWith` (they should anyway: it is cheap and exact).
 */
export function keyPrefixRange(prefix: string): { from: string; to?: string } {
  if (prefix === '') return { from: '' };
  const last = prefix.charCodeAt(prefix.length - 1);
  if ((last >= 0xd800 && last <= 0xdfff) || last === 0xffff) return { from: prefix };
  return { from: prefix, to: prefix.slice(0, -1) + String.fromCharCode(last + 1) };
}

/**
 * The broadcast id a scheduled message uses: derived from the job's key and the time it was scheduled
 * for (not the time of the attempt), so every attempt and every re-run after a crash uses the same id and
 * the outbox sends it to each recipient once. Scheduling the key again for another time is a new message.
 */
export function jobBroadcastId(key: string, runAt: Date): string {
  return `job:${key}@${runAt.toISOString()}`;
}
