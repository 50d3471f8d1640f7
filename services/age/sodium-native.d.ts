/**
 * The part of sodium-native (libsodium's bindings) that services/age uses, written out: the
 * package ships no types, and @types/sodium-native describes an older major version.
 */
declare module 'sodium-native' {
  /** Seals `m` into `c` (`m.byteLength + 16` bytes: ciphertext then tag); returns bytes written. */
  export function crypto_aead_chacha20poly1305_ietf_encrypt(
    c: Uint8Array,
    m: Uint8Array,
    ad: Uint8Array | null,
    nsec: null,
    npub: Uint8Array,
    k: Uint8Array,
  ): number;
  /**
   * Opens `c` (ciphertext then tag) into `m`; throws when the tag does not verify, after
   * zeroing `m`: libsodium checks the tag before it decrypts.
   */
  export function crypto_aead_chacha20poly1305_ietf_decrypt(
    m: Uint8Array,
    nsec: null,
    c: Uint8Array,
    ad: Uint8Array | null,
    npub: Uint8Array,
    k: Uint8Array,
  ): number;
}
