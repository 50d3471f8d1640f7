import axios from 'axios';
import type { AxiosResponse } from 'axios';
import { ErrorBody } from '../../src/contract/receiver';
import { firstIssue } from '../../src/validation';
import type { z } from 'zod';
import { httpsAgentFor, untrustedServer } from './server-trust';
import type { ServerTrust } from './server-trust';

/** A failed call to the receiving server; `status` is the HTTP status if there was a reply. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Per-call options of the API clients. */
export interface CallOptions {
  signal?: AbortSignal;
  /** Time until the reply headers arrive; default 30 s. */
  timeoutMs?: number;
  /** Pins (and a test's CA) for the server's certificate; TLS's own checks are always made. */
  trust?: ServerTrust;
}

/** The per-call axios settings every API call passes: abort, timeout and the TLS agent. */
export function callConfig(opts: CallOptions) {
  return { signal: opts.signal, timeout: opts.timeoutMs, httpsAgent: httpsAgentFor(opts.trust) };
}

/** Replies of the JSON endpoints are small; a larger one is a misbehaving server. */
const MAX_JSON_REPLY = 16 * 1024 * 1024;

/**
 * axios for the JSON endpoints: statuses are checked by us (so errors can quote the server),
 * bodies stay text until zod has looked at them, and redirects are not followed (a token
 * must not travel to wherever a redirect points).
 */
export const jsonHttp = axios.create({
  maxRedirects: 0,
  validateStatus: () => true,
  responseType: 'text',
  transformResponse: [(data: unknown) => data],
  maxContentLength: MAX_JSON_REPLY,
  timeout: 30_000,
  // Verification even for a call that forgot its trust: never NODE_TLS_REJECT_UNAUTHORIZED's.
  httpsAgent: httpsAgentFor(),
});

/** Joins the server's base URL and an API path. */
export function apiUrl(serverUrl: string, path: string): string {
  return `${serverUrl.replace(/\/+$/, '')}${path}`;
}

/** The server's own words for an error: `{ error }` of a JSON reply, else the trimmed text. */
export function serverMessage(data: unknown): string {
  const text = typeof data === 'string' ? data : Buffer.isBuffer(data) ? data.toString('utf8') : '';
  try {
    const parsed = ErrorBody.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data.error.slice(0, 500);
  } catch {
    // Not JSON: fall through to the plain text.
  }
  return text.trim().slice(0, 500) || '(no message)';
}

/** Throws an ApiError that quotes the server unless the reply has the expected status. */
export function expectStatus(res: AxiosResponse, expected: number, what: string): void {
  if (res.status !== expected) {
    throw new ApiError(
      `${what} failed: HTTP ${res.status}: ${serverMessage(res.data)}`,
      res.status,
    );
  }
}

/** Parses and validates a JSON reply; a malformed one is a clear error, not a crash later. */
export function parseReply<T>(res: AxiosResponse, schema: z.ZodType<T>, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(String(res.data));
  } catch {
    throw new ApiError(`${what}: the server's reply is not JSON`, res.status);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const { where, message } = firstIssue(parsed.error);
    throw new ApiError(
      `${what}: unexpected reply from the server (${where === '(root)' ? 'reply' : where}: ${message})`,
      res.status,
    );
  }
  return parsed.data;
}

/** Wraps network errors (no reply at all) so the message says what was being attempted. */
export async function call<T>(what: string, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (err) {
    if (err instanceof ApiError || !axios.isAxiosError(err)) throw err;
    if (axios.isCancel(err)) throw err;
    const untrusted = untrustedServer(err, err.config?.url);
    if (untrusted) throw untrusted;
    throw new ApiError(`${what} failed: ${err.code ?? 'network error'}: ${err.message}`);
  }
}
