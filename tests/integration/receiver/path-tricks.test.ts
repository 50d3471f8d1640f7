import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { downloadFile } from '../../../services/upload/lab-api';
import { commitOrder, createOrder } from '../../../services/upload/receiver-api';
import type { CreatedOrder } from '../../../services/upload/receiver-api';
import { cipherLike, meta, readAll, startTestReceiver, tus } from './helpers';
import type { TestReceiver } from './helpers';
import { errorText, rawRequest } from './raw-http';

const T = '/api/v1/uploads';
const QUERY = 'upload URLs take no query string';
const SLASHES = 'malformed request path: double or trailing slash';
const DOTS = 'malformed request path: dot segment';
const ESCAPE = 'malformed request path: percent escape';
const char = (c: string) => `malformed request path: character ${JSON.stringify(c)} is not allowed`;

/**
 * Request targets that name upload A where the access check looks and upload B (or something
 * else) where a URL parser or @tus/server might look. Each is refused with 400 and its reason.
 */
const TRICKS: [string, (a: string, b: string, base: string) => string, string][] = [
  ['query string', (a, b) => `${T}/${a}?x=/${b}`, QUERY],
  ['bare query', (a, b) => `${T}/${a}?/${b}`, QUERY],
  ['query on the creation path', (_a, b) => `${T}?x=/${b}`, QUERY],
  ['fragment sent raw', (a, b) => `${T}/${a}#/${b}`, char('#')],
  ['fragment before a query', (a, b) => `${T}/${a}#?x=/${b}`, char('#')],
  ['encoded slash', (a, b) => `${T}/${a}%2F${b}`, ESCAPE],
  ['encoded slash, lower case', (a, b) => `${T}/${a}%2f${b}`, ESCAPE],
  ['encoded id', (_a, b) => `${T}/%${b.charCodeAt(0).toString(16)}${b.slice(1)}`, ESCAPE],
  ['encoded dots', (a, b) => `${T}/${a}/%2e%2e/${b}`, ESCAPE],
  ['double slash between ids', (a, b) => `${T}/${a}//${b}`, SLASHES],
  ['double slash before the id', (_a, b) => `${T}//${b}`, SLASHES],
  ['trailing slash', (_a, b) => `${T}/${b}/`, SLASHES],
  ['double slash on the creation path', () => `${T}//`, SLASHES],
  ['dot segment after the creation path', () => `${T}/.`, DOTS],
  ['dot segment', (a, b) => `${T}/${a}/./${b}`, DOTS],
  ['dot-dot back to A', (a, b) => `${T}/${b}/../${a}`, DOTS],
  ['dot-dot on to B', (a, b) => `${T}/${a}/../${b}`, DOTS],
  ['dot-dot before the tus path', (a, b) => `/api/v1/x/..${T}/${a}?x=/${b}`, DOTS],
  ['dot segment before the tus path', (a, b) => `/api/v1/./uploads/${a}?x=/${b}`, DOTS],
  ['backslashes', (a, b) => `${T}/${a}\\..\\${b}`, char('\\')],
  ['semicolon parameter', (a, b) => `${T}/${a};/${b}`, char(';')],
  [
    'absolute form',
    (a, b, base) => `${base}${T}/${a}?x=/${b}`,
    'malformed request path: the request target must start with "/"',
  ],
];

describe('receiver: an upload URL names exactly one upload, the one that was checked', () => {
  let receiver: TestReceiver;
  let a: CreatedOrder;
  let b: CreatedOrder;
  let uploadA: string;
  let uploadB: string;
  const bytesOfB = cipherLike(10);

  const create = async (order: CreatedOrder, name: string): Promise<string> => {
    const res = await fetch(order.uploadUrl, {
      method: 'POST',
      headers: tus(order.uploadToken, {
        'Upload-Length': '10',
        'Upload-Metadata': meta({ order: order.orderId, name }),
      }),
    });
    expect(res.status).toBe(201);
    return (res.headers.get('location') ?? '').split('/').pop() ?? '';
  };

  const patch = (token: string, id: string, offset: number, data: Buffer) =>
    rawRequest(
      receiver.url,
      'PATCH',
      `${T}/${id}`,
      tus(token, {
        'Upload-Offset': String(offset),
        'Content-Type': 'application/offset+octet-stream',
      }),
      data,
    );

  beforeEach(async () => {
    receiver = await startTestReceiver();
    a = await createOrder(receiver.url);
    b = await createOrder(receiver.url);
    uploadA = await create(a, 'a.age');
    uploadB = await create(b, 'b.age');
    // B is half uploaded: an open upload that a trick could read, extend or delete.
    expect((await patch(b.uploadToken, uploadB, 0, bytesOfB.subarray(0, 4))).status).toBe(204);
  });
  afterEach(async () => {
    await receiver.dispose();
  });

  /** B's upload is as it was, A gained nothing, and B can still be finished and committed. */
  async function expectUntouched(): Promise<void> {
    const headB = await rawRequest(receiver.url, 'HEAD', `${T}/${uploadB}`, tus(b.uploadToken));
    expect(headB.status).toBe(200);
    expect(headB.headers['upload-offset']).toBe('4');
    expect(headB.headers['upload-length']).toBe('10');
    expect(headB.headers['upload-metadata']).toBe(meta({ order: b.orderId, name: 'b.age' }));
    const headA = await rawRequest(receiver.url, 'HEAD', `${T}/${uploadA}`, tus(a.uploadToken));
    expect(headA.headers['upload-offset']).toBe('0');
    const uploadsDir = join(receiver.dataDir, 'uploads');
    expect((await stat(join(uploadsDir, uploadB))).size).toBe(4);
    const ids = (await readdir(uploadsDir)).filter((n) => /^[0-9a-f]{32}$/.test(n));
    expect(ids.sort()).toEqual([uploadA, uploadB].sort());

    expect((await patch(b.uploadToken, uploadB, 4, bytesOfB.subarray(4))).status).toBe(204);
    await commitOrder(receiver.url, b.orderId, b.uploadToken, [{ name: 'b.age', size: 10 }]);
    const stored = await readAll(
      await downloadFile(receiver.url, receiver.labToken, b.orderId, 'b.age'),
    );
    expect(stored.equals(bytesOfB)).toBe(true);
  }

  const requests: Record<string, () => { headers: Record<string, string>; body?: Buffer }> = {
    HEAD: () => ({ headers: tus(a.uploadToken) }),
    // Offset 4 is B's: had the PATCH reached B, it would have appended.
    PATCH: () => ({
      headers: tus(a.uploadToken, {
        'Upload-Offset': '4',
        'Content-Type': 'application/offset+octet-stream',
      }),
      body: Buffer.alloc(6, 0x41),
    }),
    DELETE: () => ({ headers: tus(a.uploadToken) }),
    POST: () => ({
      headers: tus(a.uploadToken, {
        'Upload-Length': '10',
        'Upload-Metadata': meta({ order: a.orderId, name: 'p.age' }),
      }),
    }),
  };

  it.each(Object.keys(requests))(
    "refuses every path trick for %s with A's token and leaves B as it was",
    async (method) => {
      for (const [label, target, message] of TRICKS) {
        const { headers, body } = requests[method]!();
        const reply = await rawRequest(
          receiver.url,
          method,
          target(uploadA, uploadB, receiver.url),
          headers,
          body,
        );
        expect({ label, status: reply.status }).toEqual({ label, status: 400 });
        if (method !== 'HEAD')
          expect({ label, error: errorText(reply) }).toEqual({ label, error: message });
      }
      await expectUntouched();
    },
  );

  it('still serves the plain upload URL to its own order', async () => {
    const head = await rawRequest(receiver.url, 'HEAD', `${T}/${uploadA}`, tus(a.uploadToken));
    expect(head.status).toBe(200);
    expect(head.headers['upload-offset']).toBe('0');
    await expectUntouched();
  });
});
