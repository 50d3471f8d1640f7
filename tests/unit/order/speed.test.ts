import { describe, expect, it } from 'vitest';
import { addSample, speedSeries } from '../../../src/order/speed';

describe('upload speed', () => {
  it('measures bytes per second between readings', () => {
    const samples = [
      { atMs: 0, bytes: 0 },
      { atMs: 500, bytes: 1_000_000 },
      { atMs: 1000, bytes: 2_000_000 },
    ];
    expect(speedSeries(samples, 1)).toEqual([2_000_000, 2_000_000]);
  });

  it('smooths over a window and never goes negative after a resume steps back', () => {
    const samples = [
      { atMs: 0, bytes: 0 },
      { atMs: 1000, bytes: 3000 },
      { atMs: 2000, bytes: 1000 }, // the server had less than we sent: resumed from there
      { atMs: 3000, bytes: 4000 },
    ];
    expect(speedSeries(samples, 1)).toEqual([3000, 0, 3000]);
    expect(speedSeries(samples, 2)).toEqual([3000, 1500, 1500]);
  });

  it('ignores readings without elapsed time', () => {
    expect(
      speedSeries([
        { atMs: 5, bytes: 0 },
        { atMs: 5, bytes: 10 },
      ]),
    ).toEqual([]);
  });

  it('keeps only the most recent readings', () => {
    let samples = [{ atMs: 0, bytes: 0 }];
    for (let i = 1; i <= 10; i++) samples = addSample(samples, { atMs: i, bytes: i }, 4);
    expect(samples.map((s) => s.atMs)).toEqual([7, 8, 9, 10]);
  });
});
