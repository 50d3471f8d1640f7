import type { Lock, Locker, RequestRelease } from '@tus/server';
import { ERRORS } from '@tus/server';

interface Holder {
  requestRelease: RequestRelease;
  /** Resolves when the holder unlocks. */
  released: Promise<void>;
  release: () => void;
}

/**
 * tus's upload locks within one receiver process (the embedded default). As with tus's own
 * MemoryLocker, a request for an upload another request is writing asks that one to stop and
 * then takes the lock. Unlike it, the waiting request sleeps until the holder unlocks (or its
 * wait runs out): MemoryLocker tries again on every turn of the event loop, and each try
 * chains one more promise, so a holder that can't stop (a write hanging in its storage) made a
 * receiver's memory grow by about 80 MB a second for the whole 30 s wait.
 */
export class ProcessLocker implements Locker {
  readonly holders = new Map<string, Holder>();

  /** `acquireTimeoutMs`: how long a request waits for an upload's lock; default 30 s. */
  constructor(readonly acquireTimeoutMs = 30_000) {}

  newLock(id: string): Lock {
    return new ProcessLock(id, this);
  }
}

class ProcessLock implements Lock {
  private mine: Holder | undefined;

  constructor(
    private readonly id: string,
    private readonly locker: ProcessLocker,
  ) {}

  async lock(stop: AbortSignal, requestRelease: RequestRelease): Promise<void> {
    const deadline = Date.now() + this.locker.acquireTimeoutMs;
    for (;;) {
      const holder = this.locker.holders.get(this.id);
      if (!holder) break;
      const left = deadline - Date.now();
      if (stop.aborted || left <= 0) throw ERRORS.ERR_LOCK_TIMEOUT;
      void Promise.resolve(holder.requestRelease()).catch(() => undefined);
      await firstOf(holder.released, left, stop);
    }
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    this.mine = { requestRelease, released, release };
    this.locker.holders.set(this.id, this.mine);
  }

  async unlock(): Promise<void> {
    const mine = this.mine;
    this.mine = undefined;
    if (!mine) return;
    if (this.locker.holders.get(this.id) === mine) this.locker.holders.delete(this.id);
    mine.release();
  }
}

/** Resolves when `released` does, after `ms`, or when `stop` aborts: whichever comes first. */
function firstOf(released: Promise<void>, ms: number, stop: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stop.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    stop.addEventListener('abort', done, { once: true });
    void released.then(done);
  });
}
