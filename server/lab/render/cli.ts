import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultOrdersDir } from '../orders-dir';
import { renderOrder } from './order';

const help = `photodose lab render ORDER... [--orders DIR]

Writes the print files of pulled orders into ORDER/print/: a photo book's
inner block and cover (PDF, trim plus bleed, fonts embedded), one JPEG per
print line (size, finish, fit and quantity in the name) or the canvas JPEG.
Rendering an order again gives the same bytes.

  ORDER          an order id in the orders folder, or the path of an order folder
  --orders DIR   where 'lab pull' put the orders (default ~/photodose-lab-orders)`;

export async function runRender(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { orders: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) return void console.log(help);
  if (positionals.length === 0) throw new Error(`name at least one order\n\n${help}`);
  const ordersDir = values.orders ?? defaultOrdersDir();
  for (const order of positionals) {
    const dir = (await isDir(order)) ? order : join(ordersDir, order);
    const rendered = await renderOrder(dir);
    console.log(
      `${rendered.orderId}: ${rendered.kind}, ${rendered.files.join(', ')} -> ${rendered.dir}`,
    );
  }
}

async function isDir(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}
