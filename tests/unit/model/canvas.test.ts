import { describe, expect, it } from 'vitest';
import { priceOf } from '../../../src/catalog/price';
import {
  CheckedCanvas,
  canvasAssets,
  canvasOptionsOf,
  editCanvas,
  newCanvas,
} from '../../../src/model/canvas';
import { FILL } from '../../../src/model/crop';
import { catalog, counterIds } from './fixtures';
import { canvasProduct, tall, wide } from './print-fixtures';

const empty = () => newCanvas(canvasProduct, counterIds());

describe('canvas document', () => {
  it('starts empty at the first size and puts the first photo added on it, turned its way', () => {
    expect(canvasAssets(empty())).toEqual([]);
    const canvas = editCanvas(empty(), { kind: 'addPhotos', assets: [tall, wide] });
    expect(canvas).toMatchObject({ sizeId: '30x20', assetId: tall.id, orientation: 'portrait' });
    expect(canvasAssets(canvas)).toEqual([tall]);
    // Later photos go to the tray and leave the canvas as it is.
    const more = editCanvas(canvas, { kind: 'addPhotos', assets: [wide] });
    expect(more.assetId).toBe(tall.id);
  });

  it('starts the crop again from fill on a new photo, size or orientation', () => {
    const crop = { panX: -1, panY: 0.2, zoom: 1.5 };
    const cropped = editCanvas(editCanvas(empty(), { kind: 'addPhotos', assets: [wide, tall] }), {
      kind: 'setCrop',
      crop,
    });
    expect(cropped.crop).toEqual(crop);
    expect(editCanvas(cropped, { kind: 'setSize', sizeId: '30x20' }).crop).toEqual(crop);
    expect(editCanvas(cropped, { kind: 'setSize', sizeId: '60x40' }).crop).toEqual(FILL);
    expect(editCanvas(cropped, { kind: 'setOrientation', orientation: 'portrait' }).crop).toEqual(
      FILL,
    );
    const swapped = editCanvas(cropped, { kind: 'placePhoto', assetId: tall.id });
    expect(swapped).toMatchObject({ assetId: tall.id, orientation: 'portrait', crop: FILL });
  });

  it('is priced by its size', () => {
    const canvas = editCanvas(empty(), { kind: 'setSize', sizeId: '60x40' });
    expect(priceOf(catalog, 'canvas', canvasOptionsOf(canvas))).toMatchObject({
      lines: [{ labelKey: 'price.canvas', params: { size: '60x40' }, cents: 5999 }],
      totalCents: 5999,
    });
  });

  it('refuses a photo that is not among its assets', () => {
    const parsed = CheckedCanvas.safeParse({ ...empty(), assetId: wide.id });
    expect(parsed.success ? null : parsed.error.issues[0]!.message).toBe(
      `the canvas refers to photo ${wide.id}, which is missing`,
    );
    expect(() => editCanvas(empty(), { kind: 'placePhoto', assetId: wide.id })).toThrow(
      `no photo ${wide.id}`,
    );
  });
});
