import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { connect } from 'node:net';
import WebSocket from 'ws';
import {
  startLoopbackHost,
  EVENTS_PROTOCOL,
  type LoopbackHost,
} from '../../../services/loopback/server';
import type { Host } from '../../../services/host/create-host';
import { makePhoto } from '../../fixtures/photos';
import { browserFile, offlineHost, testId } from './support';

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

/** Bytes on a bare socket: for requests no HTTP client will send (two Host headers, odd targets). */
function sendRaw(head: string): Promise<{ status: number; body: Reply['body'] }> {
  const { port } = new URL(loopback.origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(`${head}\r\n\r\n`));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('error', reject);
    socket.on('end', () => {
      try {
        const [head = '', payload = ''] = text.split('\r\n\r\n');
        const chunked = /^transfer-encoding: chunked$/im.test(head);
        const body = chunked ? dechunk(payload) : payload;
        resolve({ status: Number(head.split(' ')[1]), body: body ? JSON.parse(body) : {} });
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** The payload of a chunked HTTP body. */
function dechunk(payload: string): string {
  let body = '';
  let rest = payload;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, lineEnd), 16);
    if (!size) return body;
    body += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 2 + size + 2);
  }
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
    expect(reply.body.error).toEqual({ code: 'unauthorized', message: 'missing or wrong token' });
  });

  it('refuses a wrong token, also one of the right length', async () => {
    const wrong = loopback.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    for (const token of ['nope', wrong]) {
      const reply = await send('/host/invoke/app.info', { headers: json(token), body: '{}' });
      expect(reply.status).toBe(401);
      expect(reply.body.error).toEqual({ code: 'unauthorized', message: 'missing or wrong token' });
    }
  });

  it('refuses a foreign origin even with the right token', async () => {
    const reply = await send('/host/invoke/app.info', {
      headers: json(loopback.token, { Origin: 'https://evil.example' }),
      body: '{}',
    });
    expect(reply.status).toBe(403);
    expect(reply.body.error).toEqual({
      code: 'unauthorized',
      message: 'refused: foreign origin https://evil.example',
    });
  });

  it('refuses another Host name (DNS rebinding)', async () => {
    const reply = await send('/host/invoke/app.info', {
      headers: json(loopback.token, { Host: `evil.example:${new URL(loopback.origin).port}` }),
      body: '{}',
    });
    expect(reply.status).toBe(403);
    expect(reply.body.error).toEqual({ code: 'unauthorized', message: 'refused: wrong host' });
  });

  it('refuses two Host headers, whichever comes first (400)', async () => {
    const ours = new URL(loopback.origin).host;
    for (const hosts of [
      [ours, 'evil.example'],
      ['evil.example', ours],
      [ours, ours],
    ]) {
      const reply = await sendRaw(
        [
          'POST /host/invoke/app.info HTTP/1.1',
          ...hosts.map((h) => `Host: ${h}`),
          `Authorization: Bearer ${loopback.token}`,
          'Content-Type: application/json',
          'Content-Length: 2',
          'Connection: close',
          '',
          '{}',
        ].join('\r\n'),
      );
      expect(reply.status, hosts.join(' + ')).toBe(400);
      expect(reply.body.error).toEqual({
        code: 'invalid-request',
        message: 'refused: more than one Host header',
      });
    }
  });

  it('answers a malformed percent-escape in a request name with 400, not 500', async () => {
    const reply = await send('/host/invoke/%E0%A4%A', {
      headers: json(loopback.token),
      body: '{}',
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toEqual({
      code: 'invalid-request',
      message: 'request name is not valid percent-encoding',
    });
  });

  it('answers a request target no URL parser takes with 400, not 500', async () => {
    const reply = await sendRaw(
      `GET // HTTP/1.1\r\nHost: ${new URL(loopback.origin).host}\r\nConnection: close`,
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error).toEqual({
      code: 'invalid-request',
      message: 'malformed request target',
    });
  });

  it('refuses photo bytes without the token and keeps nothing', async () => {
    const reply = await send('/host/blobs', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: Buffer.from('not yours'),
    });
    expect(reply.status).toBe(401);
    expect(reply.body.error).toEqual({ code: 'unauthorized', message: 'missing or wrong token' });
    expect(host.browserFiles.usage).toEqual({ waiting: 0, streams: 0, arrivingBytes: 0 });
  });

  it('names the request and the field of a malformed payload', async () => {
    const reply = await send('/host/invoke/photos.import', {
      headers: json(loopback.token),
      body: JSON.stringify({ importId: testId(), sources: [{ kind: 'path', path: '' }] }),
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({ code: 'invalid-request' });
    expect(reply.body.error?.message).toMatch(/^photos\.import: sources\.0\.path: /);
  });

  it('refuses file paths: a browser keeps its files, and a page must not pick files on disk', async () => {
    const reply = await send('/host/invoke/photos.import', {
      headers: json(loopback.token),
      body: JSON.stringify({
        importId: testId(),
        sources: [{ kind: 'path', path: '/etc/hostname' }],
      }),
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error?.message).toContain(
      'file paths are accepted only from the desktop app',
    );
  });

  it('sends a thumbnail as JPEG bytes, not as base64 inside JSON', async () => {
    const photo = await makePhoto(400, 300, 2);
    const imported = await host.services['photos.import']({
      importId: testId(),
      sources: [browserFile(host, photo, 'Hafen.jpg')],
    });
    const assetId = imported.photos[0]!.asset.id;
    const response = await fetch(`${loopback.origin}/host/invoke/photos.thumbnail`, {
      method: 'POST',
      headers: json(loopback.token),
      body: JSON.stringify({ assetId }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    const bytes = Buffer.from(await response.arrayBuffer());
    // A JPEG's start of image, then its bytes as they are.
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(bytes.equals(host.photos.thumbnail(assetId)!)).toBe(true);
  });

  it('refuses unknown requests, extra fields, bad JSON and wrong content types', async () => {
    const unknown = await send('/host/invoke/fs.readFile', {
      headers: json(loopback.token),
      body: '{}',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({
      code: 'unknown-request',
      message: 'unknown request: fs.readFile',
    });

    const extra = await send('/host/invoke/app.info', {
      headers: json(loopback.token),
      body: JSON.stringify({ path: '/etc/passwd' }),
    });
    expect(extra.status).toBe(400);
    expect(extra.body.error?.code).toBe('invalid-request');
    expect(extra.body.error?.message).toMatch(/^app\.info: \(arguments\): .*path/);

    const broken = await send('/host/invoke/app.info', {
      headers: json(loopback.token),
      body: '{',
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error).toEqual({
      code: 'invalid-request',
      message: 'body is not valid JSON',
    });

    const form = await send('/host/invoke/app.info', {
      headers: { Authorization: `Bearer ${loopback.token}`, 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(form.status).toBe(415);
    expect(form.body.error).toEqual({
      code: 'invalid-request',
      message: 'expected application/json',
    });
  });

  it('lets events through only with the token and our origin', async () => {
    const url = `${loopback.origin.replace('http', 'ws')}/host/events`;
    /** The open socket, or the status and message of the refusal: a refusal must be the one meant. */
    const attempt = (protocols: string[], origin = loopback.origin) =>
      new Promise<WebSocket | { status: number; message: string }>((resolve, reject) => {
        const socket = new WebSocket(url, protocols, { origin });
        socket.once('open', () => resolve(socket));
        socket.once('unexpected-response', (_req, res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              message: (JSON.parse(text) as Reply['body']).error?.message ?? '',
            }),
          );
        });
        socket.once('error', reject);
      });
    const noToken = { status: 401, message: 'missing or wrong token' };
    expect(await attempt([EVENTS_PROTOCOL])).toEqual(noToken);
    expect(await attempt([EVENTS_PROTOCOL, 'wrong-token'])).toEqual(noToken);
    expect(await attempt([EVENTS_PROTOCOL, loopback.token], 'https://evil.example')).toEqual({
      status: 403,
      message: 'refused: foreign origin https://evil.example',
    });

    const socket = await attempt([EVENTS_PROTOCOL, loopback.token]);
    expect(socket).toBeInstanceOf(WebSocket);
    const ws = socket as WebSocket;
    const message = new Promise<unknown>((resolve) =>
      ws.once('message', (data) => resolve(JSON.parse(String(data)))),
    );
    const progress = { importId: 'import-1', done: 1, total: 3 };
    host.events.emit('photos.progress', progress);
    expect(await message).toEqual({ event: 'photos.progress', payload: progress });
    ws.close();
  });
});
