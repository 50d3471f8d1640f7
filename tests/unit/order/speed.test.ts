import { describe, expect, it } from 'vitest';
import { addSample, secondsLeft, speedSeries, windowSpeed } from '../../../src/order/speed';

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

describe('windowSpeed', () => {
  const at = (atMs: number, bytes: number) => ({ atMs, bytes });

  it('counts the bytes over the last seconds, not the last step', () => {
    // 1.5 MB/s on the line; one burst of 2 MB handed to the socket at once in the last 100 ms.
    const samples = [at(0, 0), at(2000, 3_000_000), at(4000, 6_000_000), at(4100, 8_000_000)];
    expect(windowSpeed(samples)).toBeCloseTo(8_000_000 / 4.1, 0);
    // The last step alone would claim 20 MB/s.
    expect(speedSeries(samples.slice(-2), 1)).toEqual([20_000_000]);
  });

  it('looks back no further than its window', () => {
    const samples = [
      at(0, 0),
      at(10_000, 100_000_000),
      at(12_000, 101_000_000),
      at(15_000, 102_000_000),
    ];
    expect(windowSpeed(samples, 5000)).toBe(2_000_000 / 5);
  });

  it('starts again after a resumed upload stepped back, and needs a second of readings', () => {
    const samples = [at(0, 0), at(3000, 3_000_000), at(3500, 2_000_000), at(4000, 2_500_000)];
    expect(windowSpeed(samples)).toBeUndefined();
    expect(windowSpeed([...samples, at(4600, 3_100_000)])).toBeCloseTo(1_100_000 / 1.1, 0);
    expect(windowSpeed([])).toBeUndefined();
  });

  it('gives the seconds left at that speed', () => {
    expect(secondsLeft(1_000_000, 4_000_000, 1_500_000)).toBe(2);
    expect(secondsLeft(0, 10, undefined)).toBeUndefined();
  });
});
