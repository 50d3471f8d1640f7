import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpError, sendError } from '../../../server/receiver/http';
import { OrderStore } from '../../../server/receiver/orders';
import { hashToken, newOrderId, newToken } from '../../../server/receiver/secrets';
import { createUploads } from '../../../server/receiver/uploads';
import { TUS_PATH } from '../../../src/contract/receiver';
import { meta, tus } from './helpers';
import { rawRequest } from './raw-http';

/**
 * The second line of defence: whatever the URL says, @tus/server acts on the upload id the
 * access check was given. The receiver's router refuses such URLs before this point, so this
 * test drives the uploads module behind a bare server that hands it a chosen id.
 */
describe('uploads: tus acts on the checked upload id, not on the URL', () => {
  let dir: string;
  let server: Server;
  let base: string;
  const tokenA = newToken();
  const tokenB = newToken();
  let a: string;
  let b: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'photodose-tus-id-'));
    const orders = new OrderStore(join(dir, 'orders'));
    await orders.init();
    const orderIds = [newOrderId(), newOrderId()] as const;
    const now = new Date().toISOString();
    for (const [orderId, token] of [
      [orderIds[0], tokenA],
      [orderIds[1], tokenB],
    ] as const) {
      await orders.put({
        version: 1,
        orderId,
        tokenHash: hashToken(token),
        state: 'open',
        createdAt: now,
        updatedAt: now,
        uploads: [],
      });
    }
    const uploads = createUploads({
      dir: join(dir, 'uploads'),
      orders,
      maxFileBytes: 1000,
      log: () => undefined,
    });
    server = createServer((req, res) => {
      const checked = String(req.headers['x-checked-id'] ?? '');
      uploads.handle(req, res, checked).catch((err: unknown) => {
        sendError(req, res, err instanceof HttpError ? err : new HttpError(500, String(err)));
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const create = async (orderId: string, token: string) => {
      const reply = await rawRequest(
        base,
        'POST',
        `${TUS_PATH}/`,
        tus(token, {
          'Upload-Length': '10',
          'Upload-Metadata': meta({ order: orderId, name: 'f.age' }),
        }),
      );
      expect(reply.status).toBe(201);
      return String(reply.headers.location).split('/').pop() ?? '';
    };
    a = await create(orderIds[0], tokenA);
    b = await create(orderIds[1], tokenB);
    const patchB = await rawRequest(
      base,
      'PATCH',
      `${TUS_PATH}/${b}`,
      tus(tokenB, {
        'x-checked-id': b,
        'Upload-Offset': '0',
        'Content-Type': 'application/offset+octet-stream',
      }),
      Buffer.alloc(4),
    );
    expect(patchB.status).toBe(204);
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
    await rm(dir, { recursive: true, force: true });
  });

  const offsetOfB = async () =>
    (await rawRequest(base, 'HEAD', `${TUS_PATH}/${b}`, tus(tokenB, { 'x-checked-id': b })))
      .headers['upload-offset'];

  it('answers HEAD, PATCH and DELETE for the checked upload A when the URL ends in B', async () => {
    const target = `${TUS_PATH}/${a}?x=/${b}`;
    const head = await rawRequest(base, 'HEAD', target, tus(tokenA, { 'x-checked-id': a }));
    expect(head.status).toBe(200);
    expect(head.headers['upload-offset']).toBe('0');

    // Offset 4 is B's; A is at 0, so tus refuses the PATCH as a mismatch instead of appending.
    const patch = await rawRequest(
      base,
      'PATCH',
      target,
      tus(tokenA, {
        'x-checked-id': a,
        'Upload-Offset': '4',
        'Content-Type': 'application/offset+octet-stream',
      }),
      Buffer.alloc(6),
    );
    expect(patch.status).toBe(409);
    expect(await offsetOfB()).toBe('4');

    const del = await rawRequest(base, 'DELETE', target, tus(tokenA, { 'x-checked-id': a }));
    expect(del.status).toBe(204);
    await expect(stat(join(dir, 'uploads', a))).rejects.toThrow('ENOENT');
    expect((await stat(join(dir, 'uploads', b))).size).toBe(4);
    expect(await offsetOfB()).toBe('4');
  });
});
