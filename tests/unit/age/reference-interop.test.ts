import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import {
  createAgeEncryptor,
  decryptBuffer,
  encryptBuffer,
  generateIdentity,
  recipientOf,
} from '../../../services/age/index.js';
import { randomData, runTransform } from './streams.js';

// Cross-check against the age-encryption npm package (the reference TypeScript code).
const sizes = [0, 1, 65536, 65537, 200_000];

describe('interop with the age-encryption package', () => {
  it.each(sizes)('its Decrypter opens our %i-byte files', async (size) => {
    const { identity, recipient } = generateIdentity();
    const plain = randomData(size);
    const enc = createAgeEncryptor([recipient]);
    const sealed = await runTransform(enc.encryptStream(size), plain);
    const d = new Decrypter();
    d.addIdentity(identity);
    expect(Buffer.from(await d.decrypt(sealed)).equals(plain)).toBe(true);
  });

  it.each(sizes)('we open its %i-byte files', async (size) => {
    const identity = await generateX25519Identity();
    const plain = randomData(size);
    const e = new Encrypter();
    e.addRecipient(await identityToRecipient(identity));
    const sealed = await e.encrypt(plain);
    expect(decryptBuffer(sealed, [identity]).equals(plain)).toBe(true);
  });

  it('agrees on the recipient of an identity, both ways', async () => {
    const theirs = await generateX25519Identity();
    expect(recipientOf(theirs)).toBe(await identityToRecipient(theirs));
    const ours = generateIdentity();
    expect(await identityToRecipient(ours.identity)).toBe(ours.recipient);
  });

  it('its Decrypter rejects a file of ours for another key', async () => {
    const sealed = encryptBuffer(randomData(10), [generateIdentity().recipient]);
    const d = new Decrypter();
    d.addIdentity(generateIdentity().identity);
    // Not any failure: it parsed our header and found no stanza for its key.
    await expect(d.decrypt(sealed)).rejects.toThrow(
      "no identity matched any of the file's recipients",
    );
  });
});
