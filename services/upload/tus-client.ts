import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import axios from 'axios';
import type { AxiosResponse } from 'axios';
import { giveBack } from '../streams/lent-buffers';
import { serverMessage } from './http';
import { httpsAgentFor, untrustedServer } from './server-trust';
import type { ServerTrust } from './server-trust';

/** Options of {@link uploadResumable}. */
export interface UploadOptions {
  /** The tus endpoint (creation URL), e.g. the `uploadUrl` of createOrder. */
  endpoint: string;
  /** Bearer token sent with every request. */
  token: string;
  /** Upload-Metadata; values are base64-encoded for the wire. */
  metadata: Record<string, string>;
  /** Total size in bytes. */
  size: number;
  /** Must return a stream of the bytes from `offset` to the end; called once per PATCH. */
  open: (offset: number) => NodeJS.ReadableStream;
  /** Resume this existing upload instead of creating one. */
  uploadUrl?: string;
  /**
   * `uploadUrl` was made moments ago by {@link createUpload} and holds no byte yet: the first
   * PATCH starts at 0 without asking the server first.
   */
  fresh?: boolean;
  /** Called once the server created the upload: store the URL to resume after a crash. */
  onCreated?: (uploadUrl: string) => void;
  /** Bytes handed to the network, then confirmed by the server; may step back after a cut. */
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
  /** Idle time without progress (or until a reply) before a request counts as failed; 30 s. */
  timeoutMs?: number;
  /** Pause before each retry; the list length is the number of retries without progress. */
  retryDelaysMs?: number[];
  /** Pins (and a test's CA) for the server's certificate; TLS's own checks are always made. */
  trust?: ServerTrust;
}

/** A failed upload. `retriable` failures are retried until the retries run out. */
export class TusError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly retriable = false,
  ) {
    super(message);
    this.name = 'TusError';
  }
}

const DEFAULT_RETRY_DELAYS = [0, 1000, 3000, 5000, 10_000];
/** Idle time without progress before a request counts as failed. */
const DEFAULT_TIMEOUT_MS = 30_000;

/** The headers every tus request carries. */
function tusHeaders(token: string): Record<string, string> {
  return { 'Tus-Resumable': '1.0.0', Authorization: `Bearer ${token}` };
}

/**
 * Not axios's `timeout` for PATCH: with the native transport it is a wall-clock limit for the
 * whole request, which would cut every upload slower than 30 s. PATCH uses an idle watchdog.
 * maxRedirects 0 matters: the follow-redirects transport keeps every body chunk in memory
 * for a possible replay, i.e. it would buffer the whole file; with 0 axios uses node:http
 * and pipes our stream with backpressure.
 */
const http = axios.create({
  maxRedirects: 0,
  validateStatus: () => true,
  responseType: 'text',
  transformResponse: [(data: unknown) => data],
  maxContentLength: 64 * 1024,
  maxBodyLength: Infinity,
  httpsAgent: httpsAgentFor(),
});

/**
 * Uploads `size` bytes with tus 1.0 (core + creation), streaming from `open(offset)`, and
 * resumes after network errors, timeouts, 5xx, 423 and offset conflicts by asking the server
 * (HEAD) where to continue. 408 is one of them: a server cuts a PATCH that outlasts its request
 * timeout, and the upload goes on from what arrived. Other 4xx replies and replies that cannot be true fail at once.
 */
export async function uploadResumable(opts: UploadOptions): Promise<{ uploadUrl: string }> {
  const { size, signal } = opts;
  if (!Number.isSafeInteger(size) || size < 0) throw new TypeError(`invalid upload size ${size}`);
  const endpoint = new URL(opts.endpoint);
  const delays = opts.retryDelaysMs ?? DEFAULT_RETRY_DELAYS;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const auth = tusHeaders(opts.token);
  const httpsAgent = httpsAgentFor(opts.trust);

  let uploadUrl = opts.uploadUrl === undefined ? undefined : sameOrigin(opts.uploadUrl, endpoint);
  const fresh = uploadUrl !== undefined && opts.fresh === true;
  /** Whether a caller-given URL may be replaced by a new upload if the server no longer has it. */
  let replaceable = uploadUrl !== undefined;
  /** The server's offset, or undefined when it must be asked (start, and after a failure). */
  let offset: number | undefined = fresh ? 0 : undefined;
  /** Highest offset the server acknowledged: it must never go below it again. */
  let confirmed = 0;
  /** Highest offset we ever sent; unknown (size) for an upload started elsewhere. */
  let maxSent = uploadUrl === undefined || fresh ? 0 : size;
  let failures = 0;

  const request = (config: Parameters<typeof http.request>[0]) =>
    requestOnce(config, { timeoutMs, signal, httpsAgent });

  for (;;) {
    signal?.throwIfAborted();
    try {
      if (uploadUrl === undefined) {
        uploadUrl = await postCreation(request, opts, endpoint);
        offset = confirmed = maxSent = 0;
        opts.onCreated?.(uploadUrl);
      } else if (offset === undefined) {
        const res = await request({ method: 'HEAD', url: uploadUrl, headers: auth });
        if ((res.status === 404 || res.status === 410) && replaceable) {
          uploadUrl = undefined; // the stored upload expired or vanished: start over
          replaceable = false;
          continue;
        }
        if (res.status < 200 || res.status > 299)
          throw failed(res, 'asking the server for the offset', [408, 423, 429]);
        const length = res.headers['upload-length'];
        if (length !== undefined && String(length) !== String(size)) {
          throw new TusError(`the server has this upload as ${String(length)} bytes, not ${size}`);
        }
        offset = readOffset(res, 'HEAD', 0, maxSent);
        if (offset < confirmed) {
          throw new TusError(
            `the server lost data: offset went back from ${confirmed} to ${offset}`,
          );
        }
        if (offset > confirmed) failures = 0;
        confirmed = offset;
      }
      replaceable = false;
      if (offset === size) {
        opts.onProgress?.(size, size);
        return { uploadUrl };
      }
      const { res, sent } = await patch(uploadUrl, offset);
      if (res.status < 200 || res.status > 299)
        throw failed(res, 'sending data', [408, 409, 423, 429]);
      const next = readOffset(res, 'PATCH', offset, offset + sent);
      if (next === offset)
        throw new TusError('the server accepted none of the data', res.status, true);
      offset = confirmed = next;
      failures = 0;
      opts.onProgress?.(offset, size);
    } catch (err) {
      if (!(err instanceof TusError) || !err.retriable) throw err;
      offset = undefined;
      const delay = delays[failures];
      if (delay === undefined) {
        throw new TusError(
          `upload failed after ${delays.length} retries: ${err.message}`,
          err.status,
        );
      }
      failures++;
      await sleep(delay, undefined, { signal }).catch(() => signal?.throwIfAborted());
    }
  }

  /**
   * One PATCH from `offset` to the end, streamed; `sent` counts bytes handed to the socket.
   * On node:http rather than axios: each chunk is given back (lent-buffers.ts) once the socket
   * has written it, so the encryptor seals the next chunks into the same memory. Piped through
   * axios, every sealed batch was fresh memory, and touching fresh pages cost about as much CPU
   * as the cipher (bench:upload's profile).
   */
  async function patch(url: string, from: number): Promise<{ res: PatchReply; sent: number }> {
    const expected = size - from;
    let sent = 0;
    let idle = false;
    const watchdog = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const kick = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        idle = true;
        watchdog.abort();
      }, timeoutMs);
    };
    const target = new URL(url);
    const req = (target.protocol === 'https:' ? httpsRequest : httpRequest)(target, {
      method: 'PATCH',
      ...(target.protocol === 'https:' && { agent: httpsAgent }),
      headers: {
        ...auth,
        'Content-Type': 'application/offset+octet-stream',
        'Content-Length': String(expected),
        'Upload-Offset': String(from),
      },
      signal: signal ? AbortSignal.any([signal, watchdog.signal]) : watchdog.signal,
    });
    const reply = readReply(req);
    const source = opts.open(from);
    // A request that ends (a reply, a cut, an abort, the watchdog) ends the reading too, also
    // while the source is waiting for bytes that may never come (a stalled disk). The reply may
    // come before the body is through (an error, a server's limit): then sending stops.
    let replied = false;
    const stopReading = () => (source as { destroy?: () => void }).destroy?.();
    const onReply = () => {
      replied = true;
      stopReading();
    };
    req.once('close', stopReading);
    void reply.then(onReply, onReply);
    kick();
    try {
      try {
        for await (const chunk of source as AsyncIterable<Buffer>) {
          sent += chunk.length;
          if (sent > expected) {
            throw new TusError(`the file source produced more than the ${size} bytes announced`);
          }
          // Recorded here, not after the reply: after a cut the server may hold part of it.
          maxSent = Math.max(maxSent, from + sent);
          kick();
          opts.onProgress?.(from + sent, size);
          if (replied || req.destroyed) break;
          if (!req.write(chunk, () => giveBack(chunk))) await drained(req);
        }
      } catch (err) {
        if (err instanceof TusError) throw err;
        // Reading stopped because the request ended (a reply, a cut): its reply or failure
        // below says what happened. Otherwise the file itself failed.
        if (!req.destroyed && !replied) {
          throw new TusError(`reading the file failed: ${(err as Error).message}`);
        }
      }
      if (!replied && !req.destroyed && sent < expected) {
        throw new TusError(`the file source ended after ${from + sent} of ${size} bytes`);
      }
      if (!req.destroyed) req.end();
      return { res: await reply.catch(asRequestFailure), sent };
    } catch (err) {
      req.destroy();
      if (signal?.aborted) throw signal.reason;
      if (idle) throw new TusError(`no progress for ${timeoutMs} ms`, undefined, true);
      throw err;
    } finally {
      clearTimeout(timer);
      stopReading();
    }
  }

  /** A PATCH request's failure: every error of its own request is the network's. */
  function asRequestFailure(err: unknown): never {
    throw asFailure(err, signal, endpoint.href);
  }
}

/** What {@link createUpload} needs of {@link UploadOptions}. */
export type CreateOptions = Pick<
  UploadOptions,
  'endpoint' | 'token' | 'metadata' | 'size' | 'signal' | 'timeoutMs' | 'trust'
>;

/**
 * Creates an upload with one POST, not retried: a caller makes the next file's upload while the
 * current one's bytes go out, and hands its URL to {@link uploadResumable} with `fresh`. Where
 * this fails, the upload is simply created there, with retries.
 */
export async function createUpload(opts: CreateOptions): Promise<string> {
  const endpoint = new URL(opts.endpoint);
  const context = {
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    signal: opts.signal,
    httpsAgent: httpsAgentFor(opts.trust),
  };
  return postCreation((config) => requestOnce(config, context), opts, endpoint);
}

type RequestConfig = Parameters<typeof http.request>[0];

/** One request through axios; its failures as the retry loop reads them. */
async function requestOnce(
  config: RequestConfig,
  context: { timeoutMs: number; signal?: AbortSignal; httpsAgent: RequestConfig['httpsAgent'] },
) {
  const { timeoutMs, signal, httpsAgent } = context;
  try {
    return await http.request<string>({ timeout: timeoutMs, signal, httpsAgent, ...config });
  } catch (err) {
    throw asFailure(err, signal);
  }
}

/** The tus creation POST; the new upload's URL, checked to be on the endpoint's origin. */
async function postCreation(
  request: (config: RequestConfig) => Promise<AxiosResponse<string>>,
  opts: Pick<UploadOptions, 'token' | 'metadata' | 'size'>,
  endpoint: URL,
): Promise<string> {
  const res = await request({
    method: 'POST',
    url: endpoint.href,
    headers: {
      ...tusHeaders(opts.token),
      'Upload-Length': String(opts.size),
      'Upload-Metadata': encodeMetadata(opts.metadata),
    },
  });
  if (res.status !== 201) throw failed(res, 'creating the upload', [408, 423, 429]);
  const location = res.headers['location'];
  if (typeof location !== 'string' || location === '') {
    throw new TusError('the server created the upload but sent no Location header', res.status);
  }
  return sameOrigin(new URL(location, endpoint).href, endpoint);
}

/** What the retry loop reads of a reply, from axios or from a PATCH's own request. */
type Reply = Pick<AxiosResponse, 'status' | 'headers' | 'data'> | PatchReply;

/** A PATCH's reply. */
interface PatchReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  data: string;
}

/** The reply to `req`, its body read up to 64 KiB (an error message at most). */
function readReply(req: ClientRequest): Promise<PatchReply> {
  return new Promise((resolve, reject) => {
    req.once('error', reject);
    req.once('response', (res: IncomingMessage) => {
      const parts: Buffer[] = [];
      let length = 0;
      res.on('data', (part: Buffer) => {
        if (length < 64 * 1024) parts.push(part);
        length += part.length;
      });
      res.once('error', reject);
      res.once('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          data: Buffer.concat(parts).toString('utf8'),
        }),
      );
    });
  });
}

/** Resolves once `req` can take more, or rejects/ends with it. */
function drained(req: ClientRequest): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      req.off('drain', done);
      req.off('close', done);
      resolve();
    };
    req.once('drain', done);
    req.once('close', done);
  });
}

/** Upload-Metadata: `key base64(value)` pairs; keys may not contain spaces or commas. */
export function encodeMetadata(metadata: Record<string, string>): string {
  return Object.entries(metadata)
    .map(([key, value]) => {
      if (!/^[\x21-\x2b\x2d-\x7e]+$/.test(key))
        throw new TypeError(`invalid metadata key "${key}"`);
      return `${key} ${Buffer.from(value, 'utf8').toString('base64')}`;
    })
    .join(',');
}

/** Reads Upload-Offset and checks it lies within what is possible. */
function readOffset(res: Reply, method: string, min: number, max: number): number {
  const header = res.headers['upload-offset'];
  if (typeof header !== 'string' || !/^\d{1,16}$/.test(header)) {
    throw new TusError(`the server's ${method} reply has no valid Upload-Offset`, res.status);
  }
  const value = Number(header);
  if (value < min || value > max) {
    throw new TusError(
      `the server's ${method} reply claims offset ${value}, possible is ${min} to ${max}`,
      res.status,
    );
  }
  return value;
}

/** An error for a reply with an unexpected status; 5xx and `retriable` statuses are retried. */
function failed(res: Reply, what: string, retriable: number[]): TusError {
  const again = res.status >= 500 || retriable.includes(res.status);
  return new TusError(
    `${what} failed: HTTP ${res.status}: ${serverMessage(res.data)}`,
    res.status,
    again,
  );
}

/**
 * Network failures are retriable; an abort by the caller rethrows its reason. `requestUrl` is
 * given for a request of our own (node:http), whose every error is the network's; an axios
 * request's are only where axios says so.
 */
function asFailure(err: unknown, signal: AbortSignal | undefined, requestUrl?: string): unknown {
  if (signal?.aborted) return signal.reason;
  const isAxios = axios.isAxiosError(err);
  // A refused certificate is not a network hiccup: the same server would show it again.
  const untrusted = untrustedServer(err, isAxios ? err.config?.url : requestUrl);
  if (untrusted) return untrusted;
  if (isAxios || requestUrl !== undefined) {
    const code = (err as { code?: string }).code ?? '';
    return new TusError(`network error: ${code} ${(err as Error).message}`.trim(), undefined, true);
  }
  return err;
}

/** Refuses URLs on another origin than the endpoint: the token must not go elsewhere. */
function sameOrigin(url: string, endpoint: URL): string {
  const parsed = new URL(url);
  if (parsed.origin !== endpoint.origin) {
    throw new TusError(
      `upload URL ${parsed.origin} is not on the endpoint's origin ${endpoint.origin}`,
    );
  }
  return parsed.href;
}
