import { app, BrowserWindow, dialog, ipcMain, net, protocol, session } from 'electron';
import { join } from 'node:path';
import { IPC_EVENT, IPC_INVOKE } from '../src/contract/transport';
import { dispatch } from '../services/host/dispatch';
import { createHost } from '../services/host/create-host';
import { hardenApp } from './security';
import { APP_ORIGIN, windowOptions } from './trust';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { createInvokeHandler } from './ipc';
import { loadAppLab, refuseToStart } from './lab';

// Checklist 4: sandbox every renderer, before anything else starts.
app.enableSandbox();
registerAppScheme(protocol);
void hardenApp(app, () => session.defaultSession);

const log = (line: string) => console.log(`[photodose] ${line}`);

async function start() {
  await app.whenReady();
  // Before any window: a packaged app with the demonstration lab, or without a lab, must not take orders.
  const lab = await loadAppLab({
    packaged: app.isPackaged,
    appPath: app.getAppPath(),
    env: process.env,
  });
  if (!lab.ok) {
    return refuseToStart(lab.refusal, {
      preferredLanguages: app.getPreferredSystemLanguages(),
      showErrorBox: (title, content) => dialog.showErrorBox(title, content),
      exit: (code) => app.exit(code),
      log,
    });
  }
  serveRenderer(protocol, join(import.meta.dirname, '../renderer'), (url) => net.fetch(url));
  const host = createHost({
    version: app.getVersion(),
    transport: 'electron',
    lab: lab.config,
    log,
  });

  ipcMain.handle(
    IPC_INVOKE,
    createInvokeHandler((name, args) => dispatch(host.services, name, args, log), log),
  );

  const window = new BrowserWindow(
    windowOptions(join(import.meta.dirname, '../preload/preload.cjs')),
  );
  host.events.subscribe((name, payload) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENT, name, payload);
  });
  window.once('ready-to-show', () => window.show());
  await window.loadURL(`${APP_ORIGIN}/index.html`);
}

app.on('window-all-closed', () => app.quit());
start().catch((error: unknown) => {
  log(`start failed: ${String(error)}`);
  app.exit(1);
});
