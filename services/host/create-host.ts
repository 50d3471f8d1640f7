import { HostError, type HostServices } from '../../src/contract/host';
import { labCheckout, type LabConfig } from '../../src/lab/lab-config';
import type { Catalog } from '../../src/catalog/catalog';
import { importPhotos } from '../photos/import';
import { PhotoStore } from '../photos/photo-store';
import { locatePhotos } from '../photos/locate';
import { pictureFolders } from '../photos/picture-folders';
import { OrderRunner } from '../order/order-runner';
import { PendingOrderStore } from '../order/pending-order';
import type { SecretStore } from '../keychain/secret-store';
import { orderUploadSizes } from '../order/upload-size';
import { createOrderExport } from '../order/export-service';
import { lookupStatus } from '../order-status/lookup';
import { BrowserFiles, type BrowserFileLimits } from './browser-files';
import { EventHub } from './events';
import { createSupportDesk, type SupportOptions } from '../support/support-desk';
import type {
  DesktopMenu,
  InstallUpdateResult,
  OpenedProjectFile,
  UpdateState,
} from '../../src/contract/desktop';

/** What only the desktop app's main process can do for the window (absent in a browser). */
export interface DesktopShell {
  setMenu(menu: DesktopMenu): void;
  takeOpenedFile(): Promise<OpenedProjectFile | null>;
  /** Updates from the lab's feed, in a packaged app with an update URL. */
  updates?: { status(): UpdateState; install(): Promise<InstallUpdateResult> };
}

export interface HostOptions {
  version: string;
  transport: 'electron' | 'loopback';
  /** The lab with a reachable server URL (an embedded server already started). */
  lab: Omit<LabConfig, 'serverUrl'> & { serverUrl: string };
  /** The white-label lab's catalog (services/lab/lab-folder.ts); the bundled one when absent. */
  catalog?: Catalog;
  log?: (line: string) => void;
  /** Pauses between upload retries (tests shorten them); the upload's default when absent. */
  uploadRetryDelaysMs?: number[];
  /** Pauses before an order is sent again after the connection was lost (tests shorten them). */
  orderRetryDelaysMs?: number[];
  /** An upload request that makes no progress this long is aborted and resumed; 30 s. */
  uploadStallMs?: number;
  /** The desktop app's folder dialog for saving an order to a medium (order.export). */
  pickExportFolder?: () => Promise<string | undefined>;
  /** Bounds on photo bytes a browser sends (tests lower them); safe defaults when absent. */
  browserFileLimits?: Partial<BrowserFileLimits>;
  /** Support's read-only view of pulled orders (issue 11); without it no order is open. */
  support?: SupportOptions;
  /** The desktop app's menus and opened files; a browser has neither. */
  desktop?: DesktopShell;
  /**
   * The OS keychain (services/keychain): with it a running order survives the app being closed,
   * and an order found there is resumed on start. Without it (tests), only while the host runs.
   */
  keychain?: SecretStore;
}

export interface Host {
  services: HostServices;
  events: EventHub;
  browserFiles: BrowserFiles;
  photos: PhotoStore;
  orders: OrderRunner;
}

/**
 * The desktop side's services, the same for Electron and the loopback
 * transport. State is in memory only: where photos are and their thumbnails,
 * nothing personal kept.
 */
export function createHost(options: HostOptions): Host {
  const events = new EventHub();
  const browserFiles = new BrowserFiles({
    ...options.browserFileLimits,
    announce: (requestId, fileId) => events.emit('photos.bytesWanted', { requestId, fileId }),
    listening: () => events.listening,
    listeners: () => events.listenerCount,
  });
  const photos = new PhotoStore((fileId) => browserFiles.ask(fileId));
  const imports = new Map<string, AbortController>();
  const orders = new OrderRunner({
    store: photos,
    lab: options.lab,
    catalog: options.catalog,
    client: { app: 'photodose', version: options.version },
    onProgress: (progress) => events.emit('order.progress', progress),
    onFailed: (failure) => events.emit('order.failed', failure),
    log: options.log,
    retryDelaysMs: options.orderRetryDelaysMs,
    uploadRetryDelaysMs: options.uploadRetryDelaysMs,
    stallTimeoutMs: options.uploadStallMs,
    // The lab configuration's pins of its server's key (TLS itself is always verified).
    trust: { pins: options.lab.serverPins },
    pending: options.keychain && new PendingOrderStore(options.keychain),
  });
  // An order the app was sending when it was closed goes on (keychain only).
  void orders.resumePending();
  const { lab } = options;

  const services: HostServices = {
    'app.menu': async (menu) => {
      options.desktop?.setMenu(menu);
      return {};
    },
    'app.takeOpenedFile': async () => ({
      file: (await options.desktop?.takeOpenedFile()) ?? null,
    }),
    'app.updateStatus': async () => options.desktop?.updates?.status() ?? { state: 'idle' },
    'app.installUpdate': async () =>
      options.desktop?.updates?.install() ?? { started: false, reason: 'not-ready' },
    'app.info': async () => ({
      version: options.version,
      transport: options.transport,
      lab: { id: lab.id, name: lab.name, city: lab.city, checkout: labCheckout(lab) },
    }),
    'photos.import': async ({ importId, sources }) => {
      // A browser has no file paths; a path over the loopback would let a page read any picture on disk.
      if (options.transport === 'loopback' && sources.some((s) => s.kind === 'path')) {
        throw new HostError(
          'invalid-request',
          'photos.import: file paths are accepted only from the desktop app; a browser keeps its files',
        );
      }
      if (imports.has(importId)) {
        throw new HostError('invalid-request', 'photos.import: this import is running already');
      }
      const control = new AbortController();
      imports.set(importId, control);
      try {
        return await importPhotos(sources, {
          store: photos,
          browser: browserFiles,
          maxBytes: browserFiles.limits.maxFileBytes,
          signal: control.signal,
          onPhoto: (photo) => events.emit('photos.imported', { importId, photo }),
          onProgress: (done, total) => events.emit('photos.progress', { importId, done, total }),
        });
      } finally {
        imports.delete(importId);
      }
    },
    'photos.cancel': async ({ importId }) => {
      const control = imports.get(importId);
      control?.abort();
      return { cancelled: control !== undefined };
    },
    'photos.thumbnail': async ({ assetId }) => {
      const thumbnail = photos.thumbnail(assetId);
      if (!thumbnail) throw new HostError('photo-missing', `no photo ${assetId} in this session`);
      return thumbnail;
    },
    'photos.unavailable': async ({ requestId, reason }) => {
      browserFiles.refuse(requestId, reason);
      return {};
    },
    'photos.release': async ({ assetIds }) => ({ released: photos.release(assetIds) }),
    'photos.locate': async ({ photos: wanted }) => {
      // Searching folders is the desktop's: a browser page picks the folder itself.
      if (options.transport === 'loopback') {
        throw new HostError(
          'invalid-request',
          'photos.locate: only the desktop app searches folders',
        );
      }
      const result = await locatePhotos(wanted, {
        pictureFolders: pictureFolders(),
        onProgress: (progress) => events.emit('photos.locateProgress', progress),
      });
      return {
        found: [...result.found].map(([assetId, path]) => ({ assetId, path })),
        missing: result.missing,
        limitReached: result.limitReached,
      };
    },
    'photos.locations': async ({ assetIds }) => {
      const locations: Record<string, string> = {};
      for (const assetId of assetIds) {
        const bytes = photos.get(assetId)?.bytes;
        if (bytes?.kind === 'path') locations[assetId] = bytes.path;
      }
      return { locations };
    },
    'order.submit': ({ design, customer, send }) => orders.submit(design, customer, send),
    'order.status': () => orders.currentAfterStart(),
    'order.retry': async () => ({ retrying: orders.retry() }),
    'order.forget': async () => {
      await orders.forget();
      return {};
    },
    'order.supplyPhotos': async ({ sources }) => {
      // As for imports: a page over the loopback may not name files on disk.
      if (options.transport === 'loopback' && sources.some((s) => s.kind === 'path')) {
        throw new HostError(
          'invalid-request',
          'order.supplyPhotos: file paths are accepted only from the desktop app',
        );
      }
      return orders.supplyPhotos(sources);
    },
    'order.uploadSize': async ({ design, customer }) =>
      orderUploadSizes(
        design,
        {
          store: photos,
          lab,
          catalog: options.catalog,
          client: { app: 'photodose', version: options.version },
        },
        customer,
      ),
    'order.lookupStatus': (args) =>
      lookupStatus(args, { serverUrl: lab.serverUrl, trust: { pins: lab.serverPins } }),
    // Orders on a medium: the same encrypted package, written to a folder.
    ...createOrderExport({
      transport: options.transport,
      events,
      pickFolder: options.pickExportFolder,
      store: photos,
      lab,
      catalog: options.catalog,
      client: { app: 'photodose', version: options.version },
      log: options.log,
    }),
    ...createSupportDesk(options.support ?? {}, photos, options.transport),
  };
  return { services, events, browserFiles, photos, orders };
}
