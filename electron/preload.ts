import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createPreloadApi } from './preload-api';

// One exposed object, built and tested in preload-api.ts.
contextBridge.exposeInMainWorld(
  'photodose',
  createPreloadApi<File>(ipcRenderer, (file) => webUtils.getPathForFile(file)),
);
