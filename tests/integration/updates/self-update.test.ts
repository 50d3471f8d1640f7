import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as ElectronUpdater from 'electron-updater';
import type * as BuilderUtil from 'builder-util';
import type * as BuilderRuntime from 'builder-util-runtime';
import type { UpdateState } from '../../../src/contract/desktop';
import { UpdateFlow, type Updater } from '../../../electron/updates';

/**
 * electron-updater itself, on a local update feed: Electron's binary can't run here, so its two
 * Electron-only parts are replaced by their plain-Node twins (the app adapter and the HTTP
 * executor); the feed reading, version choice, download and SHA-512 check are electron-updater's
 * own. The Windows signature check runs in the release workflow, on Windows.
 */
const { NsisUpdater } = createRequire(import.meta.url)(
  'electron-updater',
) as typeof ElectronUpdater;
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const { NodeHttpExecutor } = fromBuilder('builder-util') as typeof BuilderUtil;
const runtime = createRequire(createRequire(import.meta.url).resolve('electron-updater'))(
  'builder-util-runtime',
) as typeof BuilderRuntime;

/** Downloads to a file with Node's http, as electron-updater's Electron executor does with net. */
class NodeDownloads extends NodeHttpExecutor {
  download(url: URL, destination: string, options: BuilderRuntime.DownloadOptions) {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const request = { headers: options.headers ?? undefined };
      runtime.configureRequestUrl(url, request);
      runtime.configureRequestOptions(request);
      this.doDownload(
        request,
        {
          destination,
          options,
          onCancel,
          callback: (error) => (error ? reject(error) : resolve(destination)),
          responseHandler: null,
        },
        0,
      );
    });
  }
}

const installer = Buffer.from('MZ pretend NSIS installer '.repeat(40_000));
const sha512 = (bytes: Buffer) => createHash('sha512').update(bytes).digest('base64');

/** The feed electron-builder would publish: latest.yml and the installer beside it. */
function feed(version: string, claimedSha512: string) {
  const name = `Photo-Dose-Setup-${version}.exe`;
  return {
    name,
    yml: [
      `version: ${version}`,
      'files:',
      `  - url: ${name}`,
      `    sha512: ${claimedSha512}`,
      `    size: ${installer.length}`,
      `path: ${name}`,
      `sha512: ${claimedSha512}`,
      "releaseDate: '2026-11-20T10:00:00.000Z'",
      '',
    ].join('\n'),
  };
}

describe('self-update from the lab’s feed', () => {
  let dir: string;
  let server: Server;
  let baseUrl: string;
  let current = feed('1.1.0', sha512(installer));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'updates-'));
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://feed').pathname;
      // The channel file is named after the platform the tests run on (latest-linux.yml here).
      if (/^\/latest(-\w+)?\.yml$/.test(path)) return void res.end(current.yml);
      if (path === `/${current.name}`) return void res.end(installer);
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  /** An installed app of `version`: electron-updater's NsisUpdater with plain-Node parts. */
  async function installedApp(version: string, name: string) {
    const home = join(dir, name);
    await rm(home, { recursive: true, force: true });
    const appUpdateConfigPath = join(dir, `${name}-app-update.yml`);
    await writeFile(
      appUpdateConfigPath,
      `provider: generic\nurl: ${baseUrl}\nupdaterCacheDirName: photodose-updater\n`,
    );
    const updater = new NsisUpdater(null, {
      version,
      name: 'Photo Dose',
      isPackaged: true,
      appUpdateConfigPath,
      userDataPath: home,
      baseCachePath: join(home, 'cache'),
      whenReady: async () => {},
      relaunch: () => {},
      quit: () => {},
      onQuit: () => {},
    });
    Object.assign(updater, { httpExecutor: new NodeDownloads() });
    updater.verifyUpdateCodeSignature = async () => null;
    updater.logger = null;
    const installs: unknown[][] = [];
    // Installing would start the installer: the flow's decision is what is checked.
    updater.quitAndInstall = (...args: unknown[]) => void installs.push(args);
    const pending = () =>
      readdir(join(home, 'cache', 'photodose-updater', 'pending')).catch(() => []);
    return { updater, installs, pending };
  }

  function flow(updater: Updater, orderRunning: () => boolean) {
    const states: UpdateState[] = [];
    const update = new UpdateFlow(updater, {
      feedUrl: baseUrl,
      announce: (state) => states.push(state),
      orderRunning: async () => orderRunning(),
      log: () => {},
    });
    return { update, states };
  }

  it('finds the newer version on the feed and leaves an up-to-date app alone', async () => {
    current = feed('1.1.0', sha512(installer));
    const older = await installedApp('1.0.0', 'older');
    older.updater.autoDownload = false;
    const found = await older.updater.checkForUpdates();
    expect(found?.isUpdateAvailable).toBe(true);
    expect(found?.updateInfo.version).toBe('1.1.0');

    const same = await installedApp('1.1.0', 'same');
    same.updater.autoDownload = false;
    expect((await same.updater.checkForUpdates())?.isUpdateAvailable).toBe(false);
    const newer = await installedApp('2.0.0', 'newer');
    newer.updater.autoDownload = false;
    expect((await newer.updater.checkForUpdates())?.isUpdateAvailable).toBe(false);
  });

  it('downloads and checks the update, shows its progress, installs only when no order is going', async () => {
    current = feed('1.1.0', sha512(installer));
    const app = await installedApp('1.0.0', 'downloads');
    let sending = true;
    const { update, states } = flow(app.updater, () => sending);
    await update.check();
    await expect
      .poll(() => update.status(), { timeout: 20_000 })
      .toEqual({
        state: 'ready',
        version: '1.1.0',
      });
    expect(states[0]).toMatchObject({ state: 'downloading', version: '1.1.0' });
    const saved = await app.pending();
    expect(saved).toContain(current.name);
    const bytes = await readFile(
      join(dir, 'downloads', 'cache', 'photodose-updater', 'pending', current.name),
    );
    expect(bytes.equals(installer)).toBe(true);

    expect(await update.install()).toEqual({ started: false, reason: 'order-running' });
    expect(app.installs).toEqual([]);
    await update.allowInstallOnQuit();
    expect(app.updater.autoInstallOnAppQuit).toBe(false);

    sending = false;
    expect(await update.install()).toEqual({ started: true });
    expect(app.installs).toHaveLength(1);
    await update.allowInstallOnQuit();
    expect(app.updater.autoInstallOnAppQuit).toBe(true);
  });

  it('refuses a download whose SHA-512 is not the feed’s', async () => {
    current = feed('1.2.0', sha512(Buffer.from('a different installer')));
    const app = await installedApp('1.0.0', 'tampered');
    app.updater.autoDownload = false;
    const found = await app.updater.checkForUpdates();
    expect(found?.isUpdateAvailable).toBe(true);
    await expect(app.updater.downloadUpdate()).rejects.toThrow(/sha512 checksum mismatch/);
    expect(await app.pending()).not.toContain(current.name);

    const { update } = flow(app.updater, () => false);
    await update.check();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(update.status().state).not.toBe('ready');
    expect(await update.install()).toEqual({ started: false, reason: 'not-ready' });
  });
});
