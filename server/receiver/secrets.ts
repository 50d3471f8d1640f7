import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A fresh random order id, as the contract's ORDER_ID describes. */
export function newOrderId(): string {
  let id = 'PD-';
  // randomInt is unbiased, unlike taking bytes modulo the alphabet size.
  for (let i = 0; i < 10; i++) id += BASE32[randomInt(32)];
  return id;
}

/** A fresh bearer token: 32 random bytes, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 of a token, hex: what the order record keeps instead of the token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares a presented token with a stored hash in constant time. */
export function tokenMatchesHash(token: string, storedHashHex: string): boolean {
  const presented = createHash('sha256').update(token, 'utf8').digest();
  const stored = Buffer.from(storedHashHex, 'hex');
  // Hashing first gives equal lengths, so timingSafeEqual never throws and leaks no length.
  return stored.length === presented.length && timingSafeEqual(presented, stored);
}

/**
 * The lab's token: the given one, else the one in `${dataDir}/lab-token`, else a new one
 * written there readable by the owner only. Returns the token and where it lives.
 */
export async function loadLabToken(
  dataDir: string,
  given: string | undefined,
): Promise<{ token: string; source: string }> {
  if (given !== undefined) {
    if (given.length < 16) throw new Error('the lab token must be at least 16 characters long');
    return { token: given, source: 'given' };
  }
  const file = join(dataDir, 'lab-token');
  try {
    const token = (await readFile(file, 'utf8')).trim();
    if (token.length < 16)
      throw new Error(`the lab token in ${file} is shorter than 16 characters`);
    return { token, source: file };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const token = newToken();
  // 'wx' so two servers starting at once cannot overwrite each other's token.
  await writeFile(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
  return { token, source: file };
}

/**
 * The key of the HMAC under which the status lookup keys are kept (status-store.ts): the
 * one in `${dataDir}/lookup-secret`, else a new one written there, readable by the owner only.
 * Without it the stored status records are no use for testing guesses of an email.
 */
export async function loadLookupSecret(dataDir: string): Promise<Buffer> {
  const file = join(dataDir, 'lookup-secret');
  try {
    const secret = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
    if (secret.length < 32)
      throw new Error(`the lookup secret in ${file} is shorter than 32 bytes`);
    return secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const secret = randomBytes(32);
  // 'wx' so two servers starting at once cannot overwrite each other's secret.
  await writeFile(file, `${secret.toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}
