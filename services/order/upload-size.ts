import type { Customer } from '../../src/order/customer';
import type { Design } from '../../src/model/design';
import { createAgeEncryptor } from '../age';
import {
  manifestBytes,
  orderParts,
  placeholderManifest,
  type SendChoice,
  type SubmitDeps,
} from './submit';

/** Bytes an order uploads for each choice of what to send for its photos. */
export type UploadSizes = Record<SendChoice, number>;

/** A customer of typical length, when the form is not filled in yet: the manifest only. */
const TYPICAL_ADDRESS: Customer['shippingAddress'] = {
  firstName: 'Maximiliane',
  lastName: 'Mustermann',
  street: 'Musterstraße 123',
  postalCode: '12345',
  city: 'Musterstadt',
  country: 'DE',
};
const TYPICAL_CUSTOMER: Customer = {
  shippingAddress: TYPICAL_ADDRESS,
  billingAddress: null,
  email: 'maximiliane.mustermann@example.org',
  shippingMethodId: 'dhl-paket',
  payment: { method: 'invoice' },
  termsAcceptedAt: new Date(0).toISOString(),
};

/**
 * How many bytes the order will upload, encrypted, manifest included: for the originals exact
 * (their sizes are known, and the manifest's too once the customer is given), for print-ready
 * images an estimate (src/order/upload-estimate), since they are made only as they upload.
 */
export function orderUploadSizes(
  design: Design,
  deps: Pick<SubmitDeps, 'store' | 'catalog' | 'lab' | 'client'>,
  customer?: Customer,
): UploadSizes {
  const encryptor = createAgeEncryptor([deps.lab.recipient]);
  const sizeOf = (send: SendChoice) => {
    const parts = orderParts(design, send, deps);
    const manifest = manifestBytes(
      placeholderManifest(design, customer ?? TYPICAL_CUSTOMER, deps, parts),
    );
    return parts.reduce(
      (sum, part) => sum + encryptor.encryptedLength(part.estimatedBytes),
      encryptor.encryptedLength(manifest.length),
    );
  };
  return { 'print-ready': sizeOf('print-ready'), originals: sizeOf('originals') };
}
