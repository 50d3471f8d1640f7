import { describe, expect, it } from 'vitest';
import type { PhotoFrame } from '../../../src/model/book';
import { contains } from '../../../src/geometry/box';
import { FILL, visibleRegion } from '../../../src/model/crop';
import { dropPhotoFrame, panPhoto, swapPhotos, zoomPhoto } from '../../../src/model/photo-edits';
import { counterIds, forward } from './fixtures';
import { bookWith, box, landscapePhoto, portraitPhoto, spreadOf } from './frame-fixtures';

const cropped = { panX: 0.5, panY: 0, zoom: 1.5 };

function twoPhotos() {
  return bookWith((p) => [
    box('a', p.left, 10, 10, 60, 40, { assetId: landscapePhoto.id, crop: cropped }),
    box('b', p.right, 10, 10, 30, 40, { assetId: portraitPhoto.id, z: 1 }),
    box('empty', p.right, 50, 50, 30, 40, { z: 2 }),
    {
      id: 'text',
      kind: 'text',
      pageId: p.left,
      xMm: 0,
      yMm: 0,
      widthMm: 10,
      heightMm: 10,
      rotationDeg: 0,
      z: 5,
      text: 'Hallo',
      fontId: 'f',
      sizePt: 12,
      colour: '#000000',
      align: 'left',
      bold: false,
      italic: false,
    },
  ]);
}

const photoFrame = (frame: unknown) => frame as PhotoFrame;

describe('swapPhotos', () => {
  it('trades the photos of two frames across pages, each at fill in its new frame', () => {
    const book = twoPhotos();
    const swapped = forward(book, swapPhotos(book, 'a', 'b'));
    expect(swapped.frames.a).toEqual({ ...book.frames.a, assetId: portraitPhoto.id, crop: FILL });
    expect(swapped.frames.b).toEqual({ ...book.frames.b, assetId: landscapePhoto.id, crop: FILL });
  });

  it('onto an empty frame the photo moves and its own frame is left empty', () => {
    const book = twoPhotos();
    const moved = forward(book, swapPhotos(book, 'a', 'empty'));
    expect(photoFrame(moved.frames.a).assetId).toBeNull();
    expect(photoFrame(moved.frames.empty).assetId).toBe(landscapePhoto.id);
  });

  it('onto itself changes nothing; a text frame is refused', () => {
    const book = twoPhotos();
    expect(swapPhotos(book, 'a', 'a')).toEqual([]);
    expect(() => swapPhotos(book, 'a', 'text')).toThrow(/text/);
  });
});

describe('dropPhotoFrame', () => {
  it('makes a frame of the photo shape, half the safe box short side long, centred on the drop', () => {
    const book = twoPhotos();
    const right = spreadOf(book).pages[1]!;
    const { changes, frameId } = dropPhotoFrame(
      book,
      right,
      landscapePhoto.id,
      100,
      150,
      counterIds(),
    );
    const frame = photoFrame(forward(book, changes).frames[frameId]);
    // Right page safe box 190 × 281: the longer side is 95, the shorter 95 / 1.5.
    expect(frame).toMatchObject({
      pageId: right.pageId,
      widthMm: 95,
      heightMm: 63.333,
      xMm: 52.5,
      yMm: 118.333,
      assetId: landscapePhoto.id,
      crop: FILL,
      rotationDeg: 0,
      z: 3,
    });
  });

  it('a portrait photo stands upright, and a drop near the edge stays inside the safe box', () => {
    const book = twoPhotos();
    const right = spreadOf(book).pages[1]!;
    const { changes, frameId } = dropPhotoFrame(
      book,
      right,
      portraitPhoto.id,
      205,
      0,
      counterIds(),
    );
    const frame = photoFrame(forward(book, changes).frames[frameId]);
    expect([frame.widthMm, frame.heightMm]).toEqual([71.25, 95]);
    const onSurface = {
      x: right.panel.trim.x + frame.xMm,
      y: right.panel.trim.y + frame.yMm,
      width: frame.widthMm,
      height: frame.heightMm,
    };
    expect(contains(right.panel.safe, onSurface)).toBe(true);
    expect(frame.yMm).toBe(8);
  });
});

describe('panPhoto and zoomPhoto', () => {
  it('pans by the whole drag since the start and stops where the photo edge meets the frame', () => {
    const book = twoPhotos();
    const start = photoFrame(book.frames.a);
    const far = photoFrame(forward(book, panPhoto(book, start, 1000, 0)).frames.a);
    // Dragged far right, the photo's left edge meets the frame's.
    expect(far.crop.panX).toBe(-1);
    const region = visibleRegion(far.crop, landscapePhoto, far);
    expect(region.x).toBe(0);
  });

  it('reads the drag in the frame axes of a turned frame', () => {
    const book = twoPhotos();
    const start = { ...photoFrame(book.frames.a), rotationDeg: 90 };
    const turned = { ...book, frames: { ...book.frames, a: start } };
    // Turned 90° clockwise, a drag down the page is a drag right in the frame.
    const down = photoFrame(forward(turned, panPhoto(turned, start, 0, 1000)).frames.a);
    expect(down.crop.panX).toBe(-1);
  });

  it('zooms about the middle the frame shows and never below fill', () => {
    const book = twoPhotos();
    const zoomed = photoFrame(forward(book, zoomPhoto(book, 'a', 3)).frames.a);
    expect(zoomed.crop.zoom).toBe(3);
    const before = visibleRegion(cropped, landscapePhoto, book.frames.a as PhotoFrame);
    const after = visibleRegion(zoomed.crop, landscapePhoto, zoomed);
    expect(after.x + after.w / 2).toBeCloseTo(before.x + before.w / 2, 12);
    const out = photoFrame(forward(book, zoomPhoto(book, 'a', 0.2)).frames.a);
    expect(out.crop.zoom).toBe(1);
  });

  it('an empty frame has no photo to pan or zoom', () => {
    const book = twoPhotos();
    expect(panPhoto(book, photoFrame(book.frames.empty), 5, 5)).toEqual([]);
    expect(zoomPhoto(book, 'empty', 2)).toEqual([]);
  });
});
