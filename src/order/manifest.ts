import { z } from 'zod';
import { FILE_NAME } from '../contract/receiver';
import { parseOrThrow } from '../validation';
import { BOOK_FORMAT_VERSION } from '../model/book';
import { BookFormatError, loadBook } from '../model/migrate';
import { Design, designAssets } from '../model/design';
import { Country } from './address';
import { Customer } from './customer';
import { OrderTotals } from './totals';

/**
 * The order manifest: what the lab needs to produce and ship the order.
 * It travels encrypted as `manifest.age`; every photo travels as its own
 * encrypted file with an opaque name, so the receiving server learns
 * neither file names nor content.
 */
export const MANIFEST_VERSION = 4;
export const MANIFEST_FILE = 'manifest.age';

export const OrderFile = z.object({
  /** Name of the encrypted file in the order package (and on the server), e.g. `photo-0001.age`. */
  name: z.string().regex(FILE_NAME),
  role: z.literal('photo'),
  assetId: z.string().min(1),
  /** SHA-256 of the plaintext: what the lab checks after decrypting. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  byteSize: z.number().int().positive(),
  mime: z.string(),
  /**
   * Set on a print-ready image (a JPEG the host made for print: the part of the photo the order
   * prints, at print resolution, sRGB with the profile embedded): which part of the upright
   * original it covers, and its own pixel size. Absent on an original.
   */
  printReady: z
    .object({
      covers: z
        .object({
          x: z.number().min(0).max(1),
          y: z.number().min(0).max(1),
          w: z.number().positive().max(1),
          h: z.number().positive().max(1),
        })
        .refine((c) => c.x + c.w <= 1 + 1e-9 && c.y + c.h <= 1 + 1e-9, {
          message: 'the covered part lies outside the photo',
        }),
      widthPx: z.number().int().positive(),
      heightPx: z.number().int().positive(),
    })
    .optional(),
});
export type OrderFile = z.infer<typeof OrderFile>;

/**
 * The customer of manifests 1 to 3 (before issue 10's checkout): one name line, one street line,
 * no billing address, no payment, no shipping method. Kept so the lab reads those orders as sent.
 */
export const LegacyCustomer = z.object({
  name: z.string(),
  street: z.string(),
  postalCode: z.string(),
  city: z.string(),
  country: Country.or(z.string()),
  email: z.string(),
});
export type LegacyCustomer = z.infer<typeof LegacyCustomer>;

const envelope = {
  orderId: z.string().min(1),
  createdAt: z.iso.datetime(),
  client: z.object({ app: z.string(), version: z.string() }),
  lab: z.object({ id: z.string() }),
  files: z.array(OrderFile).min(1),
};

function everyPrintedPhotoSent(
  manifest: { files: OrderFile[]; design: Design },
  ctx: z.RefinementCtx,
) {
  const sent = new Set(manifest.files.map((f) => f.assetId));
  const missing = designAssets(manifest.design).find((asset) => !sent.has(asset.id));
  if (missing) {
    ctx.addIssue({
      code: 'custom',
      path: ['files'],
      message: `photo ${missing.id} is printed but not among the files`,
    });
  }
}

/**
 * A manifest as the app writes it now: version 4, whose design is a photo book (format 2),
 * prints or a canvas, references checked, and every photo the design prints among the files.
 *
 * For the lab's invoice and label (version 4 on):
 * - `customer.shippingAddress` / `customer.billingAddress` (null: same as shipping), each
 *   `{ salutation?: 'ms'|'mr', firstName, lastName, street, supplement?, postalCode, city,
 *   country }`; `customer.email`, `customer.phone?`;
 * - `customer.shippingMethodId` (lab configuration `checkout.shippingMethods[].id`);
 * - `customer.payment`: `{ method: 'invoice' }` or `{ method: 'sepa', holder, iban (electronic
 *   format), bic?, mandate: { accepted: true, reference, acceptedAt } }`; the creditor is the
 *   lab configuration's `checkout.seller` with `checkout.sepaCreditorId`;
 * - `customer.termsAcceptedAt`: when the customer agreed to the terms;
 * - `totals`: itemised product lines, shipping, total and the VAT within it, in cents (totals.ts),
 *   exactly what the customer saw before ordering.
 */
export const OrderManifest = z
  .object({
    manifestVersion: z.literal(MANIFEST_VERSION),
    ...envelope,
    customer: Customer,
    totals: OrderTotals,
    design: Design,
  })
  .superRefine(everyPrintedPhotoSent);
export type OrderManifest = z.infer<typeof OrderManifest>;

/** Version 3: the design union as now, the legacy customer, no totals. */
const ManifestV3 = z
  .object({
    manifestVersion: z.literal(3),
    ...envelope,
    customer: LegacyCustomer,
    design: Design,
  })
  .superRefine(everyPrintedPhotoSent);

/**
 * An order written before version 4, as the lab reads it: version 1 and 2 books migrated and
 * wrapped as a photo-book design (so it reads as version 3), the customer as it was then, and no
 * totals (the lab priced those orders itself).
 */
export type LegacyOrderManifest = z.infer<typeof ManifestV3>;

/** Whatever `parseManifest` reads: the current manifest, or an older one (`manifestVersion` 3). */
export type AnyOrderManifest = OrderManifest | LegacyOrderManifest;

/**
 * Manifests of versions 1 (the foundation's, book format 1) and 2 (book format 2) carried a photo
 * book as `book`; only the book differs between them, so it is read by loadBook, which migrates.
 */
const BookManifest = z.object({
  manifestVersion: z.union([z.literal(1), z.literal(2)]),
  ...envelope,
  customer: LegacyCustomer,
  book: z.unknown(),
});

const VersionOnly = z.object({
  manifestVersion: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(MANIFEST_VERSION)]),
});

/** Stored name of the n-th photo (1-based): opaque on purpose. */
export function photoFileName(n: number): string {
  return `photo-${String(n).padStart(4, '0')}.age`;
}

/**
 * Reads a manifest of any version the lab accepts (1 to 4): the current one as it is, an older
 * one as version 3 (its book migrated and wrapped as a photo-book design, its customer as sent).
 * Errors name the manifest and the bad field or record.
 */
export function parseManifest(data: unknown): AnyOrderManifest {
  const { manifestVersion } = parseOrThrow(VersionOnly, data, 'order manifest');
  if (manifestVersion === MANIFEST_VERSION)
    return parseOrThrow(OrderManifest, data, 'order manifest');
  if (manifestVersion === 3) return parseOrThrow(ManifestV3, data, 'order manifest');
  const { book, ...manifest } = parseOrThrow(BookManifest, data, 'order manifest');
  const formatVersion = (book as { formatVersion?: unknown } | null)?.formatVersion;
  if (manifestVersion === 2 && formatVersion !== BOOK_FORMAT_VERSION) {
    throw new Error(
      `order manifest invalid at book.formatVersion: a version 2 manifest carries a format ${BOOK_FORMAT_VERSION} book, not ${String(formatVersion)}`,
    );
  }
  let loaded;
  try {
    loaded = loadBook(book);
  } catch (error) {
    if (!(error instanceof BookFormatError)) throw error;
    throw new Error(`order manifest invalid at book: ${error.message}`, { cause: error });
  }
  // Old manifests were checked when written; their files stay as they are.
  return {
    ...manifest,
    manifestVersion: 3,
    design: { kind: 'photoBook', book: loaded },
  };
}
