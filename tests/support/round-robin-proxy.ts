import { Agent, createServer, request } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small HTTP load balancer for tests and the bench: each request goes to the next receiver in
 * turn (per request, not per connection, so one customer's upload really crosses receivers),
 * skipping receivers whose /readyz fails or whose connection failed, as a provider's balancer
 * would. What it did is kept in `served`, so a test can tell which receiver took which request.
 */
export interface RoundRobinProxy {
  url: string;
  /** Every request forwarded, in order of arrival. */
  served: ServedRequest[];
  /** Backends' base URLs, in rotation order. */
  backends(): string[];
  add(backendUrl: string): void;
  /** Takes a backend out of the rotation (its requests in flight go on). */
  remove(backendUrl: string): void;
  /** Whether the proxy currently sends requests to this backend. */
  isUp(backendUrl: string): boolean;
  close(): Promise<void>;
}

export interface ServedRequest {
  backend: string;
  method: string;
  path: string;
  /** The backend's status, or 'failed' when its connection broke before an answer. */
  status: number | 'failed';
}

export interface RoundRobinProxyOptions {
  backends?: string[];
  /** How often each backend's /readyz is asked; default 250 ms. */
  pollMs?: number;
}

/** Headers of one connection, not of the request (RFC 9110, 7.6.1): not forwarded. */
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
];

interface Backend {
  url: URL;
  up: boolean;
  /** /readyz probes failed in a row: a busy receiver may miss one without leaving the rotation. */
  missed: number;
  agent: Agent;
}

/** Probes a backend must fail in a row to leave the rotation (a refused connection: at once). */
const MISSES_TO_DOWN = 2;

export async function startRoundRobinProxy(
  opts: RoundRobinProxyOptions = {},
): Promise<RoundRobinProxy> {
  const backends: Backend[] = [];
  const served: ServedRequest[] = [];
  let turn = 0;

  const add = (backendUrl: string) => {
    backends.push({
      url: new URL(backendUrl),
      up: true,
      missed: 0,
      agent: new Agent({ keepAlive: true, maxSockets: 256 }),
    });
  };
  for (const b of opts.backends ?? []) add(b);

  const next = (): Backend | undefined => {
    for (let i = 0; i < backends.length; i++) {
      const backend = backends[turn++ % backends.length]!;
      if (backend.up) return backend;
    }
    // None passes its probe: fail open, as provider load balancers do, rather than refuse
    // everyone (a probe that times out under load says busy, not gone). A backend whose
    // connections fail still answers 502 and is asked again.
    return backends.length > 0 ? backends[turn++ % backends.length] : undefined;
  };

  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const backend = next();
    if (!backend) {
      req.resume();
      res.writeHead(503, { 'Content-Type': 'application/json', Connection: 'close' });
      res.end(JSON.stringify({ error: 'no receiver is ready' }));
      return;
    }
    const entry: ServedRequest = {
      backend: backend.url.origin,
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      status: 'failed',
    };
    served.push(entry);
    const headers: IncomingHttpHeaders = { ...req.headers };
    for (const name of HOP_BY_HOP) delete headers[name];
    const from = req.socket.remoteAddress ?? '';
    const prior = req.headers['x-forwarded-for'];
    headers['x-forwarded-for'] = prior ? `${String(prior)}, ${from}` : from;
    const upstream = request({
      host: backend.url.hostname,
      port: backend.url.port,
      method: req.method,
      path: req.url,
      headers,
      agent: backend.agent,
    });
    upstream.on('response', (answer) => {
      entry.status = answer.statusCode ?? 502;
      const back: IncomingHttpHeaders = { ...answer.headers };
      for (const name of HOP_BY_HOP) delete back[name];
      res.writeHead(answer.statusCode ?? 502, back);
      answer.pipe(res);
      // The receiver's answer broke off: so does ours, as a real balancer's would.
      answer.on('aborted', () => res.destroy());
      answer.on('error', () => res.destroy());
    });
    let clientGone = false;
    upstream.on('error', (err) => {
      if (clientGone) return;
      // A receiver that refuses or drops connections leaves the rotation until /readyz answers.
      backend.up = false;
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(502, { 'Content-Type': 'application/json', Connection: 'close' });
      res.end(JSON.stringify({ error: `the receiver failed: ${err.message}` }));
      // What is left of the client's body is not read: close after the answer.
      req.unpipe(upstream);
      req.resume();
    });
    // The customer's side went away: so does the request to the receiver.
    res.on('close', () => {
      if (res.writableFinished) return;
      clientGone = true;
      upstream.destroy();
    });
    req.pipe(upstream);
  };

  const server = createServer(forward);
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  let closed = false;
  const poll = async () => {
    // A backend starts in the rotation (it was added once ready); asked first after one period.
    while (!closed) {
      await new Promise((resolve) => setTimeout(resolve, opts.pollMs ?? 250).unref());
      await Promise.all(
        backends.map(async (backend) => {
          const ready = await isReady(backend.url);
          backend.missed = ready ? 0 : backend.missed + 1;
          if (ready) backend.up = true;
          else if (backend.missed >= MISSES_TO_DOWN) backend.up = false;
        }),
      );
    }
  };
  void poll();

  return {
    url: `http://127.0.0.1:${port}`,
    served,
    backends: () => backends.map((b) => b.url.origin),
    add,
    remove: (backendUrl) => {
      const at = backends.findIndex((b) => b.url.origin === new URL(backendUrl).origin);
      if (at !== -1) backends.splice(at, 1)[0]!.agent.destroy();
    },
    isUp: (backendUrl) => backends.some((b) => b.url.origin === new URL(backendUrl).origin && b.up),
    close: async () => {
      closed = true;
      for (const b of backends) b.agent.destroy();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** GET /readyz within 3 s; any failure counts as not ready. */
function isReady(url: URL): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = request(
      { host: url.hostname, port: url.port, path: '/readyz', method: 'GET', timeout: 3000 },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      },
    );
    probe.on('timeout', () => probe.destroy(new Error('timeout')));
    probe.on('error', () => resolve(false));
    probe.end();
  });
}
