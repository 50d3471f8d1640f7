import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderInnerBlock } from '../../../../server/lab/render/book';
import {
  BLUE,
  ORDER_DATE,
  PhotoShelf,
  RED,
  WHITE,
  emptyBook,
  near,
  pagePicture,
  photoFrame,
  poppler,
  savePdf,
  scratch,
  soft21,
  twoColourPhoto,
  withFrames,
} from './support';

/**
 * How photos get into the PDF: a print-ready JPEG goes in byte for byte and the frame's clip
 * crops it; a photo that is not (turned by its EXIF orientation, here) is cut upright first.
 */
const B = 3;
let pdf: string;
let ready: Buffer;

beforeAll(async () => {
  const shelf = new PhotoShelf();
  // 1000 x 500, red | blue: at 150 x 75 mm about 170 dpi, fit to print as it is.
  ready = await twoColourPhoto(1000, 500, RED, BLUE);
  const readyPhoto = shelf.add(ready, 1000, 500);
  // Stored 400 x 800 with EXIF orientation 6 (turn 90° clockwise): upright 800 x 400, red on top.
  const stored = await sharp(await twoColourPhoto(400, 800, RED, BLUE))
    .withMetadata({ orientation: 6 })
    .jpeg()
    .toBuffer();
  const turned = shelf.add(stored, 800, 400);
  const base = emptyBook(soft21);
  const book = withFrames(
    base,
    [
      // Zoomed 1.25 against the left edge: the frame shows the photo's left 80 %.
      photoFrame(base.pageIds[6]!, { x: 20, y: 20, w: 150, h: 75 }, readyPhoto.id, {
        crop: { panX: -1, panY: 0, zoom: 1.25 },
      }),
      photoFrame(base.pageIds[6]!, { x: 20, y: 120, w: 100, h: 50 }, turned.id),
    ],
    shelf,
  );
  const job = { book, product: soft21, photos: shelf.source, date: ORDER_DATE };
  pdf = await savePdf(await scratch(), 'inner.pdf', await renderInnerBlock(job));
});

describe('photos in the PDF', () => {
  it('embeds a print-ready JPEG unchanged and crops it with the frame', async () => {
    const bytes = await import('node:fs/promises').then((fs) => fs.readFile(pdf));
    expect(bytes.indexOf(ready)).toBeGreaterThan(0);
    const list = await poppler('pdfimages', ['-list', '-f', '7', '-l', '7', pdf]);
    expect(list).toMatch(/\s7\s+\d+\s+image\s+1000\s+500\s+icc\s+3\s+8\s+jpeg/);
    const p = await pagePicture(pdf, 7, 100);
    const x = (share: number) => B + 20 + share * 150;
    // Red up to 0.5 / 0.8 of the frame's width, then blue to its edge, and nothing past it.
    expect(near(p.at(x(0.02), B + 50), RED)).toBe(true);
    expect(near(p.at(x(0.6), B + 50), RED)).toBe(true);
    expect(near(p.at(x(0.66), B + 50), BLUE)).toBe(true);
    expect(near(p.at(x(0.99), B + 50), BLUE)).toBe(true);
    expect(near(p.at(x(1.05), B + 50), WHITE)).toBe(true);
    expect(near(p.at(x(0.5), B + 17), WHITE)).toBe(true);
  });

  it('prints a photo the way its EXIF orientation turns it', async () => {
    const p = await pagePicture(pdf, 7, 100);
    expect(near(p.at(B + 70, B + 125), RED)).toBe(true);
    expect(near(p.at(B + 70, B + 165), BLUE)).toBe(true);
  });
});
