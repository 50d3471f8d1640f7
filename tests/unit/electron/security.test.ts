import { describe, expect, it, vi } from 'vitest';
import { hardenApp } from '../../../electron/security';
import { APP_ORIGIN } from '../../../electron/trust';
import { FakeApp, FakeSession, permissions } from './fake-electron';

/**
 * The hardening is driven through `hardenApp`, as main.ts calls it, with
 * fakes for app, session and web contents (Electron can't run here): a
 * test fires the event Electron would fire and looks at what was decided.
 */
async function hardenedApp() {
  const app = new FakeApp();
  const session = new FakeSession();
  const done = hardenApp(app, () => session);
  app.becomeReady();
  await done;
  return { app, session, contents: app.createWebContents() };
}

const foreign = [
  'https://evil.example/',
  'http://127.0.0.1:5173/',
  'file:///etc/passwd',
  'app://photodose.evil/index.html',
  'javascript:alert(1)',
  'not a url',
];

describe('every web contents the app creates', () => {
  for (const event of ['will-navigate', 'will-redirect']) {
    it(`cancels ${event} to a foreign URL`, async () => {
      const { contents } = await hardenedApp();
      for (const url of foreign) expect(contents.emit(event, url), url).toBe(true);
    });

    it(`lets ${event} stay inside the app`, async () => {
      const { contents } = await hardenedApp();
      expect(contents.emit(event, `${APP_ORIGIN}/index.html`)).toBe(false);
      expect(contents.emit(event, `${APP_ORIGIN}/index.html#/checkout`)).toBe(false);
    });
  }

  it('refuses to attach a webview', async () => {
    const { contents } = await hardenedApp();
    expect(contents.emit('will-attach-webview')).toBe(true);
  });

  it('denies every new window', async () => {
    const { contents } = await hardenedApp();
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
  });

  it("opens only the lab's own pages, in the system's browser", async () => {
    const app = new FakeApp();
    const opened: string[] = [];
    const terms = 'https://photodose.example/agb';
    const allowed = new Set([terms, 'http://photodose.example/plain']);
    const done = hardenApp(app, () => new FakeSession(), { allowed, open: (u) => opened.push(u) });
    app.becomeReady();
    await done;
    const contents = app.createWebContents();
    for (const url of [terms, 'https://evil.example/', 'http://photodose.example/plain']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual([terms]);
  });

  it('hardens each web contents, not only the first', async () => {
    const { app } = await hardenedApp();
    const second = app.createWebContents();
    expect(second.emit('will-navigate', 'https://evil.example/')).toBe(true);
    expect(second.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
  });
});

describe('the default session', () => {
  it('is left alone until the app is ready (Electron has no session before)', async () => {
    const app = new FakeApp();
    const session = vi.fn(() => new FakeSession());
    const done = hardenApp(app, session);
    await Promise.resolve();
    expect(session).not.toHaveBeenCalled();
    app.becomeReady();
    await done;
    expect(session).toHaveBeenCalledOnce();
  });

  it('denies every permission request', async () => {
    const { session } = await hardenedApp();
    expect(session.request).toBeDefined();
    for (const permission of permissions) {
      const callback = vi.fn();
      session.request?.({}, permission, callback);
      expect(callback, permission).toHaveBeenCalledExactlyOnceWith(false);
    }
  });

  it('answers every permission and device check with no', async () => {
    const { session } = await hardenedApp();
    expect(session.check).toBeDefined();
    for (const permission of permissions) {
      expect(session.check?.({}, permission), permission).toBe(false);
    }
    expect(session.device?.({ deviceType: 'usb', origin: APP_ORIGIN })).toBe(false);
  });
});
