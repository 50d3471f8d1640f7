const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;

/**
 * The receiving server's resource limits. It faces the internet, so each has a safe default;
 * labs with other needs change them with `ReceiverOptions.limits` or the receiver's flags.
 */
export interface ReceiverLimits {
  /** Sum of the Upload-Lengths of one order's files. */
  maxOrderBytes: number;
  /** Free disk space an upload may not eat into, so the server's own writes still fit. */
  diskReserveBytes: number;
  /** New orders per client address and hour, on average. */
  ordersPerHour: number;
  /** New orders one address may create at once before the hourly rate applies. */
  orderBurst: number;
  /** The whole request, body included; tus clients resume a cut PATCH where it stopped. */
  requestTimeoutMs: number;
  /** The request line and headers. */
  headersTimeoutMs: number;
  /** A socket with no traffic at all for this long is closed. */
  idleTimeoutMs: number;
  /** Open orders, and uploads of no order, with no activity for this long are deleted. */
  abandonedAfterMs: number;
}

/** Largest accepted file (Upload-Length), unless `ReceiverOptions.maxFileBytes` says otherwise. */
export const DEFAULT_MAX_FILE_BYTES = 4 * GiB;

/** The defaults: generous for a photo book order, small enough that one client can't fill a disk. */
export const DEFAULT_LIMITS: ReceiverLimits = {
  maxOrderBytes: 16 * GiB,
  diskReserveBytes: 512 * MiB,
  ordersPerHour: 60,
  orderBurst: 20,
  requestTimeoutMs: 10 * MINUTE,
  headersTimeoutMs: MINUTE,
  idleTimeoutMs: 2 * MINUTE,
  abandonedAfterMs: 7 * DAY,
};

/** The defaults with `given` on top; refuses values that would disable a limit by mistake. */
export function resolveLimits(given: Partial<ReceiverLimits> = {}): ReceiverLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(given) as [keyof ReceiverLimits, unknown][]) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_LIMITS)) throw new Error(`unknown receiver limit "${key}"`);
    const zeroAllowed = key === 'diskReserveBytes';
    if (
      typeof value !== 'number' ||
      !Number.isSafeInteger(value) ||
      value < (zeroAllowed ? 0 : 1)
    ) {
      throw new Error(
        `receiver limit ${key} must be a whole number ${zeroAllowed ? 'of 0 or more' : 'above 0'}, not ${String(value)}`,
      );
    }
    limits[key] = value;
  }
  // Node refuses this combination, and with a reason that does not name our option.
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new Error(
      `receiver limit headersTimeoutMs (${limits.headersTimeoutMs}) must not exceed requestTimeoutMs (${limits.requestTimeoutMs})`,
    );
  }
  return limits;
}
