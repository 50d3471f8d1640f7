import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { open, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Upload } from '@tus/server';
import { DiskFileStore } from '../../../server/receiver/file-store';
import { createReceiver } from '../../../server/receiver/index';
import type { Receiver } from '../../../server/receiver/index';
import { downloadFile } from '../../../services/upload/lab-api';
import { commitOrder, createOrder } from '../../../services/upload/receiver-api';
import type { CreatedOrder } from '../../../services/upload/receiver-api';
import { cipherLike, errorOf, meta, postUpload, readAll, tus, uploadUrlOf } from './helpers';

const KiB = 1024;

/** Whether this process may mount a tmpfs (root on Linux, as in CI); tried once, for real. */
function canMountTmpfs(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), 'photodose-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

const mountable = canMountTmpfs();
const NEEDS = '(needs root and mount: a small tmpfs stands in for a disk that fills up)';

/**
 * Unmounts, giving files that are still closing (a download's read stream closes just after
 * its last byte went out) a moment; a file left open for good fails the test here.
 */
async function unmount(dir: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      execFileSync('umount', [dir], { stdio: 'pipe' });
      return;
    } catch (err) {
      if (attempt >= 40) throw err;
      await sleep(25);
    }
  }
}

/** A receiver on its own 2 MiB tmpfs: a disk small enough to fill in a test. */
interface SmallDisk {
  dir: string;
  receiver: Receiver;
  logs: string[];
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function receiverOnSmallDisk(): Promise<SmallDisk> {
  const dir = mkdtempSync(join(tmpdir(), 'photodose-small-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m,mode=0700', 'tmpfs', dir]);
  cleanup.push(async () => {
    await unmount(dir);
    await rm(dir, { recursive: true, force: true });
  });
  const logs: string[] = [];
  // No reserve: the test wants the disk to run full during the upload, not before it.
  const receiver = await createReceiver({
    dataDir: dir,
    limits: { diskReserveBytes: 0 },
    log: (line) => logs.push(line),
  });
  cleanup.push(() => receiver.close());
  return { dir, receiver, logs };
}

/** Writes zeros to `file` until the disk is full, or `bytes` of them. */
async function fill(file: string, bytes = Infinity): Promise<void> {
  const handle = await open(file, 'w');
  const block = Buffer.alloc(16 * KiB);
  try {
    for (let written = 0; written < bytes; written += block.length) {
      await handle.write(block, 0, Math.min(block.length, bytes - written));
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    await handle.close();
  }
}

function patch(order: CreatedOrder, url: string, offset: number, body: Buffer) {
  return fetch(url, {
    method: 'PATCH',
    headers: tus(order.uploadToken, {
      'Upload-Offset': String(offset),
      'Content-Type': 'application/offset+octet-stream',
    }),
    body,
  });
}

async function offsetOf(order: CreatedOrder, url: string): Promise<number> {
  const head = await fetch(url, { method: 'HEAD', headers: tus(order.uploadToken) });
  expect(head.status).toBe(200);
  return Number(head.headers.get('upload-offset'));
}

/** Every file in the data dir's `uploads/` and `orders/`, for spotting strays. */
async function storedFiles(dir: string): Promise<string[]> {
  const uploads = (await readdir(join(dir, 'uploads'))).map((f) => `uploads/${f}`);
  const orders = (await readdir(join(dir, 'orders'))).map((f) => `orders/${f}`);
  return [...uploads, ...orders].sort();
}

async function expectStored(disk: SmallDisk, order: CreatedOrder, data: Buffer): Promise<void> {
  const { receiver } = disk;
  await commitOrder(receiver.url, order.orderId, order.uploadToken, [
    { name: 'book.age', size: data.length },
  ]);
  const stream = await downloadFile(receiver.url, receiver.labToken, order.orderId, 'book.age');
  expect((await readAll(stream)).equals(data)).toBe(true);
}

describe('receiver: a disk that fills up or turns read-only', () => {
  it.skipIf(!mountable)(
    `answers 507 when the disk fills mid-upload, keeps what arrived, and resumes ${NEEDS}`,
    async () => {
      const disk = await receiverOnSmallDisk();
      const order = await createOrder(disk.receiver.url);
      const data = cipherLike(1536 * KiB);
      const url = await uploadUrlOf(await postUpload(order, 'book.age', data.length), order);
      const uploadId = url.split('/').pop() ?? '';
      // Leaves about 1 MiB: the upload's first two thirds fit, the rest does not.
      await fill(join(disk.dir, 'filler'), 1024 * KiB);

      const full = await patch(order, url, 0, data);
      expect(full.status).toBe(507);
      expect(await errorOf(full)).toBe("the server's disk is full; try again later");
      const kept = await offsetOf(order, url);
      expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThan(data.length);
      expect((await stat(join(disk.dir, 'uploads', uploadId))).size).toBe(kept);
      expect(await storedFiles(disk.dir)).toEqual(
        [`orders/${order.orderId}.json`, `uploads/${uploadId}`, `uploads/${uploadId}.json`].sort(),
      );
      expect(disk.logs).toContainEqual(expect.stringContaining('ENOSPC'));

      // Space is back: the upload continues from the kept offset and ends with the right bytes.
      await rm(join(disk.dir, 'filler'));
      const rest = await patch(order, url, kept, data.subarray(kept));
      expect(rest.status).toBe(204);
      await expectStored(disk, order, data);
    },
  );

  it.skipIf(!mountable)(
    `answers 507 for a new order on a full disk and leaves no temporary record ${NEEDS}`,
    async () => {
      const disk = await receiverOnSmallDisk();
      await fill(join(disk.dir, 'filler'));
      const res = await fetch(`${disk.receiver.url}/api/v1/orders`, { method: 'POST' });
      expect(res.status).toBe(507);
      expect(await errorOf(res)).toBe("the server's disk is full; try again later");
      expect(await storedFiles(disk.dir)).toEqual([]);

      // A new upload's length is refused before anything is written.
      await rm(join(disk.dir, 'filler'));
      const order = await createOrder(disk.receiver.url);
      await fill(join(disk.dir, 'filler'));
      const upload = await fetch(order.uploadUrl, {
        method: 'POST',
        headers: tus(order.uploadToken, {
          'Upload-Length': '100000',
          'Upload-Metadata': meta({ order: order.orderId, name: 'book.age' }),
        }),
      });
      expect(upload.status).toBe(507);
      expect(await errorOf(upload)).toBe(
        'the server has no room for a file of 100000 bytes right now; try again later',
      );
      expect(await storedFiles(disk.dir)).toEqual([`orders/${order.orderId}.json`]);
    },
  );

  it.skipIf(!mountable)(
    `leaves no half-made upload files when creating one fails on a full disk ${NEEDS}`,
    async () => {
      const disk = await receiverOnSmallDisk();
      const store = new DiskFileStore({ directory: join(disk.dir, 'uploads') });
      await fill(join(disk.dir, 'filler'));
      // The empty data file still fits (no block needed); its info file does not.
      const upload = new Upload({ id: 'ab'.repeat(16), size: 10, offset: 0 });
      await expect(store.create(upload)).rejects.toMatchObject({ code: 'ENOSPC' });
      expect(await readdir(join(disk.dir, 'uploads'))).toEqual([]);
    },
  );

  it.skipIf(!mountable)(
    `answers 503 while the storage is read-only, and resumes once it is writable ${NEEDS}`,
    async () => {
      const disk = await receiverOnSmallDisk();
      const order = await createOrder(disk.receiver.url);
      const data = cipherLike(256 * KiB);
      const url = await uploadUrlOf(await postUpload(order, 'book.age', data.length), order);
      expect((await patch(order, url, 0, data.subarray(0, 100 * KiB))).status).toBe(204);

      execFileSync('mount', ['-o', 'remount,ro', disk.dir]);
      let writable = false;
      cleanup.push(async () => {
        if (!writable) execFileSync('mount', ['-o', 'remount,rw', disk.dir]);
      });
      const refused = await patch(order, url, 100 * KiB, data.subarray(100 * KiB));
      expect(refused.status).toBe(503);
      expect(await errorOf(refused)).toBe("the server's storage is read-only; try again later");
      const newOrder = await fetch(`${disk.receiver.url}/api/v1/orders`, { method: 'POST' });
      expect(newOrder.status).toBe(503);
      expect(await errorOf(newOrder)).toBe("the server's storage is read-only; try again later");
      expect(await offsetOf(order, url)).toBe(100 * KiB);

      execFileSync('mount', ['-o', 'remount,rw', disk.dir]);
      writable = true;
      expect((await patch(order, url, 100 * KiB, data.subarray(100 * KiB))).status).toBe(204);
      await expectStored(disk, order, data);
    },
  );
});
