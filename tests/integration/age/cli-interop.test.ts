/**
 * Interop with the reference `age` / `age-keygen` command line (Debian
 * package `age`): files must open there and theirs must open here.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAgeEncryptor,
  createDecryptStream,
  decryptBuffer,
  encryptBuffer,
  generateIdentity,
  parseIdentityFile,
  recipientOf,
} from '../../../services/age/index.js';
import { runTransform } from '../../unit/age/streams.js';

const run = promisify(execFile);
const MAX_BUFFER = 64 * 1024 * 1024;
const sizes = [0, 1, 65536, 1024 * 1024 + 7];

let dir = '';
let keyFile = '';
let cliIdentity = '';
let cliRecipient = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'age-interop-'));
  keyFile = join(dir, 'cli-key.txt');
  await run('age-keygen', ['-o', keyFile]);
  cliRecipient = (await run('age-keygen', ['-y', keyFile])).stdout.trim();
  [cliIdentity = ''] = parseIdentityFile(await readFile(keyFile, 'utf8'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function ageDecrypt(file: string, identityFile: string): Promise<Buffer> {
  const { stdout } = await run('age', ['-d', '-i', identityFile, file], {
    encoding: 'buffer',
    maxBuffer: MAX_BUFFER,
  });
  return stdout;
}

describe('interop with the age command line', () => {
  it('parses an age-keygen key file and derives the same recipient', () => {
    expect(cliIdentity).toMatch(/^AGE-SECRET-KEY-1/);
    expect(recipientOf(cliIdentity)).toBe(cliRecipient);
  });

  it.each(sizes)('age -d opens our %i-byte stream output', async (size) => {
    const plain = randomBytes(size);
    const enc = createAgeEncryptor([cliRecipient]);
    const sealed = await runTransform(enc.encryptStream(size), plain);
    expect(sealed.length).toBe(enc.encryptedLength(size));
    const file = join(dir, `ours-${size}.age`);
    await writeFile(file, sealed);
    expect((await ageDecrypt(file, keyFile)).equals(plain)).toBe(true);
  });

  it('age -d accepts an identity we generated', async () => {
    const ours = generateIdentity();
    const ourKeyFile = join(dir, 'our-key.txt');
    await writeFile(ourKeyFile, `# public key: ${ours.recipient}\n${ours.identity}\n`);
    const plain = randomBytes(70_000);
    const file = join(dir, 'ours-own-key.age');
    await writeFile(file, encryptBuffer(plain, [ours.recipient]));
    expect((await ageDecrypt(file, ourKeyFile)).equals(plain)).toBe(true);
    // age -y agrees on our recipient too.
    const { stdout } = await run('age-keygen', ['-y', ourKeyFile]);
    expect(stdout.trim()).toBe(ours.recipient);
  });

  it.each(sizes)('we open a %i-byte file from age -r', async (size) => {
    const ours = generateIdentity();
    const plain = randomBytes(size);
    const input = join(dir, `plain-${size}`);
    const output = join(dir, `cli-r-${size}.age`);
    await writeFile(input, plain);
    await run('age', ['-r', ours.recipient, '-o', output, input]);
    const sealed = await readFile(output);
    expect(decryptBuffer(sealed, [ours.identity]).equals(plain)).toBe(true);
    const streamed = await runTransform(createDecryptStream([ours.identity]), sealed);
    expect(streamed.equals(plain)).toBe(true);
  });

  it('we open a file from age -e -i with an age-keygen key', async () => {
    const plain = randomBytes(1024 * 1024 + 7);
    const input = join(dir, 'plain-e-i');
    const output = join(dir, 'cli-e-i.age');
    await writeFile(input, plain);
    await run('age', ['-e', '-i', keyFile, '-o', output, input]);
    const sealed = await readFile(output);
    const streamed = await runTransform(createDecryptStream([cliIdentity]), sealed);
    expect(streamed.equals(plain)).toBe(true);
  });

  it('reports a file for another key in operator terms', async () => {
    const input = join(dir, 'plain-other');
    const output = join(dir, 'cli-other.age');
    await writeFile(input, 'order manifest');
    await run('age', ['-r', cliRecipient, '-o', output, input]);
    expect(() => decryptBuffer(Buffer.alloc(0), [cliIdentity])).toThrow(/not an age file/);
    const sealed = await readFile(output);
    expect(() => decryptBuffer(sealed, [generateIdentity().identity])).toThrow(
      'no identity matches this file (encrypted to another lab key?)',
    );
  });
});
