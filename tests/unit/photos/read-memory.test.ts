import { describe, expect, it } from 'vitest';
import { ReadMemory } from '../../../services/photos/import';

describe("an import lane's read memory", () => {
  it('is kept from photo to photo, growing only for a larger one', () => {
    const memory = new ReadMemory();
    const first = memory.take(1000);
    first.fill(7);
    const smaller = memory.take(500);
    expect(smaller.buffer).toBe(first.buffer);
    expect(smaller.length).toBe(500);
    const larger = memory.take(1_000_000);
    expect(larger.buffer).not.toBe(first.buffer);
    expect(larger.length).toBe(1_000_000);
  });

  it('is given back to the system at once when released, not at a later collection', async () => {
    const memory = new ReadMemory();
    const photo = memory.take(8 * 1024 * 1024);
    memory.release();
    // Moved out: every view of it is empty from now on, and the memory goes with the message.
    expect(photo.buffer.byteLength).toBe(0);
    expect(photo.length).toBe(0);
    // A lane that goes on after all takes fresh memory.
    expect(memory.take(10).length).toBe(10);
    memory.release();
    memory.release();
  });
});
