import { describe, expect, it } from 'vitest';
import type { Frame } from '../../../src/model/book';
import { framesOn } from '../../../src/model/commands';
import {
  createFrameIndexer,
  frameIndexOf,
  framesOfPage,
  indexFrames,
} from '../../../src/model/frame-index';
import { box } from './frame-fixtures';

const record = (...frames: Frame[]) => Object.fromEntries(frames.map((f) => [f.id, f]));

// Records in an order that is neither page nor z order.
const a2 = box('a2', 'page-a', 0, 0, 10, 10, { z: 2 });
const b0 = box('b0', 'page-b', 0, 0, 10, 10, { z: 0 });
const a0 = box('a0', 'page-a', 0, 0, 10, 10, { z: 0 });
const a1 = box('a1', 'page-a', 0, 0, 10, 10, { z: 1 });
const c5 = box('c5', 'page-c', 0, 0, 10, 10, { z: 5 });

describe('indexFrames', () => {
  it('groups every page’s frames back to front, whatever the order of the records', () => {
    const index = indexFrames(record(a2, b0, c5, a0, a1));
    expect(framesOfPage(index, 'page-a').map((f) => f.id)).toEqual(['a0', 'a1', 'a2']);
    expect(framesOfPage(index, 'page-b')).toEqual([b0]);
    expect(framesOfPage(index, 'page-c')).toEqual([c5]);
  });

  it('gives a page without frames the same empty list every time', () => {
    const first = framesOfPage(indexFrames(record(a0)), 'page-x');
    expect(first).toEqual([]);
    expect(framesOfPage(indexFrames(record(b0)), 'page-y')).toBe(first);
  });

  it('keeps the list of a page whose frames did not change, and only that one', () => {
    const before = indexFrames(record(a0, a1, b0));
    const moved = { ...b0, xMm: 5 };
    const after = indexFrames(record(a0, a1, moved), before);
    expect(framesOfPage(after, 'page-a')).toBe(framesOfPage(before, 'page-a'));
    expect(framesOfPage(after, 'page-b')).not.toBe(framesOfPage(before, 'page-b'));
    expect(framesOfPage(after, 'page-b')).toEqual([moved]);
  });

  it('gives a page a new list when a frame joins it, leaves it, or changes its place in z', () => {
    const before = indexFrames(record(a0, a1, b0));
    const joined = indexFrames(record(a0, a1, a2, b0), before);
    expect(framesOfPage(joined, 'page-a').map((f) => f.id)).toEqual(['a0', 'a1', 'a2']);
    const left = indexFrames(record(a0, b0), before);
    expect(framesOfPage(left, 'page-a')).toEqual([a0]);
    const swapped = indexFrames(record({ ...a0, z: 3 }, a1, b0), before);
    expect(framesOfPage(swapped, 'page-a').map((f) => f.id)).toEqual(['a1', 'a0']);
    // The page that lost its only frame now has none.
    expect(framesOfPage(indexFrames(record(a0, a1), before), 'page-b')).toEqual([]);
  });

  it('hands out lists nobody can change by accident', () => {
    const list = framesOfPage(indexFrames(record(a0, a1)), 'page-a') as Frame[];
    expect(() => list.push(a2)).toThrow(TypeError);
  });
});

describe('createFrameIndexer', () => {
  it('compares each call with the one before, so unchanged pages keep their lists', () => {
    const indexer = createFrameIndexer();
    const first = indexer(record(a0, b0));
    indexer(record(a0, { ...b0, yMm: 1 }));
    const third = indexer(record(a0, { ...b0, yMm: 2 }));
    expect(framesOfPage(third, 'page-a')).toBe(framesOfPage(first, 'page-a'));
  });
});

describe('frameIndexOf and framesOn', () => {
  it('makes the index once per frames record', () => {
    const frames = record(a0, a1, b0);
    expect(frameIndexOf(frames)).toBe(frameIndexOf(frames));
    expect(frameIndexOf({ ...frames })).not.toBe(frameIndexOf(frames));
  });

  it('gives framesOn a copy the caller may change without changing the book’s answer', () => {
    const frames = record(a1, a0);
    const book = { frames } as Parameters<typeof framesOn>[0];
    const mine = framesOn(book, 'page-a');
    mine.reverse();
    expect(framesOn(book, 'page-a').map((f) => f.id)).toEqual(['a0', 'a1']);
  });
});
