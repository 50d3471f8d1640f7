/**
 * Writes still running, so a closing receiver can wait for them. Only the store's own writes
 * are tracked: @tus/server's handling of a request whose connection was cut never settles (its
 * reply waits for a 'finish' that a destroyed socket never emits), so waiting for whole requests
 * would hang, and holding them would keep every cut request in memory.
 */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const done = () => this.running.delete(work);
    work.then(done, done);
    return work;
  }

  /** Resolves once everything tracked so far has ended, whether it worked or not. */
  async settle(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }
}
