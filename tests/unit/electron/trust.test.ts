import { describe, expect, it } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { APP_ORIGIN, createAppWindow, isAppUrl, isTrustedSender } from '../../../electron/trust';
import { contentSecurityPolicy } from '../../../services/loopback/server';

/** The pure decisions the glue is built on; their use is tested in ipc, security and app-protocol. */
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

  it('isolates the renderer (checklist 2-4, 6, 8-10, 12)', () => {
    let opened: BrowserWindowConstructorOptions | undefined;
    class RecordingWindow {
      constructor(options: BrowserWindowConstructorOptions) {
        opened = options;
      }
    }
    const placement = { x: 10, y: 20, width: 1000, height: 700 };
    createAppWindow(RecordingWindow, '/app/preload.cjs', placement);
    expect(opened).toMatchObject({ ...placement, show: false });
    const prefs = opened!.webPreferences!;
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
      preload: '/app/preload.cjs',
      disableBlinkFeatures: 'Auxclick',
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('sends a strict content security policy (checklist 7)', () => {
    const csp = contentSecurityPolicy(APP_ORIGIN);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
