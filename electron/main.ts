import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  protocol,
  screen,
  session,
  shell,
} from 'electron';
import { join } from 'node:path';
import { OpenedFiles } from '../services/host/opened-files';
import { pickLocale } from '../src/i18n/pick-locale';
import electronUpdater from 'electron-updater';
import { createDesktopShell } from './desktop-shell';
import { UpdateFlow } from './updates';
import { claimSingleInstance } from './single-instance';
import { boundsToOpen, readWindowState, writeWindowState } from './window-state';
import { IPC_EVENT, IPC_INVOKE } from '../src/contract/transport';
import { dispatch } from '../services/host/dispatch';
import { createHost } from '../services/host/create-host';
import { osKeychain } from '../services/keychain/secret-store';
import { hardenApp } from './security';
import { APP_ORIGIN, createAppWindow, DEFAULT_WINDOW } from './trust';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { createInvokeHandler } from './ipc';
import { loadAppLab, refuseToStart } from './lab';
import { labCheckout } from '../src/lab/lab-config';

// Checklist 4: sandbox every renderer, before anything else starts.
app.enableSandbox();
registerAppScheme(protocol);
// The lab's terms and privacy statement open in the system's browser; filled once the lab is read.
const labPages = new Set<string>();
// The one way out to the system's browser: hardenApp and the Help menu hand it listed pages only.
const openLabPage = (url: string) => {
  if (labPages.has(url)) void shell.openExternal(url);
};
void hardenApp(app, () => session.defaultSession, {
  allowed: labPages,
  open: openLabPage,
});

const log = (line: string) => console.log(`[photodose] ${line}`);

// One app at a time: a second start (a double-clicked project) hands its file over and quits.
let window: BrowserWindow | undefined;
let announceOpened = () => {};
const opened = new OpenedFiles(() => announceOpened());
const firstInstance = claimSingleInstance(app, process.argv, {
  open: (path, cwd) => opened.add(path, cwd),
  focus: () => {
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  },
});
/** How often a running app looks for an update besides at start. */
const UPDATE_CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000;
const windowStateFile = () => join(app.getPath('userData'), 'window-state.json');

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
  const { termsUrl, privacyUrl } = labCheckout(lab.config);
  // The white-label lab's support page too (Help, Support in the menu bar).
  const supportUrl = lab.config.support?.url;
  for (const page of [termsUrl, privacyUrl, supportUrl]) if (page) labPages.add(page);
  serveRenderer(protocol, join(import.meta.dirname, '../renderer'), (url) => net.fetch(url));
  // Updates only in an installed app with the lab's update feed; `npm start` never updates itself.
  const updateUrl = lab.config.updateUrl;
  const updates =
    app.isPackaged && updateUrl
      ? new UpdateFlow(electronUpdater.autoUpdater, {
          feedUrl: updateUrl,
          announce: (state) => host.events.emit('app.update', state),
          orderRunning: async () => (await host.services['order.status']({})).state === 'sending',
          log,
        })
      : undefined;
  const host = createHost({
    version: app.getVersion(),
    transport: 'electron',
    lab: lab.config,
    log,
    // A running order's resume secrets: an order survives the app being closed (issue 9).
    keychain: osKeychain(),
    // Support's File, Open order: a pulled order's folder, shown read-only (issue 11).
    support: {
      pickOrderFolder: async () => {
        const options: Electron.OpenDialogOptions = { properties: ['openDirectory'] };
        const picked = window
          ? await dialog.showOpenDialog(window, options)
          : await dialog.showOpenDialog(options);
        return picked.canceled ? undefined : picked.filePaths[0];
      },
    },
    // Orders on a medium (issue 9): the customer picks the stick or folder.
    pickExportFolder: async () => {
      const options: Electron.OpenDialogOptions = {
        properties: ['openDirectory', 'createDirectory'],
      };
      const picked = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
      return picked.canceled ? undefined : picked.filePaths[0];
    },
    desktop: createDesktopShell(
      {
        Menu,
        showMessageBox: (parent, options) =>
          parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options),
        platform: process.platform,
        appName: app.getName(),
        version: app.getVersion(),
        lab: lab.config,
        openSupport: supportUrl ? () => openLabPage(supportUrl) : undefined,
        runCommand: (id) => host.events.emit('app.command', { id }),
        window: () => window,
        opened,
        updates,
      },
      pickLocale(app.getPreferredSystemLanguages()),
    ),
  });
  announceOpened = () => host.events.emit('app.fileOpened', {});
  if (updates) {
    // Decided while the customer looks at the window, since before-quit can't wait for an answer.
    host.events.subscribe((name) => {
      if (name === 'order.progress' || name === 'order.failed') void updates.allowInstallOnQuit();
    });
    void updates.check();
    setInterval(() => void updates.check(), UPDATE_CHECK_INTERVAL_MS).unref();
  }

  ipcMain.handle(
    IPC_INVOKE,
    createInvokeHandler((name, args) => dispatch(host.services, name, args, log), log),
  );

  const { maximized, ...placement } = boundsToOpen(
    await readWindowState(windowStateFile()),
    screen.getAllDisplays().map((display) => display.workArea),
    DEFAULT_WINDOW,
  );
  const preload = join(import.meta.dirname, '../preload/preload.cjs');
  const shown = createAppWindow(BrowserWindow, preload, placement);
  window = shown;
  host.events.subscribe((name, payload) => {
    if (!shown.isDestroyed()) shown.webContents.send(IPC_EVENT, name, payload);
  });
  shown.on('close', () => {
    const state = { ...shown.getNormalBounds(), maximized: shown.isMaximized() };
    try {
      writeWindowState(windowStateFile(), state);
    } catch (error) {
      log(`window state not saved: ${String(error)}`);
    }
  });
  shown.once('ready-to-show', () => {
    if (maximized) shown.maximize();
    shown.show();
  });
  await shown.loadURL(`${APP_ORIGIN}/index.html`);
}

app.on('window-all-closed', () => app.quit());
if (firstInstance) {
  start().catch((error: unknown) => {
    log(`start failed: ${String(error)}`);
    app.exit(1);
  });
}
