import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import WebSocket from 'ws';
import {
  startLoopbackHost,
  EVENTS_PROTOCOL,
  type LoopbackHost,
} from '../../../services/loopback/server';
import type { Host } from '../../../services/host/create-host';
import { offlineHost } from './support';

/**
 * The loopback transport is how a browser reaches the host: it must refuse
 * anything without the per-run token, from another origin, or aimed at
 * another Host name (DNS rebinding), and refuse malformed payloads clearly.
 */
let loopback: LoopbackHost;
let host: Host;

beforeAll(async () => {
  host = offlineHost('loopback');
  loopback = await startLoopbackHost({ ...host });
});
afterAll(() => loopback.close());

interface Reply {
  status: number;
  body: { result?: unknown; error?: { code: string; message: string } };
}

/** Raw HTTP, so tests can send exactly the headers an attacker would. */
function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, loopback.origin);
    const req = request(
      url,
      { method: options.method ?? 'POST', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const json = (token: string | undefined, extra: Record<string, string> = {}) => ({
  'Content-Type': 'application/json',
  ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
  ...extra,
});

describe('loopback host', () => {
  it('answers a request with the right token', async () => {
    const reply = await send('/host/invoke/app.info', {
      headers: json(loopback.token),
      body: '{}',
    });
    expect(reply.status).toBe(200);
    expect(reply.body.result).toMatchObject({ transport: 'loopback', lab: { name: 'Test Lab' } });
  });

  it('refuses a request without a token', async () => {
    const reply = await send('/host/invoke/app.info', { headers: json(undefined), body: '{}' });
    expect(reply.status).toBe(401);
    expect(reply.body.error?.message).toMatch(/token/);
  });

  it('refuses a wrong token, also one of the right length', async () => {
    const wrong = loopback.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    for (const token of ['nope', wrong]) {
      const reply = await send('/host/invoke/app.info', { headers: json(token), body: '{}' });
      expect(reply.status).toBe(401);
    }
  });

  it('refuses a foreign origin even with the right token', async () => {
    const reply = await send('/host/invoke/app.info', {
      headers: json(loopback.token, { Origin: 'https://evil.example' }),
      body: '{}',
    });
    expect(reply.status).toBe(403);
    expect(reply.body.error?.message).toContain('foreign origin');
  });

  it('refuses another Host name (DNS rebinding)', async () => {
    const reply = await send('/host/invoke/app.info', {
      headers: json(loopback.token, { Host: `evil.example:${new URL(loopback.origin).port}` }),
      body: '{}',
    });
    expect(reply.status).toBe(403);
  });

  it('refuses photo bytes without the token and keeps nothing', async () => {
    const before = host.blobs.size;
    const reply = await send('/host/blobs', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: Buffer.from('not yours'),
    });
    expect(reply.status).toBe(401);
    expect(host.blobs.size).toBe(before);
  });

  it('names the request and the field of a malformed payload', async () => {
    const reply = await send('/host/invoke/photos.import', {
      headers: json(loopback.token),
      body: JSON.stringify({ sources: [{ kind: 'path', path: '' }] }),
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'invalid-request' });
    expect(reply.body.error?.message).toMatch(/^photos\.import: sources\.0\.path: /);
  });

  it('refuses file paths: a browser sends bytes, and a page must not pick files on disk', async () => {
    const reply = await send('/host/invoke/photos.import', {
      headers: json(loopback.token),
      body: JSON.stringify({ sources: [{ kind: 'path', path: '/etc/hostname' }] }),
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error?.message).toContain(
      'file paths are accepted only from the desktop app',
    );
  });

  it('refuses unknown requests, extra fields, bad JSON and wrong content types', async () => {
    const unknown = await send('/host/invoke/fs.readFile', {
      headers: json(loopback.token),
      body: '{}',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error?.code).toBe('unknown-request');

    const extra = await send('/host/invoke/app.info', {
      headers: json(loopback.token),
      body: JSON.stringify({ path: '/etc/passwd' }),
    });
    expect(extra.status).toBe(400);
    expect(extra.body.error?.message).toMatch(/app\.info/);

    const broken = await send('/host/invoke/app.info', {
      headers: json(loopback.token),
      body: '{',
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error?.message).toBe('body is not valid JSON');

    const form = await send('/host/invoke/app.info', {
      headers: { Authorization: `Bearer ${loopback.token}`, 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(form.status).toBe(415);
  });

  it('lets events through only with the token and our origin', async () => {
    const url = `${loopback.origin.replace('http', 'ws')}/host/events`;
    const attempt = (protocols: string[], origin = loopback.origin) =>
      new Promise<WebSocket | Error>((resolve) => {
        const socket = new WebSocket(url, protocols, { origin });
        socket.once('open', () => resolve(socket));
        socket.once('error', (error) => resolve(error));
      });
    expect(await attempt([EVENTS_PROTOCOL])).toBeInstanceOf(Error);
    expect(await attempt([EVENTS_PROTOCOL, 'wrong-token'])).toBeInstanceOf(Error);
    expect(await attempt([EVENTS_PROTOCOL, loopback.token], 'https://evil.example')).toBeInstanceOf(
      Error,
    );

    const socket = await attempt([EVENTS_PROTOCOL, loopback.token]);
    expect(socket).toBeInstanceOf(WebSocket);
    const ws = socket as WebSocket;
    const message = new Promise<unknown>((resolve) =>
      ws.once('message', (data) => resolve(JSON.parse(String(data)))),
    );
    host.events.emit('photos.progress', { done: 1, total: 3 });
    expect(await message).toEqual({ event: 'photos.progress', payload: { done: 1, total: 3 } });
    ws.close();
  });
});
