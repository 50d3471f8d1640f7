import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, readJson, sendJson } from './http';
import { addressKey, clientAddress } from './rate-limit';
import type { RateLimiter, TokenBucketOptions } from './rate-limit';
import type { StatusStore } from './status-store';
import { ORDER_ID } from '../../src/contract/receiver';
import { LabStatusBody, STATUS_NOT_FOUND, StatusLookupBody } from '../../src/contract/order-status';

/**
 * How often the status may be asked for. Per address, so one client can't sweep order numbers;
 * per order, so nobody can try a list of emails against one order number from many addresses.
 * A customer asks a few times a week.
 */
export interface StatusLookupLimits {
  perAddressPerHour: number;
  addressBurst: number;
  perOrderPerHour: number;
  orderBurst: number;
}

export const DEFAULT_STATUS_LOOKUP_LIMITS: StatusLookupLimits = {
  perAddressPerHour: 60,
  addressBurst: 10,
  perOrderPerHour: 10,
  orderBurst: 5,
};

/** What the status routes need from the server. */
export interface StatusRoutesDeps {
  statuses: StatusStore;
  lookupLimiters: { byAddress: RateLimiter; byOrder: RateLimiter };
  trustProxy: boolean;
  log: (line: string) => void;
}

/**
 * The two limiters of the lookup, made by `make` (records/backend.ts rateLimiter: in memory,
 * or shared by every receiver on the same database).
 */
export function lookupLimiters(
  given: Partial<StatusLookupLimits> | undefined,
  now: () => number,
  make: (name: string, opts: TokenBucketOptions) => RateLimiter,
): StatusRoutesDeps['lookupLimiters'] {
  const limits = { ...DEFAULT_STATUS_LOOKUP_LIMITS, ...given };
  return {
    byAddress: make('lookup-address', {
      burst: limits.addressBurst,
      perHour: limits.perAddressPerHour,
      now,
    }),
    byOrder: make('lookup-order', {
      burst: limits.orderBurst,
      perHour: limits.perOrderPerHour,
      now,
    }),
  };
}

/**
 * `POST /api/v1/order-status` `{ orderId, lookupKey }`: the order's status, or 404 with one
 * and the same answer for an unknown order and a wrong email. Neither the key nor the answer
 * is logged.
 */
export async function lookupStatusRoute(
  req: IncomingMessage,
  res: ServerResponse,
  { statuses, lookupLimiters, trustProxy }: StatusRoutesDeps,
): Promise<void> {
  await limit(lookupLimiters.byAddress, addressKey(clientAddress(req, trustProxy)));
  const body = await readJson(req, StatusLookupBody, 4096);
  await limit(lookupLimiters.byOrder, body.orderId);
  const status = await statuses.lookup(body.orderId, body.lookupKey);
  if (!status) throw new HttpError(404, STATUS_NOT_FOUND);
  sendJson(res, 200, status);
}

/** `PUT /api/v1/lab/orders/:orderId/status` (lab token): the state the lab has reached. */
export async function labStatusRoute(
  req: IncomingMessage,
  res: ServerResponse,
  orderId: string,
  { statuses, log }: StatusRoutesDeps,
): Promise<void> {
  if (!ORDER_ID.test(orderId)) throw new HttpError(404, `order ${orderId.slice(0, 40)} not found`);
  const body = await readJson(req, LabStatusBody, 4096);
  const status = await statuses.setState(orderId, body);
  if (!status) {
    throw new HttpError(
      404,
      `order ${orderId} has no status record (sent without a lookup key, or past its retention)`,
    );
  }
  log(`order ${orderId}: status ${body.state}`);
  sendJson(res, 200, status);
}

async function limit(limiter: RateLimiter, key: string): Promise<void> {
  const decision = await limiter.take(key);
  if (decision.allowed) return;
  const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
  throw new HttpError(429, `too many status lookups: try again in ${seconds} seconds`, {
    'Retry-After': String(seconds),
  });
}
