import { mkdir } from 'node:fs/promises';
import { recoverIntake } from './intake';
import type { IntakeContext } from './intake';
import { withIntakeLock } from './intake-lock';
import { openLabStore } from './store/open';
import type { Clock, LabStore } from './store/lab-store';

/** What a pull and an import have in common before they take orders in. */
export interface IntakeSessionOptions {
  /** The orders folder. */
  outDir: string;
  identities: string[];
  log?: (line: string) => void;
  /** The lab database; by default DIR/lab.sqlite, opened and closed around the session. */
  store?: LabStore;
  clock?: Clock;
  checkpoint?: IntakeContext['checkpoint'];
}

/**
 * Runs `work` as one intake session: under the orders folder's intake lock, with the lab store
 * open, after finishing whatever a killed session left half taken in. Pull and import both start
 * here, so the two ways an order arrives can never stage the same order at once.
 */
export async function withIntakeSession<T>(
  options: IntakeSessionOptions,
  work: (ctx: IntakeContext) => Promise<T>,
): Promise<T> {
  const clock = options.clock ?? (() => new Date());
  await mkdir(options.outDir, { recursive: true });
  return withIntakeLock(options.outDir, async () => {
    const store = options.store ?? (await openLabStore(options.outDir, clock));
    try {
      const ctx: IntakeContext = {
        ordersDir: options.outDir,
        store,
        clock,
        identities: options.identities,
        log: options.log ?? (() => {}),
        checkpoint: options.checkpoint,
      };
      await recoverIntake(ctx);
      return await work(ctx);
    } finally {
      if (!options.store) await store.close();
    }
  });
}
