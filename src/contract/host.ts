import { z } from 'zod';
import { PhotoAsset } from '../model/book';
import { Design } from '../model/design';
import { DesktopMenu, InstallUpdateResult, OpenedProjectFile, UpdateState } from './desktop';
import { Customer } from '../order/customer';
import { LabCheckout } from '../lab/checkout-config';
import { OrderStatusReply } from './order-status';
import { locationProblem } from '../project/locations';
import { firstIssue } from '../validation';

/**
 * The host contract: every request the renderer makes of the desktop side,
 * with schemas for arguments and results. Both transports (Electron IPC and
 * the loopback endpoint) validate against this one map before any work.
 */

/** Ids the renderer makes for an import or a picked file: random, URL-safe, never a name. */
const RendererId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

/**
 * Where a photo comes from. The desktop app passes the path of the customer's file and the host
 * reads it when it needs the bytes. A browser keeps its `File` and passes an id: the host asks for
 * the bytes with a `photos.bytesWanted` event whenever it needs them (import, print-ready image,
 * upload) and holds them only while it works on them, never for the session.
 */
export const PhotoSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: z.string().min(1).max(4096) }),
  z.object({
    kind: z.literal('file'),
    fileId: RendererId,
    name: z.string().min(1).max(255),
    size: z.number().int().nonnegative(),
  }),
]);
export type PhotoSource = z.infer<typeof PhotoSource>;

export const ImportedPhoto = z.object({
  asset: PhotoAsset,
  /** A small preview made in memory, never written to disk; its JPEG comes from `photos.thumbnail`. */
  thumbnail: z.object({ widthPx: z.number().int(), heightPx: z.number().int() }),
  /** When it was taken, by the camera's clock (`2024-05-01T12:34:56`, an offset where known). */
  takenAt: z.string().max(40).optional(),
  /** The camera's make and model from EXIF. */
  camera: z.string().max(200).optional(),
});
export type ImportedPhoto = z.infer<typeof ImportedPhoto>;

/** A file that could not be imported, with a reason the customer can act on. */
export const ImportFailure = z.object({
  name: z.string(),
  code: z.enum([
    /** A known image format, but the data is broken or cut short. */
    'damaged',
    /** No image format at all (a document, a video, random bytes). */
    'not-an-image',
    /** An image format the lab can't print from (RAW, PSD, BMP, SVG, JPEG XL...). */
    'unsupported',
    /** More pixels than any camera makes: refused before decoding. */
    'too-many-pixels',
    /** A file of zero bytes. */
    'empty',
    /** The file exists but can't be read (permissions, a folder, an I/O error). */
    'unreadable',
    /** More bytes than a photo can have. */
    'too-large',
    /** The file or upload is gone. */
    'missing',
  ]),
  detail: z.string(),
});
export type ImportFailure = z.infer<typeof ImportFailure>;

/** What an order sends for its photos (services/order/submit.ts). */
export const SendChoice = z.enum(['print-ready', 'originals']);
export type SendChoice = z.infer<typeof SendChoice>;

/**
 * How far the running order is. `waiting`: the connection is gone and the host tries again at
 * `retryAt` (ms since the epoch) by itself, for as long as the app is open; `lastError` says why.
 */
export const OrderProgress = z.object({
  phase: z.enum(['preparing', 'uploading', 'waiting', 'committing', 'done']),
  sentBytes: z.number(),
  totalBytes: z.number(),
  /** The lab's order number, once the server gave one. */
  orderId: z.string().optional(),
  retryAt: z.number().optional(),
  lastError: z.string().optional(),
});
export type OrderProgress = z.infer<typeof OrderProgress>;

/**
 * A photo the running order can't go on without (resume): `missing` (its file, or the window
 * that held it, is gone), `unreadable`, or `changed` since it was added. The customer picks it
 * again (`order.supplyPhotos`) and the same order continues.
 */
export const NeededPhoto = z.object({
  assetId: z.string(),
  name: z.string(),
  byteSize: z.number().int().nonnegative(),
  problem: z.enum(['missing', 'unreadable', 'changed']),
});
export type NeededPhoto = z.infer<typeof NeededPhoto>;

/**
 * An order the app was sending when it was closed, found on the next start and not resumable:
 * `closed-early`, closed before its manifest (the only place the customer's details are) got
 * through, so nothing was ordered; `lab-changed`, the lab's server or key changed since. The
 * customer is told on start that it did not go out and that the design is safe.
 */
export const NotSentOrder = z.object({
  orderId: z.string(),
  reason: z.enum(['closed-early', 'lab-changed']),
});
export type NotSentOrder = z.infer<typeof NotSentOrder>;

/**
 * The order the host is sending, or has sent, whichever window asks: the host owns it, so a
 * reloaded or reopened window shows its progress or its result instead of an empty start.
 * `notSent`: an order found on start that could not go on (until `order.forget`).
 */
export const OrderStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('idle'), notSent: NotSentOrder.optional() }),
  z.object({ state: z.literal('sending'), progress: OrderProgress }),
  z.object({ state: z.literal('done'), orderId: z.string() }),
  z.object({
    state: z.literal('failed'),
    orderId: z.string().optional(),
    error: z.object({ code: z.string(), message: z.string() }),
    /** Photos to pick again before the same order can go on. */
    needsPhotos: z.array(NeededPhoto).optional(),
  }),
]);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** Who the lab is, and what it sells on at checkout (terms, shipping, payment: checkout-config.ts). */
const LabInfo = z.object({
  id: z.string(),
  name: z.string(),
  city: z.string(),
  checkout: LabCheckout,
});

/**
 * A pulled order as support sees it: the design exactly as ordered and its photos (from the
 * order's own files, in this host's memory with their thumbnails), with no customer data.
 */
export const SupportOrder = z.object({
  orderId: z.string(),
  createdAt: z.string(),
  design: Design,
  photos: z.array(ImportedPhoto),
  /** The lab's command that renders this order's print files, to copy. */
  renderCommand: z.string(),
  /** Whether `support.render` can run here (the lab's command line has the renderer). */
  canRender: z.boolean(),
});
export type SupportOrder = z.infer<typeof SupportOrder>;

export const hostRequests = {
  'app.info': {
    args: z.object({}).strict(),
    result: z.object({
      version: z.string(),
      transport: z.enum(['electron', 'loopback']),
      lab: LabInfo,
    }),
  },
  /** The desktop app's menu bar as the renderer built it from the command registry; ignored in a browser. */
  'app.menu': { args: DesktopMenu, result: z.object({}) },
  /** The next project file the system asked the desktop app to open (a double-click), or null. */
  'app.takeOpenedFile': {
    args: z.object({}).strict(),
    result: z.object({ file: OpenedProjectFile.nullable() }),
  },
  /** Where an update of the desktop app stands (a window that opens asks once, then hears events). */
  'app.updateStatus': { args: z.object({}).strict(), result: UpdateState },
  /** "Restart to install": refused while an order is uploading. */
  'app.installUpdate': { args: z.object({}).strict(), result: InstallUpdateResult },
  /**
   * Imports photos, four or so at a time; each one is announced by a `photos.imported` event as it
   * is ready, so the first thumbnails show while the rest are still working. The result repeats
   * them all in the customer's order.
   */
  'photos.import': {
    args: z
      .object({ importId: RendererId, sources: z.array(PhotoSource).min(1).max(10_000) })
      .strict(),
    result: z.object({
      photos: z.array(ImportedPhoto),
      failures: z.array(ImportFailure),
      /** Files that were the same photo as another file of this import, added once. */
      duplicates: z.number().int(),
      /** Stopped by `photos.cancel`: the photos imported until then are kept. */
      cancelled: z.boolean(),
    }),
  },
  /** Stops a running import after the photos in work; false when it had finished already. */
  'photos.cancel': {
    args: z.object({ importId: RendererId }).strict(),
    result: z.object({ cancelled: z.boolean() }),
  },
  /** An imported photo's thumbnail as JPEG bytes: binary over both transports, not base64. */
  'photos.thumbnail': {
    args: z.object({ assetId: z.string().min(1).max(80) }).strict(),
    result: z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected bytes'),
  },
  /**
   * A browser's answer to `photos.bytesWanted` when it can't send the file: gone, unreadable, or
   * `not-here` (this window never held it; another window may).
   */
  'photos.unavailable': {
    args: z
      .object({ requestId: RendererId, reason: z.enum(['missing', 'unreadable', 'not-here']) })
      .strict(),
    result: z.object({}),
  },
  'photos.release': {
    args: z.object({ assetIds: z.array(z.string().max(80)).max(10_000) }).strict(),
    result: z.object({ released: z.number().int() }),
  },
  /**
   * Desktop only: finds an opened project's photos that moved, by size and then content hash,
   * near where they were last seen and in the customer's picture folders (bounded), with
   * `photos.locateProgress` events. A path must be one a project may name (project/locations.ts).
   */
  'photos.locate': {
    args: z
      .object({
        photos: z
          .array(
            z
              .object({
                assetId: PhotoAsset.shape.id,
                sha256: PhotoAsset.shape.sha256,
                byteSize: PhotoAsset.shape.byteSize,
                lastKnownPath: z
                  .string()
                  .max(4096)
                  .refine((path) => locationProblem(path) === null, 'not a place photos are kept')
                  .optional(),
              })
              .strict(),
          )
          .min(1)
          .max(10_000),
      })
      .strict(),
    result: z.object({
      found: z.array(z.object({ assetId: z.string(), path: z.string() })),
      missing: z.array(z.string()),
      limitReached: z.boolean(),
    }),
  },
  /** Desktop only: the paths imported photos were read from, for the project's last known locations. */
  'photos.locations': {
    args: z.object({ assetIds: z.array(z.string().max(80)).max(10_000) }).strict(),
    result: z.object({ locations: z.record(z.string(), z.string()) }),
  },
  /** The running or last order, for a window that opens while the host sends it. */
  'order.status': {
    args: z.object({}).strict(),
    result: OrderStatus,
  },
  /**
   * Sends the running order again now: a waiting one stops waiting, a failed one resumes with the
   * same order number and continues where the server's uploads stopped. Never a second order.
   */
  'order.retry': {
    args: z.object({}).strict(),
    result: z.object({ retrying: z.boolean() }),
  },
  /**
   * Photos picked again for the running order: each is read, matched to the photo it must be by
   * its SHA-256, and the order reads it from there on. Once none is missing the same order goes
   * on by itself. A browser passes its files; only the desktop app passes paths.
   */
  'order.supplyPhotos': {
    args: z.object({ sources: z.array(PhotoSource).min(1).max(10_000) }).strict(),
    result: z.object({
      /** Photos of the order the sources were. */
      matched: z.array(z.string()),
      /** Names of sources that are none of the photos needed (another photo, or one changed since). */
      unmatched: z.array(z.string()),
      needsPhotos: z.array(NeededPhoto),
      resumed: z.boolean(),
    }),
  },
  /** Forgets a finished or failed order (a new book starts); refused while one is sending. */
  'order.forget': {
    args: z.object({}).strict(),
    result: z.object({}),
  },
  'order.submit': {
    args: z
      .object({
        design: Design,
        customer: Customer,
        /** Print-ready images (the default: far fewer bytes) or the customer's originals. */
        send: SendChoice.optional(),
      })
      .strict(),
    result: z.object({ orderId: z.string() }),
  },
  /** Bytes the order will upload for each choice: originals exact, print-ready about. */
  'order.uploadSize': {
    args: z.object({ design: Design, customer: Customer.optional() }).strict(),
    result: z.object({
      'print-ready': z.number().int().nonnegative(),
      originals: z.number().int().nonnegative(),
    }),
  },
  // Orders on a medium (issue 9): the encrypted order package written to a folder.
  /**
   * Writes the order as its encrypted package (the files an upload sends, and
   * order-package.json: src/order/package-index.ts) into a new folder `photodose-order-<id>`
   * inside `folder`, through `<name>.partial`, with `order.exportProgress` events. Without
   * `folder` the desktop app asks with its folder dialog (null: cancelled); a browser names a
   * folder on the host's computer.
   */
  'order.export': {
    args: z
      .object({
        design: Design,
        customer: Customer,
        send: SendChoice.optional(),
        folder: z.string().min(1).max(4096).optional(),
      })
      .strict(),
    result: z.union([
      z.object({ orderId: z.string(), dir: z.string(), bytes: z.number().int().nonnegative() }),
      z.null(),
    ]),
  },
  /**
   * The status of an order at the lab, by order number and the email given at checkout. The host
   * derives the lookup key from the email (services/order-status) and asks the lab's receiving
   * server; the email goes no further. `unreachable`: no answer from the server (`detail` for logs).
   */
  'order.lookupStatus': {
    args: z.object({ orderId: z.string().max(40), email: z.string().max(320) }).strict(),
    result: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('found'), status: OrderStatusReply }),
      z.object({ outcome: z.literal('not-found') }),
      z.object({ outcome: z.literal('too-many'), retryAfterS: z.number().int().positive() }),
      z.object({ outcome: z.literal('unreachable'), detail: z.string() }),
    ]),
  },
  // Support (issue 11): a pulled order opened read-only, exactly as it was ordered.
  /** The order this host was started to show (`photodose support open`), or null. */
  'support.order': {
    args: z.object({}).strict(),
    result: z.union([SupportOrder, z.null()]),
  },
  /**
   * Desktop only: opens a pulled order's folder read-only (File, Open order); without a path
   * the host asks with its folder dialog (null when cancelled). A page over the loopback may
   * not name folders: `photodose support open` decides the order there.
   */
  'support.open': {
    args: z.object({ path: z.string().min(1).max(4096).optional() }).strict(),
    result: z.union([SupportOrder, z.null()]),
  },
  /** Writes the open order's print files with the lab's own renderer (only where the host has it). */
  'support.render': {
    args: z.object({}).strict(),
    result: z.object({
      dir: z.string(),
      files: z.array(z.object({ name: z.string(), bytes: z.number().int(), sha256: z.string() })),
    }),
  },
} as const;

export type HostRequestName = keyof typeof hostRequests;
export type HostArgs<K extends HostRequestName> = z.input<(typeof hostRequests)[K]['args']>;
export type HostResult<K extends HostRequestName> = z.infer<(typeof hostRequests)[K]['result']>;

/** Events the host pushes to the renderer: progress of long work. */
export const hostEvents = {
  'photos.progress': z.object({
    importId: z.string(),
    done: z.number().int(),
    total: z.number().int(),
  }),
  /** One photo of a running import is ready: the renderer can show it and fetch its thumbnail. */
  'photos.imported': z.object({ importId: z.string(), photo: ImportedPhoto }),
  /**
   * The host needs the bytes of a file a browser holds: the page that has `fileId` sends them with
   * `PUT /host/blobs?for=<requestId>`, or says why it can't with `photos.unavailable`; every other
   * page says `not-here`, so the host knows at once when no window holds the file any more.
   */
  'photos.bytesWanted': z.object({ requestId: z.string(), fileId: z.string() }),
  /** How far `photos.locate` has searched: files looked at, photos found. */
  'photos.locateProgress': z.object({ filesSeen: z.number().int(), found: z.number().int() }),
  /** A desktop menu item was chosen: the window runs the registered command of that id. */
  'app.command': z.object({ id: z.string() }),
  /** The system handed the desktop app a project file: the window takes it with app.takeOpenedFile. */
  'app.fileOpened': z.object({}),
  /** An update was found, is downloading (percent) or is ready to install. */
  'app.update': UpdateState,
  'order.progress': OrderProgress,
  /** The order ended without reaching the lab, for every window (the one that sent it may be gone). */
  'order.failed': z.object({
    orderId: z.string().optional(),
    code: z.string(),
    message: z.string(),
    needsPhotos: z.array(NeededPhoto).optional(),
  }),
  /** How far `order.export` has written the package (the total is about, until all is made). */
  'order.exportProgress': z.object({ writtenBytes: z.number(), totalBytes: z.number() }),
} as const;
export type HostEventName = keyof typeof hostEvents;
export type HostEvent<K extends HostEventName> = z.infer<(typeof hostEvents)[K]>;

/** The services behind the contract, as implemented by the host. */
export type HostServices = {
  [K in HostRequestName]: (
    args: z.infer<(typeof hostRequests)[K]['args']>,
  ) => Promise<HostResult<K>>;
};

/** Values a translated message may show (a limit, a wait, a file name); never personal data from the host. */
export const HostErrorParams = z.record(z.string(), z.union([z.string(), z.number()]));
export type HostErrorParams = z.infer<typeof HostErrorParams>;

/** Errors cross the transport as a code (for translation) and a message (for logs). */
export const HostErrorBody = z.object({
  code: z.enum([
    'invalid-request',
    'unknown-request',
    'unauthorized',
    'photo-missing',
    'photo-too-large',
    'host-busy',
    'upload-failed',
    // The receiving server's certificate or key was refused (TLS): params.problem says why.
    'server-untrusted',
    // Writing the order to a medium failed: params.problem says why (no-space, not-writable...).
    'export-failed',
    'internal',
  ]),
  message: z.string(),
  params: HostErrorParams.optional(),
});
export type HostErrorBody = z.infer<typeof HostErrorBody>;

export class HostError extends Error {
  override name = 'HostError';
  constructor(
    readonly code: HostErrorBody['code'],
    message: string,
    readonly params?: HostErrorParams,
  ) {
    super(message);
  }
}

export function isHostRequestName(name: string): name is HostRequestName {
  return Object.hasOwn(hostRequests, name);
}

/**
 * Validates a request before any work. Throws a HostError that names the
 * request and the first bad field, so a malformed payload is easy to trace.
 */
export function parseRequest<K extends HostRequestName>(
  name: string,
  args: unknown,
): { name: K; args: z.infer<(typeof hostRequests)[K]['args']> } {
  if (!isHostRequestName(name)) throw new HostError('unknown-request', `unknown request: ${name}`);
  const parsed = hostRequests[name].args.safeParse(args);
  if (!parsed.success) {
    const { where, message } = firstIssue(parsed.error);
    throw new HostError(
      'invalid-request',
      `${name}: ${where === '(root)' ? '(arguments)' : where}: ${message}`,
    );
  }
  return { name: name as K, args: parsed.data as z.infer<(typeof hostRequests)[K]['args']> };
}
