import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { OrderStore } from '../orders';
import { TokenBucketLimiter } from '../rate-limit';
import { StatusFiles } from '../status-files';
import type { RecordsBackend } from './backend';
import { ProcessLocker } from './process-locker';

/**
 * The embedded default: order records in `dataDir/orders`, status records in `dataDir/status`,
 * limits, locks and the sweep's turn in this process's memory. One receiver per data folder.
 */
export async function fileRecords(dataDir: string): Promise<RecordsBackend> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const orders = new OrderStore(join(dataDir, 'orders'));
  await orders.init();
  const statuses = new StatusFiles(join(dataDir, 'status'));
  await statuses.init();
  const running = new Set<string>();
  return {
    kind: 'files',
    orders,
    statuses,
    rateLimiter: (_name, opts) => new TokenBucketLimiter(opts),
    locker: new ProcessLocker(),
    exclusive: async (name, fn) => {
      if (running.has(name)) return false;
      running.add(name);
      try {
        await fn();
        return true;
      } finally {
        running.delete(name);
      }
    },
    ready: () => orders.ready(),
    close: () => Promise.resolve(),
  };
}
