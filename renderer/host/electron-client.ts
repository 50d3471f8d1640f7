import type { PreloadApi } from '../../src/contract/transport';
import { EventRouter, unwrapReply, type HostClient } from './client';

/** The host inside Electron: the preload's narrow API, paths instead of bytes. */
export function createElectronClient(api: PreloadApi<File>): HostClient {
  const router = new EventRouter();
  api.onEvent((name, payload) => router.deliver(name, payload));
  return {
    invoke: async (name, args) => unwrapReply(name, await api.invoke(name, args)),
    on: (name, listener) => router.on(name, listener),
    sourcesFor: (files) => files.map((file) => ({ kind: 'path', path: api.pathForFile(file) })),
  };
}
