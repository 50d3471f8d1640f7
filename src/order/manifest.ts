import { z } from 'zod';
import { FILE_NAME } from '../contract/receiver';
import { parseOrThrow } from '../validation';
import { Book } from '../model/book';
import { Customer } from './customer';

/**
 * The order manifest: what the lab needs to produce and ship the order.
 * It travels encrypted as `manifest.age`; every photo travels as its own
 * encrypted file with an opaque name, so the receiving server learns
 * neither file names nor content.
 */
export const MANIFEST_VERSION = 1;
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

export const OrderManifest = z.object({
  manifestVersion: z.literal(MANIFEST_VERSION),
  orderId: z.string().min(1),
  createdAt: z.iso.datetime(),
  client: z.object({ app: z.string(), version: z.string() }),
  lab: z.object({ id: z.string() }),
  book: Book,
  customer: Customer,
  files: z.array(OrderFile).min(1),
});
export type OrderManifest = z.infer<typeof OrderManifest>;

/** Stored name of the n-th photo (1-based): opaque on purpose. */
export function photoFileName(n: number): string {
  return `photo-${String(n).padStart(4, '0')}.age`;
}

export function parseManifest(data: unknown): OrderManifest {
  return parseOrThrow(OrderManifest, data, 'order manifest');
}
