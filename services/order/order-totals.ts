import { HostError } from '../../src/contract/host';
import type { Catalog } from '../../src/catalog/catalog';
import { labCheckout, type LabConfig } from '../../src/lab/lab-config';
import { shippingOffers } from '../../src/lab/checkout-config';
import type { Design } from '../../src/model/design';
import type { Customer } from '../../src/order/customer';
import { customerProblems } from '../../src/order/customer-problems';
import { orderTotals, type OrderTotals } from '../../src/order/totals';

/**
 * The totals the manifest carries, worked out by the host from the catalog and the lab's own
 * shipping prices (never taken from the page), after the checks only the lab configuration can
 * make: the shipping method goes to that country, the lab takes that payment method.
 */
export function manifestTotals(
  catalog: Catalog,
  lab: Pick<LabConfig, 'checkout'>,
  design: Design,
  customer: Customer,
): OrderTotals {
  const checkout = labCheckout(lab);
  const problems = Object.entries(customerProblems(customer, checkout));
  if (problems.length > 0) {
    const [path, key] = problems[0]!;
    throw new HostError('invalid-request', `order.submit: customer.${path}: ${key}`);
  }
  return orderTotals(catalog, checkout, design, {
    methodId: customer.shippingMethodId,
    country: customer.shippingAddress.country,
  });
}

/**
 * Totals of about the right length for a manifest whose size is estimated before the customer
 * has chosen: their shipping method where the lab has it, else the lab's first.
 */
export function placeholderTotals(
  catalog: Catalog,
  lab: Pick<LabConfig, 'checkout'>,
  design: Design,
  customer: Customer,
): OrderTotals {
  const checkout = labCheckout(lab);
  const country = customer.shippingAddress.country;
  const offered = shippingOffers(checkout, country);
  const methodId =
    offered.find((o) => o.method.id === customer.shippingMethodId)?.method.id ??
    offered[0]?.method.id ??
    checkout.shippingMethods[0]!.id;
  return orderTotals(catalog, checkout, design, { methodId, country: offered[0] ? country : 'DE' });
}
