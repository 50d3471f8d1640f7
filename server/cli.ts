import { runReceiverCommand } from './receiver/cli';
import { runKeygen } from './lab/keygen';
import { runPull } from './lab/pull';
import { runImport } from './lab/import';
import { runProduce, runShip } from './lab/production';
import { runPurge } from './lab/purge';
import { runEraseCustomer } from './lab/erase';
import { runStatus } from './lab/status-cli';
import { runRender } from './lab/render/cli';
import { runDocuments } from './lab/documents/cli';
import { runWeb } from './web';
import { runSupport } from './support/cli';

const help = `photodose <command> [options]

Commands:
  receiver        run the receiving server (tus uploads, order and lab API)
  lab keygen      make the lab's age key pair
  lab pull        download, decrypt and verify complete orders
  lab import      take in an order package from a USB stick, disk or DVD
  lab status      list the lab's orders and their states
  lab render      write the print files of pulled orders
  lab documents   write an order's job sheet and invoice (PDF)
  lab produce     mark orders as in production
  lab ship        mark an order as shipped (--tracking NUMBER)
  lab purge       delete image data 14 days after shipping
  lab erase-customer  erase a customer's personal data (--email ADDRESS)
  web             run the ordering app in a browser (development, tests)
  support open    open a pulled order read-only in the designer, in a browser

'photodose <command> --help' tells more.`;

/** The `photodose` command line: one entry, subcommands for provider, lab and developers. */
export async function main(argv: string[]): Promise<void> {
  const [command, sub, ...rest] = argv;
  if (command === 'receiver') return runReceiverCommand(argv.slice(1));
  if (command === 'web') return runWeb(argv.slice(1));
  if (command === 'support') return runSupport(argv.slice(1));
  if (command === 'lab' && sub === 'keygen') return runKeygen(rest);
  if (command === 'lab' && sub === 'pull') return runPull(rest);
  if (command === 'lab' && sub === 'render') return runRender(rest);
  if (command === 'lab' && sub === 'documents') return runDocuments(rest);
  if (command === 'lab' && sub === 'import') return runImport(rest);
  if (command === 'lab' && sub === 'status') return runStatus(rest);
  if (command === 'lab' && sub === 'produce') return runProduce(rest);
  if (command === 'lab' && sub === 'ship') return runShip(rest);
  if (command === 'lab' && sub === 'purge') return runPurge(rest);
  if (command === 'lab' && sub === 'erase-customer') return runEraseCustomer(rest);
  if (!command || command === '--help' || command === 'help' || command === '-h') {
    return void console.log(help);
  }
  throw new Error(`unknown command: ${argv.join(' ')}\n\n${help}`);
}
