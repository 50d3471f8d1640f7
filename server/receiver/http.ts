import type { IncomingMessage, ServerResponse } from 'node:http';
import { firstIssue } from '../../src/validation';
import type { z } from 'zod';

/** An error that becomes an HTTP response `{ error: message }` with the given status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Largest JSON body we accept: a commit of a few thousand files fits easily. */
export const MAX_JSON_BYTES = 1024 * 1024;

/** Sends a JSON reply; `status` 204 sends no body. */
export function sendJson(res: ServerResponse, status: number, body?: unknown): void {
  if (status === 204 || body === undefined) {
    res.writeHead(status, { 'Cache-Control': 'no-store' }).end();
    return;
  }
  const text = JSON.stringify(body);
  res
    .writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      'Cache-Control': 'no-store',
    })
    .end(text);
}

/** Sends `{ error }`; closes the connection when the request body was not read (why drain GBs?). */
export function sendError(req: IncomingMessage, res: ServerResponse, err: HttpError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  for (const [name, value] of Object.entries(err.headers)) res.setHeader(name, value);
  if (!req.complete) res.setHeader('Connection', 'close');
  sendJson(res, err.status, { error: err.message });
}

/**
 * Reads a JSON body of at most `limit` bytes and validates it with `schema`.
 * Each failure names what was wrong: size, content type, syntax or the first schema issue.
 */
export async function readJson<T>(
  req: IncomingMessage,
  schema: z.ZodType<T>,
  limit = MAX_JSON_BYTES,
): Promise<T> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new HttpError(415, 'Content-Type must be application/json');
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpError(413, `request body is larger than ${limit} bytes`);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) throw new HttpError(413, `request body is larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (err) {
    throw new HttpError(400, `request body is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new HttpError(400, `invalid request body: ${describeIssue(parsed.error)}`);
  return parsed.data;
}

/** The first zod issue as `path: message`, which is what a client developer needs to see. */
export function describeIssue(error: z.ZodError): string {
  const { where, message } = firstIssue(error);
  return `${where === '(root)' ? '(body)' : where}: ${message}`;
}

/** Extracts the token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header || header.length > 1024) return undefined;
  const match = /^Bearer +([A-Za-z0-9._~+/=-]+)$/i.exec(header.trim());
  return match?.[1];
}

/** 401 with the challenge header that RFC 6750 asks for. */
export function unauthorized(message: string): HttpError {
  return new HttpError(401, message, { 'WWW-Authenticate': 'Bearer' });
}
