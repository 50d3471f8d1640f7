import { afterEach, describe, expect, it, vi } from 'vitest';
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { startLoopbackHost, type LoopbackHost } from '../../../services/loopback/server';
import { BlobStore, type BlobStoreOptions } from '../../../services/host/blob-store';
import { offlineHost } from './support';

/**
 * Photo bytes a browser streams to the loopback host: bounded in size, in
 * number at once and in time, and held as one buffer of the declared length.
 */
const MiB = 1024 * 1024;
let loopback: LoopbackHost | undefined;
afterEach(async () => {
  await loopback?.close();
  loopback = undefined;
});

async function start(options: BlobStoreOptions = {}, sweepIntervalMs?: number) {
  const host = offlineHost('loopback');
  const blobs = new BlobStore(options);
  const lines: string[] = [];
  loopback = await startLoopbackHost({
    services: host.services,
    events: host.events,
    blobs,
    blobSweepIntervalMs: sweepIntervalMs,
    log: (line) => lines.push(line),
  });
  return { blobs, lines, origin: loopback.origin, token: loopback.token };
}

interface Reply {
  status: number;
  headers: IncomingMessage['headers'];
  body: { blobId?: string; error?: { code: string; message: string; params?: unknown } };
}

/** Opens a PUT whose body the test writes itself, so it can stop half way. */
function openPut(
  origin: string,
  token: string,
  headers: Record<string, string | number> = {},
): { req: ClientRequest; reply: Promise<Reply> } {
  const req = request(new URL('/host/blobs', origin), {
    method: 'PUT',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/octet-stream',
      ...headers,
    },
  });
  const reply = new Promise<Reply>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) });
      });
    });
  });
  return { req, reply };
}

function put(origin: string, token: string, bytes: Buffer): Promise<Reply> {
  const { req, reply } = openPut(origin, token, { 'Content-Length': bytes.length });
  req.end(bytes);
  return reply;
}

describe('photo bytes over the loopback host', () => {
  it('streams into one buffer of the declared length, allocated when the photo starts', async () => {
    const { blobs, origin, token } = await start();
    const photo = Buffer.alloc(4 * MiB, 0x5a);
    const { req, reply } = openPut(origin, token, { 'Content-Length': photo.length });
    req.write(photo.subarray(0, MiB));
    // Half way: the whole photo's room is taken once, not grown chunk by chunk.
    await vi.waitFor(() => expect(blobs.usage).toEqual({ streams: 1, heldBytes: photo.length }));
    req.end(photo.subarray(MiB));
    const { status, body } = await reply;
    expect(status).toBe(201);
    expect(blobs.usage).toEqual({ streams: 0, heldBytes: photo.length });
    const held = blobs.take(body.blobId!)!;
    expect(held.equals(photo)).toBe(true);
    expect(held.buffer.byteLength).toBe(photo.length);
  });

  it('asks for a Content-Length (411) and keeps nothing without one', async () => {
    const { blobs, origin, token } = await start();
    const { req, reply } = openPut(origin, token, { 'Transfer-Encoding': 'chunked' });
    req.end(Buffer.from('no length given'));
    const { status, body } = await reply;
    expect(status).toBe(411);
    expect(body.error).toEqual({
      code: 'invalid-request',
      message: 'photo upload needs a Content-Length header',
    });
    expect(blobs.usage).toEqual({ streams: 0, heldBytes: 0 });
  });

  it('refuses a photo over the limit (413) with a message naming the limit', async () => {
    const { blobs, origin, token } = await start({ maxBlobBytes: MiB });
    const { status, body } = await put(origin, token, Buffer.alloc(MiB + 1));
    expect(status).toBe(413);
    expect(body.error).toEqual({
      code: 'photo-too-large',
      message: 'photo larger than 1 MB',
      params: { limitMb: 1 },
    });
    expect(blobs.usage).toEqual({ streams: 0, heldBytes: 0 });
  });

  it('refuses an oversized photo before its body is sent, and closes so the browser stops sending', async () => {
    const { origin, token } = await start({ maxBlobBytes: MiB });
    const { req, reply } = openPut(origin, token, { 'Content-Length': 64 * MiB });
    req.write(Buffer.alloc(1024));
    // The reply comes while 64 MiB are still unsent; keeping the connection would mean reading them.
    const { status, headers } = await reply;
    expect(status).toBe(413);
    expect(headers.connection).toBe('close');
    req.destroy();
  });

  it('lets four photos arrive at once and asks a fifth to come back later (503, Retry-After)', async () => {
    const { blobs, origin, token } = await start();
    const open = [1, 2, 3, 4].map(() => openPut(origin, token, { 'Content-Length': 2 }));
    for (const { req } of open) req.write('a');
    await vi.waitFor(() => expect(blobs.usage.streams).toBe(4));

    const fifth = await put(origin, token, Buffer.from('bb'));
    expect(fifth.status).toBe(503);
    expect(fifth.headers['retry-after']).toBe('5');
    expect(fifth.body.error).toEqual({
      code: 'host-busy',
      message: 'host busy: 4 photos are arriving already; try again in 5 s',
      params: { retryAfterS: 5 },
    });

    for (const { req } of open) req.end('a');
    for (const { reply } of open) expect((await reply).status).toBe(201);
    expect((await put(origin, token, Buffer.from('bb'))).status).toBe(201);
  });

  it('caps the bytes held for import (503) until some are taken', async () => {
    const { blobs, origin, token } = await start({ maxBlobBytes: 2 * MiB, maxHeldBytes: 3 * MiB });
    const first = await put(origin, token, Buffer.alloc(2 * MiB));
    expect(first.status).toBe(201);
    const second = await put(origin, token, Buffer.alloc(2 * MiB));
    expect(second.status).toBe(503);
    expect(second.headers['retry-after']).toBe('5');
    expect(second.body.error?.message).toBe(
      'host busy: 3 MB of photos wait to be imported; try again in 5 s',
    );
    blobs.take(first.body.blobId!);
    expect((await put(origin, token, Buffer.alloc(2 * MiB))).status).toBe(201);
  });

  it('frees the room of a photo whose browser went away half way', async () => {
    const { blobs, origin, token } = await start();
    const { req, reply } = openPut(origin, token, { 'Content-Length': 2 * MiB });
    reply.catch(() => {}); // the request is cut on purpose
    req.write(Buffer.alloc(MiB));
    await vi.waitFor(() => expect(blobs.usage.streams).toBe(1));
    req.destroy();
    await vi.waitFor(() => expect(blobs.usage).toEqual({ streams: 0, heldBytes: 0 }));
    expect(blobs.size).toBe(0);
  });

  it('frees a photo nobody imported once its time is up, and logs no more than a count', async () => {
    let now = 0;
    const { blobs, lines, origin, token } = await start({ ttlMs: 10 * 60_000, now: () => now }, 10);
    const { status } = await put(origin, token, Buffer.alloc(1000, 1));
    expect(status).toBe(201);
    expect(blobs.size).toBe(1);
    now = 10 * 60_000 + 1;
    await vi.waitFor(() => expect(blobs.size).toBe(0));
    expect(blobs.usage.heldBytes).toBe(0);
    expect(lines).toContain('loopback: 1 photo upload(s) never imported, freed (1000 bytes)');
  });
});
