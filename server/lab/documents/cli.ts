import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkDate } from '../../../src/documents/calendar';
import { labCheckout, parseLabConfig } from '../../../src/lab/lab-config';
import { checkOrdersDir, defaultOrdersDir } from '../orders-dir';
import { openLabStore } from '../store/open';
import { writeOrderDocuments } from './order-documents';

const DEMO_LAB = resolve(import.meta.dirname, '../../../dev/lab.json');

const help = `photodose lab documents ORDER... [--orders DIR] [--lab FILE] [--delivery-date YYYY-MM-DD]

Writes a received order's job sheet and invoice into ORDER/documents/:
job-sheet.pdf (order number as text and Code 128, products, page counts,
quantities, print files, shipping method and address) and
invoice-<number>.pdf (German invoice with what § 14 UStG asks for). The
invoice number is the next of the lab database's one counter; an order keeps
its number and invoice dates for good, and an invoice already written is
never rewritten. The same order always gives the same bytes.

  ORDER                      an order id in the orders folder, or the path of an order folder
  --orders DIR               the orders folder (default ~/photodose-lab-orders)
  --lab FILE                 lab configuration with 'business' (tax ids, bank, terms) and
                             'checkout' (seller); default dev/lab.json, the demonstration lab
  --delivery-date YYYY-MM-DD a new invoice's delivery date (default: its invoice date)`;

export async function runDocuments(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      orders: { type: 'string' },
      lab: { type: 'string' },
      'delivery-date': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void console.log(help);
  if (positionals.length === 0) throw new Error(`name at least one order\n\n${help}`);
  const labFile = values.lab ?? DEMO_LAB;
  const config = parseLabConfig(JSON.parse(await readFile(labFile, 'utf8')));
  if (!config.business) {
    throw new Error(
      `the lab configuration ${labFile} has no 'business' (VAT id or tax number, payment terms): ` +
        'an invoice needs them',
    );
  }
  const deliveryDate = values['delivery-date'] && checkDate(values['delivery-date']);
  for (const order of positionals) {
    // The invoice counter lives in the orders folder the order belongs to (DIR/lab.sqlite).
    const isPath = await isDir(order);
    const ordersDir = await checkOrdersDir(
      isPath ? dirname(resolve(order)) : (values.orders ?? defaultOrdersDir()),
    );
    const orderId = isPath ? basename(resolve(order)) : order;
    const store = await openLabStore(ordersDir);
    try {
      const record = await store.get(orderId);
      if (!record || record.state === 'quarantined' || record.state === 'erased') {
        throw new Error(
          `order ${orderId} is ${record ? record.state : 'not in the lab database'}: ` +
            "documents are made for orders 'lab pull' or 'lab import' took in",
        );
      }
      const made = await writeOrderDocuments(join(ordersDir, orderId), {
        checkout: labCheckout(config),
        business: config.business,
        numbers: store,
        deliveryDate: deliveryDate || undefined,
      });
      console.log(
        `${made.orderId}: ${made.jobSheet}, ${made.invoice}` +
          `${made.invoiceIssuedNow ? ' (new invoice)' : ' (issued before, kept)'} -> ${made.dir}`,
      );
    } finally {
      await store.close();
    }
  }
}

async function isDir(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}
