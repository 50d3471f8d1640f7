import { connect } from 'node:net';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { downloadFile } from '../../../services/upload/lab-api';
import { commitOrder, createOrder } from '../../../services/upload/receiver-api';
import { uploadResumable } from '../../../services/upload/tus-client';
import {
  FAST_RETRIES,
  cipherLike,
  postUpload,
  readAll,
  startTestReceiver,
  uploadUrlOf,
} from './helpers';
import type { TestReceiver } from './helpers';

/** Small limits, so that a test sees the cut within a second or two. */
const SHORT = { limits: { requestTimeoutMs: 1000, headersTimeoutMs: 500 } };
/** How long a test keeps dripping before it gives up on the server cutting in. */
const PATIENCE_MS = 8000;

let receiver: TestReceiver | undefined;
afterEach(async () => {
  await receiver?.dispose();
  receiver = undefined;
});

/**
 * Opens a raw connection, writes `head`, then one byte of `drip` every 50 ms. Resolves once
 * the server closes the connection (with what it answered and how many bytes were dripped),
 * or once PATIENCE_MS have passed with the connection still open.
 */
async function drip(
  url: string,
  head: string,
  drip: string,
): Promise<{ closed: boolean; reply: string; dripped: number }> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let reply = '';
  let closed = false;
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (reply += chunk));
  socket.on('error', () => undefined);
  socket.on('close', () => (closed = true));
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(head);
  let dripped = 0;
  const until = Date.now() + PATIENCE_MS;
  while (!closed && Date.now() < until) {
    socket.write(drip[dripped % drip.length] ?? 'x');
    dripped++;
    await sleep(50);
  }
  socket.destroy();
  return { closed, reply, dripped };
}

describe('receiver: slow requests are cut', () => {
  it('cuts a body that drips in slower than requestTimeoutMs allows (408)', async () => {
    receiver = await startTestReceiver(SHORT);
    const order = await createOrder(receiver.url);
    const path = new URL(await uploadUrlOf(await postUpload(order, 'slow.age', 1_000_000), order))
      .pathname;
    const head =
      `PATCH ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nTus-Resumable: 1.0.0\r\n` +
      `Authorization: Bearer ${order.uploadToken}\r\nUpload-Offset: 0\r\n` +
      'Content-Type: application/offset+octet-stream\r\nContent-Length: 1000000\r\n\r\n';
    const result = await drip(receiver.url, head, 'x');
    expect(result.closed).toBe(true);
    expect(result.reply).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('cuts headers that drip in slower than headersTimeoutMs allows (408)', async () => {
    receiver = await startTestReceiver(SHORT);
    const result = await drip(
      receiver.url,
      'GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n',
      'X-Slow: aaaaaaaaaaaaaaaaaaaa\r\n',
    );
    expect(result.closed).toBe(true);
    expect(result.reply).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes a connection that stays silent for idleTimeoutMs', async () => {
    receiver = await startTestReceiver({
      limits: { idleTimeoutMs: 300, headersTimeoutMs: 20_000, requestTimeoutMs: 20_000 },
    });
    const { hostname, port } = new URL(receiver.url);
    const socket = connect(Number(port), hostname);
    socket.on('error', () => undefined);
    const closed = new Promise<boolean>((resolve) => {
      socket.once('close', () => resolve(true));
      setTimeout(() => resolve(false), PATIENCE_MS).unref();
    });
    // Half a request line, then nothing at all.
    socket.write('GET /api/v1/hea');
    const wasClosed = await closed;
    socket.destroy();
    expect(wasClosed).toBe(true);
  });

  it('still finishes an upload that takes longer than requestTimeoutMs, resuming after each cut', async () => {
    receiver = await startTestReceiver(SHORT);
    const order = await createOrder(receiver.url);
    const data = cipherLike(400 * 1024);
    const opens: number[] = [];
    // A slow uplink: 16 KiB every 100 ms, so the whole file takes about 2.5 s.
    const open = (offset: number) => {
      opens.push(offset);
      return Readable.from(
        (async function* () {
          for (let at = offset; at < data.length; at += 16 * 1024) {
            await sleep(100);
            yield data.subarray(at, at + 16 * 1024);
          }
        })(),
      );
    };
    await uploadResumable({
      endpoint: order.uploadUrl,
      token: order.uploadToken,
      metadata: { order: order.orderId, name: 'slow.age' },
      size: data.length,
      open,
      retryDelaysMs: FAST_RETRIES,
    });
    // Cut at least once, and each PATCH went on from where the server stood.
    expect(opens.length).toBeGreaterThan(1);
    expect(opens[1]).toBeGreaterThan(0);
    await commitOrder(receiver.url, order.orderId, order.uploadToken, [
      { name: 'slow.age', size: data.length },
    ]);
    const stored = await downloadFile(receiver.url, receiver.labToken, order.orderId, 'slow.age');
    expect((await readAll(stored)).equals(data)).toBe(true);
  });
});
