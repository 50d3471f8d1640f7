import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpsServer } from 'node:https';
import type { Server as HttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { createServer as createTlsServer } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { HostError } from '../../../src/contract/host';
import { hostErrorText } from '../../../src/i18n/host-errors';
import { commitOrder, createOrder } from '../../../services/upload/receiver-api';
import { downloadFile, listOrders } from '../../../services/upload/lab-api';
import { uploadResumable } from '../../../services/upload/tus-client';
import type { ServerTrust } from '../../../services/upload/server-trust';
import { cipherLike, startTestReceiver } from '../receiver/helpers';
import { makeTestPki, type TestCert, type TestPki } from './pki';

/**
 * The client's TLS checks against servers with certificates from a CA made at test time:
 * refused (unknown CA, wrong host name, expired, wrong pin) before the request's first byte,
 * with the customer's message; accepted with the right pin or the backup pin, for a whole
 * order and the lab's download.
 */
let dir: string;
let pki: TestPki;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-tls-'));
  pki = await makeTestPki(dir);
  // Some twenty openssl runs: slow on a busy machine.
}, 180_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A TLS server that never answers, counting every byte of application data it receives. */
async function listeningTls(cert: TestCert) {
  let received = 0;
  const server = createTlsServer({ cert: cert.cert, key: cert.key }, (socket) => {
    socket.on('data', (chunk: Buffer) => (received += chunk.length));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    received: () => received,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

async function refusal(promise: Promise<unknown>): Promise<HostError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HostError);
  return error as HostError;
}

describe('a server the client must not trust', () => {
  const cases: {
    name: string;
    cert: (p: TestPki) => TestCert;
    trust: (p: TestPki) => ServerTrust;
    problem: string;
    de: string;
    en: string;
  }[] = [
    {
      name: 'a certificate from an unknown CA',
      cert: (p) => p.unknownCa,
      trust: (p) => ({ extraCa: [p.ca] }),
      problem: 'unknownCa',
      de: 'stammt von keiner vertrauenswürdigen Stelle',
      en: 'does not come from a trusted authority',
    },
    {
      name: 'a certificate for another host name',
      cert: (p) => p.wrongHost,
      trust: (p) => ({ extraCa: [p.ca] }),
      problem: 'wrongHost',
      de: 'für eine andere Adresse',
      en: 'for a different address',
    },
    {
      name: 'an expired certificate',
      cert: (p) => p.expired,
      trust: (p) => ({ extraCa: [p.ca] }),
      problem: 'expired',
      de: 'ist abgelaufen',
      en: 'has expired',
    },
    {
      name: 'a valid certificate whose key matches none of the pins',
      cert: (p) => p.good,
      trust: (p) => ({ extraCa: [p.ca], pins: [p.backup.pin, p.unknownCa.pin] }),
      problem: 'pinMismatch',
      de: 'nicht mit dem Schlüssel deines Fotolabors ausgewiesen',
      en: "did not identify itself with your photo lab's key",
    },
  ];

  for (const c of cases) {
    it(`refuses ${c.name} before sending a byte, with the customer's message`, async () => {
      const server = await listeningTls(c.cert(pki));
      try {
        const error = await refusal(createOrder(server.url, { trust: c.trust(pki) }));
        expect(error.code).toBe('server-untrusted');
        expect(error.params).toEqual({ problem: c.problem });
        // The log's detail names the server and the reason.
        expect(error.message).toContain(server.url);
        expect(error.message).toContain('nothing was sent');
        expect(hostErrorText('de', error)).toContain(c.de);
        expect(hostErrorText('de', error)).toContain('wurde nichts gesendet');
        expect(hostErrorText('en', error)).toContain(c.en);
        // Not even the request line went out (the order's token rides in its headers).
        expect(server.received()).toBe(0);

        // The tus upload and the lab's pull refuse it the same way, without retrying.
        const upload = await refusal(
          uploadResumable({
            endpoint: `${server.url}/files/`,
            token: 'secret-upload-token',
            metadata: { name: 'photo-0001.age' },
            size: 10,
            open: () => Readable.from([Buffer.alloc(10)]),
            trust: c.trust(pki),
            retryDelaysMs: [0, 0, 0],
          }),
        );
        expect(upload.params).toEqual({ problem: c.problem });
        const pull = await refusal(
          listOrders(server.url, 'secret-lab-token', { trust: c.trust(pki) }),
        );
        expect(pull.params).toEqual({ problem: c.problem });
        expect(server.received()).toBe(0);
      } finally {
        await server.close();
      }
    });
  }

  it('stays refused when NODE_TLS_REJECT_UNAUTHORIZED=0 is set', async () => {
    const server = await listeningTls(pki.unknownCa);
    const before = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    try {
      const error = await refusal(createOrder(server.url));
      expect(error.params).toEqual({ problem: 'unknownCa' });
      expect(server.received()).toBe(0);
    } finally {
      if (before === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = before;
      await server.close();
    }
  });

  it('refuses the test CA when it is not trusted: no CA is trusted by default', async () => {
    const server = await listeningTls(pki.good);
    try {
      const error = await refusal(createOrder(server.url, { trust: { pins: [pki.good.pin] } }));
      expect(error.params).toEqual({ problem: 'unknownCa' });
    } finally {
      await server.close();
    }
  });
});

describe('a server the client trusts', () => {
  /** One order through a TLS receiver and back out through the lab API, with `trust`. */
  async function orderOver(cert: TestCert, trust: ServerTrust) {
    const receiver = await startTestReceiver({ tls: { cert: cert.cert, key: cert.key } });
    try {
      expect(receiver.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const order = await createOrder(receiver.url, { trust });
      expect(order.uploadUrl.startsWith(`${receiver.url}/`)).toBe(true);
      const bytes = cipherLike(3 * 1024 * 1024 + 17);
      for (const name of ['photo-0001.age', 'manifest.age']) {
        await uploadResumable({
          endpoint: order.uploadUrl,
          token: order.uploadToken,
          metadata: { order: order.orderId, name },
          size: bytes.length,
          open: (offset) => Readable.from([bytes.subarray(offset)]),
          trust,
        });
      }
      await commitOrder(
        receiver.url,
        order.orderId,
        order.uploadToken,
        [
          { name: 'photo-0001.age', size: bytes.length },
          { name: 'manifest.age', size: bytes.length },
        ],
        { trust },
      );
      const listed = await listOrders(receiver.url, receiver.labToken, { trust });
      expect(listed.map((o) => o.orderId)).toEqual([order.orderId]);
      const body = await downloadFile(
        receiver.url,
        receiver.labToken,
        order.orderId,
        'photo-0001.age',
        { trust },
      );
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    } finally {
      await receiver.dispose();
    }
  }

  it('takes an order over TLS when the key matches the pin', async () => {
    await orderOver(pki.good, { extraCa: [pki.ca], pins: [pki.good.pin] });
  });

  it('takes an order over TLS when the key matches the backup pin (a rotated key)', async () => {
    await orderOver(pki.backup, { extraCa: [pki.ca], pins: [pki.good.pin, pki.backup.pin] });
  });

  it('takes an order over TLS without pins, the certificate verified', async () => {
    await orderOver(pki.good, { extraCa: [pki.ca] });
  });
});

describe('pins on every connection', () => {
  it('checks each new connection: a server that changes its key is refused at once', async () => {
    const ticketKeys = randomBytes(48);
    let connections = 0;
    const server: HttpsServer = createHttpsServer(
      { cert: pki.good.cert, key: pki.good.key, ticketKeys },
      (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"orders":[]}');
      },
    );
    server.on('secureConnection', () => connections++);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const trust = { extraCa: [pki.ca], pins: [pki.good.pin] };
    try {
      await listOrders(url, 'lab-token', { trust });
      await listOrders(url, 'lab-token', { trust });
      // Keep-alive: the second request reused the first, checked connection.
      expect(connections).toBe(1);
      // The server now shows another key (the session tickets stay valid) and drops the
      // idle connection: the next connection must pass the pin check on its own.
      server.setSecureContext({ cert: pki.backup.cert, key: pki.backup.key, ticketKeys });
      server.closeIdleConnections();
      await new Promise((done) => setTimeout(done, 50));
      const error = await refusal(listOrders(url, 'lab-token', { trust }));
      expect(error.params).toEqual({ problem: 'pinMismatch' });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    }
  });
});
