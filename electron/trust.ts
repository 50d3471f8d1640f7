import type { BrowserWindowConstructorOptions } from 'electron';

/** The app's own origin: served from a custom protocol, never file://. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://photodose`;

/** What main knows of the frame that sent an IPC message. */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/**
 * Only our own top-level page may talk to the host (Electron checklist 17):
 * not a subframe, not a page that somehow navigated elsewhere. Electron's
 * WebFrameMain throws when read after its frame was disposed: that is a
 * refusal too, not a crash of the handler.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  try {
    return !!frame && frame.parent === null && isAppUrl(frame.url);
  } catch {
    return false;
  }
}

/**
 * Navigation is allowed only within the app's own origin. Compared by scheme
 * and host: Node's URL gives custom schemes an opaque origin ("null").
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'photodose';
  } catch {
    return false;
  }
}

/** Where and how big the window opens (electron/window-state.ts decides). */
export interface WindowPlacement {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

/** The size the window opens at the first time, before the customer resizes it. */
export const DEFAULT_WINDOW = { width: 1280, height: 860 };

/**
 * Opens the app's window with the checklist's isolation items, in one reviewable place. The
 * constructor is handed in (main passes Electron's BrowserWindow; tests record the options) and
 * the preferences are written out in the call itself, so Electronegativity's static checks
 * (`npm run lint:electron`) can read them.
 */
export function createAppWindow<W>(
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W,
  preload: string,
  placement: WindowPlacement,
): W {
  return new BrowserWindow({
    ...placement,
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // A middle click must not open a link in a new window (new windows are refused anyway).
      disableBlinkFeatures: 'Auxclick',
    },
  });
}
