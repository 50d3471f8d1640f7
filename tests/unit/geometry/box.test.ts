import { describe, expect, it } from 'vitest';
import { allEdges, contains, insetUm, toMm, toUm, umBox } from '../../../src/geometry/box';

describe('micrometre arithmetic', () => {
  it('gives the decimal a float sum misses', () => {
    // The reason the geometry counts in micrometres: 0.1 mm a page does not add up in floats.
    expect(0.1 * 3).not.toBe(0.3);
    expect(toMm(toUm(0.1) * 3)).toBe(0.3);
    expect(toMm(toUm(2.5) + toUm(0.12) * 24)).toBe(5.38);
  });

  it('rounds inputs to the nearest micrometre', () => {
    expect(toUm(129.9633)).toBe(129_963);
    expect(toUm(0.0005)).toBe(1);
  });

  it('insets a box exactly and never to a negative size', () => {
    const box = umBox(323_000, 15_000, 5_380, 300_000);
    expect(insetUm(box, { top: 8000, bottom: 8000, left: 1000, right: 1000 })).toEqual({
      x: 324,
      y: 23,
      width: 3.38,
      height: 284,
    });
    expect(insetUm(box, allEdges(3000))).toEqual({ x: 326, y: 18, width: 0, height: 294 });
  });

  it('contains: touching edges are inside, one micrometre out is not', () => {
    const outer = { x: 0, y: 0, width: 651.38, height: 330 };
    expect(contains(outer, { x: 336.38, y: 15, width: 315, height: 300 })).toBe(true);
    expect(contains(outer, { x: 336.381, y: 15, width: 315, height: 300 })).toBe(false);
  });
});
