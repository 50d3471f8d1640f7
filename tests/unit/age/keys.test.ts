import { bech32 } from '@scure/base';
import { identityToRecipient } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import {
  generateIdentity,
  isRecipient,
  parseIdentityFile,
  recipientOf,
} from '../../../services/age/index.js';

const encode = (hrp: string, bytes: Uint8Array): string =>
  bech32.encode(hrp, bech32.toWords(bytes), false);

/** Changes one data character, keeping the string valid bech32 text. */
function typo(key: string): string {
  const i = key.length - 10;
  const c = key[i] === 'Q' || key[i] === 'q' ? 'P' : 'Q';
  const swapped = key === key.toUpperCase() ? c : c.toLowerCase();
  return key.slice(0, i) + swapped + key.slice(i + 1);
}

describe('age keys', () => {
  it('generates keys in the age-keygen format', async () => {
    const { identity, recipient } = generateIdentity();
    expect(identity).toMatch(/^AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}$/);
    expect(recipient).toMatch(/^age1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{58}$/);
    expect(recipientOf(identity)).toBe(recipient);
    expect(await identityToRecipient(identity)).toBe(recipient);
    expect(isRecipient(recipient)).toBe(true);
    expect(generateIdentity().identity).not.toBe(identity);
  });

  it('parses age-keygen style key files', () => {
    const a = generateIdentity();
    const b = generateIdentity();
    const file = [
      '# created: 2025-01-01T00:00:00Z',
      `# public key: ${a.recipient}`,
      a.identity,
      '',
      `  ${b.identity}  `,
      '',
    ].join('\r\n');
    expect(parseIdentityFile(file)).toEqual([a.identity, b.identity]);
  });

  it('explains what is wrong with a key file', () => {
    const { identity, recipient } = generateIdentity();
    expect(() => parseIdentityFile('# only a comment\n\n')).toThrow(/no AGE-SECRET-KEY-1/);
    expect(() => parseIdentityFile(`# key\n${recipient}\n`)).toThrow(
      /line 2: this is a public recipient/,
    );
    expect(() => parseIdentityFile(`${identity}\nhello world\n`)).toThrow(
      /line 2: expected an AGE-SECRET-KEY-1/,
    );
    expect(() => parseIdentityFile(`${typo(identity)}\n`)).toThrow(/line 1: .*bad checksum/);
  });

  it('rejects malformed identities with a reason', () => {
    const { identity, recipient } = generateIdentity();
    expect(() => recipientOf(typo(identity))).toThrow(/bad checksum/);
    expect(() => recipientOf(recipient)).toThrow(/start with "AGE-SECRET-KEY-1"/);
    expect(() => recipientOf(identity.toLowerCase())).toThrow(/must be written "AGE-SECRET-KEY-1"/);
    const mixed = identity.slice(0, 16) + identity.slice(16).toLowerCase();
    expect(() => recipientOf(mixed)).toThrow(/invalid age identity: .*case/i);
    const short = encode('age-secret-key-', new Uint8Array(31)).toUpperCase();
    expect(() => recipientOf(short)).toThrow(/wrong length/);
    expect(() => recipientOf('')).toThrow(/invalid age identity/);
  });

  it('never echoes secret key material in errors', () => {
    const { identity } = generateIdentity();
    const wrongPrefix = 'AGE-SECRET-KEX-' + identity.slice('AGE-SECRET-KEY-'.length);
    expect(() => recipientOf(wrongPrefix)).toThrow(/got "AGE-SECRET-KEX-1\.\.\."/);
    try {
      recipientOf(wrongPrefix);
    } catch (e) {
      expect((e as Error).message).not.toContain(identity.slice(20, 40));
    }
  });

  it('recognises recipients', () => {
    const { identity, recipient } = generateIdentity();
    expect(isRecipient(typo(recipient))).toBe(false);
    expect(isRecipient(recipient.toUpperCase())).toBe(false);
    expect(isRecipient(identity)).toBe(false);
    expect(isRecipient(encode('age', new Uint8Array(33)))).toBe(false);
    expect(isRecipient(encode('agf', new Uint8Array(32)))).toBe(false);
    expect(isRecipient(encode('age', new Uint8Array(32)))).toBe(true);
  });
});
