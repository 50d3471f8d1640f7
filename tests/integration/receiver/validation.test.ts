import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitOrder, createOrder } from '../../../services/upload/receiver-api';
import type { CreatedOrder } from '../../../services/upload/receiver-api';
import { uploadResumable } from '../../../services/upload/tus-client';
import { cipherLike, errorOf, meta, opener, startTestReceiver, tus } from './helpers';
import type { TestReceiver } from './helpers';

describe('receiver: bad input gets a clear, specific refusal', () => {
  let receiver: TestReceiver;
  let order: CreatedOrder;

  const upload = (name: string, data: Buffer) =>
    uploadResumable({
      endpoint: order.uploadUrl,
      token: order.uploadToken,
      metadata: { order: order.orderId, name },
      size: data.length,
      open: opener(data),
      retryDelaysMs: [],
    });

  const post = (path: string, body: string, type = 'application/json') =>
    fetch(`${receiver.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': type, Authorization: `Bearer ${order.uploadToken}` },
      body,
    });

  beforeEach(async () => {
    receiver = await startTestReceiver({ maxFileBytes: 1_000_000 });
    order = await createOrder(receiver.url);
  });
  afterEach(async () => {
    await receiver.dispose();
  });

  it('refuses a commit with an incomplete file, a wrong size or an unknown name', async () => {
    await upload('done.age', cipherLike(1000));
    const res = await fetch(order.uploadUrl, {
      method: 'POST',
      headers: tus(order.uploadToken, {
        'Upload-Length': '100',
        'Upload-Metadata': meta({ order: order.orderId, name: 'half.age' }),
      }),
    });
    const half = new URL(res.headers.get('location') ?? '', order.uploadUrl).href;
    const patch = await fetch(half, {
      method: 'PATCH',
      headers: tus(order.uploadToken, {
        'Upload-Offset': '0',
        'Content-Type': 'application/offset+octet-stream',
      }),
      body: Buffer.alloc(40),
    });
    expect(patch.status).toBe(204);

    const commit = (files: { name: string; size: number }[]) =>
      commitOrder(receiver.url, order.orderId, order.uploadToken, files);
    await expect(commit([{ name: 'half.age', size: 100 }])).rejects.toThrow(
      'HTTP 409: file "half.age" is incomplete: 40 of 100 bytes received',
    );
    await expect(commit([{ name: 'done.age', size: 999 }])).rejects.toThrow(
      'HTTP 409: file "done.age" has 1000 bytes, not 999',
    );
    await expect(commit([{ name: 'nothere.age', size: 5 }])).rejects.toThrow(
      `HTTP 409: file "nothere.age" was never uploaded to order ${order.orderId}`,
    );
    // Refused commits changed nothing: the incomplete upload can still be finished.
    const head = await fetch(half, { method: 'HEAD', headers: tus(order.uploadToken) });
    expect(head.headers.get('upload-offset')).toBe('40');

    // A valid commit removes unlisted uploads (here the incomplete one), and repeats are fine.
    await commit([{ name: 'done.age', size: 1000 }]);
    await commit([{ name: 'done.age', size: 1000 }]);
    await expect(
      commit([
        { name: 'done.age', size: 1000 },
        { name: 'half.age', size: 100 },
      ]),
    ).rejects.toThrow(
      `HTTP 409: order ${order.orderId} was already committed with a different file list`,
    );
    const gone = await fetch(half, { method: 'HEAD', headers: tus(order.uploadToken) });
    expect(gone.status).toBe(404);
  });

  it('answers bad JSON and wrong schemas with 400 and what is wrong', async () => {
    const commitPath = `/api/v1/orders/${order.orderId}/commit`;
    const badJson = await post(commitPath, '{"files": [');
    expect(badJson.status).toBe(400);
    expect(await errorOf(badJson)).toMatch(/^request body is not valid JSON: /);

    const noFiles = await post(commitPath, '{}');
    expect(noFiles.status).toBe(400);
    expect(await errorOf(noFiles)).toMatch(/^invalid request body: files: /);

    const badSize = await post(
      commitPath,
      JSON.stringify({ files: [{ name: 'a.age', size: -1 }] }),
    );
    expect(await errorOf(badSize)).toMatch(/^invalid request body: files\.0\.size: /);

    const extra = await post(
      commitPath,
      JSON.stringify({ files: [{ name: 'a.age', size: 1, x: 1 }] }),
    );
    expect(await errorOf(extra)).toMatch(/^invalid request body: files\.0: .*"x"/);

    const dup = await post(
      commitPath,
      JSON.stringify({
        files: [
          { name: 'a.age', size: 1 },
          { name: 'a.age', size: 1 },
        ],
      }),
    );
    expect(await errorOf(dup)).toBe(
      'invalid request body: files.1.name: duplicate file name "a.age"',
    );

    const text = await post(commitPath, 'files=1', 'text/plain');
    expect(text.status).toBe(415);
    expect(await errorOf(text)).toBe('Content-Type must be application/json');

    const orderWithBody = await post('/api/v1/orders', '{"customer":"Erika"}');
    expect(orderWithBody.status).toBe(400);
    expect(await errorOf(orderWithBody)).toMatch(/^invalid request body: .*"customer"/);

    const huge = await post(
      commitPath,
      `{"files":[${'{"name":"a.age","size":1},'.repeat(42_000)}]}`,
    );
    expect(huge.status).toBe(413);
  });

  it('refuses invalid file names and extra metadata at creation', async () => {
    await expect(upload('Photo 1.JPG', cipherLike(10))).rejects.toThrow(
      'HTTP 400: file name "Photo 1.JPG" is invalid',
    );
    await expect(upload('../escape', cipherLike(10))).rejects.toThrow(
      'HTTP 400: file name "../escape"',
    );
    const extra = await fetch(order.uploadUrl, {
      method: 'POST',
      headers: tus(order.uploadToken, {
        'Upload-Length': '10',
        'Upload-Metadata': meta({ order: order.orderId, name: 'a.age', filename: 'Erika.jpg' }),
      }),
    });
    expect(extra.status).toBe(400);
    expect(await errorOf(extra)).toBe(
      'Upload-Metadata key "filename" is not allowed (only order and name)',
    );
    const noTus = await fetch(order.uploadUrl, { method: 'POST' });
    expect(noTus.status).toBe(412);
  });

  it('refuses files over maxFileBytes and a second upload of a finished name', async () => {
    await expect(upload('big.age', cipherLike(1_000_001))).rejects.toThrow(
      'HTTP 413: file of 1000001 bytes exceeds the limit of 1000000 bytes',
    );
    await upload('once.age', cipherLike(10));
    await expect(upload('once.age', cipherLike(10))).rejects.toThrow(
      `HTTP 409: file "once.age" is already uploaded to order ${order.orderId}`,
    );
  });

  it('answers unknown paths and methods with 404 and 405', async () => {
    const unknown = await fetch(`${receiver.url}/api/v1/nope`);
    expect(unknown.status).toBe(404);
    expect(await errorOf(unknown)).toBe('no such endpoint: GET /api/v1/nope');
    const method = await fetch(`${receiver.url}/api/v1/orders`);
    expect(method.status).toBe(405);
    expect(method.headers.get('allow')).toBe('POST');
  });
});
