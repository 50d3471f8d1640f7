import { createServer, type AddressInfo } from 'node:net';

/**
 * A loopback port the OS says is free right now, for a server that must be told its port before
 * it starts (a proxy in front of it needs the address first). Tests never use fixed ports.
 */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
