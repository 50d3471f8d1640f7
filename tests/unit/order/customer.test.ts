import { describe, expect, it } from 'vitest';
import { isMessageKey } from '../../../src/i18n/translate';
import { Customer } from '../../../src/order/customer';
import { customerProblems } from '../../../src/order/customer-problems';
import { defaultLabCheckout as photoDose } from '../../../src/lab/checkout-config';
import { annaAtCheckout, sepa } from './customer-fixtures';

describe('the customer at checkout', () => {
  it('accepts a complete order: invoice, same billing address, no phone', () => {
    expect(customerProblems(annaAtCheckout(), photoDose)).toEqual({});
    const customer = Customer.parse(annaAtCheckout());
    expect(customer.billingAddress).toBeNull();
    expect(customer).not.toHaveProperty('phone', expect.anything());
  });

  it('accepts SEPA, a billing address of its own and a phone number', () => {
    const customer = {
      ...annaAtCheckout(),
      billingAddress: {
        firstName: 'Karl',
        lastName: 'Schmidt',
        street: 'Marktplatz 1',
        supplement: 'c/o Kanzlei Weser',
        postalCode: '1010',
        city: 'Wien',
        country: 'AT',
      },
      phone: '+49 421 123456',
      payment: sepa(),
    };
    expect(customerProblems(customer, photoDose)).toEqual({});
    expect(Customer.parse(customer).phone).toBe('+49 421 123456');
  });

  it('names each field of each address by its path, so the form puts it at the field', () => {
    const draft = {
      ...annaAtCheckout(),
      shippingAddress: { ...annaAtCheckout().shippingAddress, street: 'Am Wall' },
      billingAddress: { ...annaAtCheckout().shippingAddress, postalCode: '2819' },
    };
    expect(customerProblems(draft, photoDose)).toEqual({
      'shippingAddress.street': 'checkout.error.street.houseNumber',
      'billingAddress.postalCode': 'checkout.error.postalCode.format',
    });
  });

  it('flags a postal code as soon as it is typed, before the rest of the address is there', () => {
    const draft = { shippingAddress: { country: 'DE', postalCode: '2819' } };
    expect(customerProblems(draft, photoDose)['shippingAddress.postalCode']).toBe(
      'checkout.error.postalCode.format',
    );
    const austrian = { shippingAddress: { country: 'AT', postalCode: '1010' } };
    expect(customerProblems(austrian, photoDose)['shippingAddress.postalCode']).toBeUndefined();
  });

  it('checks email and phone', () => {
    const problems = (patch: object) =>
      customerProblems({ ...annaAtCheckout(), ...patch }, photoDose);
    expect(problems({ email: 'anna@' })).toEqual({ email: 'checkout.error.email.format' });
    expect(problems({ email: ' ' })).toEqual({ email: 'checkout.error.email.required' });
    expect(problems({ phone: '0421' })).toEqual({ phone: 'checkout.error.phone.format' });
    expect(problems({ phone: 'call me' })).toEqual({ phone: 'checkout.error.phone.format' });
    expect(problems({ phone: '1'.repeat(16) })).toEqual({ phone: 'checkout.error.phone.format' });
    expect(problems({ phone: '' })).toEqual({});
    expect(problems({ phone: '(0421) 12 34-56' })).toEqual({});
  });

  it('needs the terms agreed, a shipping method that goes there, a payment the lab takes', () => {
    const { termsAcceptedAt: _agreed, ...notAgreed } = annaAtCheckout();
    expect(customerProblems(notAgreed, photoDose)).toEqual({
      termsAcceptedAt: 'checkout.error.terms',
    });
    // Deutsche Post's Warensendung goes to Germany only.
    const toVienna = {
      ...annaAtCheckout(),
      shippingMethodId: 'deutsche-post',
      shippingAddress: {
        ...annaAtCheckout().shippingAddress,
        postalCode: '1010',
        city: 'Wien',
        country: 'AT',
      },
    };
    expect(customerProblems(toVienna, photoDose)).toEqual({
      shippingMethodId: 'checkout.error.shippingMethod',
    });
    const invoiceOnly = { ...photoDose, paymentMethods: ['invoice' as const] };
    expect(customerProblems({ ...annaAtCheckout(), payment: sepa() }, invoiceOnly)).toEqual({
      'payment.method': 'checkout.error.paymentMethod',
    });
  });

  it('returns only messages that exist in the translations', () => {
    const drafts: unknown[] = [
      null,
      {},
      { shippingAddress: {}, billingAddress: {}, payment: { method: 'sepa' } },
      {
        ...annaAtCheckout(),
        shippingAddress: { firstName: '7', lastName: 'x'.repeat(61), street: 'Am Wall', city: '1' },
        billingAddress: { country: 'US', postalCode: 'x'.repeat(20) },
        payment: sepa({ iban: 'DE00', bic: 'x', holder: '' }),
        email: 'x',
        phone: 'y',
      },
    ];
    const messages = drafts.flatMap((d) => Object.values(customerProblems(d, photoDose)));
    expect(messages.length).toBeGreaterThan(15);
    for (const message of messages) expect(isMessageKey(message), message).toBe(true);
  });
});
