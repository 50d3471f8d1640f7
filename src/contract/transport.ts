import type { HostErrorBody } from './host';

/** What a transport hands back for one request: a result or a coded error. */
export type InvokeReply = { ok: true; result: unknown } | { ok: false; error: HostErrorBody };

/**
 * The one object Electron's preload exposes on `window.photodose`. Narrow on
 * purpose: no ipcRenderer, no channels chosen by the page.
 */
export interface PreloadApi<FileLike = unknown> {
  invoke(name: string, args: unknown): Promise<InvokeReply>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
  /** The path of a file the user dropped or picked; never the file's contents. */
  pathForFile(file: FileLike): string;
}

/** IPC channel names, shared by main and preload so they cannot drift apart. */
export const IPC_INVOKE = 'photodose:invoke';
export const IPC_EVENT = 'photodose:event';
