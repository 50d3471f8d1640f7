import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { HttpError, bearerToken, unauthorized } from './http';
import { TUS_PATH } from '../../src/contract/receiver';
import { ORDER_STATUS_PATH } from '../../src/contract/order-status';

/**
 * The receiver's metrics in Prometheus' text format, at `GET /metrics`: requests by route,
 * method and status, their duration, upload bytes received, uploads in flight, errors, and the
 * process' own (memory, CPU, event loop lag, open handles).
 *
 * No personal data and nothing to link an order to: labels are route templates, never ids,
 * names or addresses, and every label has a fixed, small set of values.
 *
 * /metrics asks for its own bearer token (`metricsToken`, e.g. PHOTODOSE_METRICS_TOKEN), and is
 * off without one. Not the lab token: that one downloads every order, and a monitoring system's
 * scrape config should not hold it. Not a separate listen address: each receiver keeps one
 * address that the load balancer, the probes and the scraper all reach, and a port left open by
 * mistake would show the metrics to anyone; a token can't be forgotten that way.
 */
export interface ReceiverMetrics {
  /** Call when a request arrives: it is counted when its response has ended or broken off. */
  track(req: IncomingMessage, res: ServerResponse, path: string): void;
  /** An error the receiver answered with 500 or 507 (see index.ts). */
  error(kind: 'internal' | 'storage'): void;
  /** Serves GET /metrics, checking the metrics token. */
  serve(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

const PREFIX = 'photodose_receiver_';

/** Route templates by path, the only values of the `route` label (anything else is 'other'). */
const ROUTES: [RegExp, string][] = [
  [new RegExp(`^${TUS_PATH}/$`), `${TUS_PATH}/`],
  [new RegExp(`^${TUS_PATH}/[^/]+$`), `${TUS_PATH}/:upload`],
  [/^\/api\/v1\/orders$/, '/api/v1/orders'],
  [/^\/api\/v1\/orders\/[^/]+\/commit$/, '/api/v1/orders/:order/commit'],
  [/^\/api\/v1\/orders\/[^/]+\/lookup-key$/, '/api/v1/orders/:order/lookup-key'],
  [new RegExp(`^${ORDER_STATUS_PATH}$`), ORDER_STATUS_PATH],
  [/^\/api\/v1\/lab\/open-orders$/, '/api/v1/lab/open-orders'],
  [/^\/api\/v1\/lab\/orders$/, '/api/v1/lab/orders'],
  [/^\/api\/v1\/lab\/orders\/[^/]+$/, '/api/v1/lab/orders/:order'],
  [/^\/api\/v1\/lab\/orders\/[^/]+\/status$/, '/api/v1/lab/orders/:order/status'],
  [/^\/api\/v1\/lab\/orders\/[^/]+\/files\/[^/]+$/, '/api/v1/lab/orders/:order/files/:file'],
  [/^\/api\/v1\/health$/, '/api/v1/health'],
  [/^\/healthz$/, '/healthz'],
  [/^\/readyz$/, '/readyz'],
  [/^\/metrics$/, '/metrics'],
];

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The `route` label of a request path (query left off): a template, never an id. */
export function routeLabel(path: string): string {
  const bare = path.split('?')[0] ?? '';
  return ROUTES.find(([pattern]) => pattern.test(bare))?.[1] ?? 'other';
}

/**
 * A fresh registry per receiver (tests run several in one process, and prom-client's global
 * one would mix them). `token` undefined switches /metrics off (404).
 */
export function createMetrics(token: string | undefined): ReceiverMetrics {
  if (token !== undefined && token.length < 16) {
    throw new Error('the metrics token must be at least 16 characters long');
  }
  const tokenHash = token === undefined ? undefined : sha256(token);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PREFIX });
  const requests = new Counter({
    name: `${PREFIX}http_requests_total`,
    help: 'HTTP requests answered, by route template, method and status (none: the connection broke before an answer)',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const durations = new Histogram({
    name: `${PREFIX}http_request_duration_seconds`,
    help: 'Time from a request to the end of its response, by route template and method',
    labelNames: ['route', 'method'] as const,
    // Uploads run long: a PATCH of a large file takes minutes on a slow line.
    buckets: [0.005, 0.025, 0.1, 0.5, 2, 10, 60, 300, 1800],
    registers: [registry],
  });
  const received = new Counter({
    name: `${PREFIX}upload_received_bytes_total`,
    help: 'Bytes of upload bodies (tus PATCH) that arrived, stored or not',
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: `${PREFIX}uploads_in_flight`,
    help: 'Uploads (tus PATCH requests) running now',
    registers: [registry],
  });
  const errors = new Counter({
    name: `${PREFIX}errors_total`,
    help: 'Errors: internal (answered 500), storage (disk full or unwritable), aborted (connection gone before an answer)',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  for (const kind of ['internal', 'storage', 'aborted']) errors.inc({ kind }, 0);
  received.inc(0);

  return {
    track(req, res, path) {
      const route = routeLabel(path);
      const method = METHODS.has(req.method ?? '') ? req.method! : 'other';
      const stop = durations.startTimer({ route, method });
      const upload = method === 'PATCH' && route === `${TUS_PATH}/:upload`;
      if (upload) {
        inFlight.inc();
        countBody(req, (bytes) => received.inc(bytes));
      }
      res.once('close', () => {
        if (upload) inFlight.dec();
        stop();
        const answered = res.headersSent;
        if (!answered) errors.inc({ kind: 'aborted' });
        requests.inc({ route, method, status: answered ? String(res.statusCode) : 'none' });
      });
    },
    error(kind) {
      errors.inc({ kind });
    },
    async serve(req, res) {
      if (tokenHash === undefined) {
        throw new HttpError(404, 'metrics are off: start the receiver with a metrics token');
      }
      const given = bearerToken(req);
      if (!given) throw unauthorized('missing metrics token: send Authorization: Bearer <token>');
      if (!timingSafeEqual(sha256(given), tokenHash)) {
        throw new HttpError(403, 'the metrics token is not valid');
      }
      const text = await registry.metrics();
      res
        .writeHead(200, {
          'Content-Type': registry.contentType,
          'Content-Length': Buffer.byteLength(text),
          'Cache-Control': 'no-store',
        })
        .end(text);
    },
  };
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Counts the body bytes as node's HTTP parser hands them to the request. Listening for 'data'
 * would start the stream flowing before @tus/server pipes it, and lose bytes; the parser's push
 * sees each chunk without changing how the stream is read.
 */
function countBody(req: IncomingMessage, add: (bytes: number) => void): void {
  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (chunk instanceof Uint8Array) add(chunk.length);
    return push(chunk, encoding);
  };
}
