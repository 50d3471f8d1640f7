import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteOrder, listOpenOrders, listOrders } from '../../../services/upload/lab-api';
import { commitOrder, createOrder } from '../../../services/upload/receiver-api';

/**
 * A server that answers every request with one fixed JSON reply. A fake on purpose: the real
 * receiver never sends a malformed reply, and these tests are about what the clients do when
 * a server (misconfigured, compromised or another implementation) does.
 */
let server: Server | undefined;
afterEach(async () => {
  const running = server;
  server = undefined;
  running?.closeAllConnections();
  await new Promise((done) => (running ? running.close(done) : done(undefined)));
});

async function replying(status: number, body: unknown): Promise<string> {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((done) => server!.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

const token = 'T'.repeat(43);
const created = {
  orderId: 'PD-ABCDEFGH23',
  uploadToken: token,
  uploadUrl: 'https://orders.example.com/api/v1/uploads/',
};

describe('receiver clients check every reply against the shared contract', () => {
  it('accepts a well-formed creation reply', async () => {
    const url = await replying(201, created);
    expect(await createOrder(url)).toEqual(created);
  });

  it.each([
    ['an order id outside the rule', 'order-1'],
    ['a path as order id', '../../home'],
    ['a lower-case order id', 'pd-abcdefgh23'],
  ])('refuses a creation reply with %s', async (_why, orderId) => {
    const url = await replying(201, { ...created, orderId });
    await expect(createOrder(url)).rejects.toThrow(
      'creating the order: unexpected reply from the server (orderId: must be an order id like PD-ABCDEFGH23)',
    );
  });

  it('refuses a creation reply whose token is not a 43-character base64url token', async () => {
    const url = await replying(201, { ...created, uploadToken: 'short' });
    await expect(createOrder(url)).rejects.toThrow(
      'creating the order: unexpected reply from the server (uploadToken: must be 43 characters of base64url)',
    );
  });

  it('refuses a commit reply with a bad order id', async () => {
    const url = await replying(200, { orderId: 'PD-1', state: 'complete' });
    await expect(
      commitOrder(url, 'PD-ABCDEFGH23', token, [{ name: 'a.age', size: 1 }]),
    ).rejects.toThrow(
      'committing order PD-ABCDEFGH23: unexpected reply from the server (orderId: must be an order id like PD-ABCDEFGH23)',
    );
  });

  it('refuses a lab order list with an order id or file name the lab would write to disk', async () => {
    const order = { orderId: 'PD-ABCDEFGH23', committedAt: '2026-11-25T10:00:00.000Z', files: [] };
    let url = await replying(200, { orders: [{ ...order, orderId: '../../etc' }] });
    await expect(listOrders(url, token)).rejects.toThrow(
      'listing orders: unexpected reply from the server (orders.0.orderId: must be an order id like PD-ABCDEFGH23)',
    );
    await new Promise((done) => server!.close(done));
    url = await replying(200, { orders: [{ ...order, files: [{ name: '../x.age', size: 1 }] }] });
    await expect(listOrders(url, token)).rejects.toThrow(
      'listing orders: unexpected reply from the server (orders.0.files.0.name: file name must be',
    );
  });

  it('refuses an open-order list with a bad order id or a negative byte count', async () => {
    const at = '2026-11-25T10:00:00.000Z';
    const open = {
      orderId: 'PD-ABCDEFGH23',
      createdAt: at,
      updatedAt: at,
      lastActivityAt: at,
      expiresAt: at,
      files: 1,
      bytes: 10,
    };
    let url = await replying(200, { orders: [open] });
    expect(await listOpenOrders(url, token)).toEqual([open]);
    await new Promise((done) => server!.close(done));
    url = await replying(200, { orders: [{ ...open, orderId: 'order-1' }] });
    await expect(listOpenOrders(url, token)).rejects.toThrow(
      'listing open orders: unexpected reply from the server (orders.0.orderId: must be an order id like PD-ABCDEFGH23)',
    );
    await new Promise((done) => server!.close(done));
    url = await replying(200, { orders: [{ ...open, bytes: -1 }] });
    await expect(listOpenOrders(url, token)).rejects.toThrow(
      'listing open orders: unexpected reply from the server (orders.0.bytes:',
    );
  });

  it("quotes the server's error body", async () => {
    const url = await replying(404, { error: 'order PD-ABCDEFGH23 not found' });
    await expect(deleteOrder(url, token, 'PD-ABCDEFGH23')).rejects.toThrow(
      'deleting order PD-ABCDEFGH23 failed: HTTP 404: order PD-ABCDEFGH23 not found',
    );
  });
});
