import { describe, expect, it } from 'vitest';
import type { Crop } from '../../../src/model/book';
import {
  clampCrop,
  cropForRegion,
  dragPhoto,
  FILL,
  MAX_ZOOM,
  photoBoxInFrame,
  photoStyle,
  visibleRegion,
} from '../../../src/model/crop';

const landscape = { widthPx: 6000, heightPx: 4000 };
const a4Frame = { widthMm: 216, heightMm: 303 };

describe('visibleRegion', () => {
  it('at fill shows the full height of a landscape photo in a portrait frame, centred', () => {
    // 216/303 of a height of 1 is 216/303 × 4000/6000 of the width.
    const w = 216 / 303 / 1.5;
    expect(visibleRegion(FILL, landscape, a4Frame)).toEqual({ x: (1 - w) / 2, y: 0, w, h: 1 });
  });

  it('pans within the slack: -1 against the left edge, +1 against the right edge', () => {
    const w = 216 / 303 / 1.5;
    expect(visibleRegion({ ...FILL, panX: -1 }, landscape, a4Frame).x).toBe(0);
    expect(visibleRegion({ ...FILL, panX: 1 }, landscape, a4Frame).x).toBe(1 - w);
    // No slack vertically at fill: panY moves nothing.
    expect(visibleRegion({ ...FILL, panY: 1 }, landscape, a4Frame).y).toBe(0);
  });

  it('zoom 2 shows half as much each way, and now pans vertically too', () => {
    const region = visibleRegion({ panX: 0, panY: 1, zoom: 2 }, landscape, {
      widthMm: 30,
      heightMm: 20,
    });
    expect(region).toEqual({ x: 0.25, y: 0.5, w: 0.5, h: 0.5 });
  });
});

describe('photoBoxInFrame and photoStyle', () => {
  it('places the photo so that the visible region meets the frame', () => {
    const crop = { panX: 0, panY: -1, zoom: 2 };
    const frame = { widthMm: 30, heightMm: 20 };
    expect(photoBoxInFrame(crop, landscape, frame)).toEqual({ x: -0.5, y: 0, w: 2, h: 2 });
    expect(photoStyle(crop, landscape, frame)).toEqual({
      left: '-50%',
      top: '0%',
      width: '200%',
      height: '200%',
    });
  });
});

describe('clampCrop', () => {
  it('keeps a crop in range as it is', () => {
    const crop = { panX: -0.25, panY: 1, zoom: 3.5 };
    expect(clampCrop(crop)).toEqual(crop);
  });

  it('brings pans into -1..1 and zoom into 1..MAX_ZOOM, and not-a-number back to fill', () => {
    expect(clampCrop({ panX: -7, panY: 2, zoom: 0.2 })).toEqual({ panX: -1, panY: 1, zoom: 1 });
    expect(clampCrop({ panX: Infinity, panY: -Infinity, zoom: Infinity })).toEqual({
      panX: 1,
      panY: -1,
      zoom: MAX_ZOOM,
    });
    expect(clampCrop({ panX: NaN, panY: NaN, zoom: NaN })).toEqual(FILL);
  });

  const photos = [
    ['panorama 100:1', { widthPx: 10000, heightPx: 100 }],
    ['tower 1:100', { widthPx: 100, heightPx: 10000 }],
    ['square', { widthPx: 2000, heightPx: 2000 }],
    ['3:2', { widthPx: 6000, heightPx: 4000 }],
  ] as const;
  const frames = [
    ['slim 1:50', { widthMm: 2, heightMm: 100 }],
    ['wide 50:1', { widthMm: 400, heightMm: 8 }],
    ['A4 spread', { widthMm: 426, heightMm: 303 }],
    ['square', { widthMm: 100, heightMm: 100 }],
  ] as const;
  const pans = [-1e9, -1.0001, -1, -0.3, 0, 0.999, 1, 5, NaN, -Infinity];
  const zooms = [0, 0.5, 0.999, 1, 3, MAX_ZOOM, 1e9, NaN, Infinity];

  it.each(
    photos.flatMap(([p, photo]) => frames.map(([f, frame]) => [p, f, photo, frame] as const)),
  )('never leaves an edge of the frame empty: %s photo in a %s frame', (_p, _f, photo, frame) => {
    for (const panX of pans) {
      for (const panY of pans) {
        for (const zoom of zooms) {
          const crop = clampCrop({ panX, panY, zoom });
          // What the frame shows lies inside the photo (allowing for the last bit of a double).
          const region = visibleRegion(crop, photo, frame);
          expect(region.x).toBeGreaterThanOrEqual(0);
          expect(region.y).toBeGreaterThanOrEqual(0);
          expect(region.x + region.w).toBeLessThanOrEqual(1 + 1e-15);
          expect(region.y + region.h).toBeLessThanOrEqual(1 + 1e-15);
          // And it is not stretched: the region has the frame's aspect in millimetres.
          const regionAspect = (region.w * photo.widthPx) / (region.h * photo.heightPx);
          expect(regionAspect / (frame.widthMm / frame.heightMm)).toBeCloseTo(1, 12);
        }
      }
    }
  });
});

describe('cropForRegion', () => {
  it('turns a centred fill region into exactly fill', () => {
    const region = visibleRegion(FILL, landscape, a4Frame);
    expect(cropForRegion(region, landscape, a4Frame)).toEqual(FILL);
  });

  it.each<[string, Crop]>([
    ['panned right', { panX: 1, panY: 0, zoom: 1 }],
    ['zoomed into the top left', { panX: -1, panY: -1, zoom: 4 }],
    ['zoomed and panned', { panX: 0.3, panY: -0.6, zoom: 2.5 }],
  ])('is the inverse of visibleRegion for a crop %s', (_label, crop) => {
    const region = visibleRegion(crop, landscape, a4Frame);
    const back = cropForRegion(region, landscape, a4Frame);
    expect(back.panX).toBeCloseTo(crop.panX, 12);
    expect(back.panY).toBeCloseTo(crop.panY, 12);
    expect(back.zoom).toBeCloseTo(crop.zoom, 12);
  });

  it('zooms a region of another aspect until it covers the frame, keeping its centre', () => {
    // The whole photo in a square frame cannot be shown undistorted: fill shows its middle.
    expect(
      cropForRegion({ x: 0, y: 0, w: 1, h: 1 }, landscape, { widthMm: 50, heightMm: 50 }),
    ).toEqual(FILL);
    // A tall strip at the left quarter: zoom until its width covers the frame.
    const crop = cropForRegion({ x: 0.25, y: 0, w: 0.25, h: 1 }, landscape, {
      widthMm: 50,
      heightMm: 50,
    });
    expect(crop.zoom).toBeCloseTo(2 / 3 / 0.25, 12);
    const region = visibleRegion(crop, landscape, { widthMm: 50, heightMm: 50 });
    expect(region.x + region.w / 2).toBeCloseTo(0.375, 12);
    expect(region.y + region.h / 2).toBeCloseTo(0.5, 12);
  });
});

describe('dragPhoto', () => {
  const frame = { widthMm: 30, heightMm: 20 };
  const zoomed = { panX: 0, panY: 0, zoom: 2 };

  it('moves the photo with the pointer: a quarter frame right shows more of its left', () => {
    // At zoom 2 the region is half the photo; a quarter of the frame is an eighth of the photo.
    const crop = dragPhoto(zoomed, landscape, frame, 7.5, 0);
    expect(visibleRegion(crop, landscape, frame)).toEqual({ x: 0.125, y: 0.25, w: 0.5, h: 0.5 });
    expect(crop).toEqual({ panX: -0.5, panY: 0, zoom: 2 });
  });

  it('stops where an edge of the photo meets the frame, however far the pointer goes', () => {
    expect(dragPhoto(zoomed, landscape, frame, 1000, -1000)).toEqual({
      panX: -1,
      panY: 1,
      zoom: 2,
    });
    expect(dragPhoto(zoomed, landscape, frame, -1000, 1000)).toEqual({
      panX: 1,
      panY: -1,
      zoom: 2,
    });
  });

  it('leaves an axis without slack where it is', () => {
    // At fill a 3:2 photo meets a 3:2 frame on both axes: nothing to drag.
    expect(dragPhoto(FILL, landscape, frame, 10, 10)).toEqual(FILL);
  });
});
