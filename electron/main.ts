import { app, BrowserWindow, ipcMain } from 'electron';
import { join } from 'node:path';
import { IPC_EVENT, IPC_INVOKE } from '../src/contract/transport';
import { dispatch } from '../services/host/dispatch';
import { createHost } from '../services/host/create-host';
import { resolveLab } from '../server/dev-lab';
import { hardenApp } from './security';
import { APP_ORIGIN, isTrustedSender, windowOptions } from './trust';
import { registerAppScheme, serveRenderer } from './app-protocol';

// Checklist 4: sandbox every renderer, before anything else starts.
app.enableSandbox();
registerAppScheme();
hardenApp();

const log = (line: string) => console.log(`[photodose] ${line}`);

async function start() {
  await app.whenReady();
  serveRenderer(join(import.meta.dirname, '../renderer'));
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

  ipcMain.handle(IPC_INVOKE, async (event, name: unknown, args: unknown) => {
    if (!isTrustedSender(event.senderFrame)) {
      return { ok: false, error: { code: 'unauthorized', message: 'untrusted sender' } };
    }
    const outcome = await dispatch(host.services, String(name), args, log);
    return outcome.ok ? outcome : { ok: false, error: outcome.error };
  });

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
