import { parseArgs } from 'node:util';
import { commonOptions, ordersDirOf } from './lab-args';
import { openLabStore } from './store/open';
import type { LabOrderRecord } from './store/lab-store';

const help = `photodose lab status [--orders DIR] [--json]

Lists the lab's orders with their state (received, in-production, shipped,
purged, erased, quarantined), since when, how they came (pull or medium), the
tracking number of a shipped order and the reason of a quarantined one.

  --json          one JSON document instead of the table
  --orders DIR    the orders folder (default ~/photodose-lab-orders)`;

/** The moment the order entered its current state. */
function since(order: LabOrderRecord): Date {
  return order.updatedAt;
}

function detail(order: LabOrderRecord): string {
  if (order.state === 'quarantined') return order.quarantineReason ?? '';
  if (order.trackingNumber) return `tracking ${order.trackingNumber}`;
  return order.state === 'received' || order.state === 'in-production'
    ? `${order.photos} photos`
    : '';
}

/** The orders as a fixed-width table, newest change first. */
export function statusTable(orders: LabOrderRecord[]): string {
  const rows = orders.map((o) => [
    o.orderId,
    o.state,
    since(o)
      .toISOString()
      .replace(/\.\d+Z$/, 'Z'),
    o.source,
    detail(o),
  ]);
  const header = ['ORDER', 'STATE', 'SINCE', 'FROM', 'DETAIL'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [header, ...rows]
    .map((r) =>
      r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '),
    )
    .join('\n');
}

export async function runStatus(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { orders: commonOptions.orders, json: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) return void console.log(help);
  const store = await openLabStore(await ordersDirOf(values));
  try {
    const orders = await store.list();
    if (values.json) {
      console.log(JSON.stringify({ orders, erasures: await store.erasures() }, null, 2));
      return;
    }
    console.log(orders.length === 0 ? 'no orders at the lab yet' : statusTable(orders));
  } finally {
    await store.close();
  }
}
