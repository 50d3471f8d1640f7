/**
 * The X25519 recipient stanza: `-> X25519 <ephemeral share>` whose body is the
 * file key sealed under HKDF(shared secret, salt = share || recipient,
 * info = "age-encryption.org/v1/X25519") with an all-zero nonce.
 */
import { diffieHellman, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { AgeError } from './errors.js';
import { b64, type Stanza } from './format.js';
import { rawPublicKey, x25519PublicKey, type X25519Identity } from './keys.js';
import { hkdf32, open, seal } from './primitives.js';

const LABEL = 'age-encryption.org/v1/X25519';
const ZERO_NONCE = new Uint8Array(12);
/** Stanza body length: a 16-byte file key plus its 16-byte tag. */
const BODY_BYTES = 32;

/**
 * X25519 that refuses an all-zero result, which a low-order public key forces
 * and which the spec says must abort. OpenSSL already fails the derivation in
 * that case; the explicit check keeps us safe if that ever changes.
 */
function sharedSecret(privateKey: KeyObject, publicKey: KeyObject, who: string): Buffer {
  let secret: Buffer;
  try {
    secret = diffieHellman({ privateKey, publicKey });
  } catch {
    secret = Buffer.alloc(32);
  }
  if (secret.every((b) => b === 0)) {
    throw new AgeError(
      who === 'recipient' ? 'INVALID_KEY' : 'MALFORMED_HEADER',
      `X25519 with this ${who} gives an all-zero shared secret (low-order point)`,
    );
  }
  return secret;
}

/**
 * Wraps `fileKey` to one recipient's raw public key, with a fresh ephemeral key unless one is
 * given (a resumable upload derives it, so the same header can be made again after a restart).
 */
export function wrapFileKey(
  fileKey: Uint8Array,
  recipient: Buffer,
  ephemeral: KeyObject = generateKeyPairSync('x25519').privateKey,
): Stanza {
  const privateKey = ephemeral;
  const share = rawPublicKey(privateKey);
  const secret = sharedSecret(privateKey, x25519PublicKey(recipient), 'recipient');
  const wrapKey = hkdf32(secret, Buffer.concat([share, recipient]), LABEL);
  return { type: 'X25519', args: [b64(share)], body: seal(wrapKey, ZERO_NONCE, fileKey) };
}

/**
 * Tries to unwrap an X25519 stanza with one identity. Returns null when the
 * stanza is for someone else; throws when the stanza itself is malformed.
 */
export function unwrapFileKey(stanza: Stanza, identity: X25519Identity): Buffer | null {
  const [shareText, ...rest] = stanza.args;
  const share = shareText === undefined ? null : Buffer.from(shareText, 'base64');
  if (
    rest.length > 0 ||
    share === null ||
    share.length !== 32 ||
    b64(share) !== shareText ||
    stanza.body.length !== BODY_BYTES
  ) {
    throw new AgeError('MALFORMED_HEADER', 'malformed age header: invalid X25519 stanza');
  }
  const secret = sharedSecret(identity.privateKey, x25519PublicKey(share), 'file header');
  const wrapKey = hkdf32(secret, Buffer.concat([share, identity.publicKey]), LABEL);
  return open(wrapKey, ZERO_NONCE, stanza.body);
}
