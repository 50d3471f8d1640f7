import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeLabRefusal, RELEASE_LAB_FILE } from '../src/lab/lab-policy';
import { readLabConfigFile } from '../services/lab/read-lab-config';

const usage = `PHOTODOSE_RELEASE_LAB=FILE tsx scripts/check-release-lab.ts [--out FILE]

Checks the lab configuration a release is built for (the lab's own https
server and its age recipient) and copies it to ${RELEASE_LAB_FILE}, the only
lab a packaged app reads. 'npm run dist' runs it first: no installer without it.

  PHOTODOSE_RELEASE_LAB   the lab's configuration file (JSON, as dev/lab.json)
  --out FILE              where the checked copy goes (default ${RELEASE_LAB_FILE})`;

const root = resolve(import.meta.dirname, '..');

async function main(argv: string[]): Promise<string> {
  const { values } = parseArgs({
    args: argv,
    options: { out: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) return usage;
  const out = resolve(values.out ?? join(root, RELEASE_LAB_FILE));
  // A copy from an earlier run must not outlive a failed check and ship after all.
  await rm(out, { force: true });
  const file = process.env.PHOTODOSE_RELEASE_LAB;
  if (!file) {
    throw new Error(
      `PHOTODOSE_RELEASE_LAB is not set: name the lab configuration to ship\n\n${usage}`,
    );
  }
  const check = await readLabConfigFile(file, 'release');
  if (!check.ok) throw new Error(`${file}: ${describeLabRefusal(check.refusal)}`);
  await mkdir(dirname(out), { recursive: true });
  // The checked data, not the file's bytes: what ships is exactly what passed.
  await writeFile(out, `${JSON.stringify(check.config, null, 2)}\n`);
  return `release lab ${check.config.id} (${check.config.serverUrl}) checked, written to ${out}`;
}

main(process.argv.slice(2)).then(
  (line) => console.log(line),
  (error: unknown) => {
    console.error(
      `release lab check failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exitCode = 1;
  },
);
