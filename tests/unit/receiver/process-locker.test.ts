import { ERRORS } from '@tus/server';
import { describe, expect, it } from 'vitest';
import { ProcessLocker } from '../../../server/receiver/records/process-locker';

const never = new AbortController().signal;

describe('ProcessLocker', () => {
  it('asks the holder to let go and gives the lock to the next request once it unlocks', async () => {
    const locker = new ProcessLocker();
    const first = locker.newLock('upload-1');
    let asked = 0;
    await first.lock(never, () => {
      asked++;
      // The holder's request stops a moment later, as a PATCH does when tus cancels it.
      setTimeout(() => void first.unlock(), 20);
    });
    const second = locker.newLock('upload-1');
    await second.lock(never, () => {});
    expect(asked).toBe(1);
    // Another upload's lock is not in the way.
    await locker.newLock('upload-2').lock(never, () => {});
    await second.unlock();
    expect(locker.holders.has('upload-1')).toBe(false);
  });

  it('waits for a holder that cannot let go until its time is up, without asking again and again', async () => {
    const locker = new ProcessLocker(300);
    let asked = 0;
    await locker.newLock('stuck').lock(never, () => {
      asked++;
    });
    const started = Date.now();
    await expect(locker.newLock('stuck').lock(never, () => {})).rejects.toBe(
      ERRORS.ERR_LOCK_TIMEOUT,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    // tus's MemoryLocker asks on every turn of the event loop: thousands of times in 300 ms.
    expect(asked).toBe(1);
  });

  it('stops waiting when the waiting request ends', async () => {
    const locker = new ProcessLocker(60_000);
    await locker.newLock('stuck').lock(never, () => {});
    const gone = new AbortController();
    const waiting = locker.newLock('stuck').lock(gone.signal, () => {});
    setTimeout(() => gone.abort(), 20);
    await expect(waiting).rejects.toBe(ERRORS.ERR_LOCK_TIMEOUT);
  });

  it('lets one request at a time hold an upload, however many ask at once', async () => {
    const locker = new ProcessLocker();
    let holding = 0;
    let most = 0;
    let turns = 0;
    await Promise.all(
      Array.from({ length: 10 }, async () => {
        const lock = locker.newLock('busy');
        await lock.lock(never, () => {});
        holding++;
        most = Math.max(most, holding);
        await new Promise((resolve) => setTimeout(resolve, 5));
        holding--;
        turns++;
        await lock.unlock();
      }),
    );
    expect(turns).toBe(10);
    expect(most).toBe(1);
  });
});
