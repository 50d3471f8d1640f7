import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { lend } from '../../../services/streams/lent-buffers';
import { createUpload, encodeMetadata, uploadResumable } from '../../../services/upload/tus-client';
import type { UploadOptions } from '../../../services/upload/tus-client';

/**
 * A scripted tus server. A fake on purpose: these tests need a server that lies or fails in
 * exact ways, which the real receiver (tested in tests/integration/receiver) never does.
 */
interface Seen {
  method: string;
  headers: IncomingHttpHeaders;
  body: number;
}
type Reply = { status: number; headers?: Record<string, string>; body?: string } | 'stall';

let server: Server | undefined;
afterEach(async () => {
  const running = server;
  server = undefined;
  if (!running) return;
  running.closeAllConnections();
  await new Promise((r) => running.close(r));
});

async function fakeTus(
  script: (seen: Seen, all: Seen[]) => Reply,
): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = createServer((req, res) => {
    let body = 0;
    req.on('data', (chunk: Buffer) => (body += chunk.length));
    req.on('end', () => {
      const entry = { method: req.method ?? '', headers: req.headers, body };
      seen.push(entry);
      const reply = script(entry, seen);
      if (reply === 'stall') return;
      res.writeHead(reply.status, { 'Tus-Resumable': '1.0.0', ...reply.headers }).end(reply.body);
    });
  });
  await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/files/`, seen };
}

const data = Buffer.alloc(100, 7);
const created: Reply = { status: 201, headers: { Location: '/files/u1' } };

function options(endpoint: string, extra: Partial<UploadOptions> = {}): UploadOptions {
  return {
    endpoint,
    token: 'token-123',
    metadata: { order: 'PD-ABCDEFGH23', name: 'a.age' },
    size: data.length,
    open: (offset) => Readable.from([data.subarray(offset)]),
    retryDelaysMs: [0, 0],
    ...extra,
  };
}

const count = (seen: Seen[], method: string) => seen.filter((s) => s.method === method).length;

describe('tus client: requests', () => {
  it('encodes metadata values as base64 and refuses keys with spaces or commas', () => {
    expect(encodeMetadata({ order: 'PD-1', name: 'ä.age' })).toBe('order UEQtMQ==,name w6QuYWdl');
    expect(() => encodeMetadata({ 'bad key': 'x' })).toThrow('invalid metadata key "bad key"');
  });

  it('creates with POST, then streams one PATCH with the tus headers', async () => {
    const fake = await fakeTus((s) =>
      s.method === 'POST' ? created : { status: 204, headers: { 'Upload-Offset': '100' } },
    );
    const result = await uploadResumable(options(fake.url));
    expect(result.uploadUrl).toBe(new URL('/files/u1', fake.url).href);
    const [post, patch] = fake.seen;
    expect(post?.headers).toMatchObject({
      'tus-resumable': '1.0.0',
      authorization: 'Bearer token-123',
      'upload-length': '100',
      'upload-metadata': encodeMetadata({ order: 'PD-ABCDEFGH23', name: 'a.age' }),
    });
    expect(patch?.headers).toMatchObject({
      'content-type': 'application/offset+octet-stream',
      'upload-offset': '0',
      'content-length': '100',
    });
    expect(patch?.body).toBe(100);
  });

  it('gives each lent chunk back once it is written, for the encryptor to reuse', async () => {
    const { url } = await fakeTus((seen) =>
      seen.method === 'POST' ? created : { status: 204, headers: { 'Upload-Offset': '100' } },
    );
    const back: number[] = [];
    const chunks = [0, 25, 50, 75].map((at, i) => {
      const chunk = Buffer.from(data.subarray(at, at + 25));
      lend(chunk, () => back.push(i));
      return chunk;
    });
    await uploadResumable(options(url, { open: () => Readable.from(chunks) }));
    expect(back.sort()).toEqual([0, 1, 2, 3]);
  });

  it('retries a 409 offset conflict from the offset HEAD reports', async () => {
    const fake = await fakeTus((s, all) => {
      if (s.method === 'POST') return created;
      if (s.method === 'HEAD') return { status: 200, headers: { 'Upload-Offset': '0' } };
      return count(all, 'PATCH') === 1
        ? { status: 409, body: 'Upload-Offset conflict' }
        : { status: 204, headers: { 'Upload-Offset': '100' } };
    });
    await uploadResumable(options(fake.url));
    expect(fake.seen.map((s) => s.method)).toEqual(['POST', 'PATCH', 'HEAD', 'PATCH']);
  });
});

describe('tus client: uploads created ahead', () => {
  it('sends the first PATCH of an upload made by createUpload without asking for its offset', async () => {
    const fake = await fakeTus((s) =>
      s.method === 'POST' ? created : { status: 204, headers: { 'Upload-Offset': '100' } },
    );
    const uploadUrl = await createUpload(options(fake.url));
    expect(uploadUrl).toBe(new URL('/files/u1', fake.url).href);
    await uploadResumable(options(fake.url, { uploadUrl, fresh: true }));
    expect(fake.seen.map((s) => [s.method, s.headers['upload-offset'], s.body])).toEqual([
      ['POST', undefined, 0],
      ['PATCH', '0', 100],
    ]);
  });

  it('asks for the offset after a failed first PATCH, and goes on from there', async () => {
    const fake = await fakeTus((s, all) => {
      if (s.method === 'HEAD') return { status: 200, headers: { 'Upload-Offset': '40' } };
      return count(all, 'PATCH') === 1
        ? { status: 503, body: 'busy' }
        : { status: 204, headers: { 'Upload-Offset': '100' } };
    });
    const uploadUrl = new URL('/files/u1', fake.url).href;
    await uploadResumable(options(fake.url, { uploadUrl, fresh: true }));
    expect(fake.seen.map((s) => [s.method, s.headers['upload-offset'], s.body])).toEqual([
      ['PATCH', '0', 100],
      ['HEAD', undefined, 0],
      ['PATCH', '40', 60],
    ]);
  });

  it('a creation that fails says why, once, with no retry of its own', async () => {
    const fake = await fakeTus(() => ({ status: 503, body: 'full' }));
    await expect(createUpload(options(fake.url))).rejects.toThrow(
      'creating the upload failed: HTTP 503',
    );
    expect(fake.seen).toHaveLength(1);
  });
});

describe('tus client: servers that fail or lie', () => {
  it('fails when the creation reply has no Location', async () => {
    const fake = await fakeTus(() => ({ status: 201 }));
    await expect(uploadResumable(options(fake.url))).rejects.toThrow('sent no Location header');
    expect(fake.seen).toHaveLength(1);
  });

  it('refuses a Location on another origin, so the token is not sent there', async () => {
    const fake = await fakeTus(() => ({
      status: 201,
      headers: { Location: 'http://evil.example/u' },
    }));
    await expect(uploadResumable(options(fake.url))).rejects.toThrow(
      "is not on the endpoint's origin",
    );
    expect(count(fake.seen, 'PATCH')).toBe(0);
  });

  it('refuses an Upload-Offset beyond what was sent', async () => {
    const fake = await fakeTus((s) =>
      s.method === 'POST' ? created : { status: 204, headers: { 'Upload-Offset': '200' } },
    );
    await expect(uploadResumable(options(fake.url))).rejects.toThrow(
      "the server's PATCH reply claims offset 200, possible is 0 to 100",
    );
  });

  it('refuses an offset that goes back below what the server had confirmed', async () => {
    const fake = await fakeTus((s, all) => {
      if (s.method === 'POST') return created;
      if (s.method === 'HEAD') return { status: 200, headers: { 'Upload-Offset': '10' } };
      return count(all, 'PATCH') === 1
        ? { status: 204, headers: { 'Upload-Offset': '60' } }
        : { status: 503, body: 'busy' };
    });
    await expect(uploadResumable(options(fake.url))).rejects.toThrow(
      'the server lost data: offset went back from 60 to 10',
    );
  });

  it('refuses to resume an upload the server has with another length', async () => {
    const fake = await fakeTus(() => ({
      status: 200,
      headers: { 'Upload-Offset': '0', 'Upload-Length': '99' },
    }));
    const uploadUrl = new URL('/files/u1', fake.url).href;
    await expect(uploadResumable(options(fake.url, { uploadUrl }))).rejects.toThrow(
      'the server has this upload as 99 bytes, not 100',
    );
  });

  it('fails at once on a 4xx, quoting the server', async () => {
    const fake = await fakeTus((s) =>
      s.method === 'POST'
        ? created
        : { status: 403, body: JSON.stringify({ error: 'order is closed' }) },
    );
    await expect(uploadResumable(options(fake.url))).rejects.toThrow(
      'sending data failed: HTTP 403: order is closed',
    );
    expect(count(fake.seen, 'PATCH')).toBe(1);
  });

  it('gives up after the retries on a server that stays at 503', async () => {
    const fake = await fakeTus(() => ({ status: 503, body: 'busy' }));
    await expect(uploadResumable(options(fake.url))).rejects.toThrow(
      'upload failed after 2 retries: creating the upload failed: HTTP 503: busy',
    );
    expect(count(fake.seen, 'POST')).toBe(3);
  });

  it('times out a PATCH that gets no reply, then gives up', async () => {
    const fake = await fakeTus((s) => (s.method === 'POST' ? created : 'stall'));
    await expect(
      uploadResumable(options(fake.url, { timeoutMs: 150, retryDelaysMs: [] })),
    ).rejects.toThrow('upload failed after 0 retries: no progress for 150 ms');
  });

  it("stops a PATCH mid-body when the caller aborts, with the caller's reason", async () => {
    const fake = await fakeTus((s) => (s.method === 'POST' ? created : 'stall'));
    const caller = new AbortController();
    // Half the file, then a source that waits: the PATCH stays open until someone ends it.
    const waiting = new Readable({ read() {} });
    waiting.push(data.subarray(0, 50));
    const upload = uploadResumable(
      options(fake.url, { signal: caller.signal, open: () => waiting }),
    );
    setTimeout(() => caller.abort(new Error('the customer closed the app')), 100);
    await expect(upload).rejects.toThrow('the customer closed the app');
    expect(waiting.destroyed).toBe(true);
  });

  it('fails without retrying when the file source ends early', async () => {
    const fake = await fakeTus((s) => (s.method === 'POST' ? created : { status: 204 }));
    const short = options(fake.url, { open: () => Readable.from([data.subarray(0, 50)]) });
    await expect(uploadResumable(short)).rejects.toThrow(
      'the file source ended after 50 of 100 bytes',
    );
  });
});
