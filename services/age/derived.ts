/**
 * Encryptions derived from one secret seed: a resumable order keeps a single seed in the OS
 * keychain instead of every file's key, nonce and header (a keychain entry holds about 2.5 KB on
 * Windows; an order may have hundreds of files). Each file's file key, payload nonce and X25519
 * ephemeral key come from HKDF-SHA256 over the seed with the file's own label, so they are as
 * independent as fresh random ones while the seed stays secret, and the same seed and label make
 * the very same header and ciphertext again after a restart.
 */
import { hkdfSync } from 'node:crypto';
import { AgeError } from './errors.js';
import { buildHeader } from './format.js';
import { parseRecipient, x25519PrivateKey } from './keys.js';
import { PAYLOAD_NONCE_BYTES } from './payload.js';
import { restoreAgeEncryptor, type AgeEncryptor } from './encrypt.js';
import { wrapFileKey } from './x25519.js';

/** Bytes of a seed: as much secret as an X25519 key. */
export const SEED_BYTES = 32;

const INFO = 'photodose.de/order-file/v1';

function derive(seed: Uint8Array, label: string, what: string, length: number): Buffer {
  return Buffer.from(hkdfSync('sha256', seed, Buffer.alloc(0), `${INFO}/${label}/${what}`, length));
}

/**
 * The encryption of the file named `label` (unique within the seed's order) to one `age1...`
 * recipient. Interoperates with `age -d` like any other; only the randomness is derived.
 */
export function deriveAgeEncryptor(
  seed: Uint8Array,
  label: string,
  recipient: string,
): AgeEncryptor {
  if (seed.length !== SEED_BYTES)
    throw new AgeError('INVALID_KEY', `seed must be ${SEED_BYTES} bytes`);
  const fileKey = derive(seed, label, 'file-key', 16);
  const payloadNonce = derive(seed, label, 'payload-nonce', PAYLOAD_NONCE_BYTES);
  const ephemeral = x25519PrivateKey(derive(seed, label, 'ephemeral', 32));
  const header = buildHeader(fileKey, [wrapFileKey(fileKey, parseRecipient(recipient), ephemeral)]);
  return restoreAgeEncryptor({ fileKey, payloadNonce, header });
}
