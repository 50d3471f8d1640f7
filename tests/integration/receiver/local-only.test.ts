import { afterEach, describe, expect, it } from 'vitest';
import { createOrder } from '../../../services/upload/receiver-api';
import { startTestReceiver, tus } from './helpers';
import type { TestReceiver } from './helpers';
import { errorText, rawRequest, rawSocketRequest } from './raw-http';

let receiver: TestReceiver | undefined;
afterEach(async () => {
  await receiver?.dispose();
  receiver = undefined;
});

const HEALTH = '/api/v1/health';

describe('receiver embedded on the customer machine (localOnly)', () => {
  it('serves local programs that address it as 127.0.0.1:PORT', async () => {
    receiver = await startTestReceiver({ localOnly: true });
    const order = await createOrder(receiver.url);
    expect(order.uploadUrl).toBe(`${receiver.url}/api/v1/uploads/`);
    const health = await rawRequest(receiver.url, 'GET', HEALTH);
    expect(health.status).toBe(200);
  });

  it.each(['evil.example', `evil.example:PORT`, 'localhost:PORT', '127.0.0.1', '127.0.0.1:1'])(
    'refuses Host %s with 403 (DNS rebinding)',
    async (host) => {
      receiver = await startTestReceiver({ localOnly: true });
      const bound = receiver.url.slice('http://'.length);
      const sent = host.replace('PORT', bound.split(':')[1]!);
      const reply = await rawRequest(receiver.url, 'POST', '/api/v1/orders', { Host: sent });
      expect(reply.status).toBe(403);
      expect(errorText(reply)).toBe(
        `Host "${sent}" is refused: this local receiver answers only to ${bound}`,
      );
    },
  );

  it('refuses a second Host header', async () => {
    receiver = await startTestReceiver({ localOnly: true });
    const bound = receiver.url.slice('http://'.length);
    const reply = await rawSocketRequest(
      receiver.url,
      `GET ${HEALTH} HTTP/1.1\nHost: ${bound}\nHost: evil.example`,
    );
    expect(reply.status).toBe(403);
    expect(errorText(reply)).toBe('repeated Host headers are refused');
  });

  it.each(['https://evil.example', 'null', 'http://127.0.0.1'])(
    'refuses any request with an Origin header (%s): web pages may not use it',
    async (origin) => {
      receiver = await startTestReceiver({ localOnly: true });
      const sameOrigin = origin === 'http://127.0.0.1' ? receiver.url : origin;
      for (const [method, path, headers] of [
        ['POST', '/api/v1/orders', {}],
        ['GET', HEALTH, {}],
        ['OPTIONS', '/api/v1/uploads/', { 'Access-Control-Request-Method': 'POST' }],
        ['POST', '/api/v1/uploads/', tus('x'.repeat(43), { 'Upload-Length': '1' })],
      ] as const) {
        const reply = await rawRequest(receiver.url, method, path, {
          ...headers,
          Origin: sameOrigin,
        });
        expect({ method, path, status: reply.status }).toEqual({ method, path, status: 403 });
        expect(errorText(reply)).toBe(
          `requests from web pages are refused (Origin ${JSON.stringify(sameOrigin)})`,
        );
      }
    },
  );

  it('answers any Host and Origin without localOnly (behind a proxy the Host is the public one)', async () => {
    receiver = await startTestReceiver();
    const reply = await rawRequest(receiver.url, 'GET', HEALTH, {
      Host: 'orders.example.com',
      Origin: 'https://evil.example',
    });
    expect(reply.status).toBe(200);
  });
});
