import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createReceiver } from '../../../server/receiver/index';
import type { Receiver } from '../../../server/receiver/index';
import { downloadFile } from '../../../services/upload/lab-api';
import { commitOrder, createOrder } from '../../../services/upload/receiver-api';
import { uploadResumable } from '../../../services/upload/tus-client';
import { startFaultProxy } from './fault-proxy';
import type { FaultProxy } from './fault-proxy';
import { FAST_RETRIES, cipherLike, opener, readAll, startTestReceiver, tus } from './helpers';
import type { TestReceiver } from './helpers';

const MB = 1024 * 1024;

describe('tus client: resuming interrupted uploads', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  async function receiverForTest(): Promise<TestReceiver> {
    const receiver = await startTestReceiver();
    cleanup.push(() => receiver.dispose());
    return receiver;
  }

  async function expectStored(receiver: Receiver, orderId: string, token: string, data: Buffer) {
    await commitOrder(receiver.url, orderId, token, [{ name: 'book.pdf.age', size: data.length }]);
    const stream = await downloadFile(receiver.url, receiver.labToken, orderId, 'book.pdf.age');
    expect((await readAll(stream)).equals(data)).toBe(true);
  }

  it('finishes a 3 MB upload whose connection is cut mid-PATCH, with identical bytes', async () => {
    const receiver = await receiverForTest();
    const port = Number(new URL(receiver.url).port);
    const proxy: FaultProxy = await startFaultProxy({
      target: { host: '127.0.0.1', port },
      cutAfterBytes: 1.5 * MB,
    });
    cleanup.push(() => proxy.close());

    const order = await createOrder(proxy.url);
    const data = cipherLike(3 * MB);
    const opens: number[] = [];
    let progress = 0;
    await uploadResumable({
      endpoint: `${proxy.url}/api/v1/uploads/`,
      token: order.uploadToken,
      metadata: { order: order.orderId, name: 'book.pdf.age' },
      size: data.length,
      open: (offset) => {
        opens.push(offset);
        return opener(data)(offset);
      },
      onProgress: (sent) => (progress = sent),
      retryDelaysMs: FAST_RETRIES,
    });

    expect(proxy.cuts).toBe(1);
    // The second PATCH continued where the server stood, not from the start.
    expect(opens).toHaveLength(2);
    expect(opens[1]).toBeGreaterThan(0);
    expect(opens[1]).toBeLessThan(1.5 * MB);
    expect(progress).toBe(data.length);
    await expectStored(receiver, order.orderId, order.uploadToken, data);
  });

  it('resumes after the server restarts mid-upload on the same data dir and port', async () => {
    const first = await startTestReceiver();
    let current: Receiver = first;
    cleanup.push(() => first.dispose());
    cleanup.push(() => current.close());
    const port = Number(new URL(first.url).port);
    const order = await createOrder(first.url);
    const data = cipherLike(3 * MB);

    // The source stops after 1 MB until the server has been restarted.
    let release!: () => void;
    const restarted = new Promise<void>((resolve) => (release = resolve));
    const opens: number[] = [];
    const open = (offset: number) => {
      opens.push(offset);
      return Readable.from(
        (async function* () {
          for (let at = offset; at < data.length; at += 64 * 1024) {
            if (at >= MB) await restarted;
            yield data.subarray(at, at + 64 * 1024);
          }
        })(),
      );
    };
    let uploadId = '';
    const upload = uploadResumable({
      endpoint: order.uploadUrl,
      token: order.uploadToken,
      metadata: { order: order.orderId, name: 'book.pdf.age' },
      size: data.length,
      open,
      onCreated: (url) => (uploadId = url.split('/').pop() ?? ''),
      retryDelaysMs: FAST_RETRIES,
    });
    // Restart once the server has stored part of the file (bytes sent may still be in flight).
    const stored = () =>
      stat(join(first.dataDir, 'uploads', uploadId)).then(
        (s) => s.size,
        () => 0,
      );
    while ((await stored()) < MB / 2) await new Promise((r) => setTimeout(r, 5));

    await first.close();
    current = await createReceiver({ dataDir: first.dataDir, port });
    release();
    await upload;

    expect(opens).toHaveLength(2);
    expect(opens[1]).toBeGreaterThan(0);
    await expectStored(current, order.orderId, order.uploadToken, data);
  });

  it('continues a stored upload URL in a later run without creating a new upload', async () => {
    const receiver = await receiverForTest();
    const order = await createOrder(receiver.url);
    const data = cipherLike(2 * MB);
    const base = {
      endpoint: order.uploadUrl,
      token: order.uploadToken,
      metadata: { order: order.orderId, name: 'book.pdf.age' },
      size: data.length,
      retryDelaysMs: FAST_RETRIES,
    };

    // First run: the source stalls after half the file (a slow disk, a sleeping laptop) and the
    // user closes the app once the server holds that half on its disk.
    const stop = new AbortController();
    let stored = '';
    const firstRun = uploadResumable({
      ...base,
      open: (offset) => stallingAfter(data, offset, MB),
      signal: stop.signal,
      onCreated: (url) => (stored = url),
    });
    const onDisk = () =>
      stored === ''
        ? Promise.resolve(0)
        : stat(join(receiver.dataDir, 'uploads', stored.split('/').at(-1)!)).then(
            (s) => s.size,
            () => 0,
          );
    for (let tries = 0; (await onDisk()) < MB && tries < 1000; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    stop.abort(new Error('user closed the app'));
    await expect(firstRun).rejects.toThrow('user closed the app');
    const offsetOnServer = () =>
      fetch(stored, { method: 'HEAD', headers: tus(order.uploadToken) }).then((res) =>
        Number(res.headers.get('upload-offset')),
      );
    const resumeFrom = await offsetOnServer();
    expect(resumeFrom).toBe(MB);
    expect(resumeFrom).toBeLessThan(data.length);

    // Later run: picks up the stored URL and asks the server where it stands.
    let created = false;
    const opens: number[] = [];
    const result = await uploadResumable({
      ...base,
      uploadUrl: stored,
      open: (offset) => {
        opens.push(offset);
        return opener(data)(offset);
      },
      onCreated: () => (created = true),
    });
    expect(result.uploadUrl).toBe(stored);
    expect(created).toBe(false);
    // It reads the file from where the server stands, not from the start.
    expect(opens[0]).toBe(resumeFrom);
    await expectStored(receiver, order.orderId, order.uploadToken, data);
  });
});

/** The data from `offset`, pushed up to `stallAt` and then no more: a source that hangs. */
function stallingAfter(data: Buffer, offset: number, stallAt: number): Readable {
  let at = offset;
  return new Readable({
    read() {
      if (at >= stallAt) return;
      const end = Math.min(stallAt, at + 64 * 1024);
      this.push(data.subarray(at, end));
      at = end;
    },
  });
}
