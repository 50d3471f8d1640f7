import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { downloadFile, listOrders } from '../../../services/upload/lab-api';
import { commitOrder, createOrder } from '../../../services/upload/receiver-api';
import type { CreatedOrder } from '../../../services/upload/receiver-api';
import { uploadResumable } from '../../../services/upload/tus-client';
import { cipherLike, errorOf, meta, opener, startTestReceiver, tus } from './helpers';
import type { TestReceiver } from './helpers';

describe('receiver: who may do what', () => {
  let receiver: TestReceiver;
  let a: CreatedOrder;
  let b: CreatedOrder;
  let uploadOfB: string;

  beforeEach(async () => {
    receiver = await startTestReceiver();
    a = await createOrder(receiver.url);
    b = await createOrder(receiver.url);
    const res = await fetch(b.uploadUrl, {
      method: 'POST',
      headers: tus(b.uploadToken, {
        'Upload-Length': '10',
        'Upload-Metadata': meta({ order: b.orderId, name: 'b.age' }),
      }),
    });
    expect(res.status).toBe(201);
    uploadOfB = new URL(res.headers.get('location') ?? '', b.uploadUrl).href;
  });
  afterEach(async () => {
    await receiver.dispose();
  });

  it("refuses order A's token for creating an upload in order B (403)", async () => {
    const res = await fetch(a.uploadUrl, {
      method: 'POST',
      headers: tus(a.uploadToken, {
        'Upload-Length': '10',
        'Upload-Metadata': meta({ order: b.orderId, name: 'x.age' }),
      }),
    });
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toBe(`upload token is not valid for order ${b.orderId}`);
  });

  it("refuses order A's token for PATCH, HEAD and DELETE on B's upload (403)", async () => {
    const patch = await fetch(uploadOfB, {
      method: 'PATCH',
      headers: tus(a.uploadToken, {
        'Upload-Offset': '0',
        'Content-Type': 'application/offset+octet-stream',
      }),
      body: Buffer.alloc(10),
    });
    expect(patch.status).toBe(403);
    expect(await errorOf(patch)).toBe('upload token is not valid for this upload');
    const head = await fetch(uploadOfB, { method: 'HEAD', headers: tus(a.uploadToken) });
    expect(head.status).toBe(403);
    const del = await fetch(uploadOfB, { method: 'DELETE', headers: tus(a.uploadToken) });
    expect(del.status).toBe(403);
    // B's own token still works: the refusals changed nothing.
    const own = await fetch(uploadOfB, { method: 'HEAD', headers: tus(b.uploadToken) });
    expect(own.status).toBe(200);
    expect(own.headers.get('upload-offset')).toBe('0');
  });

  it('refuses tus requests without a token (401)', async () => {
    const create = await fetch(b.uploadUrl, {
      method: 'POST',
      headers: tus(undefined, {
        'Upload-Length': '10',
        'Upload-Metadata': meta({ order: b.orderId, name: 'y.age' }),
      }),
    });
    expect(create.status).toBe(401);
    expect(create.headers.get('www-authenticate')).toBe('Bearer');
    expect(await errorOf(create)).toMatch(/^missing upload token/);
    const head = await fetch(uploadOfB, { method: 'HEAD', headers: tus() });
    expect(head.status).toBe(401);
  });

  it('refuses to commit with another order’s token', async () => {
    await expect(
      commitOrder(receiver.url, b.orderId, a.uploadToken, [{ name: 'b.age', size: 10 }]),
    ).rejects.toThrow(`HTTP 403: upload token is not valid for order ${b.orderId}`);
  });

  it('refuses the lab API without a token or with a wrong one (401)', async () => {
    const none = await fetch(`${receiver.url}/api/v1/lab/orders`);
    expect(none.status).toBe(401);
    expect(await errorOf(none)).toMatch(/^missing lab token/);
    await expect(listOrders(receiver.url, 'x'.repeat(43))).rejects.toThrow(
      'HTTP 401: invalid lab token',
    );
    // The upload token of an order is not a lab token either.
    await expect(listOrders(receiver.url, b.uploadToken)).rejects.toThrow('HTTP 401');
    await expect(downloadFile(receiver.url, a.uploadToken, b.orderId, 'b.age')).rejects.toThrow(
      'HTTP 401: invalid lab token',
    );
    const del = await fetch(`${receiver.url}/api/v1/lab/orders/${b.orderId}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${b.uploadToken}` },
    });
    expect(del.status).toBe(401);
  });

  it('allows no uploads, changes or deletes with the token once the order is committed', async () => {
    const data = cipherLike(10);
    await uploadResumable({
      endpoint: b.uploadUrl,
      token: b.uploadToken,
      metadata: { order: b.orderId, name: 'b.age' },
      size: 10,
      uploadUrl: uploadOfB,
      open: opener(data),
    });
    await commitOrder(receiver.url, b.orderId, b.uploadToken, [{ name: 'b.age', size: 10 }]);
    const again = await fetch(b.uploadUrl, {
      method: 'POST',
      headers: tus(b.uploadToken, {
        'Upload-Length': '5',
        'Upload-Metadata': meta({ order: b.orderId, name: 'late.age' }),
      }),
    });
    expect(again.status).toBe(403);
    expect(await errorOf(again)).toBe(
      `order ${b.orderId} is already committed: no more uploads or changes`,
    );
    const del = await fetch(uploadOfB, { method: 'DELETE', headers: tus(b.uploadToken) });
    expect(del.status).toBe(403);
  });
});
