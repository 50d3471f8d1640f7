import { describe, expect, it } from 'vitest';
import { TokenBucketLimiter, addressKey } from '../../../server/receiver/rate-limit';

describe('TokenBucketLimiter', () => {
  it('allows the burst, then one per refill interval, and says when', async () => {
    let now = 0;
    const limiter = new TokenBucketLimiter({ burst: 3, perHour: 60, now: () => now });
    for (let i = 0; i < 3; i++) expect(await limiter.take('a')).toEqual({ allowed: true });
    expect(await limiter.take('a')).toEqual({ allowed: false, retryAfterMs: 60_000 });
    now += 30_000;
    expect(await limiter.take('a')).toEqual({ allowed: false, retryAfterMs: 30_000 });
    now += 30_000;
    expect(await limiter.take('a')).toEqual({ allowed: true });
    // A long pause refills to the burst, not beyond it.
    now += 24 * 3600_000;
    for (let i = 0; i < 3; i++) expect((await limiter.take('a')).allowed).toBe(true);
    expect((await limiter.take('a')).allowed).toBe(false);
  });

  it('remembers at most maxKeys addresses, forgetting the least recently seen', async () => {
    const limiter = new TokenBucketLimiter({ burst: 1, perHour: 1, maxKeys: 3, now: () => 0 });
    for (const key of ['a', 'b', 'c']) await limiter.take(key);
    // 'a' is seen again (and refused), so 'b' is now the least recently seen.
    expect((await limiter.take('a')).allowed).toBe(false);
    for (let i = 0; i < 1000; i++) await limiter.take(`other-${i}`);
    expect(limiter.size).toBe(3);
    await limiter.take('d');
    expect(limiter.size).toBe(3);
  });

  it('keeps refusing a busy key while others come and go', async () => {
    const limiter = new TokenBucketLimiter({ burst: 1, perHour: 1, maxKeys: 2, now: () => 0 });
    await limiter.take('busy');
    await limiter.take('x');
    expect((await limiter.take('busy')).allowed).toBe(false);
    await limiter.take('y');
    expect((await limiter.take('busy')).allowed).toBe(false);
  });
});

describe('addressKey', () => {
  it('keys IPv4 (also IPv4-mapped IPv6) by address and IPv6 by its /64 network', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey(undefined)).toBe('unknown');
  });
});
