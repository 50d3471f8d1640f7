import { describe, expect, it } from 'vitest';
import { FILL, MAX_ZOOM, visibleRegion, zoomCrop } from '../../../src/model/crop';

const landscape = { widthPx: 6000, heightPx: 4000 };
const square = { widthMm: 100, heightMm: 100 };

describe('zoomCrop', () => {
  it('zooming in from fill keeps the middle', () => {
    expect(zoomCrop(FILL, landscape, square, 2)).toEqual({ panX: 0, panY: 0, zoom: 2 });
  });

  it('keeps the middle of a panned crop where the edges allow', () => {
    const crop = { panX: -1, panY: 0, zoom: 1 };
    const before = visibleRegion(crop, landscape, square);
    const zoomed = zoomCrop(crop, landscape, square, 2);
    const after = visibleRegion(zoomed, landscape, square);
    expect(after.x + after.w / 2).toBeCloseTo(before.x + before.w / 2, 12);
    expect(after.y + after.h / 2).toBeCloseTo(0.5, 12);
  });

  it('zooming out pushes the region back inside the photo: never an empty edge', () => {
    const crop = { panX: 1, panY: 1, zoom: 4 };
    const out = zoomCrop(crop, landscape, square, 1);
    expect(out).toEqual({ panX: 1, panY: 0, zoom: 1 });
    const region = visibleRegion(out, landscape, square);
    expect(region.x + region.w).toBeCloseTo(1, 12);
  });

  it('clamps the zoom to 1..MAX_ZOOM; not a number keeps the zoom', () => {
    expect(zoomCrop(FILL, landscape, square, 50).zoom).toBe(MAX_ZOOM);
    expect(zoomCrop(FILL, landscape, square, 0.5).zoom).toBe(1);
    expect(zoomCrop({ ...FILL, zoom: 3 }, landscape, square, Number.NaN).zoom).toBe(3);
  });
});
