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

type Run = (argv: string[]) => Promise<void>;

/**
 * Each subcommand's module, loaded only when it runs: a receiver then never loads sharp, pdf-lib
 * or the keychain binding that the lab and the web host need, and every command starts faster.
 */
const commands: Record<string, () => Promise<Run>> = {
  receiver: async () => (await import('./receiver/cli')).runReceiverCommand,
  web: async () => (await import('./web')).runWeb,
  support: async () => (await import('./support/cli')).runSupport,
  'lab keygen': async () => (await import('./lab/keygen')).runKeygen,
  'lab pull': async () => (await import('./lab/pull')).runPull,
  'lab render': async () => (await import('./lab/render/cli')).runRender,
  'lab documents': async () => (await import('./lab/documents/cli')).runDocuments,
  'lab import': async () => (await import('./lab/import')).runImport,
  'lab status': async () => (await import('./lab/status-cli')).runStatus,
  'lab produce': async () => (await import('./lab/production')).runProduce,
  'lab ship': async () => (await import('./lab/production')).runShip,
  'lab purge': async () => (await import('./lab/purge')).runPurge,
  'lab erase-customer': async () => (await import('./lab/erase')).runEraseCustomer,
};

/** The `photodose` command line: one entry, subcommands for provider, lab and developers. */
export async function main(argv: string[]): Promise<void> {
  const [command, sub, ...rest] = argv;
  const name = command === 'lab' ? `lab ${sub}` : command;
  if (name !== undefined && Object.hasOwn(commands, name)) {
    const run = await commands[name]!();
    return run(command === 'lab' ? rest : argv.slice(1));
  }
  if (!command || command === '--help' || command === 'help' || command === '-h') {
    return void console.log(help);
  }
  throw new Error(`unknown command: ${argv.join(' ')}\n\n${help}`);
}
