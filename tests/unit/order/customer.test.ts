import { describe, expect, it } from 'vitest';
import { isMessageKey } from '../../../src/i18n/translate';
import { Customer, customerProblems } from '../../../src/order/customer';
import { anna } from '../model/fixtures';

describe('customer', () => {
  it('accepts a valid German address', () => {
    expect(customerProblems(anna)).toEqual({});
    expect(Customer.safeParse(anna).success).toBe(true);
  });

  it('flags a 4-digit German postal code, also before the rest is filled in', () => {
    expect(customerProblems({ ...anna, postalCode: '2819' })).toEqual({
      postalCode: 'checkout.error.postalCode',
    });
    const draft = { name: '', street: '', city: '', email: '', country: 'DE', postalCode: '2819' };
    expect(customerProblems(draft).postalCode).toBe('checkout.error.postalCode');
    // The form's draft starts without the fields the customer has not reached yet.
    expect(customerProblems({ country: 'DE', postalCode: '2819' }).postalCode).toBe(
      'checkout.error.postalCode',
    );
    expect(Customer.safeParse({ ...anna, postalCode: '2819' }).success).toBe(false);
  });

  it('accepts an Austrian 4-digit postal code', () => {
    expect(customerProblems({ ...anna, country: 'AT', postalCode: '1010', city: 'Wien' })).toEqual(
      {},
    );
  });

  it('flags an invalid email address', () => {
    expect(customerProblems({ ...anna, email: 'anna@' })).toEqual({
      email: 'checkout.error.email',
    });
  });

  it('returns only messages that exist in the translations', () => {
    const drafts: unknown[] = [
      {},
      { name: '', street: '', postalCode: '', city: '', email: '', country: '' },
      { ...anna, country: 'US', postalCode: 'x'.repeat(20), name: 7 },
      { ...anna, name: 'A'.repeat(121), street: 'A'.repeat(121), city: 'B'.repeat(81) },
    ];
    const messages = drafts.flatMap((d) => Object.values(customerProblems(d)));
    expect(messages.length).toBeGreaterThan(10);
    for (const message of messages) expect(isMessageKey(message), message).toBe(true);
  });
  it('reports problems instead of crashing on a missing draft', () => {
    expect(customerProblems(null)).toEqual({
      name: 'checkout.error.invalid',
      street: 'checkout.error.invalid',
      postalCode: 'checkout.error.invalid',
      city: 'checkout.error.invalid',
      country: 'checkout.error.invalid',
      email: 'checkout.error.email',
    });
  });
});
