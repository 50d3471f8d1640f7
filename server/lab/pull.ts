import { createWriteStream } from 'node:fs';
import { readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { parseIdentityFile } from '../../services/age';
import { deleteOrder, downloadFile, listOrders } from '../../services/upload/lab-api';
import type { ServerTrust } from '../../services/upload/server-trust';
import type { LabOrder } from '../../src/contract/receiver';
import { ServerPins } from '../../src/lab/server-pins';
import { parseOrThrow } from '../../src/validation';
import { checkOrdersDir, defaultOrdersDir } from './orders-dir';
import { OrderDamage, TAKEN_IN, finishIntake, takeIn } from './intake';
import type { IntakeContext, IntakePoint } from './intake';
import { withIntakeSession } from './intake-session';
import { quarantineDir } from './order-folder';
import type { Clock, LabStore } from './store/lab-store';
import { reportPendingStatuses, reportStatus, serverStatusReporter } from './status-report';
import type { StatusReporter } from './status-report';

const help = `photodose lab pull --identity FILE [--out DIR] [options]

Downloads every complete order from the receiving server, decrypts it with
the lab's identity, and checks every photo against the order's manifest.
A verified order lands in DIR/<order id>/, is recorded as received in
DIR/lab.sqlite, and is then deleted from the server (privacy: the provider
keeps nothing once the lab has it). An interrupted pull resumes where it
stopped: files already downloaded are not fetched again. A damaged or
tampered order goes to DIR/quarantine/<order id>/ with reason.txt and stays
on the server. Orders hold customers' names, addresses and photos: DIR may
not lie inside a git work tree.

  --identity FILE     the lab's age identity (from 'photodose lab keygen')
  --out DIR           where orders go (default ~/photodose-lab-orders)
  --server URL        receiving server (default $PHOTODOSE_RECEIVER_URL or http://127.0.0.1:8787)
  --lab-token TOKEN   lab credential (default $PHOTODOSE_LAB_TOKEN)
  --lab-token-file F  read the lab credential from a file (e.g. DATA/lab-token)
  --pin sha256//...   the server's public key pin (repeat it for a backup key): a
                      certificate whose key matches none is refused. The certificate
                      is always verified; a private CA comes through NODE_EXTRA_CA_CERTS
  --retry-quarantined take quarantined orders still on the server in again
  --keep              leave orders on the server after pulling`;

export interface PullOptions {
  serverUrl: string;
  labToken: string;
  identities: string[];
  outDir: string;
  keep?: boolean;
  /** Take quarantined orders still on the server in again (after a key was fixed, say). */
  retryQuarantined?: boolean;
  log?: (line: string) => void;
  /** Pins of the server's key; TLS's own checks are made with or without them. */
  trust?: ServerTrust;
  /** The lab database; by default DIR/lab.sqlite, opened and closed by the pull. */
  store?: LabStore;
  clock?: Clock;
  /** Tells the server's status lookup; by default the seam in status-report.ts. */
  reporter?: StatusReporter;
  /** Called after each step of taking an order in (tests end the process there). */
  checkpoint?: (point: IntakePoint, orderId: string) => void | Promise<void>;
}

export interface PullReport {
  pulled: { orderId: string; dir: string; photos: number }[];
  /** Orders not taken in: damaged ones (with their quarantine folder) and interrupted ones. */
  failed: { orderId: string; reason: string; quarantined?: string }[];
  /** Orders the lab had already (a pull that stopped before deleting them at the server). */
  alreadyHad: string[];
}

/** Pulls, decrypts and verifies every complete order; one bad order never blocks the rest. */
export async function pullOrders(options: PullOptions): Promise<PullReport> {
  return withIntakeSession(options, async (ctx) => {
    const reporter = options.reporter ?? serverStatusReporter(options);
    const orders = await listOrders(options.serverUrl, options.labToken, { trust: options.trust });
    const report: PullReport = { pulled: [], failed: [], alreadyHad: [] };
    for (const order of orders) await pullOne(ctx, options, reporter, order, report);
    await reportPendingStatuses(ctx.store, reporter, ctx.log);
    return report;
  });
}

async function pullOne(
  ctx: IntakeContext,
  options: PullOptions,
  reporter: StatusReporter | undefined,
  order: LabOrder,
  report: PullReport,
): Promise<void> {
  const { orderId } = order;
  const record = await ctx.store.get(orderId);
  try {
    if (record && TAKEN_IN.includes(record.state)) {
      // Recorded by an earlier pull that stopped before the server deleted it.
      await deleteAtServer(options, orderId);
      report.alreadyHad.push(orderId);
      ctx.log(`${orderId}: already ${record.state} at the lab`);
      return;
    }
    if (record?.state === 'quarantined' && !options.retryQuarantined) {
      const reason = `quarantined earlier: ${record.quarantineReason ?? ''}`;
      report.failed.push({ orderId, reason, quarantined: quarantineDir(ctx.ordersDir, orderId) });
      return;
    }
    const outcome = await takeIn(ctx, orderId, 'pull', (dir) => download(options, order, dir));
    if (outcome.kind === 'quarantined') {
      report.failed.push({ orderId, reason: outcome.reason, quarantined: outcome.dir });
      return;
    }
    await reportStatus(ctx.store, reporter, orderId, ctx.log);
    // Only now, verified and recorded, may the provider forget it (privacy rule 5).
    await deleteAtServer(options, orderId);
    await finishIntake(ctx.ordersDir, orderId);
    report.pulled.push({ orderId, dir: outcome.dir, photos: outcome.photos });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    report.failed.push({ orderId, reason });
    ctx.log(`${orderId}: FAILED: ${reason} (left on the server; the next pull resumes)`);
  }
}

async function deleteAtServer(options: PullOptions, orderId: string): Promise<void> {
  if (options.keep) return;
  await deleteOrder(options.serverUrl, options.labToken, orderId, { trust: options.trust });
}

/**
 * Downloads the order's ciphertext into `dir`, file by file. A file already there at its
 * listed size came whole in an earlier pull and is kept; one cut off is fetched again
 * (into `.part-<name>` first, so a cut file never passes for a whole one). A file that
 * arrives whole but at another size than the order lists is damage.
 */
async function download(options: PullOptions, order: LabOrder, dir: string): Promise<string[]> {
  for (const file of order.files) {
    const target = join(dir, file.name);
    if ((await stat(target).catch(() => undefined))?.size === file.size) continue;
    const part = join(dir, `.part-${file.name}`);
    const body = await downloadFile(options.serverUrl, options.labToken, order.orderId, file.name, {
      trust: options.trust,
    });
    try {
      await pipeline(body, createWriteStream(part, { mode: 0o600 }));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`downloading ${file.name} was interrupted: ${reason}`, { cause: error });
    }
    const { size } = await stat(part);
    if (size !== file.size) {
      throw new OrderDamage(`${file.name}: ${size} bytes arrived, the order lists ${file.size}`);
    }
    await rename(part, target);
  }
  return order.files.map((f) => f.name);
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
      'retry-quarantined': { type: 'boolean' },
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
    retryQuarantined: values['retry-quarantined'],
    trust: values.pin ? { pins: parseOrThrow(ServerPins, values.pin, '--pin') } : undefined,
    log: (line) => console.log(line),
  });
  console.log(
    `${report.pulled.length} orders pulled into ${outDir}, ${report.failed.length} failed`,
  );
  if (report.failed.length > 0) process.exitCode = 1;
}
