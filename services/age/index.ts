/**
 * age v1 (https://age-encryption.org/v1) with X25519 recipients, on
 * node:crypto. Orders are encrypted to the lab's `age1...` key; files
 * interoperate with the `age` command line both ways.
 */
export {
  AgeError,
  ChunkAuthError,
  HeaderMacError,
  NoIdentityMatchError,
  NotAgeFileError,
  TruncatedError,
  type AgeErrorCode,
} from './errors.js';
export { generateIdentity, isRecipient, parseIdentityFile, recipientOf } from './keys.js';
export {
  createAgeEncryptor,
  encryptBuffer,
  restoreAgeEncryptor,
  type AgeEncryptor,
  type AgeSecrets,
  type EncryptStreamOptions,
} from './encrypt.js';
export { createDecryptStream, decryptBuffer } from './decrypt.js';
export { CHUNK_BYTES, SEALED_CHUNK_BYTES } from './payload.js';
export { MAX_HEADER_BYTES, MAX_STANZAS } from './format.js';
