import { priceOfDesign, productChoiceOf } from '../model/design';
import type { Catalog } from '../catalog/catalog';
import type { LabBusiness } from '../lab/lab-business';
import type { LabCheckout } from '../lab/checkout-config';
import type { Address } from '../order/address';
import type { AnyOrderManifest, OrderManifest } from '../order/manifest';
import { maskIban } from '../order/payment';
import { addDays, labDateOf, nextTargetDay, type CalendarDate } from './calendar';
import { invoiceTotals, type Invoice, type InvoiceItem, type InvoicePayment } from './invoice';
import { invoiceItemsOf } from './order-items';
import { addressLines, type PostalAddress } from './postal';

/** What the lab decided when it issued the invoice: kept, so a re-render prints the same. */
export interface InvoiceIssue {
  /** As printed (formatInvoiceNumber). */
  number: string;
  invoiceDate: CalendarDate;
  deliveryDate: CalendarDate;
}

/** The lab's side of an invoice: its catalog, its seller and terms. */
export interface InvoiceLab {
  catalog: Catalog;
  checkout: LabCheckout;
  business: LabBusiness;
}

/** The printed name of a checkout address: "Frau Anna Schmidt". */
export function personName(address: Address): string {
  const salutation = address.salutation ? { ms: 'Frau ', mr: 'Herr ' }[address.salutation] : '';
  return `${salutation}${address.firstName} ${address.lastName}`;
}

/** A checkout address (manifest 4) as the documents print it. */
export function postalOf(address: Address): PostalAddress {
  return { ...address, name: personName(address) };
}

/** Where the invoice goes: the billing address, else the shipping address; old orders' one. */
export function billingPostal(manifest: AnyOrderManifest): PostalAddress {
  if (manifest.manifestVersion === 3) return manifest.customer;
  return postalOf(manifest.customer.billingAddress ?? manifest.customer.shippingAddress);
}

/** Where the parcel goes. */
export function shippingPostal(manifest: AnyOrderManifest): PostalAddress {
  if (manifest.manifestVersion === 3) return manifest.customer;
  return postalOf(manifest.customer.shippingAddress);
}

/**
 * The invoice of an order. A current order is invoiced exactly as the customer was shown it
 * (`manifest.totals`: product lines and shipping), and its totals must come out to the cent the
 * manifest states; an order from before checkout (manifest 1 to 3) carries no prices, so it is
 * priced from the lab's catalog, without shipping or payment terms.
 */
export function invoiceOf(
  manifest: AnyOrderManifest,
  issue: InvoiceIssue,
  lab: InvoiceLab,
): Invoice {
  const { productId } = productChoiceOf(manifest.design);
  const { seller } = lab.checkout;
  const invoice: Invoice = {
    ...issue,
    orderId: manifest.orderId,
    orderDate: labDateOf(new Date(manifest.createdAt)),
    seller: {
      name: seller.name,
      addressLines: addressLines(seller, seller.country),
      email: seller.email,
      vatId: lab.business.vatId,
      taxNumber: lab.business.taxNumber,
      register: lab.business.register,
    },
    buyer: (() => {
      const buyer = billingPostal(manifest);
      return { name: buyer.name, addressLines: addressLines(buyer, seller.country) };
    })(),
    items: [],
  };
  if (manifest.manifestVersion === 3) {
    const { lines } = priceOfDesign(lab.catalog, manifest.design);
    return { ...invoice, items: invoiceItemsOf(lines, productId, lab.catalog.vatPercent) };
  }
  const items = itemsOfTotals(manifest, productId);
  return { ...invoice, items, payment: paymentOf(manifest, issue, lab) };
}

function itemsOfTotals(manifest: OrderManifest, productId: string): InvoiceItem[] {
  const { totals } = manifest;
  const items: InvoiceItem[] = [
    ...invoiceItemsOf(totals.items, productId, totals.vatPercent),
    {
      description: `Versand: ${totals.shipping.name}`,
      quantity: 1,
      unitCents: totals.shipping.cents,
      grossCents: totals.shipping.cents,
      vatPercent: totals.vatPercent,
    },
  ];
  const sums = invoiceTotals(items);
  if (sums.grossCents !== totals.totalCents || sums.vatCents !== totals.vatCents) {
    throw new Error(
      `order ${manifest.orderId}: its lines add up to ${sums.grossCents} cents with ${sums.vatCents} VAT, ` +
        `but the order states ${totals.totalCents} with ${totals.vatCents}`,
    );
  }
  return items;
}

function paymentOf(manifest: OrderManifest, issue: InvoiceIssue, lab: InvoiceLab): InvoicePayment {
  const { payment } = manifest.customer;
  switch (payment.method) {
    case 'invoice':
      return {
        kind: 'invoice',
        dueDate: addDays(issue.invoiceDate, lab.business.paymentTermDays),
      };
    case 'sepa':
      return {
        kind: 'sepa',
        mandateReference: payment.mandate.reference,
        creditorId: lab.checkout.sepaCreditorId,
        // The invoice is the pre-notification: the debit falls the agreed days after it, on a
        // day the banks settle.
        debitDate: nextTargetDay(addDays(issue.invoiceDate, lab.business.sepaNoticeDays)),
        maskedIban: maskIban(payment.iban),
      };
  }
}
