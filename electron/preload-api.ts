import {
  IPC_EVENT,
  IPC_INVOKE,
  type InvokeReply,
  type PreloadApi,
} from '../src/contract/transport';

/** An event listener as ipcRenderer calls it: its event object first. */
type IpcListener = (event: unknown, ...args: unknown[]) => void;

/** The parts of ipcRenderer the page's API uses; Electron's ipcRenderer satisfies it. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

/**
 * The one object the page gets, never ipcRenderer itself: it can make
 * contract requests on the one invoke channel, hear host events without
 * Electron's event object (whose `sender` reaches back into IPC), and ask for
 * a dropped file's path.
 */
export function createPreloadApi<FileLike>(
  ipc: RendererIpc,
  pathForFile: (file: FileLike) => string,
): PreloadApi<FileLike> {
  return {
    invoke: (name, args) => ipc.invoke(IPC_INVOKE, name, args) as Promise<InvokeReply>,
    onEvent: (listener) => {
      const relay: IpcListener = (_event, name, payload) => listener(String(name), payload);
      ipc.on(IPC_EVENT, relay);
      return () => {
        ipc.removeListener(IPC_EVENT, relay);
      };
    },
    pathForFile: (file) => pathForFile(file),
  };
}
