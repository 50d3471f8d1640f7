import fontkit from '@pdf-lib/fontkit';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Book } from '../../../../src/model/book';
import { renderCover, renderInnerBlock, type BookJob } from '../../../../server/lab/render/book';
import {
  BLUE,
  GREEN,
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
  solidPhoto,
  textFrame,
  twoColourPhoto,
  withFrames,
} from './support';

/**
 * A 21 x 21 cm softcover with frames of one-colour photos where the geometry puts them: each
 * sample point is worked out by hand from the frame's millimetres (trim offset 3 mm of bleed),
 * then read from a pdftoppm picture of the page.
 */
const B = 3; // bleed: a page's trim starts 3 mm into its PDF page
const fontsDir = resolve(import.meta.dirname, '../../../../assets/fonts');

let dir: string;
let job: BookJob;
let inner: string;
let cover: string;

beforeAll(async () => {
  dir = await scratch();
  const shelf = new PhotoShelf();
  const red = shelf.add(await solidPhoto(600, 480, RED), 600, 480);
  const green = shelf.add(await solidPhoto(1200, 600, GREEN), 1200, 600);
  const redBlue = shelf.add(await twoColourPhoto(600, 200, RED, BLUE), 600, 200);
  const big = shelf.add(await solidPhoto(2000, 2000, RED), 2000, 2000);
  const small = shelf.add(await solidPhoto(400, 400, BLUE), 400, 400);
  const base = emptyBook(soft21);
  const page = (n: number) => base.pageIds[n - 1]!;
  let book: Book = withFrames(
    base,
    [
      // Page 2, the left page of the first spread: a red frame, and a green one across the binding.
      photoFrame(page(2), { x: 20, y: 30, w: 50, h: 40 }, red.id),
      photoFrame(page(2), { x: 180, y: 100, w: 60, h: 30 }, green.id),
      // Page 3: a frame turned a quarter, and two overlapping frames, green in front.
      photoFrame(page(3), { x: 50, y: 150, w: 60, h: 20 }, redBlue.id, { rotationDeg: 90 }),
      photoFrame(page(3), { x: 120, y: 20, w: 40, h: 40 }, red.id, { z: 50 }),
      photoFrame(page(3), { x: 140, y: 40, w: 40, h: 40 }, green.id, { z: 51 }),
      // Pages 4 and 5: resolution, a photo with more pixels than 300 dpi needs and one with fewer.
      photoFrame(page(4), { x: 20, y: 20, w: 100, h: 100 }, big.id),
      photoFrame(page(5), { x: 20, y: 20, w: 100, h: 100 }, small.id),
      // Page 6: type, bold, right-aligned and wrapped to the frame.
      textFrame(page(6), { x: 30, y: 40, w: 80, h: 60 }, 'Sommer am Meer mit Oma und Opa', {
        bold: true,
        align: 'right',
      }),
      // Page 8: large type with pairs a font kerns (AV, VA, WA).
      textFrame(page(8), { x: 20, y: 20, w: 180, h: 40 }, 'AVATAR WAVE', {
        fontId: 'lora',
        sizePt: 48,
      }),
    ],
    shelf,
  );
  // Page 1 is blue paper; the front cover green.
  book = setBackground(book, page(1), '#1e3cc8');
  book = setBackground(book, book.cover.frontId, '#1eb43c');
  job = { book, product: soft21, photos: shelf.source, date: ORDER_DATE };
  inner = await savePdf(dir, 'inner.pdf', await renderInnerBlock(job));
  cover = await savePdf(dir, 'cover.pdf', await renderCover(job));
});

function setBackground(book: Book, pageId: string, colour: string): Book {
  const page = book.pages[pageId]!;
  return {
    ...book,
    pages: { ...book.pages, [pageId]: { ...page, background: { kind: 'colour', colour } } },
  };
}

describe('a book page as printed', () => {
  it('paints a page background colour into the bleed', async () => {
    const p = await pagePicture(inner, 1, 50);
    expect(near(p.at(1, 1), BLUE)).toBe(true);
    expect(near(p.at(100, 100), BLUE)).toBe(true);
  });

  it('places a photo frame at its millimetres from the trim', async () => {
    const p = await pagePicture(inner, 2, 100);
    // Frame at (20, 30) 50 x 40 from the trim: (23..73, 33..73) on the PDF page.
    expect(near(p.at(48, 53), RED)).toBe(true);
    expect(near(p.at(24, 34), RED)).toBe(true);
    expect(near(p.at(72, 72), RED)).toBe(true);
    expect(near(p.at(21, 53), WHITE)).toBe(true);
    expect(near(p.at(75, 53), WHITE)).toBe(true);
    expect(near(p.at(48, 31), WHITE)).toBe(true);
    expect(near(p.at(48, 75), WHITE)).toBe(true);
  });

  it('prints a frame across the binding on both pages, each with its bleed', async () => {
    const left = await pagePicture(inner, 2, 100);
    // Left page: frame from x 183 to past the page's right edge (216 = trim + bleed).
    expect(near(left.at(200, 115), GREEN)).toBe(true);
    expect(near(left.at(215, 115), GREEN)).toBe(true);
    const right = await pagePicture(inner, 3, 100);
    // Right page: the page starts 3 mm before the binding; the frame's last 30 mm end at 33.
    expect(near(right.at(1, 115), GREEN)).toBe(true);
    expect(near(right.at(31, 115), GREEN)).toBe(true);
    expect(near(right.at(35, 115), WHITE)).toBe(true);
    expect(near(right.at(20, 98), WHITE)).toBe(true);
  });

  it('turns a frame clockwise about its centre, photo and all', async () => {
    const p = await pagePicture(inner, 3, 100);
    // 60 x 20 at (50, 150), turned 90° clockwise: centre (80, 160) + bleed, upright now 20 x 60,
    // the photo's left (red) half on top.
    const cx = 80 + B;
    const cy = 160 + B;
    expect(near(p.at(cx, cy - 27), RED)).toBe(true);
    expect(near(p.at(cx, cy - 5), RED)).toBe(true);
    expect(near(p.at(cx, cy + 5), BLUE)).toBe(true);
    expect(near(p.at(cx, cy + 27), BLUE)).toBe(true);
    expect(near(p.at(cx - 25, cy), WHITE)).toBe(true);
    expect(near(p.at(cx + 25, cy), WHITE)).toBe(true);
  });

  it('stacks frames by z: the higher one in front', async () => {
    const p = await pagePicture(inner, 3, 100);
    // Red (120..160, 20..60) under green (140..180, 40..80): their overlap is green.
    expect(near(p.at(150 + B, 50 + B), GREEN)).toBe(true);
    expect(near(p.at(130 + B, 30 + B), RED)).toBe(true);
    expect(near(p.at(170 + B, 70 + B), GREEN)).toBe(true);
  });

  it('colours the cover panel with its wrap', async () => {
    const p = await pagePicture(cover, 1, 30);
    const widthMm = (p.width / 30) * 25.4;
    expect(near(p.at(widthMm - 1, 100), GREEN)).toBe(true);
    expect(near(p.at(widthMm - 100, 100), GREEN)).toBe(true);
    expect(near(p.at(100, 100), WHITE)).toBe(true);
  });
});

describe('images and fonts in the file', () => {
  it('cuts photos to at most 300 dpi at their printed size and never enlarges them', async () => {
    const list = await poppler('pdfimages', ['-list', '-f', '4', '-l', '5', inner]);
    const rows = list
      .split('\n')
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => l.trim().split(/\s+/));
    const [big, small] = rows;
    // page num type width height color comp bpc enc interp object ID x-ppi y-ppi ...
    expect(big!.slice(0, 5)).toEqual(['4', '0', 'image', '1181', '1181']);
    expect(big![5]).toBe('icc');
    expect(big![8]).toBe('jpeg');
    expect(Number(big![12])).toBe(300);
    expect(small!.slice(0, 5)).toEqual(['5', '1', 'image', '400', '400']);
    expect(Number(small![12])).toBe(102);
  });

  it('embeds the bundled bold face and keeps text as text, wrapped to the frame', async () => {
    const fonts = await poppler('pdffonts', ['-f', '6', '-l', '6', inner]);
    const row = fonts.split('\n').find((l) => l.includes('OpenSans-Bold'));
    expect(row, fonts).toBeDefined();
    // name type encoding emb sub uni object ID
    expect(row!.trim().split(/\s+/).slice(-5, -2)).toEqual(['yes', 'no', 'yes']);

    const html = await poppler('pdftotext', ['-bbox-layout', '-f', '6', '-l', '6', inner, '-']);
    const lines = [
      ...html.matchAll(
        /<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([\s\S]*?)<\/line>/g,
      ),
    ];
    const words = lines.map((l) =>
      [...l[3]!.matchAll(/>([^<]+)<\/word>/g)].map((w) => w[1]).join(' '),
    );
    expect(words.join(' ')).toBe('Sommer am Meer mit Oma und Opa');
    expect(lines.length).toBeGreaterThan(1);
    const mm = (pt: string) => (Number(pt) * 25.4) / 72;
    for (const line of lines) {
      // Right-aligned: every line ends at the frame's right edge (30 + 80 from the trim).
      expect(Math.abs(mm(line[2]!) - (B + 110))).toBeLessThan(0.8);
      expect(mm(line[1]!)).toBeGreaterThanOrEqual(B + 30 - 0.1);
    }
  });
});

describe('type as the designer sets it', () => {
  it('kerns: pairs like AV sit as close as the browser sets them', async () => {
    const font = fontkit.create(await readFile(resolve(fontsDir, 'lora/Lora-Regular.ttf')));
    const size = 48 * (25.4 / 72);
    const run = font.layout('AVATAR');
    const kerned = run.positions.reduce((sum, p) => sum + p.xAdvance, 0);
    const plain = run.glyphs.reduce((sum, g) => sum + g.advanceWidth, 0);
    const mm = (units: number) => (units / font.unitsPerEm) * size;
    // The font really kerns these: more than a millimetre at this size.
    expect(mm(plain) - mm(kerned)).toBeGreaterThan(1);

    const html = await poppler('pdftotext', ['-bbox', '-f', '8', '-l', '8', inner, '-']);
    const word = /<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>AVATAR<\/word>/.exec(
      html,
    );
    expect(word, html).not.toBeNull();
    const width = ((Number(word![2]) - Number(word![1])) * 25.4) / 72;
    expect(Math.abs(width - mm(kerned))).toBeLessThan(0.3);
  });
});

describe('re-rendering', () => {
  it('gives the same bytes for the same book, and says who made it and when', async () => {
    const again = await renderInnerBlock(job);
    const first = Buffer.from(await renderInnerBlock(job));
    expect(Buffer.from(again).equals(first)).toBe(true);
    expect(Buffer.from(await renderCover(job)).equals(Buffer.from(await renderCover(job)))).toBe(
      true,
    );
    const info = await poppler('pdfinfo', ['-isodates', inner]);
    expect(info).toMatch(/Producer:\s+Photo Dose lab renderer/);
    expect(info).toMatch(/CreationDate:\s+2026-11-20T10:00:00Z/);
  });
});
