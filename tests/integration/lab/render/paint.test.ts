import { describe, expect, it } from 'vitest';
import { surfacesOfBook } from '../../../../src/model/surfaces';
import { paintBookSurface } from '../../../../server/lab/render/paint';
import { PhotoShelf, emptyBook, photoFrame, soft21, textFrame, withFrames } from './support';

describe('what a surface paints', () => {
  it('lays every background behind every frame, frames by z, the left page first on a tie', () => {
    const base = emptyBook(soft21);
    const [left, right] = [base.pageIds[1]!, base.pageIds[2]!];
    const book = withFrames(
      base,
      [
        textFrame(right, { x: 0, y: 0, w: 10, h: 10 }, 'R1', { id: 'r1', z: 1 }),
        textFrame(left, { x: 0, y: 0, w: 10, h: 10 }, 'L1', { id: 'l1', z: 1 }),
        textFrame(left, { x: 0, y: 0, w: 10, h: 10 }, 'L0', { id: 'l0', z: 0 }),
        photoFrame(right, { x: 0, y: 0, w: 10, h: 10 }, null, { id: 'empty', z: 5 }),
      ],
      new PhotoShelf(),
    );
    const spread = surfacesOfBook(book, soft21)[2]!;
    const paints = paintBookSurface(book, spread);
    expect(paints.map((p) => (p.kind === 'text' ? p.frame.id : p.kind))).toEqual([
      'colour',
      'colour',
      'l0',
      'l1',
      'r1',
    ]);
  });
});
