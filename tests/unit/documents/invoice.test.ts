import { describe, expect, it } from 'vitest';
import {
  formatInvoiceNumber,
  invoiceTotals,
  type InvoiceItem,
} from '../../../src/documents/invoice';
import { invoiceOf, type InvoiceIssue } from '../../../src/documents/order-invoice';
import { parseManifest } from '../../../src/order/manifest';
import {
  BILLING,
  SEPA,
  bookDesign,
  business,
  catalog,
  checkout,
  legacyManifestOf,
  manifestOf,
  printsDesign,
} from '../../fixtures/order-manifests';

const lab = { catalog, checkout, business };
const issue: InvoiceIssue = {
  number: '000042',
  invoiceDate: '2026-11-26',
  deliveryDate: '2026-11-26',
};

function item(grossCents: number, vatPercent = 19): InvoiceItem {
  return { description: 'x', quantity: 1, grossCents, vatPercent };
}

describe('invoice totals', () => {
  it('takes the VAT out of each rate’s sum once, so it matches the price the shop showed', () => {
    // Per line, 10 ct holds 1.6 ct VAT, rounded 2 ct: three lines would make 6 ct. The sum of
    // 30 ct holds 4.79 ct: 5 ct, as priceOf computed it for the customer.
    expect(invoiceTotals([item(10), item(10), item(10)])).toEqual({
      groups: [{ vatPercent: 19, grossCents: 30, netCents: 25, vatCents: 5 }],
      netCents: 25,
      vatCents: 5,
      grossCents: 30,
    });
  });

  it('keeps each rate apart, highest first, and adds them up to the cent', () => {
    const totals = invoiceTotals([item(1070, 7), item(11900), item(-119), item(214, 7)]);
    expect(totals.groups).toEqual([
      { vatPercent: 19, grossCents: 11781, netCents: 9900, vatCents: 1881 },
      { vatPercent: 7, grossCents: 1284, netCents: 1200, vatCents: 84 },
    ]);
    expect(totals).toMatchObject({ netCents: 11100, vatCents: 1965, grossCents: 13065 });
  });

  it('refuses a fraction of a cent', () => {
    expect(() => invoiceTotals([item(10.5)])).toThrow('is not a whole number of cents');
  });

  it('numbers with six digits at least', () => {
    expect(formatInvoiceNumber(42)).toBe('000042');
    expect(formatInvoiceNumber(1234567)).toBe('1234567');
    expect(() => formatInvoiceNumber(0)).toThrow('not a positive whole number');
  });
});

describe('the invoice of an order', () => {
  it('lists what the customer was shown, shipping included, with the lab’s tax ids', () => {
    const manifest = parseManifest(
      manifestOf({ orderId: 'PD-AAAAAAAAAA', design: bookDesign('book-21x21-hardcover', 30) }),
    );
    const invoice = invoiceOf(manifest, issue, lab);
    expect(invoice.seller).toEqual({
      name: 'Photo Dose GmbH',
      addressLines: ['Am Wall 140', '28195 Bremen'],
      email: 'service@photodose.de',
      vatId: 'DE123456789',
      taxNumber: '60/145/12345',
      register: 'Amtsgericht Bremen HRB 12345',
    });
    expect(invoice.buyer).toEqual({
      name: 'Frau Anna Schmidt',
      addressLines: ['Am Wall 12', '28195 Bremen'],
    });
    // 21x21 hardcover: 19,99 € base, 6,00 € cover, 6 more pages at 0,59 €, DHL 4,99 €.
    expect(
      invoice.items.map(({ description, quantity, unitCents, grossCents }) => [
        description,
        quantity,
        unitCents,
        grossCents,
      ]),
    ).toEqual([
      ['Fotobuch 21×21 Hardcover', 1, 1999, 1999],
      ['Hardcover-Einband', 1, 600, 600],
      ['Weitere Seiten', 6, 59, 354],
      ['Versand: DHL Paket', 1, 499, 499],
    ]);
    expect(invoiceTotals(invoice.items)).toMatchObject({
      grossCents: 3452,
      vatCents: 551,
      netCents: 2901,
    });
    expect(invoice.payment).toEqual({ kind: 'invoice', dueDate: '2026-12-10' });
    expect(invoice.orderDate).toBe('2026-11-25');
  });

  it('sends the invoice to the billing address, with the country when abroad', () => {
    const manifest = parseManifest(
      manifestOf({ orderId: 'PD-AAAAAAAAAB', design: printsDesign(), billingAddress: BILLING }),
    );
    expect(invoiceOf(manifest, issue, lab).buyer).toEqual({
      name: 'Bernd Schmidt',
      addressLines: ['c/o Kanzlei Weber', 'Hauptstraße 5a', '1010 Wien', 'ÖSTERREICH'],
    });
  });

  it('names mandate, creditor and a debit day the banks settle on for SEPA', () => {
    const manifest = parseManifest(
      manifestOf({ orderId: 'PD-AAAAAAAAAC', design: printsDesign(), payment: SEPA }),
    );
    // Issued on Sunday 20 December: five days on is Christmas Day, so the debit waits to Monday.
    const invoice = invoiceOf(manifest, { ...issue, invoiceDate: '2026-12-20' }, lab);
    expect(invoice.payment).toEqual({
      kind: 'sepa',
      mandateReference: 'PD-MANDATE-0001',
      creditorId: 'DE98ZZZ09999999999',
      debitDate: '2026-12-28',
      maskedIban: '•••• 3000',
    });
    // 60 x 10x15 and 3 x 13x18, 5 % off from 50 prints, DHL.
    expect(invoice.items.map((i) => i.grossCents)).toEqual([1140, 117, -63, 499]);
  });

  it('refuses an order whose lines do not add up to the total it states', () => {
    const data = manifestOf({ orderId: 'PD-AAAAAAAAAD', design: printsDesign() });
    data.totals.totalCents += 1;
    expect(() => invoiceOf(parseManifest(data), issue, lab)).toThrow(
      'order PD-AAAAAAAAAD: its lines add up to 1693 cents with 270 VAT, but the order states 1694 with 270',
    );
  });

  it('prices an order from before checkout from the catalog, without shipping or terms', () => {
    const manifest = parseManifest(
      legacyManifestOf({ orderId: 'PD-AAAAAAAAAE', design: printsDesign() }),
    );
    const invoice = invoiceOf(manifest, issue, lab);
    expect(invoice.buyer.name).toBe('Anna Schmidt');
    expect(invoice.items.map((i) => i.description)).toEqual([
      'Fotoabzug 10x15 cm',
      'Fotoabzug 13x18 cm',
      'Mengenrabatt 5 %',
    ]);
    expect(invoice.payment).toBeUndefined();
  });
});
