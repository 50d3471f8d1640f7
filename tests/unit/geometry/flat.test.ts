import { describe, expect, it } from 'vitest';
import { canvasSurface, printSurface } from '../../../src/geometry/flat';

describe('a print', () => {
  const tenByFifteen = { px: { width: 1200, height: 1800 }, dpi: 300, safeMm: 3 };

  it('is its paper: px × 25.4 / dpi, no bleed, the safe area 3 mm inside', () => {
    const print = printSurface(tenByFifteen, 'portrait');
    expect(print).toEqual({
      id: 'print',
      role: 'print',
      media: { width: 101.6, height: 152.4 },
      bleed: { x: 0, y: 0, width: 101.6, height: 152.4 },
      trim: { x: 0, y: 0, width: 101.6, height: 152.4 },
      panels: [
        {
          name: 'paper',
          trim: { x: 0, y: 0, width: 101.6, height: 152.4 },
          safe: { x: 3, y: 3, width: 95.6, height: 146.4 },
        },
      ],
      px: { width: 1200, height: 1800 },
      dpi: 300,
    });
  });

  it('turns pixels and millimetres together for a landscape photo', () => {
    const print = printSurface(tenByFifteen, 'landscape', 'print-2');
    expect(print.id).toBe('print-2');
    expect(print.px).toEqual({ width: 1800, height: 1200 });
    expect(print.media).toEqual({ width: 152.4, height: 101.6 });
  });

  it('rounds a size that is no whole micrometre to the nearest one', () => {
    // 1535 px / 300 dpi × 25.4 = 129.96333… mm
    const print = printSurface(
      { px: { width: 1050, height: 1535 }, dpi: 300, safeMm: 0 },
      undefined,
    );
    expect(print.media).toEqual({ width: 88.9, height: 129.963 });
  });
});

describe('a canvas 60x40 on a 2 cm frame with 30 mm wrap', () => {
  const spec = { frontMm: { width: 600, height: 400 }, frameDepthMm: 20, wrapMm: 30, safeMm: 15 };
  const canvas = canvasSurface(spec, undefined);

  it('prints the front plus 30 mm a side: 660 x 460 mm', () => {
    expect(canvas.media).toEqual({ width: 660, height: 460 });
    expect(canvas.wrapMm).toBe(30);
    expect(canvas.trim).toEqual({ x: 30, y: 30, width: 600, height: 400 });
    expect(canvas.panels).toEqual([
      {
        name: 'front',
        trim: { x: 30, y: 30, width: 600, height: 400 },
        safe: { x: 45, y: 45, width: 570, height: 370 },
      },
    ]);
  });

  it('shows the frame sides 20 mm deep and folds round the back 10 mm further out', () => {
    expect(canvas.edges).toEqual([
      { x: 30, y: 10, width: 600, height: 20 },
      { x: 630, y: 30, width: 20, height: 400 },
      { x: 30, y: 430, width: 600, height: 20 },
      { x: 10, y: 30, width: 20, height: 400 },
    ]);
    expect(canvas.folds).toEqual([
      { x1: 30, y1: 30, x2: 630, y2: 30 },
      { x1: 630, y1: 30, x2: 630, y2: 430 },
      { x1: 30, y1: 430, x2: 630, y2: 430 },
      { x1: 30, y1: 30, x2: 30, y2: 430 },
      { x1: 10, y1: 10, x2: 650, y2: 10 },
      { x1: 650, y1: 10, x2: 650, y2: 450 },
      { x1: 10, y1: 450, x2: 650, y2: 450 },
      { x1: 10, y1: 10, x2: 10, y2: 450 },
    ]);
  });

  it('hangs upright when asked', () => {
    const upright = canvasSurface(spec, 'portrait');
    expect(upright.media).toEqual({ width: 460, height: 660 });
    expect(upright.trim).toEqual({ x: 30, y: 30, width: 400, height: 600 });
  });
});
