import { randomBytes } from 'node:crypto';
import { HostError } from '../../src/contract/host';

const MiB = 1024 * 1024;
/** How long a refused browser should wait: photos in work finish within seconds. */
const RETRY_AFTER_S = 5;
/** How long a cut photo waits for its page to say why before it counts as gone with the page. */
const CUT_REASON_WAIT_MS = 2_000;

/** Bounds on the photo bytes a browser sends when the host asks for them. */
export interface BrowserFileLimits {
  /** The largest single photo. */
  maxFileBytes: number;
  /** Photos arriving at the same time. */
  maxStreams: number;
  /** Everything arriving at once. */
  maxArrivingBytes: number;
  /** How long the host waits for a page to start sending what it asked for. */
  answerTimeoutMs: number;
}

export const defaultBrowserFileLimits: BrowserFileLimits = {
  maxFileBytes: 512 * MiB,
  // The import's lanes, a print-ready image and an upload can all be in work at once.
  maxStreams: 8,
  maxArrivingBytes: 1024 * MiB,
  answerTimeoutMs: 30_000,
};

/** Why a browser's file could not be had: the import and the order each say it their way. */
export class FileUnavailable extends Error {
  constructor(
    readonly reason: 'missing' | 'unreadable' | 'too-large',
    message: string,
  ) {
    super(message);
  }
}

/** One photo arriving: its bytes land in a buffer of the declared length, allocated once. */
export interface FileIntake {
  write(chunk: Uint8Array): void;
  /** Hands the photo to whoever asked, once every declared byte arrived. */
  finish(): void;
  /** Frees the room of a photo that will not arrive (cut connection, refused body). */
  abandon(): void;
}

export interface BrowserFilesOptions extends Partial<BrowserFileLimits> {
  /** Tells the pages that the host wants a file (the `photos.bytesWanted` event). */
  announce: (requestId: string, fileId: string) => void;
  /** Whether any page listens at all: without one, nobody can answer. */
  listening: () => boolean;
  /** How many listen: once that many pages said `not-here`, no window holds the file. */
  listeners?: () => number;
}

interface Waiting {
  fileId: string;
  resolve(bytes: Buffer): void;
  reject(error: FileUnavailable): void;
  timer: NodeJS.Timeout;
  arriving: boolean;
  /** Pages that said they never held the file. */
  notHere: number;
}

/**
 * The photos a browser keeps. The page holds the `File`s; the host asks for one photo's bytes
 * when it works on it (a thumbnail, a print-ready image, an upload) and lets go of them after, so
 * it never holds more than the photos in work, whatever the customer picked (privacy rule 2:
 * in memory only). A page answers by streaming the bytes to `PUT /host/blobs?for=<requestId>`.
 */
export class BrowserFiles {
  readonly limits: BrowserFileLimits;
  private readonly waiting = new Map<string, Waiting>();
  private streams = 0;
  private arrivingBytes = 0;

  constructor(private readonly options: BrowserFilesOptions) {
    const { announce: _a, listening: _l, listeners: _n, ...limits } = options;
    this.limits = { ...defaultBrowserFileLimits, ...definedOnly(limits) };
  }

  /** The bytes of the file a page holds as `fileId`; refused when no page answers in time. */
  ask(fileId: string): Promise<Buffer> {
    if (!this.options.listening()) {
      return Promise.reject(noWindowHolds());
    }
    const requestId = randomBytes(18).toString('base64url');
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(requestId);
        reject(new FileUnavailable('missing', 'the browser window did not send the photo'));
      }, this.limits.answerTimeoutMs);
      timer.unref();
      this.waiting.set(requestId, {
        fileId,
        resolve,
        reject,
        timer,
        arriving: false,
        notHere: 0,
      });
      this.options.announce(requestId, fileId);
    });
  }

  /**
   * A page can't send a file it was asked for. `not-here` (the page never held it) counts only
   * while no page is sending it: once every page listening said so, the photo is missing now,
   * not after the wait for an answer (a reloaded page holds none of the files picked before).
   */
  refuse(requestId: string, reason: 'missing' | 'unreadable' | 'not-here'): boolean {
    if (reason === 'not-here') {
      const asked = this.waiting.get(requestId);
      if (!asked || asked.arriving) return false;
      asked.notHere++;
      const listeners = this.options.listeners?.() ?? Infinity;
      if (asked.notHere < listeners) return true;
      this.settle(requestId)?.reject(noWindowHolds());
      return true;
    }
    const waiting = this.settle(requestId);
    waiting?.reject(
      new FileUnavailable(
        reason,
        reason === 'missing' ? 'the file is gone' : 'the browser could not read the file',
      ),
    );
    return waiting !== undefined;
  }

  /** Opens room for the answer to `requestId`, or refuses with a reason the page can act on. */
  receive(requestId: string, length: number): FileIntake {
    const waiting = this.waiting.get(requestId);
    if (!waiting || waiting.arriving) {
      throw new HostError('invalid-request', 'no photo was asked for with this id');
    }
    if (length > this.limits.maxFileBytes) {
      const limitMb = Math.floor(this.limits.maxFileBytes / MiB);
      this.settle(requestId)?.reject(new FileUnavailable('too-large', `${length} bytes`));
      throw new HostError('photo-too-large', `photo larger than ${limitMb} MB`, { limitMb });
    }
    if (this.streams >= this.limits.maxStreams) {
      throw busy(`${this.limits.maxStreams} photos are arriving already`);
    }
    if (this.arrivingBytes + length > this.limits.maxArrivingBytes) {
      throw busy(`${Math.floor(this.limits.maxArrivingBytes / MiB)} MB of photos are arriving`);
    }
    // Arriving: the page answered, so the wait for an answer ends; the stream bounds the rest.
    clearTimeout(waiting.timer);
    waiting.arriving = true;
    const buffer = Buffer.allocUnsafe(length);
    let written = 0;
    let open = true;
    this.streams++;
    this.arrivingBytes += length;
    const close = () => {
      if (!open) return false;
      open = false;
      this.streams--;
      this.arrivingBytes -= length;
      return true;
    };
    return {
      write: (chunk) => {
        if (written + chunk.length > length) {
          throw new HostError(
            'invalid-request',
            `photo upload sent more bytes than its Content-Length (${length})`,
          );
        }
        buffer.set(chunk, written);
        written += chunk.length;
      },
      finish: () => {
        if (!close()) return;
        if (written !== length) {
          this.settle(requestId)?.reject(
            new FileUnavailable('unreadable', `only ${written} of ${length} bytes arrived`),
          );
          throw new HostError(
            'invalid-request',
            `photo upload ended after ${written} of ${length} bytes`,
          );
        }
        this.settle(requestId)?.resolve(buffer);
      },
      abandon: () => {
        if (!close()) return;
        // A cut mostly means the page went away (reloaded, closed): the photo left with it. A
        // page that could not read its file says so itself within moments (`refuse`), so the
        // asker waits briefly for that before telling the customer the photo is gone.
        const cut = this.waiting.get(requestId);
        if (!cut) return;
        cut.timer = setTimeout(() => {
          this.settle(requestId)?.reject(
            new FileUnavailable('missing', 'the browser window stopped sending the photo'),
          );
        }, CUT_REASON_WAIT_MS);
        cut.timer.unref();
      },
    };
  }

  /** Requests waiting for an answer or arriving, and bytes arriving: for tests and limits. */
  get usage(): { waiting: number; streams: number; arrivingBytes: number } {
    return { waiting: this.waiting.size, streams: this.streams, arrivingBytes: this.arrivingBytes };
  }

  private settle(requestId: string): Waiting | undefined {
    const waiting = this.waiting.get(requestId);
    if (!waiting) return undefined;
    clearTimeout(waiting.timer);
    this.waiting.delete(requestId);
    return waiting;
  }
}

function noWindowHolds(): FileUnavailable {
  return new FileUnavailable('missing', 'no browser window holds this photo any more');
}

function busy(why: string): HostError {
  return new HostError('host-busy', `host busy: ${why}; try again in ${RETRY_AFTER_S} s`, {
    retryAfterS: RETRY_AFTER_S,
  });
}

/** Options left out (or passed as undefined) keep their defaults. */
function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}
