import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientMachine } from './client-machine';
import { runCli, startCli, type Running } from './processes';
import type { IncomingMessage } from 'node:http';
import { startMeteredLine, type MeteredLine } from '../../support/metered-line';
import { startHoldingProxy, type HoldingProxy } from '../../support/holding-proxy';
import { freePort } from '../../support/free-port';

/**
 * The three parties of an order, each as its own process, all in one temp
 * folder: the lab's key, the provider's receiving server, and the
 * customer's app (the loopback host) configured for that lab.
 */
export interface Stack {
  root: string;
  identityFile: string;
  providerData: string;
  serverUrl: string;
  receiver: Running;
  /** Starts the receiving server again on the same port and data (after `receiver.stop()`). */
  restartReceiver(): Promise<Running>;
  /** With `hold`: the proxy between the app and the server, holding the requests it picks. */
  front?: HoldingProxy;
  /**
   * Starts the customer's app; given a client machine, it keeps to that machine's folders.
   * `extra`: more arguments for `photodose web` and more environment (a keychain's D-Bus).
   */
  startClient(
    machine?: ClientMachine,
    extra?: { args?: string[]; env?: Record<string, string> },
  ): Promise<{ web: Running; appUrl: string }>;
  stop(): Promise<void>;
}

/**
 * `slowLine`: the customer's app reaches the server over a line this many bytes a second slow
 * (tests/support/metered-line.ts), so a test can act while an order is on its way. `hold`: it
 * reaches it through a proxy that holds the requests `hold` picks (tests/support/holding-proxy.ts),
 * so an order stops at a chosen point. The lab's own commands reach the server directly.
 */
export async function startStack(
  options: { slowLine?: number; hold?: (req: IncomingMessage) => boolean } = {},
): Promise<Stack> {
  const root = await mkdtemp(join(tmpdir(), 'photodose-e2e-'));
  const running: Running[] = [];
  let line: MeteredLine | HoldingProxy | undefined;
  let front: HoldingProxy | undefined;
  let fixedPort = '0';
  if (options.slowLine || options.hold) {
    // The front must know the server's port before the server starts: one the OS says is free.
    fixedPort = String(await freePort());
    const target = { host: '127.0.0.1', port: Number(fixedPort) };
    if (options.hold) line = front = await startHoldingProxy({ target, hold: options.hold });
    else line = await startMeteredLine({ target, bytesPerSecond: options.slowLine! });
  }
  await mkdir(join(root, 'lab'));
  const identityFile = join(root, 'lab', 'identity.txt');
  const recipient = (await runCli(['lab', 'keygen', '--out', identityFile]))
    .trim()
    .split('\n')
    .at(-1)!;
  const providerData = join(root, 'provider');
  const receiverArgs = (port: string) => [
    'receiver',
    '--port',
    port,
    '--data',
    providerData,
    // Upload locations point the client back through the line.
    ...(line ? ['--public-url', line.url] : []),
  ];
  const receiver = await startCli(
    receiverArgs(fixedPort),
    /Receiver running at (http:\/\/127\.0\.0\.1:(\d+))/,
  );
  running.push(receiver);
  const [, serverUrl, port] = receiver.match as unknown as [string, string, string];
  const labConfig = join(root, 'lab', 'client-lab.json');
  await writeFile(
    labConfig,
    JSON.stringify({
      id: 'photodose-bremen',
      name: 'Photo Dose',
      city: 'Bremen',
      recipient,
      serverUrl: line?.url ?? serverUrl,
    }),
  );
  return {
    root,
    identityFile,
    providerData,
    serverUrl,
    receiver,
    front,
    async restartReceiver() {
      const again = await startCli(receiverArgs(port), /Receiver running at/);
      running.push(again);
      return again;
    },
    async startClient(machine, extra = {}) {
      const env = { ...process.env, ...machine?.env, ...extra.env };
      const devDir = machine
        ? join(machine.folders.data, 'photodose-dev')
        : join(root, 'client-dev');
      const args = [
        'web',
        '--lab',
        labConfig,
        '--dev-dir',
        devDir,
        '--json',
        ...(extra.args ?? []),
      ];
      const web = await startCli(args, /^(\{"appUrl".*\})$/m, env);
      running.push(web);
      return { web, appUrl: (JSON.parse(web.match[1]!) as { appUrl: string }).appUrl };
    },
    async stop() {
      await Promise.all(running.map((r) => r.stop()));
      await line?.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
