import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Metadata, Server } from '@tus/server';
import type { Locker, Upload } from '@tus/server';
import { storageFailure } from './disk-space';
import { HttpError, bearerToken, unauthorized } from './http';
import { DEFAULT_LIMITS } from './limits';
import { ensureOrderFits } from './order-size';
import { ProcessLocker } from './records/process-locker';
import {
  FILE_NAME,
  MAX_FILES_PER_ORDER,
  ORDER_ID,
  TUS_PATH,
  UPLOAD_ID,
} from '../../src/contract/receiver';
import type { OrderRecord, OrderRecords } from './orders';
import { tokenMatchesHash } from './secrets';
import { openUploadStorage } from './upload-storage';
import type { UploadStorage } from './upload-storage';

/** An error for @tus/server hooks: it answers with `status_code` and `body`. */
class TusHookError extends Error {
  constructor(
    readonly status_code: number,
    readonly body: string,
  ) {
    super(body);
  }
}

/** The tus endpoint with its access checks, plus what commit, lab and expiry need. */
export interface Uploads {
  /** Handles a request below TUS_PATH; `rest` is the path after it ('' or the upload id). */
  handle(req: IncomingMessage, res: ServerResponse, rest: string): Promise<void>;
  /** Offset and size of an upload, or undefined if it does not exist. */
  state(uploadId: string): Promise<{ offset: number; size: number | undefined } | undefined>;
  /** Removes an upload, waiting for a running PATCH on it to stop first. */
  remove(uploadId: string): Promise<void>;
  /** When the upload last got a byte (ms since the epoch), or undefined if it is gone. */
  lastWrite(uploadId: string): Promise<number | undefined>;
  /** A finished upload's bytes and size, streamed from the storage. */
  read(uploadId: string): ReturnType<UploadStorage['read']>;
  /** Throws with a clear message when the upload storage can't be reached (for /readyz). */
  ready(): Promise<void>;
  /**
   * Resolves once the writes running now have ended, cut ones included: each has then stored
   * every byte that arrived, so a receiver started next (or another) resumes from there.
   */
  settle(): Promise<void>;
  /** Upload ids in the store (completed or not). */
  ids(): Promise<string[]>;
  /** The order id in an upload's metadata, or undefined if its info can't be read. */
  orderOf(uploadId: string): Promise<string | undefined>;
}

/** Options of {@link createUploads}. */
export interface UploadsOptions {
  /** Where uploads live (upload-storage/); default files in `dir`. */
  storage?: UploadStorage;
  /** The uploads folder when no `storage` is given. */
  dir?: string;
  orders: OrderRecords;
  /** tus's upload locks; default one in memory (records/backend.ts has the shared one). */
  locker?: Locker;
  maxFileBytes: number;
  /** Sum of the Upload-Lengths of one order's files; default DEFAULT_LIMITS'. */
  maxOrderBytes?: number;
  /** Free disk space a new upload must leave where it takes room; default DEFAULT_LIMITS'. */
  diskReserveBytes?: number;
  /** Unfinished uploads expire this long after creation (tus expiration extension). */
  expiryMs?: number;
  /** Path a proxy serves the receiver under (from the public URL), e.g. '/photodose'; default ''. */
  publicPath?: string;
  log: (line: string) => void;
}

/** Sets up @tus/server on the upload storage, with our token checks in front of it. */
export function createUploads(opts: UploadsOptions): Uploads {
  const { orders, maxFileBytes, log } = opts;
  const maxOrderBytes = opts.maxOrderBytes ?? DEFAULT_LIMITS.maxOrderBytes;
  const diskReserveBytes = opts.diskReserveBytes ?? DEFAULT_LIMITS.diskReserveBytes;
  const storage = storageOf(opts);
  const store = storage.datastore;
  const locker = opts.locker ?? new ProcessLocker();
  /** The upload id each request's access check approved; tus acts on this id and no other. */
  const checkedIds = new WeakMap<IncomingMessage, string>();

  const state: Uploads['state'] = async (uploadId) => {
    try {
      const upload = await store.getUpload(uploadId);
      return { offset: upload.offset, size: upload.size };
    } catch {
      return undefined;
    }
  };

  const remove: Uploads['remove'] = async (uploadId) => {
    const lock = locker.newLock(uploadId);
    // Taking tus's own lock asks a running PATCH to release it, so no write races the unlink.
    await lock.lock(new AbortController().signal, () => undefined);
    try {
      await storage.remove(uploadId);
    } finally {
      await lock.unlock();
    }
  };

  /** Reserves the file name in the order when tus creates the upload (under the order lock). */
  const reserve = async (upload: Upload): Promise<void> => {
    const orderId = upload.metadata?.order ?? '';
    const name = upload.metadata?.name ?? '';
    await orders.withOrder(orderId, async () => {
      const order = await orders.get(orderId);
      if (!order) throw new TusHookError(404, `order ${orderId} not found`);
      if (order.state !== 'open') throw new TusHookError(403, committedMessage(orderId));
      const existing = order.uploads.find((u) => u.name === name);
      if (existing) {
        const prior = await state(existing.uploadId);
        if (prior && prior.offset === prior.size) {
          throw new TusHookError(409, `file "${name}" is already uploaded to order ${orderId}`);
        }
        // A client whose creation reply got lost retries the POST: let it start over.
        await remove(existing.uploadId);
        log(`order ${orderId}: replacing the unfinished upload of ${name}`);
      } else if (order.uploads.length >= MAX_FILES_PER_ORDER) {
        throw new TusHookError(413, `order ${orderId} already has ${MAX_FILES_PER_ORDER} files`);
      }
      const size = upload.size ?? 0;
      await ensureOrderFits(
        order,
        name,
        size,
        maxOrderBytes,
        async (id) => (await state(id))?.size,
      );
      order.uploads = [
        ...order.uploads.filter((u) => u.name !== name),
        { name, uploadId: upload.id, size },
      ];
      order.updatedAt = new Date().toISOString();
      await orders.put(order);
    });
    log(`order ${orderId}: upload of ${name} created (${upload.size ?? 0} bytes)`);
  };

  const tus = new Server({
    path: TUS_PATH,
    datastore: store,
    locker,
    maxSize: maxFileBytes,
    // Host-relative, so it stays right behind TLS terminators, and under the public URL's path
    // when a proxy serves the receiver below one (tus's relativeLocation would drop that path).
    generateUrl: (_req, { path, id }) => `${opts.publicPath ?? ''}${path}/${id}`,
    // No CORS: only desktop clients upload, so no web page should be able to drive the endpoint.
    allowedOrigins: [],
    namingFunction: () => randomBytes(16).toString('hex'),
    // tus would take the id from the end of the whole URL; use the id that was checked instead.
    getFileIdFromRequest: (req) => {
      const nodeReq = (req as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node
        ?.req;
      return nodeReq && checkedIds.get(nodeReq);
    },
    onUploadCreate: async (_req, upload) => {
      await reserve(upload);
      return {};
    },
    onResponseError: (_req, err) => {
      const storage = storageFailure(err);
      if (storage) log(`upload error: ${(err as Error).message}`);
      const known = err instanceof HttpError ? err : storage;
      if (known) {
        return { status_code: known.status, body: JSON.stringify({ error: known.message }) };
      }
      if (err instanceof Error && !('status_code' in err)) {
        log(`upload error: ${err.message}`);
        return {
          status_code: 500,
          body: JSON.stringify({ error: 'internal error in the upload' }),
        };
      }
      const { status_code, body } = err as { status_code: number; body: string };
      return { status_code, body: JSON.stringify({ error: body.trim() }) };
    },
  });

  const handle: Uploads['handle'] = async (req, res, rest) => {
    if (req.method === 'OPTIONS') return tus.handle(req, res);
    if (req.headers['tus-resumable'] !== '1.0.0') {
      throw new HttpError(412, 'Tus-Resumable: 1.0.0 header required', { 'Tus-Version': '1.0.0' });
    }
    if (rest === '') {
      if (req.method !== 'POST') throw new HttpError(405, `${req.method} is not allowed here`);
      await checkCreate(req);
      return tus.handle(req, res);
    }
    if (!UPLOAD_ID.test(rest)) throw new HttpError(404, 'upload not found');
    if (req.method === 'GET') {
      throw new HttpError(405, 'uploads cannot be read back; the lab downloads through its API');
    }
    if (req.method !== 'PATCH' && req.method !== 'HEAD' && req.method !== 'DELETE') {
      throw new HttpError(405, `${req.method} is not allowed on an upload`);
    }
    const order = await checkAccess(req, rest);
    checkedIds.set(req, rest);
    if (req.method === 'PATCH') keepWhatArrives(req);
    await tus.handle(req, res);
    if (req.method === 'DELETE' && res.statusCode === 204) {
      await orders.withOrder(order.orderId, async () => {
        const current = await orders.get(order.orderId);
        if (!current) return;
        current.uploads = current.uploads.filter((u) => u.uploadId !== rest);
        await orders.put(current);
      });
      log(`order ${order.orderId}: an upload was terminated`);
    }
  };

  /** Checks a creation request before tus sees it: token, order, length and metadata. */
  async function checkCreate(req: IncomingMessage): Promise<void> {
    const token = bearerToken(req);
    if (!token)
      throw unauthorized('missing upload token: send Authorization: Bearer <uploadToken>');
    if (req.headers['upload-defer-length'] !== undefined) {
      throw new HttpError(400, 'Upload-Length is required: deferred lengths are not supported');
    }
    if (req.headers['upload-concat'] !== undefined) {
      throw new HttpError(400, 'Upload-Concat (parallel uploads) is not supported');
    }
    const length = req.headers['upload-length'];
    if (typeof length !== 'string' || !/^\d{1,16}$/.test(length)) {
      throw new HttpError(400, 'Upload-Length must be the file size in bytes');
    }
    if (Number(length) > maxFileBytes) {
      throw new HttpError(
        413,
        `file of ${length} bytes exceeds the limit of ${maxFileBytes} bytes`,
      );
    }
    const header = req.headers['upload-metadata'];
    const { order: orderId } = parseMetadata(typeof header === 'string' ? header : undefined);
    const order = await orders.get(orderId);
    if (!order) throw new HttpError(404, `order ${orderId} not found`);
    authorize(order, token, `upload token is not valid for order ${orderId}`);
    await storage.ensureRoom(Number(length), diskReserveBytes);
  }

  /** Checks that the token belongs to the order owning the upload, and that it is still open. */
  async function checkAccess(req: IncomingMessage, uploadId: string): Promise<OrderRecord> {
    const token = bearerToken(req);
    if (!token)
      throw unauthorized('missing upload token: send Authorization: Bearer <uploadToken>');
    const orderId = (await storage.metadata(uploadId))?.order;
    const order = orderId && ORDER_ID.test(orderId) ? await orders.get(orderId) : undefined;
    // Uploads replaced or removed from their order count as gone.
    if (!order || !order.uploads.some((u) => u.uploadId === uploadId)) {
      throw new HttpError(404, `upload ${uploadId} not found`);
    }
    authorize(order, token, 'upload token is not valid for this upload');
    return order;
  }

  return {
    handle,
    state,
    remove,
    lastWrite: (uploadId) => storage.lastWrite(uploadId),
    read: (uploadId) => storage.read(uploadId),
    ready: () => storage.ready(),
    settle: () => storage.settle(),
    ids: () => storage.ids(),
    orderOf: async (uploadId) =>
      (await storage.metadata(uploadId).catch(() => undefined))?.order ?? undefined,
  };
}

function storageOf(opts: UploadsOptions): UploadStorage {
  if (opts.storage) return opts.storage;
  if (opts.dir === undefined) throw new Error('createUploads needs `storage` or `dir`');
  const expiryMs = opts.expiryMs ?? DEFAULT_LIMITS.abandonedAfterMs;
  return openUploadStorage({ kind: 'files', dir: opts.dir }, { expiryMs });
}

function authorize(order: OrderRecord, token: string, message: string): void {
  if (!tokenMatchesHash(token, order.tokenHash)) throw new HttpError(403, message);
  if (order.state !== 'open') throw new HttpError(403, committedMessage(order.orderId));
}

function committedMessage(orderId: string): string {
  return `order ${orderId} is already committed: no more uploads or changes`;
}

/** Parses Upload-Metadata: exactly `order` (an order id) and `name` (a valid file name). */
function parseMetadata(header: string | undefined): { order: string; name: string } {
  if (!header) throw new HttpError(400, "Upload-Metadata with 'order' and 'name' is required");
  let meta: Record<string, string | null>;
  try {
    meta = Metadata.parse(header);
  } catch {
    throw new HttpError(400, "Upload-Metadata is malformed: expected 'key base64value' pairs");
  }
  // Only what the server needs: anything else could carry personal data into our store.
  const extra = Object.keys(meta).find((k) => k !== 'order' && k !== 'name');
  if (extra !== undefined) {
    throw new HttpError(400, `Upload-Metadata key "${extra}" is not allowed (only order and name)`);
  }
  const { order, name } = meta;
  if (!order || !ORDER_ID.test(order)) {
    throw new HttpError(400, "Upload-Metadata 'order' must be an order id like PD-ABCDEFGH23");
  }
  if (!name || !FILE_NAME.test(name)) {
    throw new HttpError(
      400,
      `file name ${JSON.stringify((name ?? '').slice(0, 80))} is invalid: use 1-64 of a-z 0-9 . _ - starting with a letter or digit`,
    );
  }
  return { order, name };
}

/**
 * A PATCH whose connection breaks mid-body (the client gone, a reset, the request timeout) ends
 * its body where the bytes stopped instead of failing it. Failed, @tus/server drops what its
 * stream pipeline holds at that moment (up to 128 KiB measured) and the client must send those
 * bytes again; ended, every byte that arrived is written, and the client resumes right after.
 */
function keepWhatArrives(req: IncomingMessage): void {
  const destroy = req.destroy.bind(req);
  req.destroy = (error?: Error) => {
    if (error && !req.complete && !req.readableEnded) {
      req.push(null);
      return req;
    }
    return destroy(error);
  };
}
