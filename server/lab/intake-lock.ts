import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** The lock file of an orders folder while a pull or an import takes orders in. */
export const INTAKE_LOCK_FILE = '.intake.lock';

/**
 * Runs `work` while holding the orders folder's intake lock, so a pull started by cron and one
 * started by hand (or an import) never stage the same order at once. The lock names its
 * process; one left by a process that is gone (killed, a power cut) is taken over.
 */
export async function withIntakeLock<T>(ordersDir: string, work: () => Promise<T>): Promise<T> {
  const path = join(ordersDir, INTAKE_LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const holder = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
        throw new Error(
          `another lab pull or import (process ${holder}) is taking orders into ${ordersDir}; ` +
            `try again when it has finished`,
          { cause: error },
        );
      }
      await rm(path, { force: true });
    }
  }
  try {
    return await work();
  } finally {
    await rm(path, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
