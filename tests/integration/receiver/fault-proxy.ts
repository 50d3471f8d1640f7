import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** A TCP proxy in front of the receiver that can break one connection on purpose. */
export interface FaultProxy {
  url: string;
  /** How many connections were cut (0 or 1). */
  readonly cuts: number;
  /** Connections accepted so far. */
  readonly connections: number;
  close(): Promise<void>;
}

/** Options of {@link startFaultProxy}. */
export interface FaultProxyOptions {
  target: { host: string; port: number };
  /**
   * Once the client has sent this many bytes in total (all connections), forward exactly up
   * to that byte, then reset the client's connection and end the server's. Only once.
   */
  cutAfterBytes?: number;
}

/**
 * Starts the proxy on a free loopback port. Used instead of `tc netem`, which this kernel
 * lacks: the client sees a real connection reset mid-request, the server a truncated body.
 */
export async function startFaultProxy(opts: FaultProxyOptions): Promise<FaultProxy> {
  const sockets = new Set<net.Socket>();
  let forwarded = 0;
  let cuts = 0;
  let connections = 0;

  const server = net.createServer((client) => {
    connections++;
    const upstream = net.connect(opts.target.port, opts.target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined); // resets are the point here
    }
    client.on('data', (chunk: Buffer) => {
      const limit = opts.cutAfterBytes;
      if (limit !== undefined && cuts === 0 && forwarded + chunk.length >= limit) {
        cuts++;
        const part = chunk.subarray(0, limit - forwarded);
        forwarded = limit;
        upstream.end(part);
        client.resetAndDestroy();
        return;
      }
      forwarded += chunk.length;
      // Backpressure both ways, so the proxy never holds much in memory.
      if (!upstream.write(chunk)) {
        client.pause();
        upstream.once('drain', () => client.resume());
      }
    });
    upstream.pipe(client);
    client.on('end', () => upstream.end());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    get cuts() {
      return cuts;
    },
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
