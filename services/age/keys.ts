/**
 * age X25519 keys: the bech32 text forms (`AGE-SECRET-KEY-1...`, `age1...`)
 * and the node:crypto KeyObjects behind them.
 */
import { createPrivateKey, createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import { bech32 } from '@scure/base';
import { AgeError } from './errors.js';

const IDENTITY_HRP = 'AGE-SECRET-KEY-';
const RECIPIENT_HRP = 'age';
const KEY_BYTES = 32;

/**
 * RFC 8410 PKCS#8 wrapping of a raw X25519 private key. Private keys are
 * imported as DER rather than JWK because a private JWK must carry an `x`
 * (public half) that Node then silently ignores; DER needs only the secret.
 */
const PKCS8_X25519_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');

/** A parsed X25519 identity: the private KeyObject and the raw public key (for the HKDF salt). */
export interface X25519Identity {
  readonly privateKey: KeyObject;
  readonly publicKey: Buffer;
}

/** Imports a raw 32-byte X25519 private scalar. */
export function x25519PrivateKey(raw: Uint8Array): KeyObject {
  return createPrivateKey({
    key: Buffer.concat([PKCS8_X25519_PREFIX, raw]),
    format: 'der',
    type: 'pkcs8',
  });
}

/** Imports a raw 32-byte X25519 public key (u-coordinate) via JWK. */
export function x25519PublicKey(raw: Uint8Array): KeyObject {
  return createPublicKey({
    key: { kty: 'OKP', crv: 'X25519', x: Buffer.from(raw).toString('base64url') },
    format: 'jwk',
  });
}

/** The raw 32-byte public key of an X25519 KeyObject (private or public). */
export function rawPublicKey(key: KeyObject): Buffer {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  const { x } = pub.export({ format: 'jwk' });
  if (typeof x !== 'string') throw new Error('X25519 key has no public component');
  return Buffer.from(x, 'base64url');
}

function invalidKey(what: string, why: string): AgeError {
  return new AgeError('INVALID_KEY', `invalid ${what}: ${why}`);
}

/**
 * Decodes a bech32 key and checks prefix, case and length. The case rule
 * follows the age reference: secret keys are upper case, recipients lower case.
 */
function decodeKey(text: string, hrp: string, what: string): Uint8Array {
  const s = text.trim();
  const sep = s.lastIndexOf('1');
  const prefix = sep > 0 ? s.slice(0, sep) : '';
  if (prefix.toLowerCase() !== hrp.toLowerCase()) {
    // Only the prefix is echoed: the rest may be secret key material.
    const got = sep > 0 ? `"${prefix.slice(0, 24)}1..."` : 'no bech32 "1" separator';
    throw invalidKey(what, `expected it to start with "${hrp}1", got ${got}`);
  }
  if (prefix !== hrp) throw invalidKey(what, `prefix must be written "${hrp}1"`);
  let words: number[];
  try {
    // age keys are longer than BIP 173's 90-character limit allows for some HRPs.
    words = bech32.decode(s as `${string}1${string}`, false).words;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw invalidKey(what, /checksum/i.test(why) ? 'bad checksum (typo or truncated?)' : why);
  }
  const bytes = bech32.fromWordsUnsafe(words);
  if (!bytes || bytes.length !== KEY_BYTES) {
    throw invalidKey(what, `wrong length (expected ${KEY_BYTES} bytes)`);
  }
  return bytes;
}

function encodeKey(hrp: string, bytes: Uint8Array): string {
  return bech32.encode(hrp, bech32.toWords(bytes), false);
}

/** Parses an `AGE-SECRET-KEY-1...` string into key objects; throws AgeError('INVALID_KEY'). */
export function parseIdentity(identity: string): X25519Identity {
  const raw = decodeKey(identity, IDENTITY_HRP, 'age identity');
  const privateKey = x25519PrivateKey(raw);
  return { privateKey, publicKey: rawPublicKey(privateKey) };
}

/** Parses an `age1...` recipient into its raw 32-byte public key; throws AgeError('INVALID_KEY'). */
export function parseRecipient(recipient: string): Buffer {
  return Buffer.from(decodeKey(recipient, RECIPIENT_HRP, 'age recipient'));
}

/** True if `s` is a well-formed X25519 age recipient (`age1...`). */
export function isRecipient(s: string): boolean {
  try {
    parseRecipient(s);
    return true;
  } catch {
    return false;
  }
}

/** Generates a fresh X25519 key pair in age's text form (same format as `age-keygen`). */
export function generateIdentity(): { identity: string; recipient: string } {
  const raw = randomBytes(KEY_BYTES);
  const identity = encodeKey(IDENTITY_HRP, raw).toUpperCase();
  return { identity, recipient: recipientOf(identity) };
}

/** The `age1...` recipient (public key) of an `AGE-SECRET-KEY-1...` identity. */
export function recipientOf(identity: string): string {
  return encodeKey(RECIPIENT_HRP, parseIdentity(identity).publicKey);
}

/**
 * Parses a key file as written by `age-keygen`: `#` comments, blank lines and
 * one or more `AGE-SECRET-KEY-1...` lines. Returns the identities in order.
 * Anything else is an error naming the line, so an operator can fix the file.
 */
export function parseIdentityFile(text: string): string[] {
  const identities: string[] = [];
  text.split('\n').forEach((rawLine, i) => {
    const line = rawLine.replace(/\r$/, '').trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `key file line ${i + 1}`;
    if (/^age1/i.test(line)) {
      throw new AgeError(
        'INVALID_KEY',
        `${where}: this is a public recipient (age1...), not a secret key`,
      );
    }
    if (!line.toUpperCase().startsWith(`${IDENTITY_HRP}1`)) {
      throw new AgeError(
        'INVALID_KEY',
        `${where}: expected an AGE-SECRET-KEY-1... line, a # comment or a blank line`,
      );
    }
    try {
      parseIdentity(line);
    } catch (e) {
      throw new AgeError('INVALID_KEY', `${where}: ${e instanceof Error ? e.message : String(e)}`);
    }
    identities.push(line);
  });
  if (identities.length === 0) {
    throw new AgeError('INVALID_KEY', 'key file contains no AGE-SECRET-KEY-1... identity');
  }
  return identities;
}
