import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderInnerBlock, writeBookFiles } from '../../../../server/lab/render/book';
import {
  BLUE,
  ORDER_DATE,
  PhotoShelf,
  RED,
  emptyBook,
  photoFrame,
  scratch,
  soft21,
  twoColourPhoto,
  withFrames,
} from './support';

const run = promisify(execFile);

/**
 * The inner block is streamed to disk page by page (pdf-stream.ts), a page's photos written and
 * let go as soon as the page is done. The file must be the very bytes of the file made in memory,
 * and a PDF poppler reads without a complaint, each photo in it once.
 */
describe('print files written as they are made', () => {
  it('streams the same bytes as in memory, a sound PDF with each photo once', async () => {
    const shelf = new PhotoShelf();
    const photos = await Promise.all(
      [0, 1, 2].map(async () => shelf.add(await twoColourPhoto(900, 600, RED, BLUE), 900, 600)),
    );
    const base = emptyBook(soft21);
    const book = withFrames(
      base,
      [
        photoFrame(base.pageIds[1]!, { x: 10, y: 10, w: 90, h: 60 }, photos[0]!.id),
        // Across the binding of spread 2–3: one image, on both pages.
        photoFrame(base.pageIds[1]!, { x: 150, y: 100, w: 120, h: 80 }, photos[1]!.id),
        photoFrame(base.pageIds[4]!, { x: 10, y: 10, w: 90, h: 60 }, photos[2]!.id),
      ],
      shelf,
    );
    const job = { book, product: soft21, photos: shelf.source, date: ORDER_DATE };
    const dir = await scratch();
    const { inner } = await writeBookFiles(job, dir);
    const onDisk = await readFile(inner);
    expect(onDisk.equals(Buffer.from(await renderInnerBlock(job)))).toBe(true);

    const info = await run('pdfinfo', [inner]);
    expect(info.stderr).toBe('');
    expect(info.stdout).toMatch(/Pages:\s+24/);
    const list = await run('pdfimages', ['-list', inner]);
    expect(list.stderr).toBe('');
    const objects = list.stdout
      .split('\n')
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => l.trim().split(/\s+/));
    // Pages 2 and 3 show the frame across the binding from one and the same object.
    expect(objects.map((r) => r[0])).toEqual(['2', '2', '3', '5']);
    expect(new Set(objects.map((r) => r[10])).size).toBe(3);
    const rendered = await run('pdftoppm', ['-r', '10', '-png', inner, `${dir}/page`]);
    expect(rendered.stderr).toBe('');
  });
});
