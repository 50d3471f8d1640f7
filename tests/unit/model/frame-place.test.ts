import { describe, expect, it } from 'vitest';
import {
  boundsOfRotated,
  frameBoxOnSurface,
  placedPageAt,
  snapTargets,
} from '../../../src/model/frame-place';
import { bookWith, box, spreadOf } from './frame-fixtures';

describe('placedPageAt', () => {
  const book = bookWith(() => []);
  const spread = spreadOf(book);
  const [left, right] = spread.pages;

  it('finds the page whose trim spans the point; the binding belongs to the right page', () => {
    expect(placedPageAt(spread, 100).pageId).toBe(left!.pageId);
    expect(placedPageAt(spread, 212.999).pageId).toBe(left!.pageId);
    expect(placedPageAt(spread, 213).pageId).toBe(right!.pageId);
  });

  it('gives a point in the bleed to the page beside it', () => {
    expect(placedPageAt(spread, 1).pageId).toBe(left!.pageId);
    expect(placedPageAt(spread, 425).pageId).toBe(right!.pageId);
  });
});

describe('frameBoxOnSurface and boundsOfRotated', () => {
  it('adds the page trim offset, exactly', () => {
    const book = bookWith((p) => [box('a', p.right, 0.1, 0.2, 10, 20)]);
    const spread = spreadOf(book);
    expect(frameBoxOnSurface(book.frames.a!, spread.pages[1]!)).toEqual({
      x: 213.1,
      y: 3.2,
      width: 10,
      height: 20,
    });
  });

  it('a quarter turn swaps width and height about the centre', () => {
    expect(boundsOfRotated({ x: 0, y: 0, width: 40, height: 20 }, 90)).toEqual({
      x: 10,
      y: -10,
      width: 20,
      height: 40,
    });
    const b = boundsOfRotated({ x: 0, y: 0, width: 10, height: 10 }, 45);
    expect(b.width).toBe(14.142);
  });
});

describe('snapTargets', () => {
  it('lists the binding, both pages trims, centres and safe boxes, and the other frames', () => {
    const book = bookWith((p) => [
      box('a', p.left, 20, 30, 50, 40),
      box('moving', p.right, 10, 10, 10, 10),
    ]);
    const targets = snapTargets(book, spreadOf(book), new Set(['moving']));
    const at = (kind: string, axis: 'x' | 'y') =>
      targets.filter((t) => t.kind === kind && t.axis === axis).map((t) => t.at);
    expect(at('binding', 'x')).toEqual([213]);
    expect(at('trim', 'x')).toEqual([3, 213, 213, 423]);
    expect(at('pageCentre', 'x')).toEqual([108, 318]);
    expect(at('pageCentre', 'y')).toEqual([151.5, 151.5]);
    // Left page: 8 mm from the trim, 12 from the binding; the right page mirrored.
    expect(at('safe', 'x')).toEqual([11, 201, 225, 415]);
    expect(at('frameEdge', 'x')).toEqual([23, 73]);
    expect(at('frameCentre', 'y')).toEqual([53]);
    expect(targets[0]!.kind).toBe('binding');
  });
});
