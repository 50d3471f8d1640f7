import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Customer } from '../../src/order/customer';
import { designAssets, type Design } from '../../src/model/design';
import {
  MANIFEST_FILE,
  MANIFEST_VERSION,
  photoFileName,
  type OrderFile,
  type OrderManifest,
} from '../../src/order/manifest';
import { HostError, type HostEvent } from '../../src/contract/host';
import { createAgeEncryptor } from '../age';
import { commitOrder, createOrder } from '../upload/receiver-api';
import { uploadResumable } from '../upload/tus-client';
import type { PhotoStore } from '../photos/photo-store';
import { openCiphertext } from './cipher-source';

export interface SubmitDeps {
  store: PhotoStore;
  lab: { id: string; recipient: string; serverUrl: string };
  client: { app: string; version: string };
  onProgress?: (progress: HostEvent<'order.progress'>) => void;
  log?: (line: string) => void;
  /** Pauses between upload retries; the tus client's own default when absent. */
  retryDelaysMs?: number[];
}

const PROGRESS_INTERVAL_MS = 100;

interface Upload {
  name: string;
  plainLength: number;
  openPlain: (start: number) => Readable;
}

/**
 * Sends an order: every photo the design prints (a book's placed photos, the prints' photos, the
 * canvas's photo) and the manifest, each encrypted to the
 * lab's key as it streams out, uploaded with tus, then committed. Nothing is
 * written to disk on the way; the customer's data exists only inside the
 * encrypted manifest.
 */
export async function submitOrder(
  design: Design,
  customer: Customer,
  deps: SubmitDeps,
): Promise<{ orderId: string }> {
  const photos = designAssets(design);
  if (photos.length === 0) {
    throw new HostError(
      'invalid-request',
      design.kind === 'photoBook'
        ? 'the book has no photos placed'
        : `the ${design.kind} order has no photo`,
    );
  }
  for (const photo of photos) {
    const held = deps.store.get(photo.id);
    if (!held) {
      throw new HostError(
        'photo-missing',
        `photo ${photo.name} is no longer available; add it again`,
      );
    }
    if (held.bytes.kind === 'path')
      await checkUnchanged(deps.store, photo.id, photo.sha256, photo.name);
  }
  deps.onProgress?.({ phase: 'preparing', sentBytes: 0, totalBytes: 0 });

  const order = await wrapNetwork(() => createOrder(deps.lab.serverUrl));
  const files: OrderFile[] = photos.map((photo, i) => ({
    name: photoFileName(i + 1),
    role: 'photo',
    assetId: photo.id,
    sha256: photo.sha256,
    byteSize: photo.byteSize,
    mime: photo.mime,
  }));
  const manifest: OrderManifest = {
    manifestVersion: MANIFEST_VERSION,
    orderId: order.orderId,
    createdAt: new Date().toISOString(),
    client: deps.client,
    lab: { id: deps.lab.id },
    design,
    customer,
    files,
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
  const uploads: Upload[] = [
    ...files.map((file) => ({
      name: file.name,
      plainLength: file.byteSize,
      openPlain: (start: number) => deps.store.open(file.assetId, start),
    })),
    {
      name: MANIFEST_FILE,
      plainLength: manifestBytes.length,
      openPlain: (start: number) => Readable.from([manifestBytes.subarray(start)]),
    },
  ];

  const encryptors = uploads.map(() => createAgeEncryptor([deps.lab.recipient]));
  const sizes = uploads.map((u, i) => encryptors[i]!.encryptedLength(u.plainLength));
  const totalBytes = sizes.reduce((a, b) => a + b, 0);
  let doneBytes = 0;
  // The tus client reports every chunk written; the screen needs a few updates a second.
  let lastReport = 0;
  const reportUpload = (sentBytes: number) => {
    const now = Date.now();
    if (now - lastReport < PROGRESS_INTERVAL_MS && sentBytes < totalBytes) return;
    lastReport = now;
    deps.onProgress?.({ phase: 'uploading', sentBytes, totalBytes });
  };
  deps.log?.(`order ${order.orderId}: uploading ${uploads.length} files, ${totalBytes} bytes`);

  for (const [i, upload] of uploads.entries()) {
    const encryptor = encryptors[i]!;
    const size = sizes[i]!;
    await wrapNetwork(() =>
      uploadResumable({
        endpoint: order.uploadUrl,
        token: order.uploadToken,
        metadata: { order: order.orderId, name: upload.name },
        size,
        open: (offset) => openCiphertext(encryptor, upload.plainLength, upload.openPlain, offset),
        onProgress: (sent) => reportUpload(doneBytes + sent),
        retryDelaysMs: deps.retryDelaysMs,
      }),
    );
    doneBytes += size;
  }

  deps.onProgress?.({ phase: 'committing', sentBytes: totalBytes, totalBytes });
  await wrapNetwork(() =>
    commitOrder(
      deps.lab.serverUrl,
      order.orderId,
      order.uploadToken,
      uploads.map((u, i) => ({ name: u.name, size: sizes[i]! })),
    ),
  );
  deps.onProgress?.({ phase: 'done', sentBytes: totalBytes, totalBytes });
  deps.log?.(`order ${order.orderId}: committed`);
  return { orderId: order.orderId };
}

/** A photo on disk may have been edited since import; the lab must get what the customer saw. */
async function checkUnchanged(store: PhotoStore, assetId: string, sha256: string, name: string) {
  const hash = createHash('sha256');
  for await (const chunk of store.open(assetId)) hash.update(chunk as Buffer);
  if (hash.digest('hex') !== sha256) {
    throw new HostError(
      'photo-missing',
      `photo ${name} changed on disk since it was added; add it again`,
    );
  }
}

async function wrapNetwork<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HostError) throw error;
    throw new HostError('upload-failed', error instanceof Error ? error.message : String(error));
  }
}
