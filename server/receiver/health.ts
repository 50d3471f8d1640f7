import { access, constants } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { sendJson } from './http';

/**
 * Liveness and readiness for a load balancer or an orchestrator, answered without a token
 * (probes carry none) and without details: a failing check is named, its message only logged.
 *
 * - `GET /healthz`: the process serves requests. Nothing else is checked, so a database outage
 *   does not get every receiver restarted at once.
 * - `GET /readyz`: every backend this receiver needs answers. 200 `{ ready: true }`, or 503
 *   `{ ready: false, failing: [names] }`; a load balancer sends no new requests to a receiver
 *   that is not ready.
 *
 * The seam with the backends: each one the receiver is built on (order records, status records,
 * rate limits, tus locker, upload storage) exposes `ready(): Promise<void>`, resolving when its
 * engine can be reached and throwing with a clear message when not. createReceiver (index.ts)
 * collects them in one list of {@link ReadinessCheck}s, with a name each ('records', 'uploads',
 * ...); ReceiverOptions.readinessChecks adds more from outside.
 */
export interface ReadinessCheck {
  /** Short and fixed ('records', 'uploads'): it is shown to anyone who asks /readyz. */
  name: string;
  ready(): Promise<void>;
}

/** A check that stalls counts as failed: a probe must answer quicker than the balancer gives up. */
export const READINESS_TIMEOUT_MS = 3000;

/** The embedded default's own check: its data folder is there and writable (a lost mount, say). */
export function dataDirReadiness(name: string, dir: string): ReadinessCheck {
  return {
    name,
    ready: () =>
      access(dir, constants.W_OK).catch((err: unknown) => {
        throw new Error(`the folder ${dir} can't be written: ${(err as Error).message}`);
      }),
  };
}

/** Runs every check at once; the names of those that failed or took too long. */
export async function failingChecks(
  checks: readonly ReadinessCheck[],
  timeoutMs = READINESS_TIMEOUT_MS,
): Promise<{ name: string; message: string }[]> {
  const results = await Promise.all(
    checks.map(async ({ name, ready }) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([ready(), timeout]);
        return undefined;
      } catch (err) {
        return { name, message: err instanceof Error ? err.message : String(err) };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return results.filter((r) => r !== undefined);
}

/** The two probe routes, with the log of readiness changes (not one line per probe). */
export function createHealth(checks: readonly ReadinessCheck[], log: (line: string) => void) {
  let lastFailing = '';
  return {
    healthz(res: ServerResponse): void {
      sendJson(res, 200, { ok: true });
    },
    async readyz(res: ServerResponse): Promise<void> {
      const failing = await failingChecks(checks);
      const summary = failing.map((f) => `${f.name}: ${f.message}`).join('; ');
      if (summary !== lastFailing) {
        log(summary ? `not ready: ${summary}` : 'ready again: every backend answers');
        lastFailing = summary;
      }
      if (failing.length === 0) return sendJson(res, 200, { ready: true });
      sendJson(res, 503, { ready: false, failing: failing.map((f) => f.name) });
    },
  };
}
