import { HostError, type HostResult } from '../../src/contract/host';
import { ORDER_ID } from '../../src/contract/receiver';
import { normaliseOrderNumber } from '../../src/contract/order-status';
import { lookupOrderStatus } from '../upload/receiver-api';
import type { ServerTrust } from '../upload/server-trust';
import { deriveLookupKey } from './lookup-key';

/** Where the lab's receiving server is, and how its certificate is checked. */
export interface LookupDeps {
  serverUrl: string;
  trust?: ServerTrust;
}

/**
 * `order.lookupStatus`: the lookup key made here from the email and the order number, then the
 * receiving server asked. The email is not kept and not logged. A number that can't be an
 * order is "not found" without asking. An untrusted server stays the HostError the customer
 * reads about; anything else without an answer is `unreachable`.
 */
export async function lookupStatus(
  args: { orderId: string; email: string },
  deps: LookupDeps,
): Promise<HostResult<'order.lookupStatus'>> {
  const orderId = normaliseOrderNumber(args.orderId);
  if (!ORDER_ID.test(orderId)) return { outcome: 'not-found' };
  const lookupKey = await deriveLookupKey(args.email, orderId);
  try {
    return await lookupOrderStatus(deps.serverUrl, orderId, lookupKey, { trust: deps.trust });
  } catch (error) {
    if (error instanceof HostError) throw error;
    return {
      outcome: 'unreachable',
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}
