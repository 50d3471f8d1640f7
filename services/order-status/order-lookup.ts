import { registerLookupKey } from '../upload/receiver-api';
import type { ServerTrust } from '../upload/server-trust';
import { deriveLookupKey } from './lookup-key';

/** Where the order was opened, and with what rights. */
export interface OpenedOrder {
  serverUrl: string;
  orderId: string;
  uploadToken: string;
  trust?: ServerTrust;
}

/**
 * The status lookup of an order being sent. Its key (scrypt over the customer's email, slow on
 * purpose) is made and given to the server in the background while the files go, so it costs
 * the order no time; {@link OrderLookup.ready} waits for it before the commit, and asks the
 * server again if it could not be told. The email is not kept: only the key, in memory.
 */
export class OrderLookup {
  private registered: Promise<void>;
  /** The key once it is made: for the resume record, which outlives this process. */
  madeKey: string | undefined;

  private constructor(
    private readonly key: Promise<string>,
    private readonly register: (key: string) => Promise<void>,
  ) {
    void key.then(
      (made) => (this.madeKey = made),
      () => undefined,
    );
    this.registered = this.attempt();
  }

  /** Starts making the key for `email` and giving it to the server. */
  static open(email: string, order: OpenedOrder): OrderLookup {
    return OrderLookup.withKey(deriveLookupKey(email, order.orderId), order);
  }

  /**
   * Gives the server a key made before: an order resumed after a restart, whose key came from
   * the keychain's record. Sending it again is harmless (the server keeps the same hash).
   */
  static withKey(key: string | Promise<string>, order: OpenedOrder): OrderLookup {
    return new OrderLookup(Promise.resolve(key), (made) =>
      registerLookupKey(order.serverUrl, order.orderId, order.uploadToken, made, {
        trust: order.trust,
      }),
    );
  }

  /** Resolves with the key once it is made (it need not have reached the server). */
  async keyMade(): Promise<string> {
    const key = await this.key;
    this.madeKey = key;
    return key;
  }

  /** Resolves once the server has the key; a failed attempt is made again, once per call. */
  async ready(): Promise<void> {
    try {
      await this.registered;
    } catch {
      this.registered = this.attempt();
      await this.registered;
    }
  }

  private attempt(): Promise<void> {
    const attempt = this.key.then(this.register);
    // Awaited by ready(); until then a failure is no unhandled rejection.
    attempt.catch(() => undefined);
    return attempt;
  }
}
