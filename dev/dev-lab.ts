import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LabConfig } from '../src/lab/lab-config';
import { checkLabConfig, describeLabRefusal } from '../src/lab/lab-policy';
import { readLabConfigFile } from '../services/lab/read-lab-config';
import { generateIdentity, parseIdentityFile, recipientOf } from '../services/age';
import { createReceiver } from '../server/receiver';

/** The demonstration lab's configuration: `serverUrl: "embedded"`. */
export const DEMO_LAB_FILE = join(import.meta.dirname, 'lab.json');

export interface ResolvedLab {
  config: Omit<LabConfig, 'serverUrl'> & { serverUrl: string };
  /** Set when an embedded receiver runs: how to pull its orders. */
  embedded?: { dataDir: string; identityFile: string; labToken: string };
  close(): Promise<void>;
}

/**
 * Loads a lab configuration for development (dev/lab.json, or the file
 * named by PHOTODOSE_LAB_CONFIG) and makes its server reachable. With
 * `serverUrl: "embedded"` this is the self-contained demonstration lab: a
 * receiving server on 127.0.0.1 and a development lab key in `devDir`, so a
 * developer can place an order and pull it with `photodose lab pull`.
 * Never part of a release: the packaged app refuses "embedded".
 */
export async function resolveLab(opts: {
  devDir: string;
  configFile?: string;
  log?: (line: string) => void;
  /**
   * A white-label lab's configuration (assets/labs/<lab>/lab.json) to demonstrate in place of
   * dev/lab.json: its name, checkout and support with the embedded server and development key,
   * so nothing reaches the lab's real server. A configuration file named still wins.
   */
  demonstrating?: LabConfig;
}): Promise<ResolvedLab> {
  const named = opts.configFile ?? process.env.PHOTODOSE_LAB_CONFIG;
  const file = named || DEMO_LAB_FILE;
  const check =
    opts.demonstrating && !named
      ? checkLabConfig(asDemonstration(opts.demonstrating), 'development')
      : await readLabConfigFile(file, 'development');
  if (!check.ok) throw new Error(`${file}: ${describeLabRefusal(check.refusal)}`);
  const { config } = check;
  if (config.serverUrl !== 'embedded') {
    return { config: { ...config, serverUrl: config.serverUrl }, close: async () => {} };
  }
  await mkdir(opts.devDir, { recursive: true, mode: 0o700 });
  const identityFile = join(opts.devDir, 'lab-identity.txt');
  const identity = await loadOrCreateIdentity(identityFile);
  const dataDir = join(opts.devDir, 'receiver');
  // localOnly: this receiver runs on a developer's machine, reachable by its own processes only.
  const receiver = await createReceiver({ dataDir, log: opts.log, localOnly: true });
  opts.log?.(`embedded receiving server at ${receiver.url}, data in ${dataDir}`);
  return {
    config: { ...config, recipient: recipientOf(identity), serverUrl: receiver.url },
    embedded: { dataDir, identityFile, labToken: receiver.labToken },
    close: () => receiver.close(),
  };
}

/** A lab's configuration as the demonstration lab: its own server, pins and updates left out. */
function asDemonstration(config: LabConfig): unknown {
  const { serverPins: _pins, updateUrl: _updates, ...rest } = config;
  return { ...rest, serverUrl: 'embedded' };
}

async function loadOrCreateIdentity(file: string): Promise<string> {
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing !== undefined) {
    const [identity] = parseIdentityFile(existing);
    if (!identity) throw new Error(`${file} holds no identity`);
    return identity;
  }
  const { identity, recipient } = generateIdentity();
  const text = `# development lab key, made ${new Date().toISOString()}\n# public key: ${recipient}\n${identity}\n`;
  await writeFile(file, text, { mode: 0o600, flag: 'wx' });
  return identity;
}
