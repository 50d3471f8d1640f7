import type { CustomerInput } from '../../../src/order/customer';

/** A checkout as a customer in Bremen fills it in: invoice, DHL, the bill to the same address. */
export function annaAtCheckout(): CustomerInput {
  return {
    shippingAddress: {
      salutation: 'ms',
      firstName: 'Anna',
      lastName: 'Schmidt',
      street: 'Am Wall 12',
      postalCode: '28195',
      city: 'Bremen',
      country: 'DE',
    },
    billingAddress: null,
    email: 'anna@example.de',
    shippingMethodId: 'dhl-paket',
    payment: { method: 'invoice' },
    termsAcceptedAt: '2026-11-26T09:00:00.000Z',
  };
}

/** A valid German IBAN (the Bundesbank's example) and BIC, and a SEPA payment with them. */
export const IBAN = 'DE89370400440532013000';
export const BIC = 'COBADEFFXXX';

export function sepa(overrides: Record<string, unknown> = {}) {
  return {
    method: 'sepa' as const,
    holder: 'Anna Schmidt',
    iban: IBAN,
    bic: BIC,
    mandate: {
      accepted: true as const,
      reference: 'PDM-7K3Q9XW2HD',
      acceptedAt: '2026-11-26T09:00:00.000Z',
    },
    ...overrides,
  };
}
