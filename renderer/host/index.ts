import type { PreloadApi } from '../../src/contract/transport';
import type { HostClient } from './client';
import { createElectronClient } from './electron-client';
import { createLoopbackClient } from './loopback-client';
import { connectLoopbackEvents } from './loopback-events';

declare global {
  interface Window {
    photodose?: PreloadApi<File>;
  }
}

/**
 * Picks the transport once at start-up. In a browser the per-run token
 * arrives in the URL fragment (never sent over the network); it is removed
 * from the address bar at once so it does not end up in history or screenshots.
 */
export function connectHost(): HostClient {
  if (window.photodose) return createElectronClient(window.photodose);
  const params = new URLSearchParams(window.location.hash.slice(1));
  const token = params.get('token') ?? sessionStorage.getItem('photodose.token') ?? '';
  if (params.has('token')) {
    // sessionStorage keeps it across a reload of this tab only; it is gone with the tab.
    sessionStorage.setItem('photodose.token', token);
    history.replaceState(null, '', window.location.pathname);
  }
  const origin = window.location.origin;
  return createLoopbackClient(origin, token, (deliver) =>
    connectLoopbackEvents(origin, token, deliver),
  );
}

export type { HostClient } from './client';
