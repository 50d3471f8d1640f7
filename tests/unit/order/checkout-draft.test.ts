import { describe, expect, it } from 'vitest';
import {
  customerOf,
  emptyCheckoutDraft,
  type CheckoutDraft,
} from '../../../src/order/checkout-draft';
import { Customer } from '../../../src/order/customer';
import { customerProblems } from '../../../src/order/customer-problems';
import { defaultLabCheckout as photoDose } from '../../../src/lab/checkout-config';

function filled(): CheckoutDraft {
  return {
    ...emptyCheckoutDraft(),
    shipping: {
      salutation: '',
      firstName: 'Anna',
      lastName: 'Schmidt',
      street: 'Am Wall 12',
      supplement: '  ',
      postalCode: '28195',
      city: 'Bremen',
      country: 'DE',
    },
    email: 'anna@example.de',
    shippingMethodId: 'dhl-paket',
    termsAcceptedAt: '2026-11-26T09:00:00.000Z',
  };
}

describe('the checkout form draft', () => {
  it('starts empty, in Germany, on invoice, with the bill to the delivery address', () => {
    const draft = emptyCheckoutDraft();
    expect(draft.shipping.country).toBe('DE');
    expect(draft.billingSame).toBe(true);
    expect(draft.paymentMethod).toBe('invoice');
    expect(draft.termsAcceptedAt).toBeUndefined();
  });

  it('sends no salutation, supplement or phone the customer left empty', () => {
    const customer = Customer.parse(customerOf(filled()));
    expect(customer.shippingAddress).not.toHaveProperty('salutation');
    expect(customer.shippingAddress).not.toHaveProperty('supplement');
    expect(customer).not.toHaveProperty('phone');
    expect(customer.billingAddress).toBeNull();
  });

  it('sends the other billing address only when the customer asked for one', () => {
    const draft = { ...filled(), billing: { ...filled().shipping, lastName: 'Other' } };
    expect(customerOf(draft).billingAddress).toBeNull();
    expect(customerOf({ ...draft, billingSame: false }).billingAddress).toMatchObject({
      lastName: 'Other',
    });
  });

  it('needs the terms and, for direct debit, the mandate ticked', () => {
    const { termsAcceptedAt: _no, ...unticked } = filled();
    expect(customerProblems(customerOf(unticked), photoDose)).toEqual({
      termsAcceptedAt: 'checkout.error.terms',
    });
    const sepa: CheckoutDraft = {
      ...filled(),
      paymentMethod: 'sepa',
      holder: 'Anna Schmidt',
      iban: 'DE89 3704 0044 0532 0130 00',
      mandateReference: 'PDM-7K3Q9XW2HD4M',
    };
    expect(customerProblems(customerOf(sepa), photoDose)).toEqual({
      'payment.mandate.accepted': 'checkout.error.mandate.required',
      'payment.mandate.acceptedAt': 'checkout.error.mandate.required',
    });
    const ticked = { ...sepa, mandateAcceptedAt: '2026-11-26T09:01:00.000Z' };
    expect(customerProblems(customerOf(ticked), photoDose)).toEqual({});
    expect(Customer.parse(customerOf(ticked)).payment).toMatchObject({
      method: 'sepa',
      iban: 'DE89370400440532013000',
    });
  });
});
