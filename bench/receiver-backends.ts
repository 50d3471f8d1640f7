/**
 * The scaled backends for bench/receiver.ts: PostgreSQL for the records and radosgw for the
 * uploads, started on free ports in temporary folders and stopped at the end.
 */
export interface Backends {
  name: string;
  /** Environment every receiver gets (database URL, S3 keys). */
  env: NodeJS.ProcessEnv;
  /** The config file of receiver `index` in the run `run` (each run its own database and bucket). */
  config(run: string, index: number): Record<string, unknown>;
  /** Removes what the run left. */
  clear(run: string): Promise<void>;
  stop(): Promise<void>;
}

/** Undefined while the scaled backends (PostgreSQL records, S3 uploads) are not there yet. */
export async function scaledBackends(): Promise<Backends | undefined> {
  return undefined;
}
