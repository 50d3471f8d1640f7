import { describe, expect, it } from 'vitest';
import {
  LIMITS_USAGE,
  formatDuration,
  formatSize,
  limitsFromFlags,
} from '../../../server/receiver/limit-flags';
import { DEFAULT_LIMITS, DEFAULT_MAX_FILE_BYTES } from '../../../server/receiver/limits';

describe('photodose receiver limit flags', () => {
  it('reads sizes with binary units and times with s, m, h or d', () => {
    expect(
      limitsFromFlags({
        'max-file-size': '2G',
        'max-order-size': '20GiB',
        'disk-reserve': '0',
        'orders-per-hour': '30',
        'order-burst': '5',
        'request-timeout': '15m',
        'headers-timeout': '30s',
        'idle-timeout': '90',
        'abandoned-after': '3d',
      }),
    ).toEqual({
      maxFileBytes: 2 * 2 ** 30,
      limits: {
        maxOrderBytes: 20 * 2 ** 30,
        diskReserveBytes: 0,
        ordersPerHour: 30,
        orderBurst: 5,
        requestTimeoutMs: 15 * 60_000,
        headersTimeoutMs: 30_000,
        idleTimeoutMs: 90_000,
        abandonedAfterMs: 3 * 86_400_000,
      },
    });
  });

  it('leaves unset flags to the defaults', () => {
    const { maxFileBytes, limits } = limitsFromFlags({});
    expect(maxFileBytes).toBeUndefined();
    expect(Object.values(limits).every((v) => v === undefined)).toBe(true);
  });

  it('names the flag and the value it does not understand', () => {
    expect(() => limitsFromFlags({ 'max-order-size': '16 gigs' })).toThrow(
      '--max-order-size does not understand "16 gigs"; see --help for examples',
    );
    expect(() => limitsFromFlags({ 'request-timeout': '-5m' })).toThrow(
      '--request-timeout does not understand "-5m"',
    );
    expect(() => limitsFromFlags({ 'order-burst': '0' })).toThrow(
      '--order-burst must be more than 0, not "0"',
    );
    expect(() => limitsFromFlags({ 'max-file-size': '99999999T' })).toThrow(
      '--max-file-size does not understand "99999999T"',
    );
  });

  it('prints each default in --help as the flag would take it back', () => {
    expect([formatSize(4 * 2 ** 30), formatSize(512 * 2 ** 20), formatSize(1000)]).toEqual([
      '4G',
      '512M',
      '1000',
    ]);
    expect([formatDuration(600_000), formatDuration(86_400_000), formatDuration(90_000)]).toEqual([
      '10m',
      '1d',
      '90s',
    ]);
    const defaults = Object.fromEntries(
      [...LIMITS_USAGE.matchAll(/^ {2}--([a-z-]+) \S+ .*\(default (\S+)\)$/gm)].map((m) => [
        m[1],
        m[2],
      ]),
    );
    expect(limitsFromFlags(defaults)).toEqual({
      maxFileBytes: DEFAULT_MAX_FILE_BYTES,
      limits: DEFAULT_LIMITS,
    });
  });
});
