import { createHash, randomInt } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import bookV1 from '../../../fixtures/book-v1.json';
import { makePhoto } from '../../../fixtures/photos';
import { encryptBuffer } from '../../../../services/age';
import { deriveLookupKey } from '../../../../services/order-status/lookup-key';
import {
  commitOrder,
  createOrder,
  registerLookupKey,
} from '../../../../services/upload/receiver-api';
import { uploadResumable } from '../../../../services/upload/tus-client';
import { MANIFEST_FILE, photoFileName } from '../../../../src/order/manifest';
import {
  PACKAGE_FORMAT,
  PACKAGE_INDEX_FILE,
  PACKAGE_VERSION,
  packageDirName,
} from '../../../../src/order/package-index';

/**
 * Orders for the lab's tests, sealed to the lab's key as the app seals them: a manifest (the
 * foundation's version 1 document with the book fixture, which every later lab reads) and two
 * photos, each its own age file. Sent through the real receiving server, or written as an order
 * package on a medium (the format of /work/brief/package-format.md: stands in for the client's
 * export until that exists).
 */
export interface TestCustomer {
  name: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  email: string;
}

export const JORINDE: TestCustomer = {
  name: 'Jorinde Vahlenkamp',
  street: 'Ostertorsteinweg 57',
  postalCode: '27726',
  city: 'Worpswede',
  country: 'DE',
  email: 'jorinde.vahlenkamp@example.org',
};

export const KASIMIR: TestCustomer = {
  name: 'Kasimir Oltmanns',
  street: 'Fehrfeld 12',
  postalCode: '28203',
  city: 'Bremen',
  country: 'DE',
  email: 'k.oltmanns@example.net',
};

export interface SealedFile {
  name: string;
  plain: Buffer;
  cipher: Buffer;
}

export interface SealedOrder {
  orderId: string;
  files: SealedFile[];
  photos: Buffer[];
}

/** Two photo-like JPEGs (distinct per seed). */
export async function twoPhotos(seed = 1): Promise<Buffer[]> {
  return [await makePhoto(240, 160, seed), await makePhoto(120, 180, seed + 1)];
}

/**
 * The manifest of an order, as the version 1 app wrote it. `tamper` may change it before it
 * is sealed (a wrong hash, say).
 */
export function manifestFor(
  orderId: string,
  customer: TestCustomer,
  photos: Buffer[],
  tamper?: (manifest: { files: { sha256: string; name: string }[] }) => void,
): Buffer {
  const book = structuredClone(bookV1);
  const assets = [
    book.assets['photo-01010101010101010101010101010101'],
    book.assets['photo-02020202020202020202020202020202'],
  ];
  const files = assets.map((asset, i) => {
    asset.sha256 = createHash('sha256').update(photos[i]!).digest('hex');
    asset.byteSize = photos[i]!.length;
    return {
      name: photoFileName(i + 1),
      role: 'photo',
      assetId: asset.id,
      sha256: asset.sha256,
      byteSize: asset.byteSize,
      mime: 'image/jpeg',
    };
  });
  const manifest = {
    manifestVersion: 1,
    orderId,
    createdAt: '2026-11-20T09:30:00.000Z',
    client: { app: 'photodose', version: '0.1.0' },
    lab: { id: 'photodose-bremen' },
    book,
    customer,
    files,
  };
  tamper?.(manifest);
  return Buffer.from(JSON.stringify(manifest));
}

/** Seals the photos and the manifest to the lab's key. */
export function seal(recipient: string, photos: Buffer[], manifest: Buffer): SealedFile[] {
  const plain = [
    { name: MANIFEST_FILE, plain: manifest },
    ...photos.map((bytes, i) => ({ name: photoFileName(i + 1), plain: bytes })),
  ];
  return plain.map((f) => ({ ...f, cipher: encryptBuffer(f.plain, [recipient]) }));
}

export interface SendOptions {
  customer?: TestCustomer;
  photos?: Buffer[];
  /** Change the sealed files before upload (damage them, drop one). */
  alter?: (files: SealedFile[]) => SealedFile[];
  tamperManifest?: Parameters<typeof manifestFor>[3];
  /** Open the customer's status lookup (as the app does at ordering). */
  withStatusLookup?: boolean;
}

/** Sends an order through the receiving server at `serverUrl` (create, tus upload, commit). */
export async function sendOrder(
  serverUrl: string,
  recipient: string,
  options: SendOptions = {},
): Promise<SealedOrder> {
  const photos = options.photos ?? (await twoPhotos());
  const order = await createOrder(serverUrl);
  if (options.withStatusLookup) {
    const key = await deriveLookupKey((options.customer ?? JORINDE).email, order.orderId);
    await registerLookupKey(serverUrl, order.orderId, order.uploadToken, key);
  }
  const manifest = manifestFor(
    order.orderId,
    options.customer ?? JORINDE,
    photos,
    options.tamperManifest,
  );
  const sealed = seal(recipient, photos, manifest);
  const files = options.alter ? options.alter(sealed) : sealed;
  for (const file of files) {
    await uploadResumable({
      endpoint: order.uploadUrl,
      token: order.uploadToken,
      metadata: { order: order.orderId, name: file.name },
      size: file.cipher.length,
      open: (offset) => Readable.from([file.cipher.subarray(offset)]),
    });
  }
  const sizes = files.map((f) => ({ name: f.name, size: f.cipher.length }));
  await commitOrder(serverUrl, order.orderId, order.uploadToken, sizes);
  return { orderId: order.orderId, files, photos };
}

/** A random order id of the server's form. */
export function randomOrderId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return `PD-${Array.from({ length: 10 }, () => alphabet[randomInt(32)]).join('')}`;
}

/** A sealed order with a fresh id, for a medium. */
export async function sealedOrder(
  recipient: string,
  options: SendOptions = {},
): Promise<SealedOrder> {
  const orderId = randomOrderId();
  const photos = options.photos ?? (await twoPhotos());
  const manifest = manifestFor(
    orderId,
    options.customer ?? JORINDE,
    photos,
    options.tamperManifest,
  );
  const sealed = seal(recipient, photos, manifest);
  return { orderId, files: options.alter ? options.alter(sealed) : sealed, photos };
}

/**
 * Writes an order package as the app's export does: `photodose-order-<id>/` with every sealed
 * file and `order-package.json` (sizes and SHA-256 of the ciphertext). Returns its folder.
 */
export async function writePackage(parent: string, order: SealedOrder): Promise<string> {
  const dir = join(parent, packageDirName(order.orderId));
  await mkdir(dir, { recursive: true });
  for (const file of order.files) await writeFile(join(dir, file.name), file.cipher);
  const index = {
    format: PACKAGE_FORMAT,
    version: PACKAGE_VERSION,
    orderId: order.orderId,
    createdAt: '2026-11-26T08:00:00.000Z',
    files: order.files.map((f) => ({
      name: f.name,
      byteSize: f.cipher.length,
      sha256: createHash('sha256').update(f.cipher).digest('hex'),
    })),
  };
  await writeFile(join(dir, PACKAGE_INDEX_FILE), JSON.stringify(index, null, 2));
  return dir;
}

/** Flips one byte in the middle of a buffer (a copy). */
export function flipByte(bytes: Buffer, at = Math.floor(bytes.length / 2)): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}
