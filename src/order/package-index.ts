import { z } from 'zod';
import { FileName, MAX_FILES_PER_ORDER, OrderId } from '../contract/receiver';
import { parseOrThrow } from '../validation';
import { MANIFEST_FILE } from './manifest';

/**
 * An order on a medium (USB stick, disk, DVD): a folder `photodose-order-<orderId>/` holding the
 * very files the receiving server would hold (`manifest.age`, `photo-NNNN.age`: ciphertext only)
 * and this index, `order-package.json`. The client writes it (the host's order export), the lab
 * takes it in with `photodose lab import DIR`, checking every file against the index first so a
 * damaged medium is named file by file. The index holds no personal data: the names are opaque
 * and the hashes are of the ciphertext.
 */
export const PACKAGE_FORMAT = 'photodose-order-package';
export const PACKAGE_VERSION = 1;
/** The index's name inside the package folder (not package.json: no clash with npm). */
export const PACKAGE_INDEX_FILE = 'order-package.json';
/** The largest index a lab reads: 5000 files at about 120 bytes each, with room to spare. */
export const MAX_PACKAGE_INDEX_BYTES = 2 * 1024 * 1024;

/** The package folder's name for an order. */
export function packageDirName(orderId: string): string {
  return `photodose-order-${orderId}`;
}

/**
 * Where a package is written until it is complete: a folder with this name is never taken
 * for a package, so a medium pulled out mid-write leaves nothing a lab could import.
 */
export function partialDirName(dirName: string): string {
  return `${dirName}.partial`;
}

/** One encrypted file of the package, as written. */
export const PackageFile = z
  .object({
    name: FileName,
    byteSize: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    /** SHA-256 of the ciphertext file as it lies in the folder (hex). */
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256'),
  })
  .strict();
export type PackageFile = z.infer<typeof PackageFile>;

/** `order-package.json`: the package's order and every file in it, the manifest included. */
export const OrderPackageIndex = z
  .object({
    format: z.literal(PACKAGE_FORMAT),
    version: z.literal(PACKAGE_VERSION),
    orderId: OrderId,
    createdAt: z.iso.datetime(),
    files: z
      .array(PackageFile)
      .min(2)
      .max(MAX_FILES_PER_ORDER + 1),
  })
  .strict()
  .superRefine((index, ctx) => {
    const seen = new Set<string>();
    index.files.forEach((file, i) => {
      if (file.name === PACKAGE_INDEX_FILE || seen.has(file.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['files', i, 'name'],
          message: `"${file.name}" is listed twice or names the index itself`,
        });
      }
      seen.add(file.name);
    });
    if (!seen.has(MANIFEST_FILE)) {
      ctx.addIssue({
        code: 'custom',
        path: ['files'],
        message: `the package lists no ${MANIFEST_FILE}`,
      });
    }
  });
export type OrderPackageIndex = z.infer<typeof OrderPackageIndex>;

/** Reads a package index (already parsed JSON); the error names the bad field. */
export function parsePackageIndex(data: unknown): OrderPackageIndex {
  return parseOrThrow(OrderPackageIndex, data, PACKAGE_INDEX_FILE);
}
