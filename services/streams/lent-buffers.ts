/**
 * Buffers lent down a stream and given back for reuse. On these machines a
 * fresh page costs more than the bytes put in it (measured with `perf stat`:
 * encrypting 1 GiB took 22,000 page faults and 1.8 s of CPU, `age` 400 and
 * 0.9 s), so a stage that makes a buffer for each push lends it, and a
 * consumer that is done with a buffer (it copied the bytes, or wrote them
 * out) gives it back. A consumer that doesn't just keeps what it got; the
 * lender then takes fresh memory, as if nothing were lent.
 */

/** Buffers lent out, with the way back to their owner. */
const lent = new WeakMap<Buffer, () => void>();

/** Marks `chunk` as lent: {@link giveBack} of that very Buffer object calls `back` once. */
export function lend(chunk: Buffer, back: () => void): void {
  lent.set(chunk, back);
}

/**
 * Gives a lent buffer back for reuse. Call only once the buffer's bytes are no
 * longer needed by anyone; a buffer that was not lent is ignored.
 */
export function giveBack(chunk: Buffer): void {
  const back = lent.get(chunk);
  if (!back) return;
  lent.delete(chunk);
  back();
}

/**
 * Has glibc keep freed memory for reuse rather than hand it back at once
 * (once a process, when the first pool is made).
 * node:crypto makes a fresh buffer for every cipher update (one a 64 KiB
 * chunk), freed only at the next garbage collection; glibc returns free
 * memory at the top of its heap to the system once more than 128 KiB is
 * free there, so after every collection the next chunks faulted fresh pages
 * in again. glibc raises that limit to twice the largest block it has
 * handed out with mmap and taken back (up to 32 MiB): one 8 MiB buffer,
 * made and dropped, raises it to 16 MiB, which a stream's garbage between
 * collections fits in (measured: 27,000 page faults a GiB encrypted, 14,000
 * after; 16 MiB buffers did no better and keep more). With another allocator
 * it is one short-lived buffer, no more.
 */
function keepFreedPages(): void {
  if (keptFreedPages) return;
  keptFreedPages = true;
  Buffer.allocUnsafeSlow(8 * 1024 * 1024).fill(0, 0, 1);
}
let keptFreedPages = false;

/**
 * Memory given back, by size, for any stream to take next: an order's files are read and sealed
 * one after another, and each file's stream taking memory of its own left the last file's as
 * garbage until a collection (measured on an order of 85 photos: 83 to 98 MB of array buffers
 * at the peak while sending). As many buffers of each size are kept as a busy pipeline has out
 * at once (a writer behind on a loaded machine holds 8 and more); more are let go.
 */
const shelves = new Map<number, Buffer[]>();
const SHELVED_PER_SIZE = 16;

/** A buffer of exactly `bytes` bytes: one given back before, or fresh memory. */
export function takeMemory(bytes: number): Buffer {
  return shelves.get(bytes)?.pop() ?? Buffer.allocUnsafeSlow(bytes);
}

/** Puts memory no one uses any more on the shelf for its size (or lets it go if that is full). */
export function shelve(memory: Buffer): void {
  let shelf = shelves.get(memory.length);
  if (!shelf) shelves.set(memory.length, (shelf = []));
  if (shelf.length < SHELVED_PER_SIZE && !shelf.includes(memory)) shelf.push(memory);
}

/** Buffers of one size for a stage's output, lent with each push and shelved once given back. */
export class LendingPool {
  constructor(readonly bytes: number) {
    keepFreedPages();
  }

  /**
   * `length` bytes of a pooled buffer, lent. Small pieces (a stage fed in crumbs) get memory of
   * their own, as does anything larger than the pool's buffers: neither is worth keeping.
   */
  take(length: number): Buffer {
    if (length === 0 || length > this.bytes) return Buffer.allocUnsafeSlow(length);
    if (length <= this.bytes / 2 && !shelves.get(this.bytes)?.length) {
      return Buffer.allocUnsafe(length);
    }
    const memory = takeMemory(this.bytes);
    const chunk = memory.subarray(0, length);
    lend(chunk, () => shelve(memory));
    return chunk;
  }
}
