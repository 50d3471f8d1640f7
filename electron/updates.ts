import type { InstallUpdateResult, UpdateState } from '../src/contract/desktop';

/**
 * The parts of electron-updater's AppUpdater the app uses: its `autoUpdater` (and, in the tests,
 * an NsisUpdater on a local feed) satisfies it.
 */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<{ downloadPromise?: Promise<unknown> | null } | null>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-available', listener: (info: { version: string }) => void): unknown;
  on(event: 'update-not-available', listener: () => void): unknown;
  on(
    event: 'download-progress',
    listener: (progress: { percent: number; bytesPerSecond: number }) => void,
  ): unknown;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface UpdateDeps {
  /** The lab's update feed (generic provider: `latest.yml` and the installers beside it). */
  feedUrl: string;
  /** Tells every window (an `app.update` event). */
  announce(state: UpdateState): void;
  /** Whether an order is on its way to the lab: installing would cut it off. */
  orderRunning(): Promise<boolean>;
  log(line: string): void;
}

/**
 * Signed updates from the lab's own server: found and downloaded in the background, shown to the
 * customer with their progress, installed only when the customer says so ("restart to install"),
 * and never while an order is uploading. electron-updater checks the download's SHA-512 against
 * the feed and, on Windows, the installer's signature against the publisher named in
 * electron-builder.yml, and refuses either mismatch.
 */
export class UpdateFlow {
  private current: UpdateState = { state: 'idle' };

  constructor(
    private readonly updater: Updater,
    private readonly deps: UpdateDeps,
  ) {
    updater.autoDownload = true;
    // Quitting installs a downloaded update unless an order is still going (allowInstallOnQuit).
    updater.autoInstallOnAppQuit = true;
    updater.setFeedURL({ provider: 'generic', url: deps.feedUrl });
    updater.on('update-available', ({ version }) =>
      this.set({ state: 'downloading', version, percent: 0, bytesPerSecond: 0 }),
    );
    updater.on('update-not-available', () => this.set({ state: 'idle' }));
    updater.on('download-progress', ({ percent, bytesPerSecond }) => {
      if (this.current.state === 'downloading') {
        this.set({ ...this.current, percent: Math.floor(percent), bytesPerSecond });
      }
    });
    updater.on('update-downloaded', ({ version }) => this.set({ state: 'ready', version }));
    updater.on('error', (error) => {
      deps.log(`update failed: ${error.message}`);
      // A failed check is not the customer's business: the next one tries again.
      if (this.current.state === 'downloading') this.set({ state: 'idle' });
    });
  }

  status(): UpdateState {
    return this.current;
  }

  /** Looks for an update now; a failure is logged, never thrown at the app. */
  async check(): Promise<void> {
    try {
      const found = await this.updater.checkForUpdates();
      // A refused download (a wrong SHA-512, a cut connection) arrives as an 'error' event too.
      found?.downloadPromise?.catch(() => {});
    } catch (error) {
      this.deps.log(`update check failed: ${String(error)}`);
    }
  }

  /** "Restart to install": refused while an order is uploading, which a restart would interrupt. */
  async install(): Promise<InstallUpdateResult> {
    if (this.current.state !== 'ready') return { started: false, reason: 'not-ready' };
    if (await this.deps.orderRunning()) return { started: false, reason: 'order-running' };
    this.updater.quitAndInstall(false, true);
    return { started: true };
  }

  /**
   * Whether quitting may install the downloaded update: not while an order is still going, which
   * then keeps the old version until the next quit. Asked before the app quits.
   */
  async allowInstallOnQuit(): Promise<void> {
    this.updater.autoInstallOnAppQuit = !(await this.deps.orderRunning());
  }

  private set(state: UpdateState) {
    this.current = state;
    this.deps.announce(state);
  }
}
