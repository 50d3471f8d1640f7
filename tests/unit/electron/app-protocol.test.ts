import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isInside, resolveAppFile } from '../../../electron/app-path';
import {
  createAppHandler,
  registerAppScheme,
  serveRenderer,
  type AppRequest,
  type FetchFile,
} from '../../../electron/app-protocol';
import { APP_ORIGIN } from '../../../electron/trust';
import { contentSecurityPolicy } from '../../../services/loopback/server';

/**
 * The app:// handler runs as Electron would call it. Electron's `net.fetch`
 * can't run here; its stand-in reads the real file from a temporary
 * renderer folder, which has a secret file beside it to aim at.
 */
let base: string;
let root: string;
const readFromDisk: FetchFile = async (fileUrl) =>
  new Response(await readFile(fileURLToPath(fileUrl)), {
    headers: { 'content-type': 'text/plain' },
  });

beforeAll(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'photodose-app-protocol-'));
  root = path.join(base, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Photo Dose</title>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log("app")');
  await writeFile(path.join(base, 'secret.txt'), 'outside the renderer');
});
afterAll(() => rm(base, { recursive: true, force: true }));

const traversal = {
  'a dot-dot segment': `${APP_ORIGIN}/../secret.txt`,
  'a nested dot-dot segment': `${APP_ORIGIN}/assets/../../secret.txt`,
  'a percent-encoded dot-dot': `${APP_ORIGIN}/%2e%2e/secret.txt`,
  'a mixed-case encoded dot-dot': `${APP_ORIGIN}/%2E./secret.txt`,
  'an encoded slash': `${APP_ORIGIN}/assets%2F..%2F..%2Fsecret.txt`,
  'an encoded slash to an absolute path': `${APP_ORIGIN}/%2Fetc%2Fpasswd`,
  'a double slash to an absolute path': `${APP_ORIGIN}//etc/passwd`,
  'a backslash': `${APP_ORIGIN}/..%5Csecret.txt`,
  'a raw backslash': `${APP_ORIGIN}/..\\secret.txt`,
  'a drive letter': `${APP_ORIGIN}/C:%5CWindows%5Cwin.ini`,
  'a single dot segment': `${APP_ORIGIN}/./index.html`,
  'another host': 'app://photodose.evil/index.html',
  'another scheme': 'file:///etc/passwd',
};

describe('app:// path resolution', () => {
  for (const [what, url] of Object.entries(traversal)) {
    it(`refuses ${what} with 403`, () => {
      expect(resolveAppFile(url, root)).toMatchObject({ ok: false, status: 403 });
    });
  }

  it('refuses a NUL byte and a malformed percent-escape with 400', () => {
    expect(resolveAppFile(`${APP_ORIGIN}/index.html%00.png`, root)).toMatchObject({ status: 400 });
    expect(resolveAppFile(`${APP_ORIGIN}/%E0%A4%A`, root)).toMatchObject({ status: 400 });
    expect(resolveAppFile(`${APP_ORIGIN}/%zz`, root)).toMatchObject({ status: 400 });
  });

  it('resolves an asset and the bare origin inside the renderer folder', () => {
    expect(resolveAppFile(`${APP_ORIGIN}/assets/app.js?v=1#top`, root)).toEqual({
      ok: true,
      file: path.join(root, 'assets', 'app.js'),
    });
    expect(resolveAppFile(`${APP_ORIGIN}/`, root)).toEqual({
      ok: true,
      file: path.join(root, 'index.html'),
    });
    expect(resolveAppFile(`${APP_ORIGIN}/photo%20book.css`, root)).toEqual({
      ok: true,
      file: path.join(root, 'photo book.css'),
    });
  });

  it('applies the same rules with Windows paths', () => {
    const winRoot = 'C:\\Program Files\\Photo Dose\\renderer';
    const win = (url: string) => resolveAppFile(url, winRoot, path.win32);
    expect(win(`${APP_ORIGIN}/..%5C..%5Csecret.txt`)).toMatchObject({ status: 403 });
    expect(win(`${APP_ORIGIN}/D:secret.txt`)).toMatchObject({ status: 403 });
    expect(win(`${APP_ORIGIN}/index.html::$DATA`)).toMatchObject({ status: 403 });
    expect(win(`${APP_ORIGIN}/assets/app.js`)).toEqual({
      ok: true,
      file: `${winRoot}\\assets\\app.js`,
    });
  });

  it('keeps files strictly inside the root, whatever the segments held', () => {
    expect(isInside('/app/renderer', '/app/renderer/index.html')).toBe(true);
    expect(isInside('/app/renderer', '/app/renderer')).toBe(false);
    expect(isInside('/app/renderer', '/app/renderer-evil/index.html')).toBe(false);
    expect(isInside('/app/renderer', '/app/renderer/../secret.txt')).toBe(false);
    expect(isInside('C:\\app\\renderer', 'C:\\app\\renderer\\..\\x', path.win32)).toBe(false);
  });
});

describe('the app:// handler', () => {
  const handle = (url: string) => createAppHandler(root, readFromDisk)({ url });
  const csp = contentSecurityPolicy(APP_ORIGIN);

  it('serves a renderer file with the strict CSP and nosniff', async () => {
    const response = await handle(`${APP_ORIGIN}/assets/app.js`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log("app")');
    expect(response.headers.get('content-security-policy')).toBe(csp);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-type')).toBe('text/plain');
  });

  it('never reads outside the renderer folder', async () => {
    const fetchFile = vi.fn(readFromDisk);
    const handler = createAppHandler(root, fetchFile);
    for (const [what, url] of Object.entries(traversal)) {
      const response = await handler({ url });
      expect(response.status, what).toBe(403);
      expect(await response.text(), what).not.toContain('outside the renderer');
      expect(response.headers.get('content-security-policy'), what).toBe(csp);
    }
    expect((await handler({ url: `${APP_ORIGIN}/%E0%A4%A` })).status).toBe(400);
    expect((await handler({ url: `${APP_ORIGIN}/index.html%00` })).status).toBe(400);
    expect(fetchFile).not.toHaveBeenCalled();
  });

  it('answers a missing file with 404', async () => {
    const response = await handle(`${APP_ORIGIN}/assets/missing.js`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(csp);
  });

  it('is what serveRenderer registers for the app scheme', async () => {
    const handlers = new Map<string, (request: AppRequest) => Promise<Response>>();
    serveRenderer(
      { handle: (scheme, handler) => void handlers.set(scheme, handler) },
      root,
      readFromDisk,
    );
    const served = handlers.get('app');
    expect((await served?.({ url: `${APP_ORIGIN}/index.html` }))?.status).toBe(200);
    expect((await served?.({ url: `${APP_ORIGIN}/%2e%2e/secret.txt` }))?.status).toBe(403);
  });

  it('registers the scheme as secure and standard, with no CSP bypass', () => {
    const registerSchemesAsPrivileged = vi.fn();
    registerAppScheme({ registerSchemesAsPrivileged });
    expect(registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });
});
