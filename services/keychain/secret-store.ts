import { Entry } from '@napi-rs/keyring';

/**
 * Secrets that must survive an app restart but may never sit in a file:
 * the resume secrets of an in-flight upload (privacy rule 2). One interface,
 * the OS keychain behind it (Keychain on macOS, Credential Manager on
 * Windows, the Secret Service on Linux).
 */
export interface SecretStore {
  set(key: string, value: string): Promise<void>;
  get(key: string): Promise<string | undefined>;
  /** True when something was deleted. */
  delete(key: string): Promise<boolean>;
}

/** The app's entries live under one service name, so a user can find and remove them. */
export const KEYCHAIN_SERVICE = 'de.photodose.orders';

/** Why the keychain could not be used, with the OS's own words attached. */
export class KeychainError extends Error {
  override name = 'KeychainError';
}

export function osKeychain(service: string = KEYCHAIN_SERVICE): SecretStore {
  const entry = (key: string) => {
    if (!/^[A-Za-z0-9._:-]{1,128}$/.test(key)) throw new KeychainError(`bad keychain key: ${key}`);
    return new Entry(service, key);
  };
  const wrap = <T>(what: string, work: () => T): Promise<T> => {
    try {
      return Promise.resolve(work());
    } catch (error) {
      // Our own refusal of a key is not the keychain's: pass it on in its own words.
      if (error instanceof KeychainError) return Promise.reject(error);
      const reason = error instanceof Error ? error.message : String(error);
      return Promise.reject(
        new KeychainError(`the system keychain refused to ${what}: ${reason}`, { cause: error }),
      );
    }
  };
  return {
    set: (key, value) => wrap('store a secret', () => entry(key).setPassword(value)),
    get: (key) => wrap('read a secret', () => entry(key).getPassword() ?? undefined),
    delete: (key) => wrap('delete a secret', () => entry(key).deleteCredential()),
  };
}
