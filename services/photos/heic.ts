import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { HeicError, type HeicImage } from './heic-libheif';
import type { HeicJob, HeicReply } from './heic-worker';

export { HeicError, type HeicImage } from './heic-libheif';

/**
 * HEIC decoding off the host's event loop. libheif (WebAssembly) takes 2-3 s
 * for an iPhone photo, and the host (Electron's main process, the loopback
 * server) must keep answering meanwhile: a few worker threads decode, each
 * one photo at a time. They start with the first HEIC and end when idle,
 * since WebAssembly memory grows to the largest photo seen and never shrinks.
 */

/** An idle worker lives this long: a batch of HEICs reuses it, a quiet host gets its memory back. */
const IDLE_MS = 5_000;

/**
 * Decodes the primary image of a HEIC/HEIF in a worker thread. Refuses
 * images over `maxPixels` before decoding them; a file libheif can't read
 * rejects with a `HeicError`, as it would on this thread.
 */
export function decodeHeic(bytes: Uint8Array, maxPixels: number): Promise<HeicImage> {
  pool ??= new HeicPool(Math.max(1, availableParallelism()), heicWorkerUrl(import.meta.url));
  return pool.decode(bytes, maxPixels);
}

let pool: HeicPool | undefined;

/**
 * Where the worker's code is, seen from the module that starts it: beside
 * heic.ts when the sources run (tsx, vitest), beside main.js in the
 * electron-vite build, which emits the worker as an entry of its own there.
 */
export function heicWorkerUrl(startedFrom: string): URL {
  const fromSources = startedFrom.endsWith('.ts');
  return new URL(fromSources ? './heic-worker.ts' : './heic-worker.js', startedFrom);
}

interface Job extends HeicJob {
  resolve: (image: HeicImage) => void;
  reject: (error: Error) => void;
}

interface Lane {
  worker: Worker;
  job?: Job;
  idle?: NodeJS.Timeout;
}

class HeicPool {
  private readonly lanes = new Set<Lane>();
  private readonly queue: Job[] = [];

  constructor(
    private readonly size: number,
    private readonly workerUrl: URL,
  ) {}

  decode(bytes: Uint8Array, maxPixels: number): Promise<HeicImage> {
    return new Promise((resolve, reject) => {
      this.queue.push({ bytes, maxPixels, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch() {
    while (this.queue.length > 0) {
      const lane = [...this.lanes].find((l) => !l.job) ?? this.startLane();
      if (!lane) return; // every lane busy: the next reply dispatches again
      this.run(lane, this.queue.shift()!);
    }
  }

  private run(lane: Lane, job: Job) {
    clearTimeout(lane.idle);
    lane.job = job;
    lane.worker.ref(); // a decode in flight keeps the process alive, as any pending I/O does
    // The worker gets a copy of its own, moved rather than cloned: the caller still hashes
    // and keeps the file's bytes, and a small Buffer may share its ArrayBuffer with others.
    const bytes = new Uint8Array(job.bytes);
    const message: HeicJob = { bytes, maxPixels: job.maxPixels };
    lane.worker.postMessage(message, [bytes.buffer]);
  }

  private startLane(): Lane | undefined {
    if (this.lanes.size >= this.size) return undefined;
    const lane: Lane = { worker: startWorker(this.workerUrl) };
    let crash: Error | undefined;
    lane.worker.on('message', (reply: HeicReply) => this.finish(lane, reply));
    lane.worker.on('error', (error) => (crash = error));
    lane.worker.on('exit', (code) => {
      this.lanes.delete(lane);
      clearTimeout(lane.idle);
      // A worker that died mid-job (out of memory, failed to load) fails that photo only.
      const message = crash?.message ?? `HEIC worker stopped (exit code ${code})`;
      lane.job?.reject(new HeicError('damaged', message));
      lane.job = undefined;
      this.dispatch();
    });
    this.lanes.add(lane);
    return lane;
  }

  private finish(lane: Lane, reply: HeicReply) {
    const job = lane.job;
    lane.job = undefined;
    if (reply.ok) {
      job?.resolve({
        width: reply.width,
        height: reply.height,
        rgb: asBuffer(reply.rgb),
        ...(reply.icc && { icc: asBuffer(reply.icc) }),
        ...(reply.exif && { exif: asBuffer(reply.exif) }),
      });
    } else {
      job?.reject(new HeicError(reply.kind, reply.message));
    }
    if (!reply.ok && reply.broken) {
      // libheif trapped: this worker's WebAssembly state is suspect, the next job gets a fresh one.
      this.retire(lane);
    } else {
      lane.worker.unref(); // an idle worker never keeps the host from exiting
      lane.idle = setTimeout(() => this.retire(lane), IDLE_MS).unref();
    }
    this.dispatch();
  }

  /** Out of the pool first, so no job is handed to a worker on its way out. */
  private retire(lane: Lane) {
    this.lanes.delete(lane);
    void lane.worker.terminate();
  }
}

/** Buffers cross threads as plain Uint8Arrays: the same memory, as a Buffer again. */
const asBuffer = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * Starts a worker. The built worker is JavaScript; from the sources it is
 * TypeScript, which a worker thread loads only after registering tsx in
 * itself (Node 20 gives a worker neither its parent's loaders nor a working
 * `--import tsx`), so a two-line module does that first.
 */
function startWorker(url: URL): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url);
  const boot = [
    `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};`,
    `register();`,
    `await import(${JSON.stringify(url.href)});`,
  ].join('\n');
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`));
}
