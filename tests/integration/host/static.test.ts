import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLoopbackHost, type LoopbackHost } from '../../../services/loopback/server';
import { offlineHost } from './support';

/** The renderer files are served from one folder and nothing outside it. */
let dir: string;
let loopback: LoopbackHost;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'photodose-static-'));
  await mkdir(join(dir, 'app'));
  await writeFile(join(dir, 'app', 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(join(dir, 'secret.txt'), 'outside the app folder');
  const host = offlineHost('loopback');
  loopback = await startLoopbackHost({ ...host, staticDir: join(dir, 'app') });
});
afterAll(async () => {
  await loopback.close();
  await rm(dir, { recursive: true, force: true });
});

/** Sends the path exactly as written: no client-side normalising of `..`. */
function get(path: string): Promise<{ status: number; body: string; csp?: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(loopback.origin);
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body,
          csp: res.headers['content-security-policy'] as string | undefined,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static files of the loopback host', () => {
  it('serves the app with the strict content security policy', async () => {
    const reply = await get('/');
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<title>app</title>');
    expect(reply.csp).toContain("default-src 'none'");
  });

  it('never serves a file outside the app folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/app/../../secret.txt',
    ]) {
      const reply = await get(path);
      expect(reply.body, path).not.toContain('outside the app folder');
    }
  });

  it('answers a malformed path with 400', async () => {
    expect((await get('/%E0%A4%A')).status).toBe(400);
  });
});
