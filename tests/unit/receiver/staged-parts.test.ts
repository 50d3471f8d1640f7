import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stageParts } from '../../../server/receiver/upload-storage/staged-parts';
import type { StagedPart } from '../../../server/receiver/upload-storage/staged-parts';

/** Slots as a receiver has them: a count, with waiters served in turn. */
function slots(count: number) {
  let free = count;
  let held = 0;
  let most = 0;
  const waiting: (() => void)[] = [];
  return {
    get held() {
      return held;
    },
    get most() {
      return most;
    },
    async take() {
      if (free === 0) await new Promise<void>((resolve) => waiting.push(resolve));
      else free--;
      held++;
      most = Math.max(most, held);
      let released = false;
      return {
        release: () => {
          if (released) return;
          released = true;
          held--;
          const next = waiting.shift();
          if (next) next();
          else free++;
        },
      };
    },
  };
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** `bytes` in chunks of `chunk` bytes, as a PATCH body arrives. */
function body(bytes: Buffer, chunk = 1000): Readable {
  const parts: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunk) parts.push(bytes.subarray(at, at + chunk));
  return Readable.from(parts);
}

/** Stages `source` in 4000-byte parts on `pool`'s slots, noting each part's size in `sent`. */
function sizesSent(source: Readable, pool: ReturnType<typeof slots>, sent: number[]) {
  return stageParts(source, {
    partBytes: 4000,
    dir,
    slot: () => pool.take(),
    send: async (part) => {
      sent.push(part.size);
    },
  });
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'staged-parts-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('stageParts', () => {
  it('sends the stream as parts of the set size, in order, and leaves no temp file', async () => {
    const bytes = randomBytes(10_500);
    const pool = slots(16);
    const sent: { index: number; bytes: Buffer }[] = [];
    const stored = await stageParts(body(bytes, 768), {
      partBytes: 4000,
      dir,
      slot: () => pool.take(),
      send: async (part) => {
        sent.push({ index: part.index, bytes: await readAll(part.open()) });
      },
    });
    expect(stored).toBe(10_500);
    expect(sent.map((p) => [p.index, p.bytes.length])).toEqual([
      [0, 4000],
      [1, 4000],
      [2, 2500],
    ]);
    expect(Buffer.concat(sent.map((p) => p.bytes)).equals(bytes)).toBe(true);
    expect(pool.held).toBe(0);
    expect(await readdir(dir)).toEqual([]);
  });

  it('holds at most two slots per stream: one part sending, the next one staging', async () => {
    const pool = slots(16);
    await stageParts(body(randomBytes(20_000)), {
      partBytes: 2000,
      dir,
      slot: () => pool.take(),
      send: () => new Promise((resolve) => setTimeout(resolve, 5)),
    });
    expect(pool.most).toBe(2);
  });

  it('stops at the first part that fails, so what is stored stays a prefix of the stream', async () => {
    const pool = slots(16);
    const source = body(randomBytes(500_000));
    const tried: number[] = [];
    const full = new Error('the object store is full');
    const sending = stageParts(source, {
      partBytes: 5000,
      dir,
      slot: () => pool.take(),
      send: async (part: StagedPart) => {
        tried.push(part.index);
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (part.index === 1) throw full;
      },
    });
    await expect(sending).rejects.toBe(full);
    expect(tried).toEqual([0, 1]);
    // It stopped reading too: the rest of the body stays with the client. The body is left
    // whole, so tus's pipeline reports the part's error (503, resume), not an early close (400).
    expect(source.readableEnded).toBe(false);
    expect(source.destroyed).toBe(false);
    expect(pool.held).toBe(0);
    expect(await readdir(dir)).toEqual([]);
  });

  it('gives its slots back when the request ends while it waits for one', async () => {
    const pool = slots(1);
    const other = await pool.take();
    const source = new PassThrough();
    const sent: number[] = [];
    const sending = sizesSent(source, pool, sent);
    source.write(randomBytes(1000));
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The client went away while every slot was taken; later the slot comes free.
    source.destroy(new Error('aborted'));
    other.release();
    await expect(sending).rejects.toThrow('aborted');
    expect(pool.held).toBe(0);
    expect(await readdir(dir)).toEqual([]);
    // The slot serves the next upload: nothing was lost to the one that ended.
    const next = await sizesSent(body(randomBytes(3000)), pool, sent);
    expect(next).toBe(3000);
    expect(pool.held).toBe(0);
  });

  it('removes the part being staged when the stream breaks, and keeps the parts sent', async () => {
    const pool = slots(16);
    const source = new PassThrough();
    const sent: number[] = [];
    const sending = sizesSent(source, pool, sent);
    source.write(randomBytes(6000));
    await new Promise((resolve) => setTimeout(resolve, 20));
    source.destroy(new Error('connection reset'));
    await expect(sending).rejects.toThrow('connection reset');
    expect(sent).toEqual([4000]);
    expect(pool.held).toBe(0);
    expect(await readdir(dir)).toEqual([]);
  });
});
