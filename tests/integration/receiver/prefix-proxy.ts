import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A reverse proxy serving a receiver under a path prefix, as one behind nginx might be. */
export interface PrefixProxy {
  /** The public base URL, e.g. http://127.0.0.1:PORT/photodose */
  url: string;
  /** Where requests go; set once the receiver runs (it needs the proxy's URL first). */
  target: string;
  close(): Promise<void>;
}

/**
 * Forwards `${prefix}/...` to `target` with the prefix removed (and the Host of the target,
 * as nginx's proxy_pass does by default); anything else gets 404 from the proxy itself.
 */
export async function startPrefixProxy(prefix: string): Promise<PrefixProxy> {
  const server = createServer((req, res) => {
    const { hostname, port, host } = new URL(proxy.target);
    const url = req.url ?? '';
    if (!url.startsWith(`${prefix}/`)) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not behind the proxy prefix');
      return;
    }
    const upstream = request(
      {
        host: hostname,
        port,
        method: req.method,
        path: url.slice(prefix.length),
        headers: { ...req.headers, host },
      },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const proxy: PrefixProxy = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`,
    target: 'http://127.0.0.1:1',
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
  return proxy;
}
