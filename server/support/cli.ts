import { existsSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createHost } from '../../services/host/create-host';
import { startLoopbackHost } from '../../services/loopback/server';
import { readOrderFolder } from '../../services/support/order-folder';
import { renderCommandFor } from '../../services/support/support-desk';
import { parseLabConfig } from '../../src/lab/lab-config';
import { defaultOrdersDir } from '../lab/orders-dir';
import { renderOrder } from '../lab/render/order';

const root = resolve(import.meta.dirname, '../..');
const help = `photodose support open ORDER [--orders DIR] [--port N] [--lab FILE] [--json]

Opens a pulled order read-only in the designer, in a browser over the loopback
host: every page as it was ordered, its photos from the order's own files, and
the checks the customer saw before ordering. Nothing can be changed or ordered.
'Druckdateien erzeugen' there runs the lab's own renderer ('photodose lab render'),
so the files are the lab's, byte for byte.

  ORDER          an order id in the orders folder, or the path of an order folder
  --orders DIR   where 'lab pull' put the orders (default ~/photodose-lab-orders)
  --port N       port on 127.0.0.1 (default: a free one)
  --lab FILE     the lab configuration, for the lab's name (default dev/lab.json)
  --json         print one JSON line with the address (for tests)`;

/** `photodose support ...`: support staff's commands. */
export async function runSupport(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === 'open') return runSupportOpen(rest);
  if (!sub || sub === '--help' || sub === '-h') return void console.log(help);
  throw new Error(`unknown command: support ${argv.join(' ')}\n\n${help}`);
}

async function runSupportOpen(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      orders: { type: 'string' },
      port: { type: 'string', default: '0' },
      lab: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void console.log(help);
  if (positionals.length !== 1) throw new Error(`name one order\n\n${help}`);
  const order = positionals[0]!;
  const orderDir = resolve(
    (await isDir(order)) ? order : join(values.orders ?? defaultOrdersDir(), order),
  );
  // Refused here, before a browser is pointed at it, if it is no pulled order.
  const { manifest } = await readOrderFolder(orderDir);
  const staticDir = join(root, 'out', 'renderer');
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new Error(`no built renderer in ${staticDir}: run 'npx electron-vite build' first`);
  }
  const log = (line: string) => console.error(`[photodose support] ${line}`);
  const version = (
    JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
  ).version;
  // The view orders nothing, so it reaches no receiving server: the lab configuration only
  // names the lab in the header (--lab, else the demonstration lab's name).
  const lab = parseLabConfig(
    JSON.parse(readFileSync(values.lab ?? join(root, 'dev', 'lab.json'), 'utf8')),
  );
  const host = createHost({
    version,
    transport: 'loopback',
    lab: { ...lab, serverUrl: 'http://127.0.0.1:0' },
    log,
    support: {
      orderDir,
      render: async (dir) => {
        const rendered = await renderOrder(dir);
        return { dir: rendered.dir, files: rendered.files };
      },
    },
  });
  const loopback = await startLoopbackHost({ ...host, staticDir, port: Number(values.port), log });
  if (values.json) {
    console.log(JSON.stringify({ appUrl: loopback.appUrl, orderId: manifest.orderId, orderDir }));
  } else {
    console.log(
      `Order ${manifest.orderId}, read-only. Open:\n\n  ${loopback.appUrl}\n\n` +
        `Its print files, as the lab renders them:\n\n  ${renderCommandFor(orderDir)}\n\nPress Ctrl+C to stop.`,
    );
  }
  const stop = async () => {
    await loopback.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

async function isDir(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}
