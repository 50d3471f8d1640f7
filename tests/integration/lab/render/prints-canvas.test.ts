import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { findProduct } from '../../../../src/catalog/catalog';
import type { CanvasDoc } from '../../../../src/model/canvas';
import { FILL } from '../../../../src/model/crop';
import type { PrintItem, Prints } from '../../../../src/model/prints';
import { renderCanvas, writeCanvasFile } from '../../../../server/lab/render/canvas';
import { renderPrint, writePrintFiles } from '../../../../server/lab/render/prints';
import { BLUE, PhotoShelf, RED, WHITE, catalog, near, scratch, twoColourPhoto } from './support';

/**
 * Prints and canvas as the minilab and the canvas printer take them: one JPEG each, at the exact
 * pixels of the paper (catalog) or of the canvas surface with its wrap, sampled where the crop
 * puts the photo's halves.
 */
const printsProduct = findProduct(catalog, 'prints', 'print');
const canvasProduct = findProduct(catalog, 'canvas', 'canvas');

let shelf: PhotoShelf;
let landscape: string;

beforeAll(async () => {
  shelf = new PhotoShelf();
  // 3000 x 2000, left half red, right half blue.
  landscape = shelf.add(await twoColourPhoto(3000, 2000, RED, BLUE), 3000, 2000).id;
});

function item(id: string, patch: Partial<PrintItem>): PrintItem {
  return {
    id,
    assetId: landscape,
    sizeId: '10x15',
    finish: 'glossy',
    fit: 'fill',
    quantity: 1,
    crop: FILL,
    orientation: 'portrait',
    ...patch,
  };
}

function printsOf(items: PrintItem[]): Prints {
  return {
    formatVersion: 1,
    id: 'prints-1',
    productId: printsProduct.id,
    itemIds: items.map((i) => i.id),
    items: Object.fromEntries(items.map((i) => [i.id, i])),
    assets: shelf.assets,
  };
}

async function pixels(jpeg: Buffer) {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  const at = (fx: number, fy: number) => {
    const x = Math.min(info.width - 1, Math.floor(fx * info.width));
    const y = Math.min(info.height - 1, Math.floor(fy * info.height));
    const i = (y * info.width + x) * info.channels;
    return { r: data[i]!, g: data[i + 1]!, b: data[i + 2]! };
  };
  return { width: info.width, height: info.height, at };
}

describe('prints', () => {
  it('writes one file per print at the paper size in pixels, quantity in the name', async () => {
    const dir = await scratch();
    const prints = printsOf([
      item('a', { sizeId: '10x15', quantity: 3 }),
      item('b', { sizeId: '9x13', orientation: 'landscape', finish: 'matte', fit: 'fit' }),
      item('c', { sizeId: '20x30', quantity: 2 }),
    ]);
    const files = await writePrintFiles(printsProduct, prints, shelf.source, dir);
    expect(files.map((f) => f.name)).toEqual([
      '001_10x15_glossy_fill_x3.jpg',
      '002_9x13_matte_fit_x1.jpg',
      '003_20x30_glossy_fill_x2.jpg',
    ]);
    const sizes = await Promise.all(
      files.map(async (f) => {
        const meta = await sharp(await readFile(join(dir, f.name))).metadata();
        return [meta.width, meta.height, meta.density, meta.format, meta.icc !== undefined];
      }),
    );
    expect(sizes).toEqual([
      [1200, 1800, 300, 'jpeg', true],
      [1535, 1050, 300, 'jpeg', true],
      [2400, 3540, 300, 'jpeg', true],
    ]);
  });

  it('fills the paper with the part of the photo the crop chose', async () => {
    const centred = await pixels(
      await renderPrint(printsProduct, printsOf([]), item('a', {}), shelf.source),
    );
    // Portrait paper over a landscape photo: the middle third, red to the left of the centre.
    expect(near(centred.at(0.25, 0.5), RED)).toBe(true);
    expect(near(centred.at(0.75, 0.5), BLUE)).toBe(true);
    const left = await pixels(
      await renderPrint(
        printsProduct,
        printsOf([]),
        item('a', { crop: { panX: -1, panY: 0, zoom: 1 } }),
        shelf.source,
      ),
    );
    // Against the photo's left edge the paper shows only its red half.
    expect(near(left.at(0.05, 0.5), RED)).toBe(true);
    expect(near(left.at(0.95, 0.5), RED)).toBe(true);
  });

  it('fits the whole photo with white bands where the paper is taller', async () => {
    const fit = await pixels(
      await renderPrint(printsProduct, printsOf([]), item('a', { fit: 'fit' }), shelf.source),
    );
    // 3:2 photo across 1200 px: 800 px high, centred in 1800 -> white above 500 and below 1300.
    expect(near(fit.at(0.5, 0.1), WHITE)).toBe(true);
    expect(near(fit.at(0.5, 0.9), WHITE)).toBe(true);
    expect(near(fit.at(0.1, 0.5), RED)).toBe(true);
    expect(near(fit.at(0.9, 0.5), BLUE)).toBe(true);
  });

  it('gives the same bytes twice', async () => {
    const once = await renderPrint(printsProduct, printsOf([]), item('a', {}), shelf.source);
    const twice = await renderPrint(printsProduct, printsOf([]), item('a', {}), shelf.source);
    expect(once.equals(twice)).toBe(true);
  });
});

describe('canvas', () => {
  const canvasDoc = (patch: Partial<CanvasDoc> = {}): CanvasDoc => ({
    formatVersion: 1,
    id: 'canvas-1',
    productId: canvasProduct.id,
    sizeId: '30x20',
    orientation: 'landscape',
    assetId: landscape,
    crop: FILL,
    assets: shelf.assets,
    ...patch,
  });

  it('prints front and wrap as one JPEG at 150 dpi', async () => {
    const dir = await scratch();
    const path = await writeCanvasFile(canvasProduct, canvasDoc(), shelf.source, dir);
    const meta = await sharp(await readFile(path)).metadata();
    // 300 x 200 mm front + 30 mm wrap each side = 360 x 260 mm at 150 dpi.
    expect([meta.width, meta.height, meta.density]).toEqual([2126, 1535, 150]);
    const p = await pixels(await readFile(path));
    // The photo runs round the frame: its red half on the left wrap, its blue half on the right.
    expect(near(p.at(0.02, 0.5), RED)).toBe(true);
    expect(near(p.at(0.98, 0.5), BLUE)).toBe(true);
  });

  it('refuses a canvas without a photo', async () => {
    await expect(
      renderCanvas(canvasProduct, canvasDoc({ assetId: null }), shelf.source),
    ).rejects.toThrow(/no photo/);
  });

  it('gives the same bytes twice', async () => {
    const once = await renderCanvas(canvasProduct, canvasDoc(), shelf.source);
    expect(once.equals(await renderCanvas(canvasProduct, canvasDoc(), shelf.source))).toBe(true);
  });
});
