import { parseArgs } from 'node:util';
import { commonHelp, commonOptions, ordersDirOf, reporterOf } from './lab-args';
import { reportStatus, type StatusReporter } from './status-report';
import { openLabStore } from './store/open';
import type { LabStore } from './store/lab-store';

/** Parcel services' tracking numbers: letters, digits and dashes (DHL, Deutsche Post, UPS...). */
const TRACKING_NUMBER = /^[A-Za-z0-9-]{4,40}$/;

interface Context {
  store: LabStore;
  reporter?: StatusReporter;
  log: (line: string) => void;
}

/** received -> in production, told to the customer's status lookup. */
export async function startProduction(ctx: Context, orderId: string): Promise<void> {
  await ctx.store.markInProduction(orderId);
  ctx.log(`${orderId}: in production`);
  await reportStatus(ctx.store, ctx.reporter, orderId, ctx.log);
}

/**
 * received or in production -> shipped, with the parcel's tracking number if there is one.
 * From now on the order's image data is kept 14 days (lab purge).
 */
export async function shipOrder(
  ctx: Context,
  orderId: string,
  shipment: { trackingNumber?: string },
): Promise<void> {
  const trackingNumber = shipment.trackingNumber?.trim();
  if (trackingNumber !== undefined && !TRACKING_NUMBER.test(trackingNumber)) {
    throw new Error(`--tracking must be 4-40 letters, digits or dashes, not "${trackingNumber}"`);
  }
  await ctx.store.markShipped(orderId, { trackingNumber });
  ctx.log(`${orderId}: shipped${trackingNumber ? ` (tracking ${trackingNumber})` : ''}`);
  await reportStatus(ctx.store, ctx.reporter, orderId, ctx.log);
}

const produceHelp = `photodose lab produce ORDER... [--orders DIR]

Marks received orders as in production (and tells the customer's status lookup).

${commonHelp}`;

const shipHelp = `photodose lab ship ORDER [--tracking NUMBER] [--orders DIR]

Marks an order as shipped, with the parcel's tracking number. Its image data
(photos, print files) is deleted 14 days later by 'lab purge'; the address
stays until the customer asks for erasure.

  --tracking NUMBER   the parcel's tracking number (4-40 letters, digits, dashes)
${commonHelp}`;

export async function runProduce(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: commonOptions,
  });
  if (values.help) return void console.log(produceHelp);
  if (positionals.length === 0) throw new Error(`name at least one order\n\n${produceHelp}`);
  const store = await openLabStore(await ordersDirOf(values));
  try {
    const ctx = { store, reporter: await reporterOf(values), log: console.log };
    for (const orderId of positionals) await startProduction(ctx, orderId);
  } finally {
    await store.close();
  }
}

export async function runShip(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { ...commonOptions, tracking: { type: 'string' } },
  });
  if (values.help) return void console.log(shipHelp);
  if (positionals.length !== 1) throw new Error(`name one order\n\n${shipHelp}`);
  const store = await openLabStore(await ordersDirOf(values));
  try {
    const ctx = { store, reporter: await reporterOf(values), log: console.log };
    await shipOrder(ctx, positionals[0]!, { trackingNumber: values.tracking });
  } finally {
    await store.close();
  }
}
