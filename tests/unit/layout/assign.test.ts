import { describe, expect, it } from 'vitest';
import { assignPhotos, type FrameToFill, type PhotoShape } from '../../../src/layout/assign';
import { shapeOfRatio } from '../../../src/layout/shape';
import { fitTemplate } from '../../../src/layout/fit';
import { pagesOf, templates } from './pages';

const landscape = (id: string): PhotoShape => ({ id, aspectRatio: 3 / 2 });
const portrait = (id: string): PhotoShape => ({ id, aspectRatio: 2 / 3 });
const square = (id: string): PhotoShape => ({ id, aspectRatio: 1 });

const wide: FrameToFill = { role: 'photo', box: { width: 150, height: 100 } };
const tall: FrameToFill = { role: 'photo', box: { width: 100, height: 150 } };
const even: FrameToFill = { role: 'photo', box: { width: 100, height: 100 } };
const text: FrameToFill = { role: 'text', box: { width: 190, height: 30 } };

describe('shapes', () => {
  it('counts a ratio within a tenth of square as square', () => {
    expect([1.5, 1.1, 1.09, 1, 1 / 1.09, 1 / 1.1, 2 / 3].map(shapeOfRatio)).toEqual([
      'landscape',
      'landscape',
      'square',
      'square',
      'square',
      'portrait',
      'portrait',
    ]);
  });
});

describe('assignPhotos', () => {
  it('keeps the photos already placed first and in their order, then fills from the candidates', () => {
    const frames = [even, even, even, even];
    const placed = [square('a'), square('b')];
    const candidates = [square('c'), square('a'), square('d'), square('e')];
    expect(assignPhotos(frames, candidates, placed)).toEqual({
      photoIds: ['a', 'b', 'c', 'd'],
      displaced: [],
      unused: ['e'],
    });
  });

  it('puts each photo into a frame of its orientation, even against the order', () => {
    expect(assignPhotos([tall, wide], [landscape('l'), portrait('p')])).toEqual({
      photoIds: ['p', 'l'],
      displaced: [],
      unused: [],
    });
  });

  it('finds the pairing with no mismatch where first come, first served would miss it', () => {
    // Greedy in order would give the square frame to the square photo and force the landscape
    // photo into the portrait frame.
    expect(assignPhotos([even, tall], [square('s'), landscape('l')]).photoIds).toEqual(['l', 's']);
  });

  it('keeps the order among photos of the same shape', () => {
    const frames = [wide, tall, wide, tall];
    const photos = [portrait('p1'), portrait('p2'), landscape('l1'), landscape('l2')];
    expect(assignPhotos(frames, [], photos).photoIds).toEqual(['l1', 'p1', 'l2', 'p2']);
  });

  it('passes over text frames and leaves frames empty when photos run out', () => {
    expect(assignPhotos([text, wide, tall], [landscape('l')])).toEqual({
      photoIds: [null, 'l', null],
      displaced: [],
      unused: [],
    });
  });

  it('names placed photos that a layout with fewer frames cannot hold', () => {
    const placed = [landscape('a'), landscape('b'), landscape('c')];
    expect(assignPhotos([wide, wide], [landscape('d')], placed)).toEqual({
      photoIds: ['a', 'b'],
      displaced: ['c'],
      unused: ['d'],
    });
  });

  it('fills a fitted template: the landscape hero of three-hero-top takes the landscape photo', () => {
    const hero = templates.find((t) => t.id === 'three-hero-top');
    const [, page] = pagesOf('book-a4-hardcover');
    if (!hero || !page) throw new Error('missing fixture');
    // On an A4 portrait page the two lower frames are portrait (93 × 110.8 mm).
    const frames = fitTemplate(hero, page.page);
    const placed = [portrait('p1'), portrait('p2'), landscape('l')];
    expect(assignPhotos(frames, [], placed).photoIds).toEqual(['l', 'p1', 'p2']);
  });

  it('gives the same answer every time', () => {
    const frames = [even, wide, tall, even, wide, tall];
    const photos = [square('a'), portrait('b'), landscape('c'), square('d'), portrait('e')];
    const first = assignPhotos(frames, photos);
    expect(assignPhotos(frames, photos)).toEqual(first);
    expect(first.photoIds).toEqual(['a', 'c', 'b', 'd', null, 'e']);
  });

  it('refuses more photo frames than it can search exactly', () => {
    expect(() => assignPhotos(new Array<FrameToFill>(17).fill(even), [])).toThrow(
      'at most 16 photo frames, not 17',
    );
  });
});
