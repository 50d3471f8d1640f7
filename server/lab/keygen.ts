import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { generateIdentity } from '../../services/age';

const help = `photodose lab keygen [--out FILE]

Makes the lab's age X25519 key pair. The identity (private key) is written
to FILE (default: lab-identity.txt, mode 600, never overwritten); the
recipient (public key) is printed: put it in the lab configuration a release
is built with ("recipient"; npm run dist checks the file PHOTODOSE_RELEASE_LAB).`;

export async function runKeygen(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { out: { type: 'string', default: 'lab-identity.txt' }, help: { type: 'boolean' } },
  });
  if (values.help) return void console.log(help);
  const { identity, recipient } = generateIdentity();
  const text = `# created: ${new Date().toISOString()}\n# public key: ${recipient}\n${identity}\n`;
  try {
    await writeFile(values.out, text, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new Error(`${values.out} exists; refusing to overwrite a lab key`, { cause: error });
    }
    throw error;
  }
  console.error(`identity written to ${values.out}`);
  console.log(recipient);
}
