import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientMachine } from './client-machine';
import { runCli, startCli, type Running } from './processes';

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
  /** Starts the customer's app; given a client machine, it keeps to that machine's folders. */
  startClient(machine?: ClientMachine): Promise<{ web: Running; appUrl: string }>;
  stop(): Promise<void>;
}

export async function startStack(): Promise<Stack> {
  const root = await mkdtemp(join(tmpdir(), 'photodose-e2e-'));
  const running: Running[] = [];
  await mkdir(join(root, 'lab'));
  const identityFile = join(root, 'lab', 'identity.txt');
  const recipient = (await runCli(['lab', 'keygen', '--out', identityFile]))
    .trim()
    .split('\n')
    .at(-1)!;
  const providerData = join(root, 'provider');
  const receiverArgs = (port: string) => ['receiver', '--port', port, '--data', providerData];
  const receiver = await startCli(
    receiverArgs('0'),
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
      serverUrl,
    }),
  );
  return {
    root,
    identityFile,
    providerData,
    serverUrl,
    receiver,
    async restartReceiver() {
      const again = await startCli(receiverArgs(port), /Receiver running at/);
      running.push(again);
      return again;
    },
    async startClient(machine) {
      const env = machine ? { ...process.env, ...machine.env } : process.env;
      const devDir = machine
        ? join(machine.folders.data, 'photodose-dev')
        : join(root, 'client-dev');
      const args = ['web', '--lab', labConfig, '--dev-dir', devDir, '--json'];
      const web = await startCli(args, /^(\{"appUrl".*\})$/m, env);
      running.push(web);
      return { web, appUrl: (JSON.parse(web.match[1]!) as { appUrl: string }).appUrl };
    },
    async stop() {
      await Promise.all(running.map((r) => r.stop()));
      await rm(root, { recursive: true, force: true });
    },
  };
}
