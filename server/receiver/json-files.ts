import { randomBytes } from 'node:crypto';
import { readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import type { z } from 'zod';

/**
 * The embedded default keeps each record as one JSON file. Order and status records share
 * these helpers: a write goes to a temp file that is renamed over the target, so a crash
 * never leaves half a record, and a read validates with the record's schema.
 */

/** The parsed file, undefined if there is none; a file the schema refuses throws `corrupt`. */
export async function readJsonFile<T>(
  path: string,
  schema: z.ZodType<T>,
  corrupt: string,
): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(corrupt);
  return parsed.data;
}

/** Writes `value` as JSON to `path` atomically (temp file + rename), readable by the owner only. */
export async function writeJsonFileAtomic(path: string, value: unknown): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, JSON.stringify(value), { mode: 0o600 });
    await rename(temp, path);
  } catch (err) {
    // A full disk leaves a cut-off temp file; nothing would ever remove it.
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
}

/** The ids of `<id>.json` files in `dir` that pass `valid` (temp files are skipped), sorted. */
export async function jsonFileIds(dir: string, valid: RegExp): Promise<string[]> {
  const names = await readdir(dir);
  return names
    .filter((n) => n.endsWith('.json'))
    .map((n) => n.slice(0, -'.json'.length))
    .filter((id) => valid.test(id))
    .sort();
}

/**
 * Runs functions one after the other per key, in this process: the read-modify-write of one
 * record never interleaves with another on the same record.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(fn);
    this.tails.set(key, run);
    try {
      return await run;
    } finally {
      // Forget the chain once it is idle, so the map does not grow with every key ever seen.
      if (this.tails.get(key) === run) this.tails.delete(key);
    }
  }
}
