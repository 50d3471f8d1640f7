import type { ServerOptions } from 'node:http';
import type { ReceiverLimits } from './limits';

/**
 * node:http options that cut slow requests: a body dripping a byte a minute, or headers that
 * never end. Uploads longer than `requestTimeoutMs` are cut too and resume from their offset.
 */
export function timeoutOptions(limits: ReceiverLimits): ServerOptions {
  return {
    requestTimeout: limits.requestTimeoutMs,
    headersTimeout: limits.headersTimeoutMs,
    // Node checks both limits only this often (every 30 s by default), so a limit of seconds
    // would be overshot many times; a quarter of the shorter one keeps the cut close to it.
    connectionsCheckingInterval: Math.min(30_000, Math.max(50, limits.headersTimeoutMs / 4)),
  };
}
