import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createHost } from '../services/host/create-host';
import { osKeychain } from '../services/keychain/secret-store';
import { startLoopbackHost } from '../services/loopback/server';
import { resolveLab } from '../dev/dev-lab';
import { defaultOrdersDir } from './lab/orders-dir';
import { DEFAULT_LAB, LAB_MARKER, labName, readLabFolder } from '../services/lab/lab-folder';

const root = resolve(import.meta.dirname, '..');
const help = `photodose web [--port N] [--lab FILE] [--dev-dir DIR] [--renderer DIR] [--json]

Runs the ordering app in a browser: the same host services as the desktop
app, behind http://127.0.0.1 with a per-run token. Open the printed address.
With the default lab configuration an embedded receiving server and a
development lab key live in DIR (default .dev/). The white-label lab is the one
the renderer was built for (PHOTODOSE_LAB at build time): its catalog prices
the orders, and without --lab its configuration is demonstrated.

  --port N       port on 127.0.0.1 (default: a free one)
  --lab FILE     lab configuration (default dev/lab.json, the demonstration lab)
  --dev-dir DIR  folder of the embedded demonstration lab (default .dev)
  --renderer DIR the built renderer to serve (default out/renderer)
  --json         print one JSON line with the address (for tests)
  --keychain     keep a running order's resume secrets in the OS keychain, so an
                 order goes on after this command is stopped and started again`;

export async function runWeb(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '0' },
      lab: { type: 'string' },
      'dev-dir': { type: 'string', default: join(root, '.dev') },
      renderer: { type: 'string', default: join(root, 'out', 'renderer') },
      json: { type: 'boolean' },
      keychain: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void console.log(help);
  const staticDir = resolve(values.renderer);
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new Error(`no built renderer in ${staticDir}: run 'npx electron-vite build' first`);
  }
  const log = (line: string) => console.error(`[photodose] ${line}`);
  // The host serves the lab the page was built for: one lab folder for both sides.
  const folder = await readLabFolder(await builtFor(staticDir));
  const lab = await resolveLab({
    devDir: resolve(values['dev-dir']),
    configFile: values.lab,
    log,
    demonstrating: folder.name === DEFAULT_LAB ? undefined : folder.config,
  });
  const version = (
    JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const host = createHost({
    version,
    transport: 'loopback',
    lab: lab.config,
    catalog: folder.catalog,
    log,
    keychain: values.keychain ? osKeychain() : undefined,
  });
  const loopback = await startLoopbackHost({
    ...host,
    staticDir,
    port: Number(values.port),
    log,
  });
  if (values.json) {
    console.log(
      JSON.stringify({ appUrl: loopback.appUrl, origin: loopback.origin, token: loopback.token }),
    );
  } else {
    console.log(`Photo Dose is running. Open:\n\n  ${loopback.appUrl}\n`);
    if (lab.embedded) {
      console.log(
        `Orders go to the embedded receiving server at ${lab.config.serverUrl} (a port of its own). Pull them with:\n\n` +
          `  npx photodose lab pull --server ${lab.config.serverUrl} --lab-token-file ${join(lab.embedded.dataDir, 'lab-token')} \\\n` +
          `    --identity ${lab.embedded.identityFile}\n\n` +
          `Decrypted orders land in ${defaultOrdersDir()} (another folder with --out, outside any git checkout).\n`,
      );
    }
    console.log(`Press Ctrl+C to stop${lab.embedded ? ' the app and its receiving server' : ''}.`);
  }
  const stop = async () => {
    await loopback.close();
    await lab.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

/** The lab folder a built renderer is for (its LAB_MARKER); Photo Dose for a build without one. */
async function builtFor(staticDir: string): Promise<string> {
  const marker = await readFile(join(staticDir, LAB_MARKER), 'utf8').catch(() => undefined);
  if (marker === undefined) return DEFAULT_LAB;
  return labName((JSON.parse(marker) as { lab?: string }).lab);
}
