import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { startCli, type Running } from '../e2e/support/processes';
import { startRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy';

/**
 * Several `photodose receiver` processes behind the round-robin proxy, as a provider runs them
 * behind a load balancer. Each receiver is started from a config file (`--config FILE`, the
 * shape of server/receiver/config.ts) when `config` is given: that is how receivers share
 * PostgreSQL and the object store. Without `config` each receiver runs on the embedded default
 * with flags and a data folder of its own; such receivers share nothing, so that only makes
 * sense with one of them.
 *
 * Upload URLs point at the proxy (`publicUrl`), so every byte a client sends goes through it.
 */
export interface ClusterOptions {
  count: number;
  /** A temporary folder for config files and the embedded default's data. */
  dir: string;
  /**
   * The config file of receiver `index` (JSON); `listen` and `publicUrl` are filled in here.
   * The lab and metrics tokens reach it through the environment (`env`).
   */
  config?: (index: number) => Record<string, unknown>;
  /** Extra command line flags for every receiver (limits, say); only without `config`. */
  args?: string[];
  /** The config file's `limits` (server/receiver/config.ts); only with `config`. */
  limits?: Record<string, number>;
  /** Environment of every receiver (database URL, S3 keys...), on top of this process'. */
  env?: NodeJS.ProcessEnv;
  /** How often the proxy asks each receiver's /readyz; default 250 ms. */
  pollMs?: number;
  /**
   * Something in front of the proxy (a slow or faulty line, say), given the proxy's URL: its
   * URL becomes the one clients are handed. Closed with the cluster.
   */
  front?: (proxyUrl: string) => Promise<{ url: string; close(): Promise<void> }>;
}

export interface ClusterReceiver extends Running {
  index: number;
  /** Its own address, past the proxy. */
  url: string;
  /** Peak resident memory of the process so far (VmHWM), in bytes; undefined once it ended. */
  peakRss(): Promise<number | undefined>;
  /** SIGKILL: no goodbye, whatever it held in memory lost. Resolves when it has exited. */
  kill(): Promise<void>;
  /** Starts it again (after a kill), with the same config and a new port, back in the proxy. */
  restart(): Promise<void>;
}

export interface ReceiverCluster {
  /** Where clients go: the front's URL when there is one, else the proxy's. */
  url: string;
  proxy: RoundRobinProxy;
  receivers: ClusterReceiver[];
  /** The lab token every receiver was given. */
  labToken: string;
  /** Bearer token of every receiver's /metrics. */
  metricsToken: string;
  stop(): Promise<void>;
}

/** A minute on a busy machine is possible: tsx compiles the receiver at each start. */
const START_TIMEOUT_MS = 120_000;

export async function startReceiverCluster(opts: ClusterOptions): Promise<ReceiverCluster> {
  const proxy = await startRoundRobinProxy({ pollMs: opts.pollMs });
  const front = await opts.front?.(proxy.url);
  const publicUrl = front?.url ?? proxy.url;
  const labToken = `lab-${randomBytes(24).toString('base64url')}`;
  const metricsToken = `metrics-${randomBytes(24).toString('base64url')}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...opts.env,
    PHOTODOSE_LAB_TOKEN: labToken,
    PHOTODOSE_METRICS_TOKEN: metricsToken,
  };
  await mkdir(opts.dir, { recursive: true });

  const argsOf = async (index: number): Promise<string[]> => {
    const extra = opts.args ?? [];
    if (!opts.config) {
      const data = join(opts.dir, `receiver-${index}`);
      return ['receiver', '--port', '0', '--data', data, '--public-url', publicUrl, '--lab-token', labToken, ...extra]; // prettier-ignore
    }
    if (extra.length > 0) throw new Error('a receiver with a config file takes no other flags');
    const file = join(opts.dir, `receiver-${index}.json`);
    const config = {
      dataDir: `receiver-${index}-data`,
      ...opts.config(index),
      listen: { host: '127.0.0.1', port: 0 },
      publicUrl,
      ...(opts.limits ? { limits: opts.limits } : {}),
    };
    await writeFile(file, JSON.stringify(config, null, 2), { mode: 0o600 });
    return ['receiver', '--config', file];
  };

  const start = async (index: number): Promise<ClusterReceiver> => {
    const running = await startCli(
      await argsOf(index),
      /Receiver running at (\S+)\n/,
      env,
      START_TIMEOUT_MS,
    );
    const url = running.match[1]!;
    proxy.add(url);
    const self: ClusterReceiver = {
      ...running,
      index,
      url,
      peakRss: () => peakRss(running.child.pid),
      kill: async () => {
        proxy.remove(url);
        if (running.child.exitCode !== null || running.child.signalCode !== null) return;
        const exited = once(running.child, 'exit');
        running.child.kill('SIGKILL');
        await exited;
      },
      stop: async () => {
        proxy.remove(url);
        await running.stop();
      },
      restart: async () => {
        await self.kill();
        const again = await start(index);
        receivers[index] = again;
      },
    };
    return self;
  };

  const receivers: ClusterReceiver[] = [];
  try {
    // The first one alone (it migrates the schema), then the others at once.
    if (opts.count > 0) receivers.push(await start(0));
    const others = await Promise.allSettled(
      Array.from({ length: opts.count - 1 }, (_, i) => start(i + 1)),
    );
    for (const other of others) if (other.status === 'fulfilled') receivers.push(other.value);
    const failed = others.find((o) => o.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (err) {
    await Promise.all(receivers.map((r) => r.stop()));
    await front?.close();
    await proxy.close();
    throw err;
  }
  return {
    url: publicUrl,
    proxy,
    receivers,
    labToken,
    metricsToken,
    stop: async () => {
      await Promise.all(receivers.map((r) => r.stop()));
      await front?.close();
      await proxy.close();
    },
  };
}

/** The peak resident set (VmHWM) of a process, from /proc. */
async function peakRss(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}
