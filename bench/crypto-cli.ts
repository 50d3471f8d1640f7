/**
 * A small age command line over services/age, for bench/crypto.ts: the same
 * shape of process as the `age` tool it is measured against (a file path in,
 * the result on stdout).
 *
 *   crypto-cli encrypt <age1... recipient> <file>   > file.age
 *   crypto-cli decrypt <identity file> <file.age>   > file
 *
 * It reads and writes through the same streams the product uses (the photo
 * store's FileReader, encryptStream / createDecryptStream, a FileWriter that
 * gives the buffers it wrote back), so its speed is the product's where the
 * product's sink gives back too. With BENCH_CRYPTO_REPORT=1 it prints its own peak RSS and
 * CPU time as one JSON line on stderr when it exits.
 *
 * Imports carry `.js` so bench/crypto.ts can run it as plain JavaScript after
 * a per-file transpile, without tsx's start-up in the measured time.
 */
import { readFile, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import {
  createAgeEncryptor,
  createDecryptStream,
  parseIdentityFile,
} from '../services/age/index.js';
import { FileReader } from '../services/streams/file-reader.js';
import { FileWriter } from '../services/streams/file-writer.js';

async function encrypt(recipient: string, file: string): Promise<void> {
  const { size } = await stat(file);
  const encryptor = createAgeEncryptor([recipient]);
  await pipeline(new FileReader(file), encryptor.encryptStream(size), new FileWriter(1));
}

async function decrypt(identityFile: string, file: string): Promise<void> {
  const identities = parseIdentityFile(await readFile(identityFile, 'utf8'));
  await pipeline(new FileReader(file), createDecryptStream(identities), new FileWriter(1));
}

function report(): void {
  const usage = process.resourceUsage();
  const line = {
    maxRssKb: usage.maxRSS,
    userS: usage.userCPUTime / 1e6,
    systemS: usage.systemCPUTime / 1e6,
  };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

async function main(argv: string[]): Promise<void> {
  const [command, key, file] = argv;
  if (!key || !file || (command !== 'encrypt' && command !== 'decrypt')) {
    throw new Error(
      'usage: crypto-cli encrypt <recipient> <file> | decrypt <identity file> <file>',
    );
  }
  if (process.env.BENCH_CRYPTO_REPORT === '1') process.once('exit', report);
  await (command === 'encrypt' ? encrypt(key, file) : decrypt(key, file));
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`crypto-cli: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
