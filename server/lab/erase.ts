import { readFile, readdir, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { decryptBuffer, parseIdentityFile } from '../../services/age';
import { MANIFEST_FILE } from '../../src/order/manifest';
import { commonOptions, ordersDirOf } from './lab-args';
import { recoverIntake } from './intake';
import { withIntakeLock } from './intake-lock';
import {
  DOCUMENTS_DIR,
  INCOMING_DIR,
  QUARANTINE_DIR,
  isKeptInvoice,
  isOrderId,
  orderDir,
} from './order-folder';
import { openLabStore } from './store/open';
import type { Clock, ErasureRecord, LabStore } from './store/lab-store';

/**
 * A customer's right to erasure (GDPR Art. 17), across every store the lab keeps: the order
 * folders (manifest, photos, print files, job sheet), an interrupted intake's decrypted files,
 * quarantined orders (their manifest read with the lab key), and the database (tracking
 * number, quarantine reason). The one thing kept is the invoice: German law makes the lab keep
 * it ten years (§ 147 AO, § 14b UStG); it stays in ORDER/documents/. What remains is an erasure
 * record: when, and which orders; no name, address or email.
 */
export interface EraseOptions {
  ordersDir: string;
  store: LabStore;
  clock: Clock;
  email: string;
  /** The lab key, to read quarantined orders' manifests; without it they are only counted. */
  identities?: string[];
  log?: (line: string) => void;
  /** Only find the customer's orders; change nothing. */
  dryRun?: boolean;
}

export interface EraseReport {
  /** The customer's orders found (folders, an interrupted intake, quarantine). */
  orderIds: string[];
  /** Invoices left by law, as paths. */
  keptInvoices: string[];
  /** Quarantined orders that could not be read (no lab key given, or damaged manifest). */
  uncheckedQuarantined: string[];
  record?: ErasureRecord;
}

/** The email as compared: the way the customer may type it again, in another case. */
function normalise(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

/** The customer's email in a manifest of any version (all keep it at `customer.email`). */
function emailOf(manifest: unknown): string | undefined {
  const email = (manifest as { customer?: { email?: unknown } } | null)?.customer?.email;
  return typeof email === 'string' ? normalise(email) : undefined;
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return undefined;
  }
}

const list = (dir: string) => readdir(dir).catch(() => [] as string[]);

/** Erases (or with `dryRun` finds) the customer's orders, while no pull or import runs. */
export function eraseCustomer(options: EraseOptions): Promise<EraseReport> {
  return withIntakeLock(options.ordersDir, () => eraseLocked(options));
}

async function eraseLocked(options: EraseOptions): Promise<EraseReport> {
  const log = options.log ?? (() => {});
  const email = normalise(options.email);
  if (!email.includes('@')) throw new Error(`"${options.email}" is not an email address`);
  const { ordersDir, store } = options;
  await recoverIntake({ ordersDir, store, clock: options.clock, identities: [], log });
  const report: EraseReport = { orderIds: [], keptInvoices: [], uncheckedQuarantined: [] };
  const found = new Set<string>();

  for (const name of (await list(ordersDir)).filter(isOrderId)) {
    if (emailOf(await readJson(join(orderDir(ordersDir, name), 'manifest.json'))) !== email) {
      continue;
    }
    found.add(name);
    if (!options.dryRun) report.keptInvoices.push(...(await eraseOrderFolder(ordersDir, name)));
  }
  for (const name of await list(join(ordersDir, INCOMING_DIR))) {
    const root = join(ordersDir, INCOMING_DIR, name);
    if (emailOf(await readJson(join(root, 'plain', 'manifest.json'))) !== email) continue;
    found.add(name);
    if (!options.dryRun) await rm(root, { recursive: true, force: true });
  }
  for (const name of await list(join(ordersDir, QUARANTINE_DIR))) {
    const dir = join(ordersDir, QUARANTINE_DIR, name);
    const manifest = await quarantinedManifest(dir, options.identities);
    if (manifest === undefined) {
      report.uncheckedQuarantined.push(name);
      continue;
    }
    if (emailOf(manifest) !== email) continue;
    found.add(name);
    if (!options.dryRun) await rm(dir, { recursive: true, force: true });
  }

  report.orderIds = [...found].sort();
  if (options.dryRun) return report;
  report.record = await store.recordErasure(report.orderIds);
  log(
    `erasure ${report.record.id}: ${report.orderIds.length} orders erased` +
      (report.keptInvoices.length ? `, ${report.keptInvoices.length} invoices kept by law` : ''),
  );
  return report;
}

/** Deletes everything of an order folder but its invoices; returns the invoices kept. */
async function eraseOrderFolder(ordersDir: string, orderId: string): Promise<string[]> {
  const dir = orderDir(ordersDir, orderId);
  const kept: string[] = [];
  for (const name of await list(dir)) {
    if (name !== DOCUMENTS_DIR) {
      await rm(join(dir, name), { recursive: true, force: true });
      continue;
    }
    for (const doc of await list(join(dir, DOCUMENTS_DIR))) {
      if (isKeptInvoice(doc)) kept.push(join(dir, DOCUMENTS_DIR, doc));
      else await rm(join(dir, DOCUMENTS_DIR, doc), { recursive: true, force: true });
    }
  }
  if (kept.length === 0) await rm(dir, { recursive: true, force: true });
  else await rmdir(join(dir, DOCUMENTS_DIR)).catch(() => undefined);
  return kept;
}

/** A quarantined order's manifest, read with the lab key; undefined when it cannot be read. */
async function quarantinedManifest(dir: string, identities?: string[]): Promise<unknown> {
  if (!identities?.length) return undefined;
  try {
    const plain = decryptBuffer(await readFile(join(dir, MANIFEST_FILE)), identities);
    return JSON.parse(Buffer.from(plain).toString('utf8'));
  } catch {
    return undefined;
  }
}

const help = `photodose lab erase-customer --email ADDRESS [--yes] [--orders DIR] [--identity FILE]

Erases a customer's personal data from every store the lab keeps: the order
folders (manifest with name and address, photos, print files, job sheet), an
interrupted intake's files, quarantined orders (read with --identity), and the
lab database (tracking numbers). Invoices stay: the law makes the lab keep
them ten years (§ 147 AO, § 14b UStG). An erasure record is left, with the
date and the order ids only. Without --yes it only lists what it would erase.

  --email ADDRESS     the customer's email, as on their orders (any case)
  --yes               erase (without it: list only)
  --identity FILE     the lab's age identity, to check quarantined orders too
  --orders DIR        the orders folder (default ~/photodose-lab-orders)`;

export async function runEraseCustomer(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      orders: commonOptions.orders,
      email: { type: 'string' },
      yes: { type: 'boolean' },
      identity: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void console.log(help);
  if (!values.email) throw new Error(`--email is required\n\n${help}`);
  const ordersDir = await ordersDirOf(values);
  const identities = values.identity
    ? parseIdentityFile(await readFile(values.identity, 'utf8'))
    : undefined;
  const clock = () => new Date();
  const store = await openLabStore(ordersDir, clock);
  try {
    const report = await eraseCustomer({
      ordersDir,
      store,
      clock,
      email: values.email,
      identities,
      dryRun: !values.yes,
      log: console.log,
    });
    const ids = report.orderIds.join(', ') || 'none';
    if (!values.yes) console.log(`would erase orders: ${ids} (run again with --yes)`);
    else console.log(`erased orders: ${ids}`);
    for (const invoice of report.keptInvoices) console.log(`kept by law (§ 147 AO): ${invoice}`);
    if (report.uncheckedQuarantined.length > 0) {
      console.log(
        `not checked: quarantined ${report.uncheckedQuarantined.join(', ')}` +
          (identities ? ' (manifest unreadable)' : ' (give --identity to read them)'),
      );
    }
  } finally {
    await store.close();
  }
}
