import { vatIncludedCents } from '../catalog/price';
import type { CalendarDate } from './calendar';

/**
 * The lab's invoice as data: everything § 14 Abs. 4 UStG asks of it, before any layout. The PDF
 * (server/lab/documents) only draws this, so the law's list is checked here, in one place.
 */
export interface Invoice {
  /** Consecutive and never reused (§ 14 Abs. 4 Nr. 4), as printed. */
  number: string;
  invoiceDate: CalendarDate;
  /** When the goods are delivered (§ 14 Abs. 4 Nr. 6): the day the parcel leaves the lab. */
  deliveryDate: CalendarDate;
  orderId: string;
  orderDate: CalendarDate;
  /** The lab: full name and address, and its VAT id or tax number (Nr. 1 and 2). */
  seller: InvoiceSeller;
  /** The customer: full name and address (Nr. 1). */
  buyer: InvoiceParty;
  /** What was delivered, with quantities (Nr. 5); prices with VAT included, as the shop shows them. */
  items: InvoiceItem[];
  payment?: InvoicePayment;
}

/** A name and the lines of a postal address under it. */
export interface InvoiceParty {
  name: string;
  addressLines: string[];
}

export interface InvoiceSeller extends InvoiceParty {
  vatId?: string;
  taxNumber?: string;
  email?: string;
  register?: string;
}

export interface InvoiceItem {
  description: string;
  /** A second line under the description, e.g. the product's options. */
  detail?: string;
  quantity: number;
  /** Price of one, VAT included; absent where a line has no unit (a discount). */
  unitCents?: number;
  /** The line's amount, VAT included; a discount is negative. */
  grossCents: number;
  vatPercent: number;
}

export type InvoicePayment =
  /** Pay by transfer within the term. */
  | { kind: 'invoice'; dueDate: CalendarDate }
  /** SEPA direct debit: the invoice is the debit's pre-notification. */
  | {
      kind: 'sepa';
      mandateReference: string;
      creditorId: string;
      debitDate: CalendarDate;
      /** The account debited, all but its last four characters hidden. */
      maskedIban?: string;
    }
  /** Already paid (card through the payment provider). */
  | { kind: 'paid'; method: string };

/** The amounts of one VAT rate (§ 14 Abs. 4 Nr. 7 and 8). */
export interface VatGroup {
  vatPercent: number;
  grossCents: number;
  netCents: number;
  vatCents: number;
}

export interface InvoiceTotals {
  /** One group per rate, highest rate first. */
  groups: VatGroup[];
  netCents: number;
  vatCents: number;
  grossCents: number;
}

/**
 * Net, VAT and gross per rate. Prices carry VAT, so the VAT is taken out of each rate's sum once
 * (rounded half up, as the shop's price shows it), not line by line: summing rounded lines could
 * be a cent off the price the customer was shown. Net is gross minus VAT, so the three always add up.
 */
export function invoiceTotals(items: readonly InvoiceItem[]): InvoiceTotals {
  const byRate = new Map<number, number>();
  for (const item of items) {
    if (!Number.isSafeInteger(item.grossCents)) {
      throw new Error(`invoice line "${item.description}" is not a whole number of cents`);
    }
    byRate.set(item.vatPercent, (byRate.get(item.vatPercent) ?? 0) + item.grossCents);
  }
  const groups = [...byRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([vatPercent, grossCents]) => {
      const vatCents = vatIncludedCents(grossCents, vatPercent);
      return { vatPercent, grossCents, netCents: grossCents - vatCents, vatCents };
    });
  const sum = (pick: (g: VatGroup) => number) => groups.reduce((s, g) => s + pick(g), 0);
  return {
    groups,
    netCents: sum((g) => g.netCents),
    vatCents: sum((g) => g.vatCents),
    grossCents: sum((g) => g.grossCents),
  };
}

/** Invoice numbers as printed and in file names: at least six digits, so they sort. */
export function formatInvoiceNumber(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1)
    throw new Error(`invoice number ${n} is not a positive whole number`);
  return String(n).padStart(6, '0');
}
