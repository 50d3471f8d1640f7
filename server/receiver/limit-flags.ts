import { DEFAULT_LIMITS, DEFAULT_MAX_FILE_BYTES } from './limits';
import type { ReceiverLimits } from './limits';

/** The `photodose receiver` flags for resource limits, in parseArgs form. */
export const LIMIT_FLAGS = {
  'max-file-size': { type: 'string' },
  'max-order-size': { type: 'string' },
  'disk-reserve': { type: 'string' },
  'orders-per-hour': { type: 'string' },
  'order-burst': { type: 'string' },
  'request-timeout': { type: 'string' },
  'headers-timeout': { type: 'string' },
  'idle-timeout': { type: 'string' },
  'abandoned-after': { type: 'string' },
} as const;

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  K: 2 ** 10,
  M: 2 ** 20,
  G: 2 ** 30,
  T: 2 ** 40,
};

const TIME_UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

const d = DEFAULT_LIMITS;

/** Help text for {@link LIMIT_FLAGS}, aligned with the receiver's other options. */
export const LIMITS_USAGE = `Limits (sizes take K, M, G or T, binary; times take s, m, h or d):
  --max-file-size SIZE     largest file (default ${formatSize(DEFAULT_MAX_FILE_BYTES)})
  --max-order-size SIZE    largest order, all its files together (default ${formatSize(d.maxOrderBytes)})
  --disk-reserve SIZE      free disk space uploads must leave (default ${formatSize(d.diskReserveBytes)})
  --orders-per-hour N      new orders per client address and hour (default ${d.ordersPerHour})
  --order-burst N          new orders an address may create at once (default ${d.orderBurst})
  --request-timeout TIME   longest request; a cut upload resumes (default ${formatDuration(d.requestTimeoutMs)})
  --headers-timeout TIME   longest wait for a request's headers (default ${formatDuration(d.headersTimeoutMs)})
  --idle-timeout TIME      a connection silent this long is closed (default ${formatDuration(d.idleTimeoutMs)})
  --abandoned-after TIME   uncommitted orders idle this long are deleted (default ${formatDuration(d.abandonedAfterMs)})
`;

type LimitFlagValues = { [K in keyof typeof LIMIT_FLAGS]?: string };

/** The limits and largest file the flags ask for; unset flags keep their defaults. */
export function limitsFromFlags(values: LimitFlagValues): {
  limits: Partial<ReceiverLimits>;
  maxFileBytes?: number;
} {
  const size = (flag: keyof LimitFlagValues, min = 1) =>
    optional(values[flag], flag, parseSize, min);
  const count = (flag: keyof LimitFlagValues) => optional(values[flag], flag, parseCount, 1);
  const time = (flag: keyof LimitFlagValues) => optional(values[flag], flag, parseDuration, 1);
  return {
    maxFileBytes: size('max-file-size'),
    limits: {
      maxOrderBytes: size('max-order-size'),
      diskReserveBytes: size('disk-reserve', 0),
      ordersPerHour: count('orders-per-hour'),
      orderBurst: count('order-burst'),
      requestTimeoutMs: time('request-timeout'),
      headersTimeoutMs: time('headers-timeout'),
      idleTimeoutMs: time('idle-timeout'),
      abandonedAfterMs: time('abandoned-after'),
    },
  };
}

function optional(
  text: string | undefined,
  flag: string,
  parse: (text: string) => number | undefined,
  min: number,
): number | undefined {
  if (text === undefined) return undefined;
  const value = parse(text.trim());
  if (value === undefined || !Number.isSafeInteger(value)) {
    throw new Error(`--${flag} does not understand "${text}"; see --help for examples`);
  }
  if (value < min) throw new Error(`--${flag} must be more than 0, not "${text}"`);
  return value;
}

/** "4G", "512M", "1000": bytes. */
function parseSize(text: string): number | undefined {
  const match = /^(\d+)\s*([KMGT]?)(?:i?B)?$/i.exec(text);
  if (!match?.[1]) return undefined;
  return Number(match[1]) * (SIZE_UNITS[(match[2] ?? '').toUpperCase()] ?? NaN);
}

function parseCount(text: string): number | undefined {
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/** "90s", "10m", "12h", "7d": milliseconds. A bare number is seconds. */
function parseDuration(text: string): number | undefined {
  const match = /^(\d+)\s*([smhd]?)$/.exec(text);
  if (!match?.[1]) return undefined;
  return Number(match[1]) * (TIME_UNITS[match[2] || 's'] ?? NaN);
}

/** Bytes in the largest unit that divides them evenly, as the flags take them: "4G". */
export function formatSize(bytes: number): string {
  return formatIn(bytes, SIZE_UNITS);
}

/** Milliseconds in the largest unit that divides them evenly: "10m", "7d". */
export function formatDuration(ms: number): string {
  return formatIn(ms, TIME_UNITS);
}

function formatIn(value: number, units: Record<string, number>): string {
  const fitting = Object.entries(units)
    .filter(([, size]) => value % size === 0)
    .sort(([, a], [, b]) => b - a)[0];
  return fitting ? `${value / fitting[1]}${fitting[0]}` : String(value);
}
