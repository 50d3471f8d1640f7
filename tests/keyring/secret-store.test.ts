import { afterEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { osKeychain } from '../../services/keychain/secret-store';

/**
 * Against the real OS keychain: gnome-keyring over D-Bus (npm run
 * test:keyring starts both). libsecret's secret-tool looks from outside,
 * so a test cannot pass by keeping secrets in our own memory.
 */
const run = promisify(execFile);
const service = `de.photodose.test-${randomBytes(4).toString('hex')}`;
const store = osKeychain(service);
const lookup = (key: string) =>
  run('secret-tool', ['lookup', 'service', service, 'username', key]).then(
    (r) => r.stdout,
    () => undefined,
  );

afterEach(async () => {
  await store.delete('order.PD-TEST').catch(() => false);
});

describe('OS keychain', () => {
  it('stores, reads and deletes a secret in gnome-keyring', async () => {
    const secret = randomBytes(32).toString('base64url');
    await store.set('order.PD-TEST', secret);
    expect(await store.get('order.PD-TEST')).toBe(secret);
    expect(await lookup('order.PD-TEST')).toBe(secret);

    expect(await store.delete('order.PD-TEST')).toBe(true);
    expect(await store.get('order.PD-TEST')).toBeUndefined();
    expect(await lookup('order.PD-TEST')).toBeUndefined();
    expect(await store.delete('order.PD-TEST')).toBe(false);
  });

  it('refuses keys that could collide or smuggle text', async () => {
    // Refused by the store itself, before the keychain is asked.
    await expect(store.set('../x', 'v')).rejects.toMatchObject({
      name: 'KeychainError',
      message: 'bad keychain key: ../x',
    });
    await expect(store.get('')).rejects.toMatchObject({
      name: 'KeychainError',
      message: 'bad keychain key: ',
    });
  });
});
