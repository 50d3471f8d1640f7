import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Stack } from './stack';

const script = resolve(import.meta.dirname, 'report-status.ts');

/**
 * The lab tells the receiving server how far it is with an order (received, in production,
 * shipped with the parcel's tracking number), through reportOrderStatus in a process of its own.
 * Returns the status as the customer's lookup now sees it.
 */
export async function labReportsStatus(
  stack: Stack,
  orderId: string,
  state: 'received' | 'in-production' | 'shipped',
  shipment?: { trackingNumber: string; carrier: string },
): Promise<Record<string, unknown>> {
  const args = [stack.serverUrl, join(stack.providerData, 'lab-token'), orderId, state];
  if (shipment) args.push(shipment.trackingNumber, shipment.carrier);
  const { stdout } = await promisify(execFile)(process.execPath, [
    '--import',
    'tsx',
    script,
    ...args,
  ]);
  return JSON.parse(stdout) as Record<string, unknown>;
}
