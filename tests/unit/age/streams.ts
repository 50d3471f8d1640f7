/** Test helpers: drive the real Transforms with input cut into uneven pieces. */
import { randomBytes } from 'node:crypto';
import { Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Splits data into pieces of varying size so chunk-boundary buffering is exercised. */
export function* pieces(
  data: Uint8Array,
  sizes = [1, 7, 65535, 65537, 100_000, 3],
): Generator<Buffer> {
  let off = 0;
  for (let i = 0; off < data.length; i++) {
    const n = sizes[i % sizes.length] ?? 1;
    yield Buffer.from(data.subarray(off, off + n));
    off += n;
  }
}

/** Runs data through a Transform and collects the output; rejects with the stream's error. */
export async function runTransform(stream: Transform, data: Uint8Array): Promise<Buffer> {
  const out: Buffer[] = [];
  await pipeline(Readable.from(pieces(data)), stream, async (source: AsyncIterable<Buffer>) => {
    for await (const part of source) out.push(part);
  });
  return Buffer.concat(out);
}

/**
 * Like runTransform, but resolves with what was emitted before the error too,
 * to check that nothing unauthenticated leaks out.
 */
export async function runUntilError(
  stream: Transform,
  data: Uint8Array,
): Promise<{ emitted: Buffer; error: unknown }> {
  const out: Buffer[] = [];
  try {
    await pipeline(Readable.from(pieces(data)), stream, async (source: AsyncIterable<Buffer>) => {
      for await (const part of source) out.push(part);
    });
  } catch (error) {
    return { emitted: Buffer.concat(out), error };
  }
  return { emitted: Buffer.concat(out), error: null };
}

/** Deterministic-enough random plaintext. */
export function randomData(n: number): Buffer {
  return n === 0 ? Buffer.alloc(0) : randomBytes(n);
}
