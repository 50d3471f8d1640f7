import { describe, expect, it } from 'vitest';
import { BlobStore } from '../../../services/host/blob-store';
import { HostError } from '../../../src/contract/host';

const MiB = 1024 * 1024;

/** A clock the test moves by hand: expiry is checked without waiting. */
function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function refusal(action: () => unknown): HostError {
  try {
    action();
  } catch (e) {
    if (e instanceof HostError) return e;
    throw e;
  }
  throw new Error('was accepted');
}

describe('BlobStore intake', () => {
  it('holds one buffer of the declared length from the start, and hands out that same buffer', () => {
    const store = new BlobStore();
    const photo = Buffer.alloc(3 * MiB, 7);
    const intake = store.receive(photo.length);
    // Allocated once, up front: the peak is the photo itself, not chunks plus a copy.
    expect(store.usage).toEqual({ streams: 1, heldBytes: photo.length });
    for (let at = 0; at < photo.length; at += 64 * 1024)
      intake.write(photo.subarray(at, at + 64 * 1024));
    const id = intake.finish();
    expect(store.usage).toEqual({ streams: 0, heldBytes: photo.length });
    const taken = store.take(id)!;
    expect(taken.equals(photo)).toBe(true);
    expect(taken.byteOffset).toBe(0);
    expect(taken.buffer.byteLength).toBe(photo.length);
    expect(store.usage).toEqual({ streams: 0, heldBytes: 0 });
  });

  it('refuses bytes beyond the declared length, and a short body, freeing what it held', () => {
    const store = new BlobStore();
    const long = store.receive(4);
    expect(refusal(() => long.write(Buffer.from('12345'))).message).toBe(
      'photo upload sent more bytes than its Content-Length (4)',
    );
    long.abandon();
    const short = store.receive(4);
    short.write(Buffer.from('12'));
    const e = refusal(() => short.finish());
    expect(e.code).toBe('invalid-request');
    expect(e.message).toBe('photo upload ended after 2 of 4 bytes');
    expect(store.usage).toEqual({ streams: 0, heldBytes: 0 });
    expect(store.size).toBe(0);
  });

  it('refuses a photo over the size limit, naming the limit', () => {
    const store = new BlobStore({ maxBlobBytes: 2 * MiB });
    const e = refusal(() => store.receive(2 * MiB + 1));
    expect(e.code).toBe('photo-too-large');
    expect(e.message).toBe('photo larger than 2 MB');
    expect(e.params).toEqual({ limitMb: 2 });
    expect(store.usage).toEqual({ streams: 0, heldBytes: 0 });
    expect(() => store.receive(2 * MiB)).not.toThrow();
  });

  it('lets only so many photos arrive at once', () => {
    const store = new BlobStore({ maxStreams: 2 });
    const first = store.receive(1);
    store.receive(1);
    const e = refusal(() => store.receive(1));
    expect(e.code).toBe('host-busy');
    expect(e.message).toBe('host busy: 2 photos are arriving already; try again in 5 s');
    expect(e.params).toEqual({ retryAfterS: 5 });
    first.abandon();
    expect(() => store.receive(1)).not.toThrow();
  });

  it('caps the bytes it holds, arriving and waiting for import together', () => {
    const store = new BlobStore({ maxBlobBytes: 2 * MiB, maxHeldBytes: 3 * MiB });
    const waiting = store.put(Buffer.alloc(2 * MiB));
    const e = refusal(() => store.receive(2 * MiB));
    expect(e.code).toBe('host-busy');
    expect(e.message).toBe('host busy: 3 MB of photos wait to be imported; try again in 5 s');
    expect(refusal(() => store.put(Buffer.alloc(2 * MiB))).code).toBe('host-busy');
    store.take(waiting);
    expect(() => store.receive(2 * MiB)).not.toThrow();
  });
});

describe('BlobStore expiry', () => {
  it('frees a photo nobody imported once its time is up', () => {
    const clock = manualClock();
    const store = new BlobStore({ ttlMs: 10 * 60_000, now: clock.now });
    const old = store.put(Buffer.alloc(1000));
    clock.advance(6 * 60_000);
    const fresh = store.put(Buffer.alloc(500));
    clock.advance(4 * 60_000 - 1);
    expect(store.sweep()).toEqual({ count: 0, bytes: 0 });
    clock.advance(2);
    expect(store.sweep()).toEqual({ count: 1, bytes: 1000 });
    expect(store.size).toBe(1);
    expect(store.usage.heldBytes).toBe(500);
    expect(store.take(old)).toBeUndefined();
    expect(store.take(fresh)?.length).toBe(500);
  });

  it('never hands out an expired photo, even before a sweep ran', () => {
    const clock = manualClock();
    const store = new BlobStore({ ttlMs: 1000, now: clock.now });
    const id = store.put(Buffer.from('late'));
    clock.advance(1001);
    expect(store.take(id)).toBeUndefined();
    expect(store.usage.heldBytes).toBe(0);
  });

  it('starts the clock when the photo has fully arrived, not when it began', () => {
    const clock = manualClock();
    const store = new BlobStore({ ttlMs: 1000, now: clock.now });
    const intake = store.receive(4);
    clock.advance(5000);
    intake.write(Buffer.from('slow'));
    const id = intake.finish();
    clock.advance(999);
    expect(store.sweep().count).toBe(0);
    expect(store.take(id)?.toString()).toBe('slow');
  });
});
