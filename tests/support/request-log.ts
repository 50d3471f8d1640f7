import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One thing the proxy saw: a request arriving (its head) or its reply going back (finished). */
export interface LoggedEvent {
  event: 'request' | 'reply';
  method: string;
  /** The upload's name for a creation (from Upload-Metadata), else the request's path. */
  target: string;
  status?: number;
  /** A creation's reply: where the new upload is. */
  location?: string;
}

/**
 * An HTTP proxy in front of a receiver that writes down, in order, each request as its head
 * arrives and each reply as it is finished, so a test can see which requests overlapped.
 */
export async function startRequestLog(): Promise<{
  url: string;
  events: LoggedEvent[];
  /** Where requests go: set once the receiver runs (it is told the proxy's URL as its own). */
  upstream: string;
  close(): Promise<void>;
}> {
  const events: LoggedEvent[] = [];
  let upstream = '';
  const server: Server = createServer((req, res) => {
    const to = new URL(upstream);
    const method = req.method ?? '';
    const target = uploadName(req.headers['upload-metadata']) ?? req.url ?? '';
    events.push({ event: 'request', method, target });
    const forward = request(
      { host: to.hostname, port: to.port, method, path: req.url, headers: req.headers },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
        const location = reply.headers.location;
        reply.on('end', () =>
          events.push({ event: 'reply', method, target, status: reply.statusCode, location }),
        );
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    events,
    get upstream() {
      return upstream;
    },
    set upstream(url: string) {
      upstream = url;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function uploadName(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const name = header.split(',').find((pair) => pair.startsWith('name '));
  return name && Buffer.from(name.slice(5), 'base64').toString('utf8');
}
