import { Country, postalCodeFits } from './address';
import { Customer } from './customer';
import { shippingOffer, type LabCheckout } from '../lab/checkout-config';

/**
 * The form's view of the checks: each field's first problem as a translation key, keyed by its
 * path (`shippingAddress.postalCode`, `payment.iban`), so the form can put it beside the field.
 * Empty when the customer's data can be ordered with this lab.
 */
export type CustomerProblems = Record<string, string>;

export function customerProblems(input: unknown, checkout: LabCheckout): CustomerProblems {
  const problems: CustomerProblems = {};
  const add = (path: string, key: string) => {
    problems[path] ??= key.startsWith('checkout.') ? key : 'checkout.error.invalid';
  };
  const result = Customer.safeParse(input);
  if (result.success) {
    const customer = result.data;
    const country = customer.shippingAddress.country;
    if (!shippingOffer(checkout, customer.shippingMethodId, country))
      add('shippingMethodId', 'checkout.error.shippingMethod');
    if (!checkout.paymentMethods.includes(customer.payment.method))
      add('payment.method', 'checkout.error.paymentMethod');
    return problems;
  }
  for (const issue of result.error.issues) add(issue.path.join('.'), issue.message);
  // Zod checks an address's postal code against its country only once every other field of the
  // address parses; the customer wants to hear about it as they leave the field.
  const draft = isRecord(input) ? input : {};
  for (const which of ['shippingAddress', 'billingAddress']) {
    const address = draft[which];
    if (!isRecord(address)) continue;
    const country = Country.safeParse(address.country);
    const path = `${which}.postalCode`;
    if (!country.success || typeof address.postalCode !== 'string' || problems[path]) continue;
    if (!postalCodeFits(country.data, address.postalCode))
      add(path, 'checkout.error.postalCode.format');
  }
  return problems;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
