import { describe, expect, it } from 'vitest';
import { toUm } from '../../../src/geometry/box';
import { DEFAULT_GAP_MM, fitTemplate } from '../../../src/layout/fit';
import type { LayoutTemplate } from '../../../src/layout/template';
import { pagesOf, templates } from './pages';

function template(id: string): LayoutTemplate {
  const found = templates.find((t) => t.id === id);
  if (!found) throw new Error(`no template ${id}`);
  return found;
}

/** 21x21 cm: trim 210 × 210, bleed 3, safe 8 from the trim and 12 from the binding edge. */
const [firstPage, spreadLeft, spreadRight, lastPage] = pagesOf('book-21x21-hardcover').map(
  (p) => p.page,
);
if (!firstPage || !spreadLeft || !spreadRight || !lastPage) throw new Error('no 21x21 pages');

const boxes = (id: string, page = firstPage, gapMm?: number) =>
  fitTemplate(template(id), page, gapMm === undefined ? {} : { gapMm }).map((f) => f.box);

describe('fitTemplate, worked by hand on the 21x21 book', () => {
  it('splits the safe box (x 12 to 202, y 8 to 202 on a right page) with a 4 mm gap', () => {
    // (190 - 4) / 2 = 93 a column; the second starts at 12 + 93 + 4 = 109.
    expect(DEFAULT_GAP_MM).toBe(4);
    expect(boxes('two-columns')).toEqual([
      { x: 12, y: 8, width: 93, height: 194 },
      { x: 109, y: 8, width: 93, height: 194 },
    ]);
  });

  it('keeps the wide margin at the binding edge on either side of a spread', () => {
    // A left page's binding edge is its right edge: safe x 8 to 198.
    expect(boxes('two-columns', spreadLeft)).toEqual([
      { x: 8, y: 8, width: 93, height: 194 },
      { x: 105, y: 8, width: 93, height: 194 },
    ]);
    expect(boxes('two-columns', spreadRight)).toEqual(boxes('two-columns', firstPage));
  });

  it('rounds thirds to the micrometre so the widths add up and the gaps stay 4 mm', () => {
    // 190 - 2 × 4 = 182 to share: boundaries at 60.667 and 121.333 (rounded once each).
    expect(boxes('three-columns')).toEqual([
      { x: 12, y: 8, width: 60.667, height: 194 },
      { x: 76.667, y: 8, width: 60.666, height: 194 },
      { x: 141.333, y: 8, width: 60.667, height: 194 },
    ]);
  });

  it('weights columns: two thirds and one third of what the gap leaves', () => {
    // 186 × 2 / 3 = 124, then 4 mm, then 62.
    expect(boxes('two-large-small')).toEqual([
      { x: 12, y: 8, width: 124, height: 194 },
      { x: 140, y: 8, width: 62, height: 194 },
    ]);
  });

  it('takes the gap as a parameter, 0 included', () => {
    expect(boxes('two-rows', firstPage, 0)).toEqual([
      { x: 12, y: 8, width: 190, height: 97 },
      { x: 12, y: 105, width: 190, height: 97 },
    ]);
    // (194 - 10) / 2 = 92.
    expect(boxes('two-rows', firstPage, 10)).toEqual([
      { x: 12, y: 8, width: 190, height: 92 },
      { x: 12, y: 110, width: 190, height: 92 },
    ]);
  });

  it('bleeds a full-page photo 3 mm past the trim, but only to the binding edge', () => {
    // Page 1 is a right-hand page: its left edge is the binding edge.
    expect(boxes('one-full-bleed', firstPage)).toEqual([{ x: 0, y: -3, width: 213, height: 216 }]);
    expect(boxes('one-full-bleed', lastPage)).toEqual([{ x: -3, y: -3, width: 213, height: 216 }]);
  });

  it('puts a title overlay inside the safe box, above the photo', () => {
    // Rows 5 : 1 of 190 mm: 158.333 and 31.667, the second starting at 8 + 158.333 + 4.
    const frames = fitTemplate(template('one-bleed-title-overlay'), lastPage);
    expect(frames).toEqual([
      {
        role: 'photo',
        box: { x: -3, y: -3, width: 213, height: 216 },
        z: 0,
        bleed: ['top', 'right', 'bottom', 'left'],
      },
      {
        role: 'text',
        box: { x: 8, y: 170.333, width: 190, height: 31.667 },
        z: 1,
        purpose: 'title',
      },
    ]);
  });

  it('refuses a gap that leaves no room and a negative gap', () => {
    expect(() => boxes('six-grid-wide', firstPage, 95)).toThrow(
      'a gap of 95 mm leaves no room for the grid on this page',
    );
    expect(() => boxes('two-rows', firstPage, -1)).toThrow('cannot be negative: -1 mm');
  });

  it('gives whole micrometres for an odd gap', () => {
    for (const box of boxes('six-grid-wide', firstPage, 3.3333)) {
      for (const value of Object.values(box)) expect(toUm(value) / 1000).toBe(value);
    }
  });
});
