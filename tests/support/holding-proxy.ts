import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP proxy in front of the receiver that holds the requests a test names. */
export interface HoldingProxy {
  url: string;
  /** Requests held so far (never answered, never passed on). */
  readonly held: number;
  /** From now on every request is passed on; those held stay unanswered until `close`. */
  release(): void;
  close(): Promise<void>;
}

/**
 * Passes every request on to `target` but those `hold` picks, which it keeps open without an
 * answer, as a server that stopped answering one kind of request would: the client's request
 * is on its way and never gets through. Tests use it to stop an order at a chosen point (say,
 * before the status lookup's key reached the server) and then kill the client.
 */
export async function startHoldingProxy(opts: {
  target: { host: string; port: number };
  hold: (req: http.IncomingMessage) => boolean;
}): Promise<HoldingProxy> {
  let holding = true;
  let held = 0;
  const open = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    if (holding && opts.hold(req)) {
      held++;
      open.add(res);
      // Read and dropped: the body's bytes go nowhere, the answer never comes.
      req.resume();
      return;
    }
    const upstream = http.request(
      {
        host: opts.target.host,
        port: opts.target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.on('error', () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get held() {
      return held;
    },
    release: () => {
      holding = false;
    },
    close: async () => {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
