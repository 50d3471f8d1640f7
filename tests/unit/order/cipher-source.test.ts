import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { createAgeEncryptor, decryptBuffer, generateIdentity } from '../../../services/age';
import { openCiphertext } from '../../../services/order/cipher-source';

/**
 * A resumed upload must send exactly the bytes the first attempt would
 * have sent from that offset on, made afresh from the photo.
 */
describe('ciphertext from any offset', () => {
  const { identity, recipient } = generateIdentity();

  for (const plainLength of [0, 1, 65_536, 3 * 65_536 + 5]) {
    it(`matches the whole file's tail at every kind of offset (${plainLength} bytes)`, async () => {
      const plain = randomBytes(plainLength);
      const encryptor = createAgeEncryptor([recipient]);
      const openPlain = (start: number) => Readable.from([plain.subarray(start)]);
      const whole = await buffer(openCiphertext(encryptor, plainLength, openPlain, 0));
      expect(whole.length).toBe(encryptor.encryptedLength(plainLength));
      expect(decryptBuffer(whole, [identity]).equals(plain)).toBe(true);

      const first = encryptor.chunkOffset(0);
      const offsets = new Set([1, first - 1, first, first + 1, whole.length - 1, whole.length]);
      for (let i = 1; i * 65_536 < plainLength; i++) {
        const at = encryptor.chunkOffset(i);
        [at - 1, at, at + 17].forEach((o) => offsets.add(o));
      }
      for (const offset of [...offsets].filter((o) => o >= 0 && o <= whole.length)) {
        const tail = await buffer(openCiphertext(encryptor, plainLength, openPlain, offset));
        expect(tail.equals(whole.subarray(offset)), `offset ${offset}`).toBe(true);
      }
    });
  }

  it('refuses an offset outside the file', () => {
    const encryptor = createAgeEncryptor([recipient]);
    const open = () => Readable.from([Buffer.alloc(10)]);
    expect(() => openCiphertext(encryptor, 10, open, encryptor.encryptedLength(10) + 1)).toThrow(
      RangeError,
    );
  });
});
