import { afterEach, describe, expect, it, vi } from 'vitest';
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { startLoopbackHost, type LoopbackHost } from '../../../services/loopback/server';
import type { Host } from '../../../services/host/create-host';
import type { BrowserFileLimits } from '../../../services/host/browser-files';
import type { HostEvent } from '../../../src/contract/host';
import { offlineHost, testId } from './support';

/**
 * A browser's photo bytes, sent to the loopback host only when the host asks for them: bounded
 * in size and in number at once, held as one buffer of the declared length, handed to whoever
 * asked and to nobody else.
 */
const MiB = 1024 * 1024;
let loopback: LoopbackHost | undefined;
afterEach(async () => {
  await loopback?.close();
  loopback = undefined;
});

async function start(limits: Partial<BrowserFileLimits> = {}) {
  const host = offlineHost('loopback', limits);
  loopback = await startLoopbackHost({ ...host });
  // A page that hears the host's requests (and answers them through the test's own PUTs).
  const requests: string[] = [];
  host.events.subscribe((name, payload) => {
    if (name === 'photos.bytesWanted')
      requests.push((payload as HostEvent<'photos.bytesWanted'>).requestId);
  });
  return { host, requests, origin: loopback.origin, token: loopback.token };
}

/** The host asks for a file; resolves with the request's id and what the asker will get. */
function ask(host: Host, requests: string[]) {
  const before = requests.length;
  const bytes = host.browserFiles.ask(testId());
  bytes.catch(() => {}); // some tests make it fail on purpose
  expect(requests).toHaveLength(before + 1);
  return { requestId: requests[before]!, bytes };
}

interface Reply {
  status: number;
  headers: IncomingMessage['headers'];
  body: { error?: { code: string; message: string; params?: unknown } } | undefined;
}

/** Opens a PUT whose body the test writes itself, so it can stop half way. */
function openPut(
  origin: string,
  token: string,
  requestId: string | undefined,
  headers: Record<string, string | number> = {},
): { req: ClientRequest; reply: Promise<Reply> } {
  const path = requestId === undefined ? '/host/blobs' : `/host/blobs?for=${requestId}`;
  const req = request(new URL(path, origin), {
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
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: text ? JSON.parse(text) : undefined,
        });
      });
    });
  });
  return { req, reply };
}

function put(origin: string, token: string, requestId: string | undefined, bytes: Buffer) {
  const { req, reply } = openPut(origin, token, requestId, { 'Content-Length': bytes.length });
  req.end(bytes);
  return reply;
}

describe("a browser's photo bytes over the loopback host", () => {
  it('streams into one buffer of the declared length and hands it to whoever asked', async () => {
    const { host, requests, origin, token } = await start();
    const asked = ask(host, requests);
    const photo = Buffer.alloc(4 * MiB, 0x5a);
    const { req, reply } = openPut(origin, token, asked.requestId, {
      'Content-Length': photo.length,
    });
    req.write(photo.subarray(0, MiB));
    // Half way: the whole photo's room is taken once, not grown chunk by chunk.
    await vi.waitFor(() =>
      expect(host.browserFiles.usage).toEqual({
        waiting: 1,
        streams: 1,
        arrivingBytes: photo.length,
      }),
    );
    req.end(photo.subarray(MiB));
    expect((await reply).status).toBe(204);
    const held = await asked.bytes;
    expect(held.equals(photo)).toBe(true);
    expect(held.buffer.byteLength).toBe(photo.length);
    // Handed over: the host keeps nothing of it beyond the asker's work.
    expect(host.browserFiles.usage).toEqual({ waiting: 0, streams: 0, arrivingBytes: 0 });
  });

  it('refuses bytes nobody asked for, or asked for once already, before reading them', async () => {
    const { host, requests, origin, token } = await start();
    const none = await put(origin, token, undefined, Buffer.from('unasked'));
    expect(none.status).toBe(400);
    expect(none.body?.error?.message).toBe('photo upload names no request (?for=)');
    const made = await put(origin, token, testId(), Buffer.from('made up'));
    expect(made.status).toBe(400);
    expect(made.body?.error?.message).toBe('no photo was asked for with this id');

    const asked = ask(host, requests);
    expect((await put(origin, token, asked.requestId, Buffer.from('once'))).status).toBe(204);
    expect((await asked.bytes).toString()).toBe('once');
    const again = await put(origin, token, asked.requestId, Buffer.from('twice'));
    expect(again.status).toBe(400);
  });

  it('asks for a Content-Length (411) and keeps nothing without one', async () => {
    const { host, requests, origin, token } = await start();
    const asked = ask(host, requests);
    const { req, reply } = openPut(origin, token, asked.requestId, {
      'Transfer-Encoding': 'chunked',
    });
    req.end(Buffer.from('no length given'));
    const { status, body } = await reply;
    expect(status).toBe(411);
    expect(body?.error).toEqual({
      code: 'invalid-request',
      message: 'photo upload needs a Content-Length header',
    });
    expect(host.browserFiles.usage.streams).toBe(0);
  });

  it('refuses a photo over the limit before its body is sent, tells the asker, and closes', async () => {
    const { host, requests, origin, token } = await start({ maxFileBytes: MiB });
    const asked = ask(host, requests);
    const { req, reply } = openPut(origin, token, asked.requestId, {
      'Content-Length': 64 * MiB,
    });
    req.write(Buffer.alloc(1024));
    // The reply comes while 64 MiB are still unsent; keeping the connection would mean reading them.
    const { status, headers, body } = await reply;
    expect(status).toBe(413);
    expect(headers.connection).toBe('close');
    expect(body?.error).toEqual({
      code: 'photo-too-large',
      message: 'photo larger than 1 MB',
      params: { limitMb: 1 },
    });
    await expect(asked.bytes).rejects.toMatchObject({ reason: 'too-large' });
    req.destroy();
  });

  it('lets eight photos arrive at once and asks a ninth to come back later (503, Retry-After)', async () => {
    const { host, requests, origin, token } = await start();
    const open = Array.from({ length: 8 }, () => {
      const asked = ask(host, requests);
      const put = openPut(origin, token, asked.requestId, { 'Content-Length': 2 });
      put.req.write('a');
      return { ...put, asked };
    });
    await vi.waitFor(() => expect(host.browserFiles.usage.streams).toBe(8));

    const ninth = ask(host, requests);
    const busy = await put(origin, token, ninth.requestId, Buffer.from('bb'));
    expect(busy.status).toBe(503);
    expect(busy.headers['retry-after']).toBe('5');
    expect(busy.body?.error).toEqual({
      code: 'host-busy',
      message: 'host busy: 8 photos are arriving already; try again in 5 s',
      params: { retryAfterS: 5 },
    });

    for (const { req } of open) req.end('a');
    for (const { reply } of open) expect((await reply).status).toBe(204);
    // Coming back later works: the request still waits for its answer.
    expect((await put(origin, token, ninth.requestId, Buffer.from('bb'))).status).toBe(204);
    expect((await ninth.bytes).toString()).toBe('bb');
  });

  it('caps the bytes arriving at once (503)', async () => {
    const { host, requests, origin, token } = await start({
      maxFileBytes: 2 * MiB,
      maxArrivingBytes: 3 * MiB,
    });
    const first = ask(host, requests);
    const open = openPut(origin, token, first.requestId, { 'Content-Length': 2 * MiB });
    open.req.write(Buffer.alloc(1024));
    await vi.waitFor(() => expect(host.browserFiles.usage.streams).toBe(1));
    const second = ask(host, requests);
    const busy = await put(origin, token, second.requestId, Buffer.alloc(2 * MiB));
    expect(busy.status).toBe(503);
    expect(busy.body?.error?.message).toBe(
      'host busy: 3 MB of photos are arriving; try again in 5 s',
    );
    open.req.end(Buffer.alloc(2 * MiB - 1024));
    expect((await open.reply).status).toBe(204);
    expect((await put(origin, token, second.requestId, Buffer.alloc(2 * MiB))).status).toBe(204);
  });

  it('frees the room of a photo whose browser went away half way, and tells the asker', async () => {
    const { host, requests, origin, token } = await start();
    const asked = ask(host, requests);
    const { req, reply } = openPut(origin, token, asked.requestId, { 'Content-Length': 2 * MiB });
    reply.catch(() => {}); // the request is cut on purpose
    req.write(Buffer.alloc(MiB));
    await vi.waitFor(() => expect(host.browserFiles.usage.streams).toBe(1));
    req.destroy();
    // Nobody says why: the photo went with its window (a reload, a closed tab).
    await expect(asked.bytes).rejects.toMatchObject({
      reason: 'missing',
      message: 'the browser window stopped sending the photo',
    });
    expect(host.browserFiles.usage).toEqual({ waiting: 0, streams: 0, arrivingBytes: 0 });
  });

  it('takes the reason a page gives right after its photo was cut', async () => {
    const { host, requests, origin, token } = await start();
    const asked = ask(host, requests);
    const { req, reply } = openPut(origin, token, asked.requestId, { 'Content-Length': 2 * MiB });
    reply.catch(() => {}); // the browser stops reading the file and cuts its request
    req.write(Buffer.alloc(MiB));
    await vi.waitFor(() => expect(host.browserFiles.usage.streams).toBe(1));
    req.destroy();
    await vi.waitFor(() => expect(host.browserFiles.usage.streams).toBe(0));
    expect(host.browserFiles.refuse(asked.requestId, 'unreadable')).toBe(true);
    await expect(asked.bytes).rejects.toMatchObject({ reason: 'unreadable' });
    expect(host.browserFiles.usage).toEqual({ waiting: 0, streams: 0, arrivingBytes: 0 });
  });

  it('names a photo missing at once when every page listening says it never held it', async () => {
    const { host, requests, origin, token } = await start();
    // A second page listening: it must say so too before the photo counts as gone.
    const unsubscribe = host.events.subscribe(() => undefined);
    const asked = ask(host, requests);
    expect(host.browserFiles.refuse(asked.requestId, 'not-here')).toBe(true);
    expect(host.browserFiles.usage.waiting).toBe(1);
    const notHere = await fetch(`${origin}/host/invoke/photos.unavailable`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ requestId: asked.requestId, reason: 'not-here' }),
    });
    expect(notHere.status).toBe(200);
    await expect(asked.bytes).rejects.toMatchObject({
      reason: 'missing',
      message: 'no browser window holds this photo any more',
    });
    expect(host.browserFiles.usage.waiting).toBe(0);
    unsubscribe();
  });

  it('takes the bytes of the page that holds the photo, whatever the others say', async () => {
    const { host, requests, origin, token } = await start();
    const asked = ask(host, requests);
    const { req, reply } = openPut(origin, token, asked.requestId, { 'Content-Length': 4 });
    req.write('ph');
    await vi.waitFor(() => expect(host.browserFiles.usage.streams).toBe(1));
    // The only other listener says it never held the photo: the sender goes on.
    expect(host.browserFiles.refuse(asked.requestId, 'not-here')).toBe(false);
    req.end('to');
    expect((await reply).status).toBe(204);
    expect((await asked.bytes).toString()).toBe('phto');
  });

  it('gives up on a page that never answers, not on one whose photo takes long to arrive', async () => {
    const { host, requests, origin, token } = await start({ answerTimeoutMs: 50 });
    const slow = ask(host, requests);
    const { req, reply } = openPut(origin, token, slow.requestId, { 'Content-Length': 4 });
    req.write('sl');
    await new Promise((resolve) => setTimeout(resolve, 200));
    req.end('ow');
    expect((await reply).status).toBe(204);
    expect((await slow.bytes).toString()).toBe('slow');

    const asked = ask(host, requests);
    await expect(asked.bytes).rejects.toMatchObject({
      reason: 'missing',
      message: 'the browser window did not send the photo',
    });
    expect(host.browserFiles.usage.waiting).toBe(0);

    const alone = offlineHost('loopback');
    await expect(alone.browserFiles.ask(testId())).rejects.toMatchObject({
      reason: 'missing',
      message: 'no browser window holds this photo any more',
    });
  });
});
