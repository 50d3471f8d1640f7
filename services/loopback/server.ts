import { STATUS_CODES, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { HostServices } from '../../src/contract/host';
import { dispatch } from '../host/dispatch';
import type { EventHub } from '../host/events';
import type { BrowserFiles } from '../host/browser-files';
import { serveStatic } from './static';
import { receiveBlob, type RouteReply } from './blob-route';

/** The subprotocol a browser offers first; the token travels as the second one. */
export const EVENTS_PROTOCOL = 'photodose.v1';
const MAX_JSON_BYTES = 32 * 1024 * 1024;

export interface LoopbackOptions {
  services: HostServices;
  events: EventHub;
  browserFiles: BrowserFiles;
  /** Folder of the built renderer; without it only the API is served. */
  staticDir?: string;
  port?: number;
  log?: (line: string) => void;
}

export interface LoopbackHost {
  origin: string;
  token: string;
  /** The address to open in a browser: the token rides in the fragment, never sent to a server. */
  appUrl: string;
  close(): Promise<void>;
}

/**
 * The host over HTTP and WebSocket on 127.0.0.1, for a browser and for the
 * end-to-end tests. Same services as the Electron transport. Every API call
 * needs the per-run token; requests from other origins, or with a Host
 * header other than our own (DNS rebinding), are refused.
 */
export async function startLoopbackHost(options: LoopbackOptions): Promise<LoopbackHost> {
  const log = options.log ?? (() => {});
  const token = randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(token);
  let origin = '';

  const tokenMatches = (candidate: string | undefined) => {
    const bytes = Buffer.from(candidate ?? '');
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes);
  };

  /** Host and Origin checks, shared by HTTP and WebSocket. */
  const refusal = (req: IncomingMessage): { status: number; message: string } | undefined => {
    // Node keeps only the first of several Host headers; a proxy may act on another one.
    const hosts = req.headersDistinct.host ?? [];
    if (hosts.length > 1) return { status: 400, message: 'refused: more than one Host header' };
    if (hosts[0] !== origin.slice('http://'.length))
      return { status: 403, message: 'refused: wrong host' };
    const from = req.headers.origin;
    if (from !== undefined && from !== origin)
      return { status: 403, message: `refused: foreign origin ${from}` };
    return undefined;
  };

  const security: Record<string, string> = {
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };

  const sendJson = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { ...security, 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const refuse = (res: ServerResponse, status: number, message: string) =>
    sendJson(res, status, { error: { code: 'unauthorized', message } });
  const invalid = (res: ServerResponse, message: string) =>
    sendJson(res, 400, { error: { code: 'invalid-request', message } });
  const sendReply = (req: IncomingMessage, res: ServerResponse, reply: RouteReply) => {
    res.writeHead(reply.status, {
      ...security,
      ...reply.headers,
      // A refused photo's body is left unread: closing spares the browser sending all of it.
      ...(req.complete ? {} : { Connection: 'close' }),
      ...(reply.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    });
    res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`loopback: ${String(error)}`);
      if (!res.headersSent)
        sendJson(res, 500, { error: { code: 'internal', message: 'internal error' } });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const why = refusal(req);
    if (why)
      return why.status === 400 ? invalid(res, why.message) : refuse(res, why.status, why.message);
    const url = parseTarget(req.url, origin);
    if (!url) return invalid(res, 'malformed request target');
    if (!url.pathname.startsWith('/host/')) {
      if (req.method !== 'GET' || !options.staticDir) return refuse(res, 404, 'not found');
      return serveStatic(options.staticDir, url.pathname, res, {
        ...security,
        'Content-Security-Policy': contentSecurityPolicy(origin),
      });
    }
    const auth = req.headers.authorization;
    if (!auth?.startsWith('Bearer ') || !tokenMatches(auth.slice(7))) {
      return refuse(res, 401, 'missing or wrong token');
    }
    if (req.method === 'POST' && url.pathname.startsWith('/host/invoke/')) {
      if (!req.headers['content-type']?.startsWith('application/json')) {
        return sendJson(res, 415, {
          error: { code: 'invalid-request', message: 'expected application/json' },
        });
      }
      const body = await readBody(req, MAX_JSON_BYTES);
      if (body === undefined)
        return sendJson(res, 413, {
          error: { code: 'invalid-request', message: 'request too large' },
        });
      let args: unknown;
      try {
        args = JSON.parse(body.toString('utf8'));
      } catch {
        return sendJson(res, 400, {
          error: { code: 'invalid-request', message: 'body is not valid JSON' },
        });
      }
      const name = decodedName(url.pathname.slice('/host/invoke/'.length));
      if (name === undefined) return invalid(res, 'request name is not valid percent-encoding');
      const outcome = await dispatch(options.services, name, args, log);
      if (!outcome.ok) return sendJson(res, outcome.status, { error: outcome.error });
      // Binary results (a thumbnail) travel as they are, not as base64 inside JSON.
      if (outcome.result instanceof Uint8Array) {
        res.writeHead(200, { ...security, 'Content-Type': 'application/octet-stream' });
        return res.end(outcome.result);
      }
      return sendJson(res, 200, { result: outcome.result });
    }
    if (req.method === 'PUT' && url.pathname === '/host/blobs') {
      const requestId = url.searchParams.get('for');
      return sendReply(req, res, await receiveBlob(req, requestId, options.browserFiles));
    }
    return sendJson(res, 404, {
      error: { code: 'unknown-request', message: `no route ${req.method} ${url.pathname}` },
    });
  }

  const sockets = new WebSocketServer({ noServer: true, handleProtocols: () => EVENTS_PROTOCOL });
  server.on('upgrade', (req, socket, head) => {
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const why =
      refusal(req) ??
      (parseTarget(req.url, origin)?.pathname !== '/host/events'
        ? { status: 404, message: 'not found' }
        : offered[0] !== EVENTS_PROTOCOL || !tokenMatches(offered[1])
          ? { status: 401, message: 'missing or wrong token' }
          : undefined);
    if (why) {
      socket.end(rawRefusal(why.status, why.message));
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      const unsubscribe = options.events.subscribe((name, payload) => {
        ws.send(JSON.stringify({ event: name, payload }));
      });
      ws.on('close', unsubscribe);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    token,
    appUrl: `${origin}/#token=${token}`,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The same strict policy as the Electron window: our own code, our own host, nothing else. */
export function contentSecurityPolicy(origin: string): string {
  const ws = origin.replace(/^http/, 'ws');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${ws}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The request target as a URL; undefined for one no URL parser accepts (such as `//`). */
function parseTarget(target: string | undefined, origin: string): URL | undefined {
  try {
    return new URL(target ?? '/', origin);
  } catch {
    return undefined;
  }
}

/** A request name from the path; undefined when its percent-escapes are malformed. */
function decodedName(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}

/** A refused WebSocket upgrade: a plain HTTP reply on the raw socket, with the same error body. */
function rawRefusal(status: number, message: string): string {
  const code =
    status === 400 ? 'invalid-request' : status === 404 ? 'unknown-request' : 'unauthorized';
  const body = JSON.stringify({ error: { code, message } });
  return [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'Connection: close',
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
}

/** Reads a body up to a limit; undefined when the limit is passed. */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) {
      req.resume();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
