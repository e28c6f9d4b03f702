/**
 * Idempotent starts. Every start has a key: the caller's Idempotency-Key, or one derived from the
 * request itself (user, type, policy, canonical input and a short time bucket), so a retry of a
 * start that answered 503 (or whose answer was lost) never makes a second case. The process id is
 * derived from user + key, so the retry also finds a workflow the first attempt may have started.
 */
import { createHash } from 'crypto';

/** Length of a bucket of the derived key; a retry within one to two buckets finds the first start. */
export const startDedupeWindowMs = () => Number(process.env.START_DEDUPE_WINDOW_MS ?? 5 * 60_000);

/** JSON with object keys sorted at every level, so equal inputs hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The derived keys a start may match: this bucket's (used for a new case) and the previous one's. */
export function derivedStartKeys(user: string, type: string, policy: string | undefined, input: unknown, now = Date.now()): string[] {
  const window = startDedupeWindowMs();
  const digest = sha256(canonicalJson([user, type, policy ?? null, input]));
  const bucket = Math.floor(now / window);
  return [`auto:${bucket}:${digest.slice(0, 40)}`, `auto:${bucket - 1}:${digest.slice(0, 40)}`];
}

/** A UUID-shaped id from user + key (the process id suffix, and so the Temporal workflow id). */
export function processIdSuffix(user: string, key: string): string {
  const h = sha256(`${user}\u0000${key}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
