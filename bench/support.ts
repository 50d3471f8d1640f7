/**
 * Generic helpers for the `bench/` scripts: deterministic inputs, null sinks,
 * timing and the one-JSON-line result (see TESTING.md "Benchmarks, not timed
 * tests").
 */
import { createCipheriv, createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';

export const MiB = 1024 * 1024;

/** Median of a non-empty list (mean of the two middle values if even). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of nothing');
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Rounds to `digits` decimals, for readable JSON. */
export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** A positive number from the environment, or the default. */
export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0)
    throw new RangeError(`${name}=${raw} is not a positive number`);
  return n;
}

const pools = new Map<string, Buffer>();

/** `bytes` of AES-256-CTR keystream under a key derived from `seed`: noise, the same everywhere. */
export function noise(bytes: number, seed: string): Buffer {
  const key = createHash('sha256').update(`key:${seed}`).digest();
  const iv = createHash('sha256').update(`iv:${seed}`).digest().subarray(0, 16);
  return createCipheriv('aes-256-ctr', key, iv).update(Buffer.alloc(bytes));
}

/**
 * `length` pseudo-random bytes, identical for the same `seed` on every run and
 * machine, pushed in blocks of `blockBytes`. The stream cycles through a pool
 * of `poolBytes` of {@link noise}, made once per seed and kept, so producing
 * input costs nearly nothing and does not blur what is measured (the pool
 * does count towards the process's RSS).
 */
export function deterministicBytes(
  length: number,
  seed = 'bench',
  blockBytes = MiB,
  poolBytes = 32 * MiB,
): Readable {
  if (poolBytes % blockBytes !== 0) throw new RangeError('pool must hold whole blocks');
  const name = `${seed}/${poolBytes}`;
  const pool = pools.get(name) ?? noise(poolBytes, seed);
  pools.set(name, pool);
  let sent = 0;
  return new Readable({
    highWaterMark: blockBytes,
    read() {
      if (sent === length) {
        this.push(null);
        return;
      }
      const n = Math.min(length - sent, blockBytes);
      const at = sent % poolBytes;
      sent += n;
      this.push(pool.subarray(at, at + n));
    },
  });
}

/** Replays buffers held in memory as a byte stream. */
export function replay(blocks: readonly Buffer[]): Readable {
  let i = 0;
  return new Readable({
    read() {
      this.push(i < blocks.length ? blocks[i++]! : null);
    },
  });
}

/** A Writable that discards everything and counts the bytes. */
export function countingSink(): Writable & { readonly bytes: number } {
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done();
    },
  });
  return Object.defineProperty(sink, 'bytes', { get: () => bytes }) as Writable & {
    readonly bytes: number;
  };
}

/** A Writable that keeps everything, coalesced into blocks of about `blockBytes`. */
export function collectingSink(blockBytes = MiB): Writable & { readonly blocks: Buffer[] } {
  const blocks: Buffer[] = [];
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const cut = (): void => {
    if (pendingBytes > 0) blocks.push(Buffer.concat(pending, pendingBytes));
    pending = [];
    pendingBytes = 0;
  };
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= blockBytes) cut();
      done();
    },
    final(done) {
      cut();
      done();
    },
  });
  return Object.assign(sink, { blocks });
}

/** Seconds taken by `fn`, with its result. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, value };
}

/**
 * Samples this process's RSS every `everyMs` while `fn` runs; returns the
 * highest sample (bytes) alongside `fn`'s result.
 */
export async function sampleRss<T>(
  fn: () => Promise<T>,
  everyMs = 10,
): Promise<{ peakRss: number; value: T }> {
  let peakRss = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, everyMs);
  try {
    const value = await fn();
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    return { peakRss, value };
  } finally {
    clearInterval(timer);
  }
}

/** Peak resident set size of this process so far, in bytes. */
export function maxRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/** Prints rows as an aligned text table on stderr (stdout is kept for the JSON line). */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]): string =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  process.stderr.write(`${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const r of rows) process.stderr.write(`${line(r)}\n`);
}

/** Progress and notes go to stderr. */
export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** A goal of the issue as measured: the value, how it compares, the target, and whether met. */
export interface Goal {
  value: number;
  op: '<=' | '>=';
  target: number;
  met: boolean;
}

/** The result: exactly one JSON object, as the last line of stdout (`goals` holds the goals). */
export function emitResult(result: Record<string, string | number | Record<string, Goal>>): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
