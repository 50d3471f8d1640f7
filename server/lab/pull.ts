import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { createDecryptStream, parseIdentityFile } from '../../services/age';
import { deleteOrder, downloadFile, listOrders } from '../../services/upload/lab-api';
import type { ServerTrust } from '../../services/upload/server-trust';
import { ServerPins } from '../../src/lab/server-pins';
import { parseOrThrow } from '../../src/validation';
import { MANIFEST_FILE, parseManifest } from '../../src/order/manifest';
import { checkOrdersDir, defaultOrdersDir } from './orders-dir';
import { plainName, verifyOrderFolder } from './verify';

const help = `photodose lab pull --identity FILE [--out DIR] [options]

Downloads every complete order from the receiving server, decrypts it with
the lab's identity, and checks every photo against the order's manifest.
A verified order lands in DIR/<order id>/ and is then deleted from the
server (privacy: the provider keeps nothing once the lab has it).
Orders hold customers' names, addresses and photos: DIR may not lie inside
a git work tree.

  --identity FILE     the lab's age identity (from 'photodose lab keygen')
  --out DIR           where orders go (default ~/photodose-lab-orders)
  --server URL        receiving server (default $PHOTODOSE_RECEIVER_URL or http://127.0.0.1:8787)
  --lab-token TOKEN   lab credential (default $PHOTODOSE_LAB_TOKEN)
  --lab-token-file F  read the lab credential from a file (e.g. DATA/lab-token)
  --pin sha256//...   the server's public key pin (repeat it for a backup key): a
                      certificate whose key matches none is refused. The certificate
                      is always verified; a private CA comes through NODE_EXTRA_CA_CERTS
  --keep              leave orders on the server after pulling`;

export interface PullOptions {
  serverUrl: string;
  labToken: string;
  identities: string[];
  outDir: string;
  keep?: boolean;
  log?: (line: string) => void;
  /** Pins of the server's key; TLS's own checks are made with or without them. */
  trust?: ServerTrust;
}

export interface PullReport {
  pulled: { orderId: string; dir: string; photos: number }[];
  failed: { orderId: string; reason: string }[];
}

/** Pulls, decrypts and verifies every complete order; one bad order never blocks the rest. */
export async function pullOrders(options: PullOptions): Promise<PullReport> {
  const log = options.log ?? (() => {});
  const report: PullReport = { pulled: [], failed: [] };
  await mkdir(options.outDir, { recursive: true });
  const orders = await listOrders(options.serverUrl, options.labToken, { trust: options.trust });
  for (const order of orders) {
    const finalDir = join(options.outDir, order.orderId);
    if (await stat(finalDir).catch(() => undefined)) {
      report.failed.push({ orderId: order.orderId, reason: `${finalDir} exists already` });
      continue;
    }
    const partial = `${finalDir}.partial`;
    try {
      await rm(partial, { recursive: true, force: true });
      await mkdir(partial, { recursive: true });
      // The manifest first: it names the photos' types, and a wrong key fails fast.
      const names = [
        MANIFEST_FILE,
        ...order.files.map((f) => f.name).filter((n) => n !== MANIFEST_FILE),
      ];
      await fetchDecrypted(options, order.orderId, MANIFEST_FILE, join(partial, 'manifest.json'));
      const manifest = parseManifest(
        JSON.parse(await readFile(join(partial, 'manifest.json'), 'utf8')),
      );
      if (manifest.orderId !== order.orderId) {
        throw new Error(`manifest belongs to order ${manifest.orderId}, not ${order.orderId}`);
      }
      const listed = new Set(manifest.files.map((f) => f.name));
      for (const name of names.slice(1)) {
        if (!listed.has(name)) throw new Error(`${name} is on the server but not in the manifest`);
      }
      for (const file of manifest.files) {
        await fetchDecrypted(
          options,
          order.orderId,
          file.name,
          join(partial, plainName(file.name, file.mime)),
        );
      }
      const problems = await verifyOrderFolder(partial, manifest);
      if (problems.length > 0) throw new Error(`verification failed: ${problems.join('; ')}`);
      await rename(partial, finalDir);
      if (!options.keep)
        await deleteOrder(options.serverUrl, options.labToken, order.orderId, {
          trust: options.trust,
        });
      report.pulled.push({ orderId: order.orderId, dir: finalDir, photos: manifest.files.length });
      log(`${order.orderId}: ${manifest.files.length} photos verified -> ${finalDir}`);
    } catch (error) {
      await rm(partial, { recursive: true, force: true });
      const reason = error instanceof Error ? error.message : String(error);
      report.failed.push({ orderId: order.orderId, reason });
      log(`${order.orderId}: FAILED: ${reason} (left on the server)`);
    }
  }
  return report;
}

async function fetchDecrypted(options: PullOptions, orderId: string, name: string, target: string) {
  const body = await downloadFile(options.serverUrl, options.labToken, orderId, name, {
    trust: options.trust,
  });
  try {
    await pipeline(
      body,
      createDecryptStream(options.identities),
      createWriteStream(target, { mode: 0o600 }),
    );
  } catch (error) {
    throw new Error(`${name}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

export async function runPull(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      identity: { type: 'string' },
      out: { type: 'string' },
      server: { type: 'string' },
      'lab-token': { type: 'string' },
      'lab-token-file': { type: 'string' },
      keep: { type: 'boolean' },
      pin: { type: 'string', multiple: true },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void console.log(help);
  if (!values.identity) throw new Error(`--identity is required\n\n${help}`);
  const outDir = await checkOrdersDir(values.out ?? defaultOrdersDir());
  const labToken =
    values['lab-token'] ??
    (values['lab-token-file']
      ? (await readFile(values['lab-token-file'], 'utf8')).trim()
      : undefined) ??
    process.env.PHOTODOSE_LAB_TOKEN;
  if (!labToken)
    throw new Error('no lab credential: give --lab-token, --lab-token-file or PHOTODOSE_LAB_TOKEN');
  const identities = parseIdentityFile(await readFile(values.identity, 'utf8'));
  const report = await pullOrders({
    serverUrl: values.server ?? process.env.PHOTODOSE_RECEIVER_URL ?? 'http://127.0.0.1:8787',
    labToken,
    identities,
    outDir,
    keep: values.keep,
    trust: values.pin ? { pins: parseOrThrow(ServerPins, values.pin, '--pin') } : undefined,
    log: (line) => console.log(line),
  });
  console.log(
    `${report.pulled.length} orders pulled into ${outDir}, ${report.failed.length} failed`,
  );
  if (report.failed.length > 0) process.exitCode = 1;
}
