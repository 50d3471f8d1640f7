import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { commonHelp, commonOptions, ordersDirOf } from './lab-args';
import { DOCUMENTS_DIR, orderDir, quarantineDir } from './order-folder';
import { openLabStore } from './store/open';
import type { Clock, LabStore } from './store/lab-store';

import { IMAGE_RETENTION_DAYS, QUARANTINE_RETENTION_DAYS } from './retention';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What stays in an order folder once its image data is gone: the manifest (the address, kept
 * until the customer asks for erasure, and the design without its photos) and the documents
 * (job sheet, invoice). Everything else there is image data: the photos (originals and
 * print-ready images) and the print files.
 */
const KEPT_AFTER_PURGE = new Set(['manifest.json', DOCUMENTS_DIR]);

export interface PurgeOptions {
  ordersDir: string;
  store: LabStore;
  clock: Clock;
  log?: (line: string) => void;
  /** Only say what would go. */
  dryRun?: boolean;
}

/**
 * Deletes the image data of every order shipped 14 days ago or longer, and the quarantined
 * ciphertext of every order quarantined 30 days ago or longer; returns their ids.
 */
export async function purgeImageData(options: PurgeOptions): Promise<string[]> {
  return [...(await purgeShipped(options)), ...(await purgeQuarantined(options))];
}

async function purgeShipped(options: PurgeOptions): Promise<string[]> {
  const log = options.log ?? (() => {});
  const cutoff = new Date(options.clock().getTime() - IMAGE_RETENTION_DAYS * DAY_MS);
  const due = await options.store.shippedBefore(cutoff);
  for (const order of due) {
    if (options.dryRun) {
      log(`${order.orderId}: shipped ${order.shippedAt?.toISOString()}, image data due`);
      continue;
    }
    const dir = orderDir(options.ordersDir, order.orderId);
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      if (!KEPT_AFTER_PURGE.has(name)) await rm(join(dir, name), { recursive: true, force: true });
    }
    // Recorded after the files are gone: a purge cut short is finished by the next one.
    await options.store.markPurged(order.orderId);
    log(`${order.orderId}: image data deleted (shipped ${order.shippedAt?.toISOString()})`);
  }
  return due.map((o) => o.orderId);
}

async function purgeQuarantined(options: PurgeOptions): Promise<string[]> {
  const log = options.log ?? (() => {});
  const cutoff = new Date(options.clock().getTime() - QUARANTINE_RETENTION_DAYS * DAY_MS);
  const due = await options.store.quarantinedBefore(cutoff);
  for (const order of due) {
    const since = order.quarantinedAt?.toISOString();
    if (options.dryRun) {
      log(`${order.orderId}: quarantined ${since}, its ciphertext due`);
      continue;
    }
    await rm(quarantineDir(options.ordersDir, order.orderId), { recursive: true, force: true });
    // A pulled one still waits at the provider: the next pull finds it purged and deletes it there.
    await options.store.markPurged(order.orderId);
    log(`${order.orderId}: quarantined ciphertext deleted (quarantined ${since})`);
  }
  return due.map((o) => o.orderId);
}

const help = `photodose lab purge [--orders DIR] [--dry-run]

Deletes the image data (photos, print-ready images, print files) of every
order shipped ${IMAGE_RETENTION_DAYS} days ago or longer, as the privacy statement promises.
The manifest (address, design) and the documents stay until the customer asks
for erasure. A damaged order's quarantine folder (its ciphertext) goes
${QUARANTINE_RETENTION_DAYS} days after it was quarantined. Run it daily (cron, a systemd timer).

  --dry-run           list what is due, delete nothing
${commonHelp.split('\n')[0]}`;

export async function runPurge(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { ...commonOptions, 'dry-run': { type: 'boolean' } },
  });
  if (values.help) return void console.log(help);
  const ordersDir = await ordersDirOf(values);
  const clock = () => new Date();
  const store = await openLabStore(ordersDir, clock);
  try {
    const purged = await purgeImageData({
      ordersDir,
      store,
      clock,
      dryRun: values['dry-run'],
      log: console.log,
    });
    console.log(
      `${purged.length} orders ${values['dry-run'] ? 'due for purging' : 'purged of their image data'}`,
    );
  } finally {
    await store.close();
  }
}
