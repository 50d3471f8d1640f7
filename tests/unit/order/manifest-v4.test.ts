import { describe, expect, it } from 'vitest';
import { addAssets, newBook, placePhoto } from '../../../src/model/commands';
import { designAssets, type Design } from '../../../src/model/design';
import {
  MANIFEST_VERSION,
  parseManifest,
  photoFileName,
  type OrderManifest,
} from '../../../src/order/manifest';
import { orderTotals } from '../../../src/order/totals';
import { Customer } from '../../../src/order/customer';
import { defaultLabCheckout as photoDose } from '../../../src/lab/checkout-config';
import { a4, catalog, counterIds, forward, frameOf, pageAt, photo } from '../model/fixtures';
import { IBAN, annaAtCheckout, sepa } from './customer-fixtures';

function bookDesign(): Design {
  const p = photo(1, 6000, 4000);
  const empty = newBook(a4, counterIds());
  const book = forward(empty, addAssets(empty, [p]));
  return {
    kind: 'photoBook',
    book: forward(book, placePhoto(book, frameOf(book, pageAt(book, 0)), p.id)),
  };
}

/** A version 4 manifest as the host writes it: the customer checked, totals worked out. */
function manifestOf(customerInput: unknown): OrderManifest {
  const design = bookDesign();
  const customer = Customer.parse(customerInput);
  return {
    manifestVersion: MANIFEST_VERSION,
    orderId: 'PD-ABCDEFGHJK',
    createdAt: '2026-11-26T09:00:00.000Z',
    client: { app: 'photodose', version: '0.3.0' },
    lab: { id: 'photodose-bremen' },
    customer,
    totals: orderTotals(catalog, photoDose, design, {
      methodId: customer.shippingMethodId,
      country: customer.shippingAddress.country,
    }),
    design,
    files: designAssets(design).map((asset, i) => ({
      name: photoFileName(i + 1),
      role: 'photo',
      assetId: asset.id,
      sha256: asset.sha256,
      byteSize: asset.byteSize,
      mime: asset.mime,
    })),
  };
}

describe('order manifest version 4', () => {
  it('carries both addresses, the payment and the totals, and reads back as written', () => {
    const billing = {
      firstName: 'Karl',
      lastName: 'Schmidt',
      street: 'Marktplatz 1',
      postalCode: '1010',
      city: 'Wien',
      country: 'AT',
    };
    const written = manifestOf({ ...annaAtCheckout(), billingAddress: billing, payment: sepa() });
    const read = JSON.parse(JSON.stringify(written)) as unknown;
    expect(parseManifest(read)).toEqual(written);
    if (written.manifestVersion !== 4) throw new Error('not version 4');
    expect(written.customer.billingAddress).toEqual(billing);
    expect(written.customer.shippingAddress.lastName).toBe('Schmidt');
    expect(written.customer.payment).toMatchObject({ method: 'sepa', iban: IBAN });
    expect(written.totals.totalCents).toBe(2999 + 500 + 499);
  });

  it('refuses a version 4 manifest without totals, or with an unchecked IBAN', () => {
    const { totals: _none, ...withoutTotals } = manifestOf(annaAtCheckout());
    expect(() => parseManifest(withoutTotals)).toThrow(/^order manifest invalid at totals: /);
    const bad = manifestOf({ ...annaAtCheckout(), payment: sepa() }) as {
      customer: { payment: { iban: string } };
    };
    bad.customer.payment.iban = 'DE89370400440532013001';
    expect(() => parseManifest(bad)).toThrow(
      'order manifest invalid at customer.payment.iban: checkout.error.iban.checksum',
    );
  });

  it('refuses a version 4 manifest with the customer of version 3', () => {
    const old = {
      ...manifestOf(annaAtCheckout()),
      customer: {
        name: 'Anna Schmidt',
        street: 'Am Wall 12',
        postalCode: '28195',
        city: 'Bremen',
        country: 'DE',
        email: 'anna@example.de',
      },
    };
    expect(() => parseManifest(old)).toThrow(
      /^order manifest invalid at customer\.shippingAddress/,
    );
  });
});
