import { isAppUrl } from './trust';

/** An Electron event whose default the handler may cancel. */
export interface CancellableEvent {
  preventDefault(): void;
}

/** Electron's navigation events carry the target in `url` (the positional argument is deprecated). */
export interface NavigationEvent extends CancellableEvent {
  readonly url: string;
}

/** The parts of a WebContents the hardening touches; Electron's WebContents satisfies it. */
export interface HardenableContents {
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: CancellableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** The parts of a Session that decide permissions; Electron's Session satisfies it. */
export interface PermissionGate {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
}

/** The parts of Electron's `app` the hardening hooks into. */
export interface HardenableApp {
  on(
    event: 'web-contents-created',
    listener: (event: unknown, contents: HardenableContents) => void,
  ): unknown;
  whenReady(): Promise<unknown>;
}

/** Navigation and redirects may stay inside the app; anything else is cancelled (checklist 13). */
export function keepNavigationInApp(event: NavigationEvent): void {
  if (!isAppUrl(event.url)) event.preventDefault();
}

/**
 * Links the app may hand to the system's browser: exactly the lab's own pages a customer must be
 * able to read (terms, privacy statement), set by main once the lab is known. Nothing else.
 */
export interface ExternalLinks {
  allowed: ReadonlySet<string>;
  open(url: string): void;
}

/**
 * The app opens no second window, whatever the page asks (checklist 15). A link to one of the
 * lab's own pages opens in the system's browser instead (checklist 16: only listed https URLs).
 */
export function denyNewWindow(links?: ExternalLinks) {
  return ({ url }: { url: string }): { action: 'deny' } => {
    if (links?.allowed.has(url) && url.startsWith('https://')) links.open(url);
    return { action: 'deny' };
  };
}

/**
 * The photo designer needs no camera, microphone, location, notifications,
 * clipboard reads or devices: every request and check is refused (checklist 5).
 */
export function denyPermissionRequest(
  _contents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void {
  callback(false);
}

export function denyPermissionCheck(_contents: unknown, _permission: string): boolean {
  return false;
}

export function denyDevicePermission(_details: unknown): boolean {
  return false;
}

/** Hardening for one web contents: navigation, redirects, webviews, new windows (checklist 12-15). */
export function hardenWebContents(contents: HardenableContents, links?: ExternalLinks): void {
  contents.on('will-navigate', keepNavigationInApp);
  contents.on('will-redirect', keepNavigationInApp);
  // webviewTag is off already; this refuses one even if a preference slipped (checklist 12).
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(denyNewWindow(links));
}

/** Refuses every permission in a session, including devices (HID, serial, USB). */
export function denyAllPermissions(session: PermissionGate): void {
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
  session.setDevicePermissionHandler(denyDevicePermission);
}

/**
 * Hooks the hardening into the app: every web contents as it is created, and
 * the default session's permissions once the app is ready (a session exists
 * only then). Resolves when both are in place.
 */
export async function hardenApp(
  app: HardenableApp,
  defaultSession: () => PermissionGate,
  links?: ExternalLinks,
): Promise<void> {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, links));
  await app.whenReady();
  denyAllPermissions(defaultSession());
}
