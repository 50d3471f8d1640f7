import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { open, openInto, seal, sealInto, TAG_BYTES } from '../../../services/age/primitives';

const key = randomBytes(32);
const nonce = randomBytes(12);

/** ChaCha20-Poly1305 by node:crypto (OpenSSL), a second implementation to hold libsodium's to. */
function opensslSeal(plain: Buffer): Buffer {
  const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG_BYTES });
  return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

describe('ChaCha20-Poly1305 (libsodium)', () => {
  it('seals as OpenSSL does, into the given place of a larger buffer', () => {
    for (const length of [0, 1, 63, 64, 65_536]) {
      const plain = randomBytes(length);
      const out = Buffer.alloc(length + TAG_BYTES + 10, 0xee);
      sealInto(key, nonce, plain, out, 7);
      expect(out.subarray(7, 7 + length + TAG_BYTES).equals(opensslSeal(plain)), `${length}`).toBe(
        true,
      );
      // The bytes around it are untouched.
      expect([...out.subarray(0, 7), ...out.subarray(7 + length + TAG_BYTES)]).toEqual(
        Array(10).fill(0xee),
      );
    }
  });

  it('opens what OpenSSL sealed, into the given place', () => {
    const plain = randomBytes(1000);
    const out = Buffer.alloc(1010);
    expect(openInto(key, nonce, opensslSeal(plain), out, 5)).toBe(true);
    expect(out.subarray(5, 1005).equals(plain)).toBe(true);
    expect(open(key, nonce, seal(key, nonce, plain))?.equals(plain)).toBe(true);
  });

  it('refuses a changed byte and leaves no plaintext behind', () => {
    const plain = Buffer.alloc(4096, 0x41);
    const sealed = seal(key, nonce, plain);
    for (const at of [0, 2000, sealed.length - 1]) {
      const bad = Buffer.from(sealed);
      bad[at]! ^= 0x01;
      const out = Buffer.alloc(plain.length, 0xee);
      expect(openInto(key, nonce, bad, out, 0), `byte ${at}`).toBe(false);
      expect(out.includes(0x41), `byte ${at}`).toBe(false);
      expect(open(key, nonce, bad)).toBeNull();
    }
    expect(open(key, randomBytes(12), sealed)).toBeNull();
    expect(openInto(key, nonce, sealed.subarray(0, TAG_BYTES - 1), Buffer.alloc(0), 0)).toBe(false);
  });
});
