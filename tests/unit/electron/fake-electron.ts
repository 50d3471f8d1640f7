import type { Session } from 'electron';
import type {
  HardenableApp,
  HardenableContents,
  NavigationEvent,
  PermissionGate,
} from '../../../electron/security';

/**
 * Stand-ins for the Electron objects the glue hooks into. Electron's binary
 * can't run here, so these record what the glue registers and let a test
 * fire events the way Electron would. Only what the glue calls exists.
 */

/** An Electron event: remembers whether the handler cancelled it. */
export function fakeEvent(url = ''): NavigationEvent & { prevented: () => boolean } {
  let prevented = false;
  return {
    url,
    preventDefault: () => {
      prevented = true;
    },
    prevented: () => prevented,
  };
}

/** Every fake event has a url (empty for webviews), so one listener type fits all three. */
type Listener = (event: NavigationEvent) => void;

export class FakeWebContents implements HardenableContents {
  readonly listeners = new Map<string, Listener[]>();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;

  on(name: string, listener: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  /** Fires an event as Electron does; true when some listener cancelled it. */
  emit(name: string, url = ''): boolean {
    const event = fakeEvent(url);
    for (const listener of this.listeners.get(name) ?? []) listener(event);
    return event.prevented();
  }
}

export class FakeSession implements PermissionGate {
  request: Parameters<PermissionGate['setPermissionRequestHandler']>[0] | undefined;
  check: Parameters<PermissionGate['setPermissionCheckHandler']>[0] | undefined;
  device: Parameters<PermissionGate['setDevicePermissionHandler']>[0] | undefined;

  setPermissionRequestHandler(handler: NonNullable<FakeSession['request']>): void {
    this.request = handler;
  }
  setPermissionCheckHandler(handler: NonNullable<FakeSession['check']>): void {
    this.check = handler;
  }
  setDevicePermissionHandler(handler: NonNullable<FakeSession['device']>): void {
    this.device = handler;
  }
}

export class FakeApp implements HardenableApp {
  private contentsCreated: ((event: unknown, contents: HardenableContents) => void)[] = [];
  private markReady: () => void = () => {};
  private readonly ready = new Promise<void>((resolve) => (this.markReady = resolve));

  on(
    _name: 'web-contents-created',
    listener: (event: unknown, contents: HardenableContents) => void,
  ) {
    this.contentsCreated.push(listener);
    return this;
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
  becomeReady(): void {
    this.markReady();
  }
  createWebContents(): FakeWebContents {
    const contents = new FakeWebContents();
    for (const listener of this.contentsCreated) listener({}, contents);
    return contents;
  }
}

/** Every permission name Electron 45 knows; the Record type makes tsc name any that is missing. */
type Permission = Parameters<NonNullable<Parameters<Session['setPermissionRequestHandler']>[0]>>[1];
const everyPermission: Record<Permission, true> = {
  ar: true,
  'automatic-fullscreen': true,
  'background-fetch': true,
  'background-sync': true,
  'captured-surface-control': true,
  'clipboard-read': true,
  'clipboard-sanitized-write': true,
  'deprecated-sync-clipboard-read': true,
  'display-capture': true,
  fileSystem: true,
  fullscreen: true,
  geolocation: true,
  'geolocation-approximate': true,
  'hand-tracking': true,
  hid: true,
  'idle-detection': true,
  keyboardLock: true,
  'local-fonts': true,
  'local-network': true,
  'local-network-access': true,
  'loopback-network': true,
  media: true,
  mediaKeySystem: true,
  midi: true,
  midiSysex: true,
  nfc: true,
  notifications: true,
  openExternal: true,
  'payment-handler': true,
  'periodic-background-sync': true,
  'persistent-storage': true,
  pointerLock: true,
  'screen-wake-lock': true,
  sensors: true,
  serial: true,
  'smart-card': true,
  'speaker-selection': true,
  'storage-access': true,
  'system-wake-lock': true,
  'top-level-storage-access': true,
  usb: true,
  vr: true,
  'web-app-installation': true,
  'web-printing': true,
  'window-management': true,
  unknown: true,
};
export const permissions = Object.keys(everyPermission) as Permission[];
