import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { APP_ORIGIN, isAppUrl, isTrustedSender, windowOptions } from '../../../electron/trust';
import { contentSecurityPolicy } from '../../../services/loopback/server';

/**
 * Electron's binary cannot run here, so its glue is checked statically: the
 * pure decisions as functions, the rest by reading what the glue does.
 */
describe('Electron trust decisions', () => {
  it('trusts only the app top frame on app://photodose', () => {
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, parent: null })).toBe(true);
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, parent: {} })).toBe(false);
    expect(isTrustedSender({ url: 'file:///opt/photodose/index.html', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'http://127.0.0.1:5173/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'app://photodose.evil/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'not a url', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });

  it('allows navigation only inside the app', () => {
    expect(isAppUrl(`${APP_ORIGIN}/index.html#x`)).toBe(true);
    expect(isAppUrl('https://photodose.example/')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
  });

  it('isolates the renderer (checklist 2-4, 9-10)', () => {
    const prefs = windowOptions('/app/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
  });

  it('sends a strict content security policy (checklist 7)', () => {
    const csp = contentSecurityPolicy(APP_ORIGIN);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    expect(csp).toContain("frame-ancestors 'none'");
  });
});

describe('Electron glue, read as source', () => {
  const source = (file: string) =>
    readFile(new URL(`../../../electron/${file}`, import.meta.url), 'utf8');

  it('exposes one named API and never ipcRenderer itself', async () => {
    const preload = await source('preload.ts');
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).toContain("exposeInMainWorld('photodose', api)");
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
    expect(preload).toContain('satisfies PreloadApi');
  });

  it('checks the sender before any work and loads no file:// page', async () => {
    const main = await source('main.ts');
    const handler = main.slice(main.indexOf('ipcMain.handle('));
    expect(handler.indexOf('isTrustedSender(')).toBeLessThan(handler.indexOf('dispatch('));
    expect(main).not.toMatch(/loadFile\(|file:\/\//);
    expect(main).toContain('app.enableSandbox()');
  });

  it('denies new windows, webviews, foreign navigation and permissions', async () => {
    const security = await source('security.ts');
    expect(security).toContain("setWindowOpenHandler(() => ({ action: 'deny' }))");
    expect(security).toContain("'will-attach-webview'");
    expect(security).toContain("'will-navigate'");
    expect(security).toContain('setPermissionRequestHandler');
  });
});
