import { contextBridge, ipcRenderer, webUtils } from 'electron';
import {
  IPC_EVENT,
  IPC_INVOKE,
  type InvokeReply,
  type PreloadApi,
} from '../src/contract/transport';

/**
 * The page gets one narrow object, never ipcRenderer itself: it can make
 * contract requests, hear host events, and ask for a dropped file's path.
 */
const api = {
  invoke: (name: string, args: unknown) =>
    ipcRenderer.invoke(IPC_INVOKE, name, args) as Promise<InvokeReply>,
  onEvent: (listener: (name: string, payload: unknown) => void) => {
    const relay = (_event: Electron.IpcRendererEvent, name: string, payload: unknown) =>
      listener(name, payload);
    ipcRenderer.on(IPC_EVENT, relay);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, relay);
    };
  },
  pathForFile: (file: File) => webUtils.getPathForFile(file),
} satisfies PreloadApi<File>;

contextBridge.exposeInMainWorld('photodose', api);
