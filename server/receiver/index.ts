import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { storageFailure } from './disk-space';
import { sweepExpired } from './expiry';
import { HttpError, sendError, sendJson } from './http';
import { createHealth, dataDirReadiness, type ReadinessCheck } from './health';
import { createMetrics, type ReceiverMetrics } from './metrics';
import { deleteOrderRoute, downloadFileRoute, listOrdersRoute, requireLab } from './lab-routes';
import type { LabRoutesDeps } from './lab-routes';
import { commitOrderRoute, createOrderRoute, lookupKeyRoute } from './order-routes';
import type { OrderRoutesDeps } from './order-routes';
import { DEFAULT_MAX_FILE_BYTES, resolveLimits } from './limits';
import type { ReceiverLimits } from './limits';
import { listOpenOrdersRoute } from './open-orders-route';
import type { OpenOrdersDeps } from './open-orders-route';
import { clientAddress, enforceOrderRate } from './rate-limit';
import type { RateLimiter } from './rate-limit';
import { loadLabToken, loadLookupSecret } from './secrets';
import { StatusStore, type StatusRetention } from './status-store';
import type { RecordsBackend } from './records/backend';
import { fileRecords } from './records/files';
import { labStatusRoute, lookupLimiters, lookupStatusRoute } from './status-routes';
import type { StatusLookupLimits, StatusRoutesDeps } from './status-routes';
import { refuseNonLocal } from './local-only';
import { parsePublicUrl } from './public-url';
import { parseRequestTarget } from './request-path';
import { timeoutOptions } from './timeouts';
import { tlsServerOptions, type ReceiverTls } from './tls';
import { TUS_PATH } from '../../src/contract/receiver';
import { ORDER_STATUS_PATH } from '../../src/contract/order-status';
import { createUploads } from './uploads';
import type { Uploads } from './uploads';
import { openUploadStorage } from './upload-storage';
import type { S3UploadStorageConfig } from './upload-storage';

/** Options of {@link createReceiver}. */
export interface ReceiverOptions {
  /** Where uploads (`uploads/`), order records (`orders/`) and `lab-token` live. */
  dataDir: string;
  /** The lab's bearer token; default: read or create `${dataDir}/lab-token`. */
  labToken?: string;
  /**
   * Key of the status lookup's HMAC (at least 32 bytes); default: read or create
   * `${dataDir}/lookup-secret`. Receivers sharing records must share it.
   */
  lookupSecret?: Buffer;
  /**
   * Order and status records, rate limits, upload locks and the sweep's turn; default: files
   * under `dataDir` (records/files.ts). Several receivers share a PostgreSQL backend
   * (records/postgres.ts, made from the config file by config.ts). The caller closes a
   * backend it gives; the receiver closes the one it makes.
   */
  records?: RecordsBackend;
  /**
   * Uploads in an S3-compatible object store that several receivers share (upload-storage/);
   * default: files under `${dataDir}/uploads`, one folder per receiver.
   */
  uploadStorage?: S3UploadStorageConfig;
  /** Default 127.0.0.1: exposing the server is a deliberate choice (usually behind TLS). */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Largest accepted file (Upload-Length); default 4 GiB. */
  maxFileBytes?: number;
  /**
   * Base URL clients see when it differs from the bound one (e.g. behind a TLS proxy):
   * http(s), no query, fragment or credentials. Upload URLs handed to clients start with it.
   */
  publicUrl?: string;
  /**
   * For a receiver embedded on the customer's machine: refuse requests whose Host is not the
   * bound `127.0.0.1:PORT` (DNS rebinding) and any request with an Origin (a web page).
   */
  localOnly?: boolean;
  /** Resource limits; each one left out keeps its default (see DEFAULT_LIMITS). */
  limits?: Partial<ReceiverLimits>;
  /**
   * Counts new orders per client address; default the records backend's, from `limits` (in
   * memory, or shared by the receivers on one database).
   */
  orderRateLimiter?: RateLimiter;
  /**
   * Set when a reverse proxy on a trusted address forwards every request (TLS in front): rate
   * limits then count the client address the proxy puts last in X-Forwarded-For.
   */
  trustProxy?: boolean;
  /**
   * Serve https with this certificate chain and private key (PEM) instead of plain http: the
   * receiver terminates TLS itself, with no terminator in front. See tls.ts.
   */
  tls?: ReceiverTls;
  /** Limits of the customer's status lookup (status-routes.ts); defaults where left out. */
  statusLookupLimits?: Partial<StatusLookupLimits>;
  /** How long status records are kept (status-store.ts); defaults where left out. */
  statusRetention?: Partial<StatusRetention>;
  /**
   * Bearer token for `GET /metrics` (Prometheus text, metrics.ts); without one /metrics is off.
   * Its own token, not the lab's: monitoring should not hold the key to every order.
   */
  metricsToken?: string;
  /** More checks for `GET /readyz` besides the receiver's own backends (health.ts). */
  readinessChecks?: ReadinessCheck[];
  /** Milliseconds since the epoch, for rate limits and expiry; tests move it. */
  now?: () => number;
  /** Log sink; lines name orders by id and files by name, never tokens. */
  log?: (line: string) => void;
}

/** A running receiver. */
export interface Receiver {
  /** Base URL, e.g. http://127.0.0.1:8787 (https:// with the `tls` option) */
  url: string;
  /** The tus endpoint handed to clients: under the public URL when one is set. */
  uploadUrl: string;
  labToken: string;
  /**
   * Serves a renewed certificate (and key) from the next handshake on; connections already
   * open keep theirs. Throws for a receiver started without `tls`.
   */
  renewTls(tls: ReceiverTls): void;
  close(): Promise<void>;
}

const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Starts the receiving server: orders API, tus uploads and the lab API over node:http.
 * It only ever stores ciphertext; the lab decrypts after pulling.
 */
export async function createReceiver(opts: ReceiverOptions): Promise<Receiver> {
  const log = opts.log ?? (() => undefined);
  // Checked before anything is created, so a typo fails fast and leaves nothing behind.
  const publicUrl = opts.publicUrl === undefined ? undefined : parsePublicUrl(opts.publicUrl);
  if (
    opts.localOnly &&
    (publicUrl !== undefined || !['127.0.0.1', '::1', undefined].includes(opts.host))
  ) {
    // Its clients must address it as bound, or the Host check would refuse them.
    throw new Error('a local-only receiver binds to 127.0.0.1 (or ::1) and has no public URL');
  }
  const limits = resolveLimits(opts.limits);
  const now = opts.now ?? Date.now;
  const metrics = createMetrics(opts.metricsToken);
  await mkdir(opts.dataDir, { recursive: true, mode: 0o700 });
  const uploadsDir = join(opts.dataDir, 'uploads');
  // FileStore creates its folder without waiting; make sure it exists before any request.
  if (!opts.uploadStorage) await mkdir(uploadsDir, { recursive: true, mode: 0o700 });
  const uploadStorage = openUploadStorage(
    opts.uploadStorage ?? { kind: 'files', dir: uploadsDir },
    { expiryMs: limits.abandonedAfterMs },
  );
  const records = opts.records ?? (await fileRecords(opts.dataDir));
  const ownRecords = opts.records === undefined;
  const { orders } = records;
  const { token: labToken } = await loadLabToken(opts.dataDir, opts.labToken);
  const statuses = new StatusStore({
    records: records.statuses,
    secret: opts.lookupSecret ?? (await loadLookupSecret(opts.dataDir)),
    now,
    retention: opts.statusRetention,
  });
  const uploads = createUploads({
    storage: uploadStorage,
    orders,
    locker: records.locker,
    maxFileBytes: opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    maxOrderBytes: limits.maxOrderBytes,
    diskReserveBytes: limits.diskReserveBytes,
    expiryMs: limits.abandonedAfterMs,
    publicPath: publicUrl === undefined ? '' : new URL(publicUrl).pathname.replace(/\/$/, ''),
    log,
  });
  const sweepOptions = { abandonedAfterMs: limits.abandonedAfterMs, now, log };
  // With several receivers on one database, one of them sweeps at a time.
  const sweepOrders = () =>
    records.exclusive('expiry', () => sweepExpired(orders, uploads, sweepOptions));
  const sweepStatuses = () =>
    records.exclusive('status-sweep', async () => {
      const removed = await statuses.sweep();
      if (removed > 0) log(`status sweep: ${removed} status records past their retention deleted`);
    });
  // A store that can't be reached now must not keep the receiver from starting: /readyz says so.
  await sweepOrders().catch((err: unknown) =>
    log(`expiry sweep failed: ${(err as Error).message}`),
  );
  await sweepStatuses();

  // /readyz asks each of these (health.ts); every backend the receiver is built on adds its ready().
  const readiness: ReadinessCheck[] = [
    dataDirReadiness('data', opts.dataDir),
    { name: 'records', ready: () => records.ready() },
    { name: 'uploads', ready: () => uploads.ready() },
    ...(opts.readinessChecks ?? []),
  ];
  const host = opts.host ?? '127.0.0.1';
  const orderRateLimiter =
    opts.orderRateLimiter ??
    records.rateLimiter('orders', { burst: limits.orderBurst, perHour: limits.ordersPerHour, now });
  const routes = {
    orders,
    uploads,
    labToken,
    log,
    uploadUrl: '',
    abandonedAfterMs: limits.abandonedAfterMs,
    orderRateLimiter,
    trustProxy: opts.trustProxy ?? false,
    statuses,
    lookupLimiters: lookupLimiters(opts.statusLookupLimits, now, (name, o) =>
      records.rateLimiter(name, o),
    ),
    health: createHealth(readiness, log),
    metrics,
  };
  let boundHost = '';
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const serve = async () => {
      metrics.track(req, res, req.url ?? '');
      if (opts.localOnly) refuseNonLocal(req, boundHost);
      await route(req, res, routes);
    };
    serve().catch((err: unknown) => {
      if (err instanceof HttpError) return sendError(req, res, err);
      const storage = storageFailure(err);
      if (storage) {
        metrics.error('storage');
        log(`storage error on ${req.method} ${routeName(req)}: ${(err as Error).message}`);
        return sendError(req, res, storage);
      }
      metrics.error('internal');
      log(`internal error on ${req.method} ${routeName(req)}: ${(err as Error).message}`);
      sendError(req, res, new HttpError(500, 'internal server error'));
    });
  };
  const server = opts.tls
    ? createTlsServer({ ...timeoutOptions(limits), ...tlsServerOptions(opts.tls) }, handler)
    : createServer(timeoutOptions(limits), handler);
  server.setTimeout(limits.idleTimeoutMs);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  boundHost = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const url = `${opts.tls ? 'https' : 'http'}://${boundHost}`;
  routes.uploadUrl = `${publicUrl ?? url}${TUS_PATH}/`;
  log(`receiver listening on ${url}`);

  const sweep = setInterval(() => {
    sweepOrders().catch((err: unknown) => log(`expiry sweep failed: ${(err as Error).message}`));
    sweepStatuses().catch((err: unknown) => log(`status sweep failed: ${(err as Error).message}`));
  }, SWEEP_INTERVAL_MS);
  sweep.unref();

  return {
    url,
    uploadUrl: routes.uploadUrl,
    labToken,
    renewTls: (tls) => {
      if (!('setSecureContext' in server)) throw new Error('this receiver serves plain http');
      server.setSecureContext(tlsServerOptions(tls));
      log('TLS certificate renewed');
    },
    close: async () => {
      clearInterval(sweep);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // In-flight uploads are cut; clients resume with HEAD once a server is back.
        server.closeAllConnections();
      });
      // Cut uploads still store what arrived (to S3 that takes a moment); then the records go.
      await uploads.settle();
      if (ownRecords) await records.close();
    },
  };
}

type RouteDeps = OrderRoutesDeps &
  LabRoutesDeps &
  OpenOrdersDeps &
  StatusRoutesDeps & {
    uploads: Uploads;
    orderRateLimiter: RateLimiter;
    trustProxy: boolean;
    health: ReturnType<typeof createHealth>;
    metrics: ReceiverMetrics;
  };

async function route(req: IncomingMessage, res: ServerResponse, deps: RouteDeps): Promise<void> {
  // The creation URL handed to clients ends in a slash; no other path may.
  const { path, query } = parseRequestTarget(req.url ?? '', [`${TUS_PATH}/`]);
  const method = req.method ?? 'GET';
  if (path === TUS_PATH || path.startsWith(`${TUS_PATH}/`)) {
    // @tus/server reads the upload id from the end of the whole URL, query included.
    if (query !== undefined) throw new HttpError(400, 'upload URLs take no query string');
    return deps.uploads.handle(req, res, path.slice(TUS_PATH.length + 1));
  }
  // Probes and the scraper (health.ts, metrics.ts): at the root, where such tools look first.
  if (path === '/healthz' || path === '/readyz' || path === '/metrics') {
    allow(method, ['GET']);
    if (path === '/healthz') return deps.health.healthz(res);
    if (path === '/readyz') return deps.health.readyz(res);
    return deps.metrics.serve(req, res);
  }
  const parts = path.split('/').slice(1);
  if (parts[0] !== 'api' || parts[1] !== 'v1') throw notFound(method, path);
  const [, , area, a, b, c, d, ...more] = parts;
  if (more.length > 0) throw notFound(method, path);

  if (area === 'health' && a === undefined) {
    allow(method, ['GET']);
    return sendJson(res, 200, { ok: true });
  }
  if (area === 'orders' && a === undefined) {
    allow(method, ['POST']);
    await enforceOrderRate(deps.orderRateLimiter, clientAddress(req, deps.trustProxy));
    return createOrderRoute(req, res, deps);
  }
  if (area === 'orders' && a !== undefined && b === 'lookup-key' && c === undefined) {
    allow(method, ['PUT']);
    return lookupKeyRoute(req, res, a, deps);
  }
  if (area === 'orders' && a !== undefined && b === 'commit' && c === undefined) {
    allow(method, ['POST']);
    return commitOrderRoute(req, res, a, deps);
  }
  if (path === ORDER_STATUS_PATH) {
    allow(method, ['POST']);
    return lookupStatusRoute(req, res, deps);
  }
  if (area === 'lab' && a === 'open-orders' && b === undefined) {
    allow(method, ['GET']);
    requireLab(req, deps.labToken);
    return listOpenOrdersRoute(res, deps);
  }
  if (area === 'lab' && a === 'orders') {
    if (b === undefined) {
      allow(method, ['GET']);
      requireLab(req, deps.labToken);
      return listOrdersRoute(res, deps);
    }
    if (c === undefined) {
      allow(method, ['DELETE']);
      requireLab(req, deps.labToken);
      return deleteOrderRoute(res, b, deps);
    }
    if (c === 'status' && d === undefined) {
      allow(method, ['PUT']);
      requireLab(req, deps.labToken);
      return labStatusRoute(req, res, b, deps);
    }
    if (c === 'files' && d !== undefined) {
      allow(method, ['GET']);
      requireLab(req, deps.labToken);
      return downloadFileRoute(res, b, d, deps);
    }
  }
  throw notFound(method, path);
}

function allow(method: string, methods: string[]): void {
  if (!methods.includes(method)) {
    throw new HttpError(405, `method ${method} is not allowed here`, { Allow: methods.join(', ') });
  }
}

function notFound(method: string, path: string): HttpError {
  return new HttpError(404, `no such endpoint: ${method} ${path.slice(0, 100)}`);
}

/** The route without ids, for logs. */
function routeName(req: IncomingMessage): string {
  return ((req.url ?? '').split('?')[0] ?? '').replace(/\/[0-9a-f]{32}\b/, '/:upload');
}
