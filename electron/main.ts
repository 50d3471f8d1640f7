import { app, BrowserWindow, ipcMain, net, protocol, session } from 'electron';
import { join } from 'node:path';
import { IPC_EVENT, IPC_INVOKE } from '../src/contract/transport';
import { dispatch } from '../services/host/dispatch';
import { createHost } from '../services/host/create-host';
import { resolveLab } from '../server/dev-lab';
import { hardenApp } from './security';
import { APP_ORIGIN, windowOptions } from './trust';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { createInvokeHandler } from './ipc';

// Checklist 4: sandbox every renderer, before anything else starts.
app.enableSandbox();
registerAppScheme(protocol);
void hardenApp(app, () => session.defaultSession);

const log = (line: string) => console.log(`[photodose] ${line}`);

async function start() {
  await app.whenReady();
  serveRenderer(protocol, join(import.meta.dirname, '../renderer'), (url) => net.fetch(url));
  const lab = await resolveLab({
    assetsDir: join(app.getAppPath(), 'assets'),
    devDir: join(app.getPath('userData'), 'dev-lab'),
    log,
  });
  app.on('before-quit', () => void lab.close());
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
