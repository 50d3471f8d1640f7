import { describe, expect, it } from 'vitest';
import { deriveLookupKey } from '../../../services/order-status/lookup-key';
import {
  LOOKUP_KDF,
  LookupKey,
  normaliseEmail,
  normaliseOrderNumber,
} from '../../../src/contract/order-status';

// scrypt is slow on purpose (about 0.1 s a key, several on a busy machine): room for that.
describe('the order status lookup key', { timeout: 60_000 }, () => {
  // Reference values from an independent scrypt (Python's hashlib.scrypt, OpenSSL inside):
  //   hashlib.scrypt(email, salt=b'photodose/order-status/v1:PD-ABCDEFGH23',
  //                  n=2**15, r=8, p=1, maxmem=2**26, dklen=32), base64url without padding.
  it('is scrypt with the contract parameters over the normalised email, salted by the order', async () => {
    expect(LOOKUP_KDF).toMatchObject({ N: 32768, r: 8, p: 1, keyBytes: 32 });
    expect(await deriveLookupKey('hannelore.quistorp@example.org', 'PD-ABCDEFGH23')).toBe(
      '9cZBUxFn8blNnCvHe4QygkWLFHSkvyeLNBqqGLh9evk',
    );
    // UTF-8 of an internationalised address, composed (NFC).
    expect(await deriveLookupKey('jürgen.öztürk@bäckerei.de', 'PD-ABCDEFGH23')).toBe(
      '2cH1BEHBKq5qb5Xl-_B0U9bdeJvYhJ3K9rMzt2JFuM4',
    );
  });

  it('is the same however the customer types the same address', async () => {
    const key = await deriveLookupKey('hannelore.quistorp@example.org', 'PD-ABCDEFGH23');
    expect(await deriveLookupKey('  Hannelore.Quistorp@EXAMPLE.org\t', 'PD-ABCDEFGH23')).toBe(key);
    // "ü" typed as u + combining diaeresis (macOS file names, some keyboards) is the same letter.
    const decomposed = 'ju\u0308rgen.o\u0308ztu\u0308rk@ba\u0308ckerei.de';
    expect(normaliseEmail(decomposed)).toBe('jürgen.öztürk@bäckerei.de');
    expect(await deriveLookupKey(decomposed.toUpperCase(), 'PD-ABCDEFGH23')).toBe(
      '2cH1BEHBKq5qb5Xl-_B0U9bdeJvYhJ3K9rMzt2JFuM4',
    );
  });

  it('differs per order and per address, and fits the wire format', async () => {
    const a = await deriveLookupKey('kunde@example.org', 'PD-ABCDEFGH23');
    const otherOrder = await deriveLookupKey('kunde@example.org', 'PD-ABCDEFGH24');
    const otherEmail = await deriveLookupKey('kunde2@example.org', 'PD-ABCDEFGH23');
    expect(new Set([a, otherOrder, otherEmail]).size).toBe(3);
    for (const key of [a, otherOrder, otherEmail])
      expect(LookupKey.safeParse(key).success).toBe(true);
    // The key says nothing of the address in plain.
    expect(Buffer.from(a, 'base64url').toString('latin1')).not.toContain('kunde');
  });
});

describe('order numbers as customers type them', () => {
  it('accepts spaces, lower case and a missing PD-', () => {
    expect(normaliseOrderNumber('PD-ABCDEFGH23')).toBe('PD-ABCDEFGH23');
    expect(normaliseOrderNumber(' pd-abcd efgh23 ')).toBe('PD-ABCDEFGH23');
    expect(normaliseOrderNumber('abcdefgh23')).toBe('PD-ABCDEFGH23');
  });

  it('leaves what is no order number for the pattern to refuse', () => {
    expect(normaliseOrderNumber('PD-ABC')).toBe('PD-ABC');
    expect(normaliseOrderNumber('../etc')).toBe('../ETC');
  });
});
