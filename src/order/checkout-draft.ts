import type { Country } from './address';
import type { CustomerInput } from './customer';
import type { PaymentMethod } from './payment';
import type { OrderTotals } from './totals';

/**
 * The checkout form as the customer fills it in: plain strings and ticks, kept in memory for as
 * long as the app is open (never in the project, a recovery copy, browser storage or a log), so
 * nothing typed is lost when ordering fails later. `customerOf` turns it into what the order
 * sends, for the checks in customer.ts.
 */
export interface AddressDraft {
  salutation: '' | 'ms' | 'mr';
  firstName: string;
  lastName: string;
  street: string;
  supplement: string;
  postalCode: string;
  city: string;
  country: Country;
}

export interface CheckoutDraft {
  shipping: AddressDraft;
  /** The invoice goes to the delivery address (the usual case); else to `billing`. */
  billingSame: boolean;
  billing: AddressDraft;
  email: string;
  phone: string;
  /** Empty until the lab's methods are known; then the first one that ships there. */
  shippingMethodId: string;
  paymentMethod: PaymentMethod;
  holder: string;
  iban: string;
  bic: string;
  /** Made once, when the customer first chooses direct debit, and shown with the mandate. */
  mandateReference: string;
  /** When the customer ticked the mandate; undefined while it is not ticked. */
  mandateAcceptedAt?: string;
  /** When the customer ticked the terms; undefined while they are not ticked. */
  termsAcceptedAt?: string;
}

export function emptyAddress(country: Country = 'DE'): AddressDraft {
  return {
    salutation: '',
    firstName: '',
    lastName: '',
    street: '',
    supplement: '',
    postalCode: '',
    city: '',
    country,
  };
}

export function emptyCheckoutDraft(): CheckoutDraft {
  return {
    shipping: emptyAddress(),
    billingSame: true,
    billing: emptyAddress(),
    email: '',
    phone: '',
    shippingMethodId: '',
    paymentMethod: 'invoice',
    holder: '',
    iban: '',
    bic: '',
    mandateReference: '',
  };
}

function addressOf(draft: AddressDraft): CustomerInput['shippingAddress'] {
  const { salutation, supplement, ...rest } = draft;
  return {
    ...rest,
    ...(salutation ? { salutation } : {}),
    ...(supplement.trim() ? { supplement } : {}),
  };
}

/** What the order sends for this draft; customer.ts checks it, field by field. */
export function customerOf(draft: CheckoutDraft): CustomerInput {
  const payment: CustomerInput['payment'] =
    draft.paymentMethod === 'sepa'
      ? {
          method: 'sepa',
          holder: draft.holder,
          iban: draft.iban,
          bic: draft.bic,
          mandate: {
            // Not ticked: the schema refuses it with "please give the mandate".
            accepted: (draft.mandateAcceptedAt !== undefined) as true,
            reference: draft.mandateReference,
            acceptedAt: draft.mandateAcceptedAt ?? '',
          },
        }
      : { method: 'invoice' };
  return {
    shippingAddress: addressOf(draft.shipping),
    billingAddress: draft.billingSame ? null : addressOf(draft.billing),
    email: draft.email,
    ...(draft.phone.trim() ? { phone: draft.phone } : {}),
    shippingMethodId: draft.shippingMethodId,
    payment,
    termsAcceptedAt: draft.termsAcceptedAt ?? '',
  };
}

/** What the success screen shows of a sent order: its cost and how it comes, nothing personal. */
export interface OrderReceipt {
  totals: OrderTotals;
  paymentMethod: PaymentMethod;
  deliveryDays: { min: number; max: number };
}
