import { describe, expect, it } from 'vitest';
import { toUm } from '../../../src/geometry/box';
import type { PagePanel } from '../../../src/geometry/surface';
import { fitTemplate, type FittedFrame } from '../../../src/layout/fit';
import { shapeOf } from '../../../src/layout/shape';
import { areasOverlap, type LayoutTemplate, type Side } from '../../../src/layout/template';
import { books, edgesUm, pagesOf, relativeToTrim, templates, type EdgesUm } from './pages';

/** Edges relative to the page's trim moved onto the page's surface. */
function relativeToSurface(edges: EdgesUm, page: PagePanel): EdgesUm {
  const x = toUm(page.trim.x);
  const y = toUm(page.trim.y);
  return {
    left: edges.left + x,
    right: edges.right + x,
    top: edges.top + y,
    bottom: edges.bottom + y,
  };
}

const SIDES: readonly Side[] = ['top', 'right', 'bottom', 'left'];
const GAPS_MM = [4, 0, 2.5, 8];

/** How far each side of a frame must reach when it bleeds: the bleed edge, or the binding edge. */
function bleedTarget(page: PagePanel, side: Side): number {
  const bleed = relativeToTrim(page.bleed, page);
  const binding = page.name === 'left' ? 'right' : 'left';
  if (side === binding) return side === 'left' ? 0 : toUm(page.trim.width);
  return bleed[side];
}

/** Whether the side of `box` lies on the inner side of the same side of `limit`. */
function inside(box: EdgesUm, limit: EdgesUm, side: Side): boolean {
  return side === 'left' || side === 'top' ? box[side] >= limit[side] : box[side] <= limit[side];
}

/** Space between two boxes that do not overlap: the larger of the horizontal and vertical gap. */
function separation(a: EdgesUm, b: EdgesUm): number {
  const dx = Math.max(b.left - a.right, a.left - b.right);
  const dy = Math.max(b.top - a.bottom, a.top - b.bottom);
  return Math.max(dx, dy);
}

/** Whether two grid areas share an edge along some length: they are neighbours. */
function neighbours(t: LayoutTemplate, i: number, j: number): boolean {
  const a = t.frames[i]?.area;
  const b = t.frames[j]?.area;
  if (!a || !b) return false;
  const grownRight = { ...a, columnSpan: a.columnSpan + 1 };
  const grownDown = { ...a, rowSpan: a.rowSpan + 1 };
  const grownLeft = { ...a, column: a.column - 1, columnSpan: a.columnSpan + 1 };
  const grownUp = { ...a, row: a.row - 1, rowSpan: a.rowSpan + 1 };
  return [grownRight, grownDown, grownLeft, grownUp].some((g) => areasOverlap(g, b));
}

const isOverlay = (t: LayoutTemplate, i: number) => {
  const frame = t.frames[i];
  return frame?.role === 'text' && frame.overlay;
};

function checkFrames(t: LayoutTemplate, page: PagePanel, frames: FittedFrame[], gapUm: number) {
  const safe = relativeToTrim(page.safe, page);
  const boxes = frames.map((f) => edgesUm(f.box));
  frames.forEach((frame, i) => {
    const box = boxes[i] as EdgesUm;
    const bleeds = frame.role === 'photo' ? frame.bleed : [];
    for (const side of SIDES) {
      if (bleeds.includes(side)) {
        expect(box[side], `frame ${i} bleeds ${side}`).toBe(bleedTarget(page, side));
      } else {
        expect(inside(box, safe, side), `frame ${i} ${side} inside the safe box`).toBe(true);
      }
    }
    expect(frame.z).toBe(i);
    // The designer's aspect hint holds on every page shape, so photos can be matched by it.
    const hint = t.frames[i]?.role === 'photo' ? t.frames[i].aspect : 'any';
    if (hint !== 'any') expect(shapeOf(frame.box), `frame ${i} is ${hint}`).toBe(hint);
  });
  for (let i = 0; i < frames.length; i++) {
    for (let j = i + 1; j < frames.length; j++) {
      const a = boxes[i] as EdgesUm;
      const b = boxes[j] as EdgesUm;
      if (isOverlay(t, j) && separation(a, b) < 0) {
        // A title on a photo: allowed only on top of it, wholly within it.
        expect(t.frames[i]?.role).toBe('photo');
        expect(frames[j]?.z).toBeGreaterThan(frames[i]?.z ?? Infinity);
        expect(
          SIDES.every((s) => inside(b, a, s)),
          `overlay ${j} within ${i}`,
        ).toBe(true);
        continue;
      }
      const apart = separation(a, b);
      if (neighbours(t, i, j)) expect(apart, `gap between ${i} and ${j}`).toBe(gapUm);
      else expect(apart, `frames ${i} and ${j} apart`).toBeGreaterThanOrEqual(gapUm);
    }
  }
}

describe('every template on every page of every photo book', () => {
  it('covers all five books of the catalog', () => {
    expect(books.map((b) => b.id)).toEqual([
      'book-a4-hardcover',
      'book-21x21-softcover',
      'book-21x21-hardcover',
      'book-30x30-hardcover',
      'book-a4-landscape-hardcover',
    ]);
  });

  for (const book of books) {
    for (const { name, page } of pagesOf(book.id)) {
      it(`${name}: frames in the safe box or bleeding fully, one gap apart, hints true`, () => {
        for (const t of templates) {
          for (const gapMm of GAPS_MM) {
            const frames = fitTemplate(t, page, { gapMm });
            expect(frames.length, t.id).toBe(t.frames.length);
            try {
              checkFrames(t, page, frames, toUm(gapMm));
            } catch (error) {
              throw new Error(`${t.id}, gap ${gapMm} mm: ${String(error)}`, { cause: error });
            }
          }
        }
      });
    }
  }

  it('keeps each page of a spread to its own side of the binding edge', () => {
    for (const book of books) {
      const [, left, right] = pagesOf(book.id);
      if (!left || !right) throw new Error('no spread');
      const bindingX = toUm(left.page.trim.x + left.page.trim.width);
      // Frames on the spread's surface, where the two pages meet at the binding edge.
      const onSurface = (t: LayoutTemplate, p: PagePanel) =>
        fitTemplate(t, p).map((f) => relativeToSurface(edgesUm(f.box), p));
      for (const t of templates) {
        const leftFrames = onSurface(t, left.page);
        const rightFrames = onSurface(t, right.page);
        expect(Math.max(...leftFrames.map((e) => e.right)), t.id).toBeLessThanOrEqual(bindingX);
        expect(Math.min(...rightFrames.map((e) => e.left)), t.id).toBeGreaterThanOrEqual(bindingX);
      }
    }
  });
});
