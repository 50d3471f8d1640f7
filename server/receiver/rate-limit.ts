import type { IncomingMessage } from 'node:http';
import { isIP, isIPv6 } from 'node:net';
import { HttpError } from './http';

/** What a limiter says about one more request. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Counts requests per key. Async, so that several receivers can share one limiter kept in a
 * database; {@link TokenBucketLimiter} is the one for a single process.
 */
export interface RateLimiter {
  take(key: string): Promise<RateDecision>;
}

/** Options of {@link TokenBucketLimiter}. */
export interface TokenBucketOptions {
  /** Requests allowed at once. */
  burst: number;
  /** Requests allowed per hour once the burst is spent. */
  perHour: number;
  /** Most keys remembered; the least recently seen are forgotten first. */
  maxKeys?: number;
  /** Milliseconds since the epoch; tests move it instead of sleeping. */
  now?: () => number;
}

const HOUR = 60 * 60 * 1000;

/** A token bucket per key, in memory, holding at most `maxKeys` keys. */
export class TokenBucketLimiter implements RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(private readonly opts: TokenBucketOptions) {
    this.perMs = opts.perHour / HOUR;
    this.maxKeys = opts.maxKeys ?? 100_000;
    this.now = opts.now ?? Date.now;
  }

  take(key: string): Promise<RateDecision> {
    const now = this.now();
    const bucket = this.buckets.get(key);
    const elapsed = bucket ? Math.max(0, now - bucket.at) : 0;
    const tokens = bucket
      ? Math.min(this.opts.burst, bucket.tokens + elapsed * this.perMs)
      : this.opts.burst;
    // Re-inserting keeps the map in least-recently-seen order, which eviction relies on.
    this.buckets.delete(key);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return Promise.resolve({ allowed: false, retryAfterMs: (1 - tokens) / this.perMs });
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    // A forgotten key starts with a full bucket: only the oldest, likely refilled, go.
    while (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) break;
      this.buckets.delete(oldest);
    }
    return Promise.resolve({ allowed: true });
  }

  /** Keys remembered now (for tests of the memory bound). */
  get size(): number {
    return this.buckets.size;
  }
}

/**
 * The key for a client address: IPv4 as is, IPv6 by its /64 network, since one IPv6 host
 * usually holds a whole /64 and could otherwise pick a fresh address for every request.
 */
export function addressKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, without zone, in lower-case hex. */
function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('%')[0]!.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0');
  return [...left, ...(tail === undefined ? [] : zeros), ...right].map((g) =>
    g.replace(/^0+(?=.)/, ''),
  );
}

/**
 * The client's address. Behind a reverse proxy every request comes from the proxy, so with
 * `trustProxy` the address is the last X-Forwarded-For entry: the one the proxy added. Entries
 * before it come from the client and prove nothing. Without `trustProxy` the header is
 * ignored, since anyone can send it.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string | undefined {
  const forwarded = req.headers['x-forwarded-for'];
  if (trustProxy && typeof forwarded === 'string') {
    const last = forwarded.split(',').pop()?.trim() ?? '';
    if (isIP(last) !== 0) return last;
  }
  return req.socket.remoteAddress;
}

/** Throws 429 with Retry-After (whole seconds, at least 1) when the limiter refuses `key`. */
export async function enforceOrderRate(limiter: RateLimiter, address: string | undefined) {
  const decision = await limiter.take(addressKey(address));
  if (decision.allowed) return;
  const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
  throw new HttpError(
    429,
    `too many new orders from your address: try again in ${seconds} seconds`,
    { 'Retry-After': String(seconds) },
  );
}
