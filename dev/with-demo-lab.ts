import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { resolveLab } from './dev-lab';
import { DEFAULT_LAB, labName, readLabFolder } from '../services/lab/lab-folder';

const usage = `tsx dev/with-demo-lab.ts COMMAND [ARGS...]

Starts the lab of dev/lab.json (or PHOTODOSE_LAB_CONFIG; with PHOTODOSE_LAB=NAME
the white-label lab of assets/labs/NAME/ the app was built for), by default the
demonstration lab with its embedded receiving server and development key in
PHOTODOSE_DEV_DIR (default .dev/), then runs COMMAND with PHOTODOSE_LAB_CONFIG
naming the resolved configuration. 'npm start' runs Electron this way: the app
itself never starts a receiving server, and a packaged app ignores the variable.`;

/** Runs a command (Electron, in `npm start`) next to the development lab, and stops the lab after it. */
async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === '--help') {
    console.log(usage);
    return command ? 0 : 2;
  }
  const devDir = resolve(process.env.PHOTODOSE_DEV_DIR ?? join(import.meta.dirname, '..', '.dev'));
  const log = (line: string) => console.error(`[demo lab] ${line}`);
  // The lab the app was built for (electron.vite.config.ts reads the same variable).
  const built = labName(process.env.PHOTODOSE_LAB);
  const demonstrating = built === DEFAULT_LAB ? undefined : (await readLabFolder(built)).config;
  const lab = await resolveLab({ devDir, log, demonstrating });
  try {
    // The recipient is a public key and the URL a loopback address: nothing secret is written.
    const configFile = join(devDir, 'app-lab.json');
    await writeFile(configFile, `${JSON.stringify(lab.config, null, 2)}\n`, { mode: 0o600 });
    const child = spawn(command, args, {
      stdio: 'inherit',
      env: { ...process.env, PHOTODOSE_LAB_CONFIG: configFile },
    });
    const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
    process.on('SIGINT', forward('SIGINT')).on('SIGTERM', forward('SIGTERM'));
    return await new Promise<number>((done, fail) => {
      child.once('error', fail);
      child.once('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
    });
  } finally {
    await lab.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`with-demo-lab: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
