import { HostError, type HostServices } from '../../src/contract/host';
import type { LabConfig } from '../../src/lab/lab-config';
import { importPhotos } from '../photos/import';
import { PhotoStore } from '../photos/photo-store';
import { submitOrder } from '../order/submit';
import { BlobStore, type BlobStoreOptions } from './blob-store';
import { EventHub } from './events';

export interface HostOptions {
  version: string;
  transport: 'electron' | 'loopback';
  /** The lab with a reachable server URL (an embedded server already started). */
  lab: Omit<LabConfig, 'serverUrl'> & { serverUrl: string };
  log?: (line: string) => void;
  /** Pauses between upload retries (tests shorten them); the upload's default when absent. */
  uploadRetryDelaysMs?: number[];
  /** Bounds on photo bytes streamed by a browser (tests lower them); safe defaults when absent. */
  blobLimits?: BlobStoreOptions;
}

export interface Host {
  services: HostServices;
  events: EventHub;
  blobs: BlobStore;
  photos: PhotoStore;
}

/**
 * The desktop side's services, the same for Electron and the loopback
 * transport. State is in memory only: photos, blobs, nothing personal kept.
 */
export function createHost(options: HostOptions): Host {
  const events = new EventHub();
  const blobs = new BlobStore(options.blobLimits);
  const photos = new PhotoStore();
  const { lab } = options;

  const services: HostServices = {
    'app.info': async () => ({
      version: options.version,
      transport: options.transport,
      lab: { id: lab.id, name: lab.name, city: lab.city },
    }),
    'photos.import': async ({ sources }) => {
      // A browser has no file paths; a path over the loopback would let a page read any picture on disk.
      if (options.transport === 'loopback' && sources.some((s) => s.kind === 'path')) {
        throw new HostError(
          'invalid-request',
          'photos.import: file paths are accepted only from the desktop app; a browser sends the bytes',
        );
      }
      return importPhotos(sources, {
        blobs,
        store: photos,
        onProgress: (done, total) => events.emit('photos.progress', { done, total }),
      });
    },
    'photos.release': async ({ assetIds }) => ({ released: photos.release(assetIds) }),
    'order.submit': ({ design, customer }) =>
      submitOrder(design, customer, {
        store: photos,
        lab,
        client: { app: 'photodose', version: options.version },
        onProgress: (progress) => events.emit('order.progress', progress),
        log: options.log,
        retryDelaysMs: options.uploadRetryDelaysMs,
      }),
  };
  return { services, events, blobs, photos };
}
