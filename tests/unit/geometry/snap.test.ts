import { describe, expect, it } from 'vitest';
import { boxLines, snapMove, snapResize, type SnapLine } from '../../../src/geometry/snap';

const vertical = (at: number, kind: SnapLine['kind'] = 'trim'): SnapLine => ({
  axis: 'x',
  at,
  from: 0,
  to: 100,
  kind,
});
const horizontal = (at: number, kind: SnapLine['kind'] = 'trim'): SnapLine => ({
  axis: 'y',
  at,
  from: 0,
  to: 100,
  kind,
});

describe('snapMove', () => {
  it('moves the box so its nearest edge lies exactly on a guide within the threshold', () => {
    const result = snapMove({ x: 10.3, y: 50, width: 40, height: 20 }, [vertical(10)], 1);
    expect(result.box).toEqual({ x: 10, y: 50, width: 40, height: 20 });
    expect(result.guides).toEqual([{ axis: 'x', at: 10, from: 0, to: 100, kind: 'trim' }]);
  });

  it('snaps by the right edge or the centre too, whichever is nearest', () => {
    const box = { x: 10, y: 0, width: 40, height: 20 };
    // Right edge 50 is 0.4 from 50.4; centre 30 is 0.2 from 30.2: the centre wins.
    const result = snapMove(box, [vertical(50.4), vertical(30.2, 'pageCentre')], 1);
    expect(result.box.x).toBe(10.2);
    expect(result.guides.map((g) => g.kind)).toEqual(['pageCentre']);
  });

  it('leaves the box alone beyond the threshold, and with a threshold of 0 (Alt)', () => {
    const box = { x: 10.3, y: 50.7, width: 40, height: 20 };
    expect(snapMove(box, [vertical(11), horizontal(50)], 0.5)).toEqual({ box, guides: [] });
    expect(snapMove(box, [vertical(10.3 - 0.1)], 0).box).toEqual(box);
  });

  it('snaps each axis on its own and reports every guide the box now lies on', () => {
    const box = { x: 9.8, y: 20.5, width: 10, height: 10 };
    const targets = [vertical(10), vertical(20, 'frameEdge'), horizontal(20), vertical(70)];
    const result = snapMove(box, targets, 1);
    expect(result.box).toEqual({ x: 10, y: 20, width: 10, height: 10 });
    // Left edge on 10 and right edge on 20 both count; 70 does not.
    expect(result.guides.map((g) => [g.axis, g.at])).toEqual([
      ['x', 10],
      ['x', 20],
      ['y', 20],
    ]);
  });

  it('stretches a guide to reach the box it guides', () => {
    const short: SnapLine = { axis: 'x', at: 10, from: 40, to: 60, kind: 'frameEdge' };
    const result = snapMove({ x: 10.2, y: 100, width: 5, height: 30 }, [short], 1);
    expect(result.guides[0]).toMatchObject({ from: 40, to: 130 });
  });

  it('is exact: the snapped edge is the guide, with no float noise', () => {
    const result = snapMove({ x: 0.1 + 0.2, y: 0, width: 0.7, height: 1 }, [vertical(1.1)], 0.5);
    expect(result.box.x + result.box.width).toBe(1.1);
    expect(result.box.x).toBe(0.4);
  });

  it('breaks a tie by the order of the targets, the same way every time', () => {
    const box = { x: 10, y: 0, width: 10, height: 10 };
    const first = snapMove(box, [vertical(9.5, 'safe'), vertical(10.5, 'trim')], 1);
    expect(first.box.x).toBe(9.5);
    const swapped = snapMove(box, [vertical(10.5, 'trim'), vertical(9.5, 'safe')], 1);
    expect(swapped.box.x).toBe(10.5);
  });
});

describe('release margin', () => {
  it('a guide the box lies on holds it a little beyond the radius; a new one does not catch it', () => {
    const box = { x: 11.4, y: 50, width: 40, height: 20 };
    const guide = vertical(10);
    // 1.4 from the guide with a radius of 1: free, unless the last move was on it (1.5 × 1).
    expect(snapMove(box, [guide], 1).box.x).toBe(11.4);
    expect(snapMove(box, [guide], 1, [guide]).box.x).toBe(10);
    // Past the margin it lets go.
    expect(snapMove({ ...box, x: 11.6 }, [guide], 1, [guide]).box.x).toBe(11.6);
    // Alt (radius 0) lets go at once.
    expect(snapMove(box, [guide], 0, [guide]).box.x).toBe(11.4);
  });

  it('holds a resized edge too', () => {
    const box = { x: 10, y: 10, width: 41.3, height: 20 };
    const guide = vertical(50);
    expect(snapResize(box, { x: 'end', y: null }, [guide], 1).box.width).toBe(41.3);
    expect(snapResize(box, { x: 'end', y: null }, [guide], 1, 0, [guide]).box.width).toBe(40);
  });
});

describe('snapResize', () => {
  it('moves only the dragged edge onto the guide; the opposite edge stays', () => {
    const box = { x: 10, y: 10, width: 39.6, height: 20 };
    const result = snapResize(box, { x: 'end', y: null }, [vertical(50), vertical(10.5)], 1);
    expect(result.box).toEqual({ x: 10, y: 10, width: 40, height: 20 });
    expect(result.guides.map((g) => g.at)).toEqual([50]);
  });

  it('snaps a left or top edge by moving it and shrinking the box', () => {
    const box = { x: 10.4, y: 9.7, width: 30, height: 30 };
    const result = snapResize(box, { x: 'start', y: 'start' }, [vertical(10), horizontal(10)], 1);
    expect(result.box).toEqual({ x: 10, y: 10, width: 30.4, height: 29.7 });
  });

  it('never snaps the box below the minimum size', () => {
    const box = { x: 10, y: 10, width: 5.5, height: 10 };
    const result = snapResize(box, { x: 'end', y: null }, [vertical(15)], 1, 5.5);
    expect(result.box.width).toBe(5.5);
    expect(result.guides).toEqual([]);
  });
});

describe('boxLines', () => {
  it('gives edges and centre lines spanning the box, or edges only', () => {
    const lines = boxLines({ x: 10, y: 20, width: 30, height: 40 }, 'frameEdge', 'frameCentre');
    expect(lines.map((l) => [l.axis, l.at, l.kind])).toEqual([
      ['x', 10, 'frameEdge'],
      ['x', 40, 'frameEdge'],
      ['y', 20, 'frameEdge'],
      ['y', 60, 'frameEdge'],
      ['x', 25, 'frameCentre'],
      ['y', 40, 'frameCentre'],
    ]);
    expect(lines[0]).toMatchObject({ from: 20, to: 60 });
    expect(boxLines({ x: 0, y: 0, width: 1, height: 1 }, 'safe', null)).toHaveLength(4);
  });
});
