import { z } from 'zod';
import { FILE_NAME } from '../contract/receiver';
import { parseOrThrow } from '../validation';
import { BOOK_FORMAT_VERSION } from '../model/book';
import { BookFormatError, loadBook } from '../model/migrate';
import { CheckedBook } from '../model/references';
import { Customer } from './customer';

/**
 * The order manifest: what the lab needs to produce and ship the order.
 * It travels encrypted as `manifest.age`; every photo travels as its own
 * encrypted file with an opaque name, so the receiving server learns
 * neither file names nor content.
 */
export const MANIFEST_VERSION = 2;
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
});
export type OrderFile = z.infer<typeof OrderFile>;

const envelope = {
  orderId: z.string().min(1),
  createdAt: z.iso.datetime(),
  client: z.object({ app: z.string(), version: z.string() }),
  lab: z.object({ id: z.string() }),
  customer: Customer,
  files: z.array(OrderFile).min(1),
};

/** A manifest as the app writes it now: version 2 with a version 2 book, references checked. */
export const OrderManifest = z.object({
  manifestVersion: z.literal(MANIFEST_VERSION),
  ...envelope,
  book: CheckedBook,
});
export type OrderManifest = z.infer<typeof OrderManifest>;

/**
 * Any manifest the lab may receive: version 1 (the foundation's, whose book is format 1) or
 * version 2. Only the book differs between them, so the book is read by loadBook, which migrates.
 */
const AnyManifest = z.object({
  manifestVersion: z.union([z.literal(1), z.literal(MANIFEST_VERSION)]),
  ...envelope,
  book: z.unknown(),
});

/** Stored name of the n-th photo (1-based): opaque on purpose. */
export function photoFileName(n: number): string {
  return `photo-${String(n).padStart(4, '0')}.age`;
}

/**
 * Reads a manifest of any version the lab accepts and returns it as the current version, the
 * book migrated; errors name the manifest and the bad field or record.
 */
export function parseManifest(data: unknown): OrderManifest {
  const manifest = parseOrThrow(AnyManifest, data, 'order manifest');
  const formatVersion = (manifest.book as { formatVersion?: unknown } | null)?.formatVersion;
  if (manifest.manifestVersion === MANIFEST_VERSION && formatVersion !== BOOK_FORMAT_VERSION) {
    throw new Error(
      `order manifest invalid at book.formatVersion: a version ${MANIFEST_VERSION} manifest carries a format ${BOOK_FORMAT_VERSION} book, not ${String(formatVersion)}`,
    );
  }
  try {
    return { ...manifest, manifestVersion: MANIFEST_VERSION, book: loadBook(manifest.book) };
  } catch (error) {
    if (!(error instanceof BookFormatError)) throw error;
    throw new Error(`order manifest invalid at book: ${error.message}`, { cause: error });
  }
}
