import { describe, expect, it } from 'vitest';
import { photoBatches } from '../../../src/contract/photo-batches';

const MB = 1024 * 1024;
const files = (...sizesMb: number[]) => sizesMb.map((mb, i) => ({ name: `${i}`, size: mb * MB }));
const names = (batches: { name: string }[][]) => batches.map((b) => b.map((f) => f.name));

describe('photoBatches', () => {
  it('keeps each batch within the byte budget, in the order picked', () => {
    expect(names(photoBatches(files(100, 100, 100, 50, 200), { maxBytes: 256 * MB }))).toEqual([
      ['0', '1'],
      ['2', '3'],
      ['4'],
    ]);
  });

  it('sends a photo larger than the budget alone, so the host can name it', () => {
    expect(names(photoBatches(files(10, 600, 10), { maxBytes: 256 * MB }))).toEqual([
      ['0'],
      ['1'],
      ['2'],
    ]);
  });

  it('caps the number of photos in a batch', () => {
    const many = files(...Array<number>(7).fill(0));
    expect(photoBatches(many, { maxBytes: MB, maxCount: 3 }).map((b) => b.length)).toEqual([
      3, 3, 1,
    ]);
  });

  it('by default keeps a batch at 256 MB at most', () => {
    const batches = photoBatches(files(...Array<number>(40).fill(20)));
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches) {
      expect(batch.reduce((sum, f) => sum + f.size, 0)).toBeLessThanOrEqual(256 * MB);
    }
  });
});
