import { describe, expect, it } from 'vitest';
import type { Book, Frame } from '../../../src/model/book';
import {
  moveFrame,
  normaliseAngle,
  pointerAngle,
  resizeFrame,
  rotateFrame,
  snapRotation,
  MIN_FRAME_MM,
  type Snapping,
} from '../../../src/model/frame-edits';
import { snapTargets } from '../../../src/model/frame-place';
import { forward } from './fixtures';
import { bookWith, box, spreadOf } from './frame-fixtures';

const noSnap: Snapping = { targets: [], thresholdMm: 0 };

function setup() {
  const book = bookWith((p) => [
    box('a', p.left, 40, 50, 60, 40, { z: 0 }),
    box('b', p.left, 120, 150, 50, 50, { z: 1 }),
    box('c', p.right, 20, 20, 30, 30, { z: 0 }),
    box('d', p.right, 60, 60, 30, 30, { z: 1 }),
  ]);
  const spread = spreadOf(book);
  const snapping = (id: string, thresholdMm = 2): Snapping => ({
    targets: snapTargets(book, spread, new Set([id])),
    thresholdMm,
  });
  return { book, spread, snapping, left: spread.pages[0]!.pageId, right: spread.pages[1]!.pageId };
}

const after = (book: Book, changes: ReturnType<typeof moveFrame>['changes'], id: string): Frame =>
  forward(book, changes).frames[id]!;

describe('moveFrame', () => {
  it('moves by the pointer, snaps an edge to another frame and reports its guide', () => {
    const { book, spread, snapping } = setup();
    const start = book.frames.a!;
    // a's right edge 100 + 19 = 119 (surface 122) is 1 from b's left edge 120 (surface 123).
    const edit = moveFrame(book, spread, start, 19, 5, snapping('a'));
    const moved = after(book, edit.changes, 'a');
    expect([moved.xMm, moved.yMm]).toEqual([60, 55]);
    expect(edit.guides).toContainEqual(
      expect.objectContaining({ axis: 'x', at: 123, from: 58, to: 203, kind: 'frameEdge' }),
    );
    // By chance its middle now lines up with d's on the facing page: that is shown too.
    expect(edit.guides).toContainEqual(expect.objectContaining({ axis: 'y', at: 78 }));
  });

  it('snaps to a frame on the facing page too', () => {
    const { book, spread, snapping } = setup();
    // a's top at 50.4 (surface 53.4) is 0.4 from the bottom of c on the right page (20 + 30 + 3).
    const edit = moveFrame(book, spread, book.frames.a!, 5, 0.4, snapping('a'));
    expect(after(book, edit.changes, 'a').yMm).toBe(50);
    expect(edit.guides).toContainEqual(expect.objectContaining({ axis: 'y', at: 53, from: 48 }));
  });

  it('snaps to the page centre and the safe box', () => {
    const { book, spread, snapping } = setup();
    // Centre of a: 70 → page centre 105 wants dx 35; try 34.
    const centred = after(
      book,
      moveFrame(book, spread, book.frames.a!, 34, 0, snapping('a')).changes,
      'a',
    );
    expect(centred.xMm + centred.widthMm / 2).toBe(105);
    // Left edge 40 → safe 8: dx -31 lands at 9, snaps to 8.
    const safe = after(
      book,
      moveFrame(book, spread, book.frames.a!, -31, 0, snapping('a')).changes,
      'a',
    );
    expect(safe.xMm).toBe(8);
  });

  it('follows the pointer exactly without snapping (Alt)', () => {
    const { book, spread } = setup();
    const edit = moveFrame(book, spread, book.frames.a!, 0.1, 0.2, noSnap);
    expect(after(book, edit.changes, 'a')).toMatchObject({ xMm: 40.1, yMm: 50.2 });
    expect(edit.guides).toEqual([]);
  });

  it('crossing the binding by its centre moves it to the facing page without a jump, in front', () => {
    const { book, spread, right } = setup();
    const start = book.frames.b!;
    // b: x 120..170 on the left page, centre 145; +70 puts the centre at 215 (right page x 2).
    const edit = moveFrame(book, spread, start, 70, 0, noSnap);
    const moved = after(book, edit.changes, 'b');
    expect(moved.pageId).toBe(right);
    // Surface x before: 3 + 190 = 193; after: 213 + (-20).
    expect(moved.xMm).toBe(-20);
    expect(moved.yMm).toBe(150);
    expect(moved.z).toBe(2);
  });

  it('dragged back within the same gesture it returns to its page and its own z', () => {
    const { book, spread } = setup();
    const start = book.frames.b!;
    const across = forward(book, moveFrame(book, spread, start, 70, 0, noSnap).changes);
    const back = moveFrame(across, spread, start, 10, 0, noSnap);
    const moved = after(across, back.changes, 'b');
    expect(moved).toEqual({ ...start, xMm: 130 });
  });

  it('a move back to the start makes no change at all', () => {
    const { book, spread } = setup();
    expect(moveFrame(book, spread, book.frames.a!, 0, 0, noSnap).changes).toEqual([]);
  });
});

describe('resizeFrame', () => {
  const opts = (keepAspect = false): Parameters<typeof resizeFrame>[6] => ({
    ...noSnap,
    keepAspect,
  });

  it('the bottom-right corner grows the box; the top-left corner stays', () => {
    const { book, spread } = setup();
    const edit = resizeFrame(book, spread, book.frames.a!, 'se', 10, 5, opts());
    expect(after(book, edit.changes, 'a')).toMatchObject({
      xMm: 40,
      yMm: 50,
      widthMm: 70,
      heightMm: 45,
    });
  });

  it('the top-left corner moves its edges; the bottom-right corner stays', () => {
    const { book, spread } = setup();
    const edit = resizeFrame(book, spread, book.frames.a!, 'nw', 10, -5, opts());
    expect(after(book, edit.changes, 'a')).toMatchObject({
      xMm: 50,
      yMm: 45,
      widthMm: 50,
      heightMm: 45,
    });
  });

  it('a side handle changes one axis only', () => {
    const { book, spread } = setup();
    for (const [handle, dx, dy, expected] of [
      ['n', 3, -4, { xMm: 40, yMm: 46, widthMm: 60, heightMm: 44 }],
      ['e', 3, -4, { xMm: 40, yMm: 50, widthMm: 63, heightMm: 40 }],
      ['s', 3, -4, { xMm: 40, yMm: 50, widthMm: 60, heightMm: 36 }],
      ['w', 3, -4, { xMm: 43, yMm: 50, widthMm: 57, heightMm: 40 }],
      ['ne', 3, -4, { xMm: 40, yMm: 46, widthMm: 63, heightMm: 44 }],
      ['sw', 3, -4, { xMm: 43, yMm: 50, widthMm: 57, heightMm: 36 }],
    ] as const) {
      const edit = resizeFrame(book, spread, book.frames.a!, handle, dx, dy, opts());
      expect(after(book, edit.changes, 'a'), handle).toMatchObject(expected);
    }
  });

  it('never makes a frame smaller than the minimum, even dragged past its other edge', () => {
    const { book, spread } = setup();
    const edit = resizeFrame(book, spread, book.frames.a!, 'nw', 200, 200, opts());
    expect(after(book, edit.changes, 'a')).toMatchObject({
      xMm: 100 - MIN_FRAME_MM,
      yMm: 90 - MIN_FRAME_MM,
      widthMm: MIN_FRAME_MM,
      heightMm: MIN_FRAME_MM,
    });
  });

  it('with Shift keeps the shape: a corner follows the axis stretched more', () => {
    const { book, spread } = setup();
    // 60 × 40 (3:2); dx 30 stretches width by half, dy 5 height by an eighth: width leads.
    const edit = resizeFrame(book, spread, book.frames.a!, 'se', 30, 5, opts(true));
    expect(after(book, edit.changes, 'a')).toMatchObject({
      xMm: 40,
      yMm: 50,
      widthMm: 90,
      heightMm: 60,
    });
    // A side handle grows the other axis evenly about the middle.
    const side = resizeFrame(book, spread, book.frames.a!, 'e', 30, 0, opts(true));
    expect(after(book, side.changes, 'a')).toMatchObject({
      xMm: 40,
      yMm: 40,
      widthMm: 90,
      heightMm: 60,
    });
  });

  it('snaps the dragged edge to a guide and shows it', () => {
    const { book, spread, snapping } = setup();
    // a's right edge at 100 + 18.5 is 1.5 from b's left edge 120.
    const edit = resizeFrame(book, spread, book.frames.a!, 'e', 18.5, 0, {
      ...snapping('a'),
      keepAspect: false,
    });
    expect(after(book, edit.changes, 'a').widthMm).toBe(80);
    expect(edit.guides).toContainEqual(expect.objectContaining({ axis: 'x', at: 123 }));
  });

  it('a turned frame keeps its opposite corner where it is on the page', () => {
    const { book, spread } = setup();
    const start = { ...book.frames.a!, rotationDeg: 90 };
    const turned = { ...book, frames: { ...book.frames, a: start } };
    // Turned 90° clockwise, the frame's own right edge faces down: dragging 'e' down by 10
    // makes it 10 wider. Its 'w' edge, now facing up at page y 70 - 30 = 40, stays put.
    const edit = resizeFrame(turned, spread, start, 'e', 0, 10, opts());
    const resized = after(turned, edit.changes, 'a');
    expect(resized).toMatchObject({ widthMm: 70, heightMm: 40 });
    const cy = resized.yMm + resized.heightMm / 2;
    expect(cy - resized.widthMm / 2).toBe(40);
    // A side-ways drag along the frame's own height does nothing to its width.
    const sideways = resizeFrame(turned, spread, start, 'e', 10, 0, opts());
    expect(after(turned, sideways.changes, 'a')).toMatchObject({ widthMm: 60, xMm: 40 });
  });
});

describe('rotation', () => {
  it('normalises any angle to 0 up to 360, to the hundredth, with no -0', () => {
    expect(normaliseAngle(-90)).toBe(270);
    expect(normaliseAngle(360)).toBe(0);
    expect(normaliseAngle(725.123)).toBe(5.12);
    expect(Object.is(normaliseAngle(-0), 0)).toBe(true);
    expect(Object.is(normaliseAngle(-360), 0)).toBe(true);
  });

  it('clicks to a quarter turn when near one, else stays free; Shift steps by 15°', () => {
    expect(snapRotation(93, false)).toBe(90);
    expect(snapRotation(-2, false)).toBe(0);
    expect(snapRotation(357, false)).toBe(0);
    expect(snapRotation(33.3, false)).toBe(33.3);
    expect(snapRotation(38, true)).toBe(45);
    expect(snapRotation(355, true)).toBe(0);
    expect(snapRotation(352, true)).toBe(345);
  });

  it('reads the pointer as an angle clockwise from straight up', () => {
    expect(pointerAngle(0, 0, 0, -10)).toBe(0);
    expect(pointerAngle(0, 0, 10, 0)).toBe(90);
    expect(pointerAngle(0, 0, -10, 0)).toBe(-90);
  });

  it('rotateFrame changes only the rotation', () => {
    const { book } = setup();
    const changes = rotateFrame(book, book.frames.a!, 400, false);
    expect(forward(book, changes).frames.a).toEqual({ ...book.frames.a, rotationDeg: 40 });
  });
});
