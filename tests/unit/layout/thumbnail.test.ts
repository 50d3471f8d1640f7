import { describe, expect, it } from 'vitest';
import { thumbnailOf } from '../../../src/layout/thumbnail';
import { pagesOf, templates } from './pages';

const template = (id: string) => {
  const found = templates.find((t) => t.id === id);
  if (!found) throw new Error(`no template ${id}`);
  return found;
};

describe('thumbnailOf', () => {
  // The A4 landscape book's last page: trim 297 × 210, a left-hand page (binding on the right).
  const last = pagesOf('book-a4-landscape-hardcover')[3];
  if (!last) throw new Error('no page');

  it('cuts a bleeding photo at the trim and keeps the title on top', () => {
    expect(thumbnailOf(template('one-bleed-title-overlay'), last.page)).toEqual({
      page: { width: 297, height: 210 },
      rects: [
        { role: 'photo', box: { x: 0, y: 0, width: 297, height: 210 } },
        // Safe x 8 to 285, y 8 to 202; rows 5 : 1 of 190 mm: the title starts at 8 + 158.333 + 4.
        { role: 'text', box: { x: 8, y: 170.333, width: 277, height: 31.667 } },
      ],
    });
  });

  it('draws frames inside the safe box as they are', () => {
    expect(thumbnailOf(template('two-rows'), last.page).rects).toEqual([
      { role: 'photo', box: { x: 8, y: 8, width: 277, height: 95 } },
      { role: 'photo', box: { x: 8, y: 107, width: 277, height: 95 } },
    ]);
  });
});
