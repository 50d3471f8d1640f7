import { randomBytes } from 'node:crypto';
import { HostError } from '../../src/contract/host';

const MiB = 1024 * 1024;
/** How long a refused browser should wait: streams end and imports claim blobs within seconds. */
const RETRY_AFTER_S = 5;

/** Bounds on photo bytes that browsers stream to the host before importing them. */
export interface BlobLimits {
  /** The largest single photo. */
  maxBlobBytes: number;
  /** Photos arriving at the same time. */
  maxStreams: number;
  /** Everything held at once: photos arriving plus photos waiting for import. */
  maxHeldBytes: number;
  /** How long a photo waits for its import before it is freed. */
  ttlMs: number;
}

export const defaultBlobLimits: BlobLimits = {
  maxBlobBytes: 512 * MiB,
  maxStreams: 4,
  maxHeldBytes: 1024 * MiB,
  ttlMs: 10 * 60_000,
};

export interface BlobStoreOptions extends Partial<BlobLimits> {
  /** Milliseconds since some epoch; tests pass a clock they move by hand. */
  now?: () => number;
}

/** One photo arriving: its bytes land in a buffer of the declared length, allocated once. */
export interface BlobIntake {
  write(chunk: Uint8Array): void;
  /** Stores the photo once every declared byte arrived; returns its id. */
  finish(): string;
  /** Frees the room of a photo that will not arrive (cut connection, refused body). */
  abandon(): void;
}

interface Held {
  bytes: Buffer;
  expiresAt: number;
}

/**
 * Photo bytes a browser streamed to the host. They live in memory only
 * (privacy rule 2), bounded in size, number and time, and are handed to the
 * photo store once imported.
 */
export class BlobStore {
  readonly limits: BlobLimits;
  private readonly now: () => number;
  private readonly blobs = new Map<string, Held>();
  private streams = 0;
  private heldBytes = 0;

  constructor(options: BlobStoreOptions = {}) {
    const { now, ...limits } = options;
    this.limits = { ...defaultBlobLimits, ...definedOnly(limits) };
    this.now = now ?? Date.now;
  }

  /** Opens room for a photo of `length` bytes, or refuses with a reason the customer can act on. */
  receive(length: number): BlobIntake {
    this.admit(length);
    if (this.streams >= this.limits.maxStreams) {
      throw busy(`${this.limits.maxStreams} photos are arriving already`);
    }
    const buffer = Buffer.allocUnsafe(length);
    let written = 0;
    let open = true;
    this.streams++;
    this.heldBytes += length;
    const close = (keep: boolean) => {
      if (!open) return;
      open = false;
      this.streams--;
      if (!keep) this.heldBytes -= length;
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
        if (written !== length) {
          close(false);
          throw new HostError(
            'invalid-request',
            `photo upload ended after ${written} of ${length} bytes`,
          );
        }
        close(true);
        return this.keep(buffer);
      },
      abandon: () => close(false),
    };
  }

  /** Stores a photo that is already whole in memory. */
  put(bytes: Buffer): string {
    this.admit(bytes.length);
    this.heldBytes += bytes.length;
    return this.keep(bytes);
  }

  /** Takes a blob out: each upload is imported once, then the store forgets it. */
  take(id: string): Buffer | undefined {
    this.sweep();
    const held = this.blobs.get(id);
    if (!held) return undefined;
    this.forget(id, held);
    return held.bytes;
  }

  /** Frees photos whose import never came; returns what it freed. */
  sweep(): { count: number; bytes: number } {
    const now = this.now();
    let count = 0;
    let bytes = 0;
    for (const [id, held] of this.blobs) {
      if (held.expiresAt > now) continue;
      this.forget(id, held);
      count++;
      bytes += held.bytes.length;
    }
    return { count, bytes };
  }

  get size(): number {
    return this.blobs.size;
  }

  /** Photos arriving now, and bytes held (arriving and waiting), for tests and limits. */
  get usage(): { streams: number; heldBytes: number } {
    return { streams: this.streams, heldBytes: this.heldBytes };
  }

  private admit(length: number): void {
    const { maxBlobBytes, maxHeldBytes } = this.limits;
    if (length > maxBlobBytes) {
      const limitMb = Math.floor(maxBlobBytes / MiB);
      throw new HostError('photo-too-large', `photo larger than ${limitMb} MB`, { limitMb });
    }
    // Expired photos make room before anyone is turned away.
    this.sweep();
    if (this.heldBytes + length > maxHeldBytes) {
      throw busy(`${Math.floor(maxHeldBytes / MiB)} MB of photos wait to be imported`);
    }
  }

  private keep(bytes: Buffer): string {
    const id = randomBytes(18).toString('base64url');
    this.blobs.set(id, { bytes, expiresAt: this.now() + this.limits.ttlMs });
    return id;
  }

  private forget(id: string, held: Held): void {
    this.blobs.delete(id);
    this.heldBytes -= held.bytes.length;
  }
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
