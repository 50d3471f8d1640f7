import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of the receiving server that writes down which order files the lab
 * asks for, and can cut the connection partway through the answer to one of them (a network
 * that drops mid-download). Plain HTTP only: it reads the request lines as they pass.
 */
export interface CuttingProxy {
  url: string;
  /** File names of every download asked for, in order. */
  downloads: string[];
  /** Cut the next answer for `name` after `bytes` bytes (headers included). */
  cutNext(name: string, bytes: number): void;
  close(): Promise<void>;
}

export async function startCuttingProxy(targetUrl: string): Promise<CuttingProxy> {
  const target = new URL(targetUrl);
  const downloads: string[] = [];
  let cut: { name: string; bytes: number } | undefined;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(upstream);
    let cutAfter: number | undefined;
    client.on('data', (data: Buffer) => {
      for (const match of data
        .toString('latin1')
        .matchAll(/GET \/api\/v1\/lab\/orders\/[^/]+\/files\/([^ ]+) HTTP/g)) {
        const name = decodeURIComponent(match[1]!);
        downloads.push(name);
        if (cut?.name === name) {
          cutAfter = cut.bytes;
          cut = undefined;
        }
      }
      upstream.write(data);
    });
    upstream.on('data', (data: Buffer) => {
      if (cutAfter === undefined) return void client.write(data);
      client.write(data.subarray(0, cutAfter));
      cutAfter -= Math.min(cutAfter, data.length);
      if (cutAfter === 0) {
        client.destroy();
        upstream.destroy();
      }
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    downloads,
    cutNext: (name, bytes) => {
      cut = { name, bytes };
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
