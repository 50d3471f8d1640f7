import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { startFaultProxy, type FaultProxy } from '../integration/receiver/fault-proxy';

/** The line between a client and the receiver, metered: every byte the client sent counted. */
export interface MeteredLine {
  url: string;
  /** Bytes the client sent towards the server (request heads and bodies, all connections). */
  readonly sentBytes: number;
  /** Connections the client opened. */
  readonly connections: number;
  /**
   * Drops every open connection at once, and what is on its way in them: the machine lost
   * power, or the process died and took its unsent bytes with it. New connections are served.
   */
  cutAll(): void;
  close(): Promise<void>;
}

/**
 * The tests' fault proxy (tests/integration/receiver/fault-proxy.ts, used as it is) with a small
 * relay in front that counts what the client sent and slows it to `bytesPerSecond`, so a test
 * can stop the client mid-upload and afterwards check how much was sent twice.
 */
export async function startMeteredLine(opts: {
  target: { host: string; port: number };
  bytesPerSecond: number;
}): Promise<MeteredLine> {
  const proxy: FaultProxy = await startFaultProxy({ target: opts.target });
  const proxyPort = Number(new URL(proxy.url).port);
  const sockets = new Set<net.Socket>();
  let sent = 0;
  let connections = 0;
  const relay = net.createServer((client) => {
    connections++;
    const upstream = net.connect(proxyPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('data', (chunk: Buffer) => {
      // Counted as it leaves for the server; the pause makes the line as slow as asked.
      sent += chunk.length;
      upstream.write(chunk);
      client.pause();
      void sleep((chunk.length * 1000) / opts.bytesPerSecond).then(() => client.resume());
    });
    client.on('end', () => upstream.end());
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const { port } = relay.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get sentBytes() {
      return sent;
    },
    get connections() {
      return connections;
    },
    cutAll: () => {
      for (const s of sockets) s.destroy();
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
      await proxy.close();
    },
  };
}
