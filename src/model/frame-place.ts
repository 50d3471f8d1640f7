import { toMm, toUm, type Box } from '../geometry/box';
import { boxLines, type SnapLine } from '../geometry/snap';
import type { Book, Frame } from './book';
import { framesOn } from './commands';
import type { BookSurface, PlacedPage } from './surfaces';

/**
 * Where frames lie on their surface. A frame is stored in millimetres from its own page's trim;
 * snapping and moving between the pages of a spread happen in the surface's millimetres, so a
 * frame on the facing page is a guide too and a frame dragged across the binding does not jump.
 */

/** The placed page of a surface a frame's page lies on, if it is on this surface. */
export function placedPageOf(surface: BookSurface, pageId: string): PlacedPage | undefined {
  return surface.pages.find((p) => p.pageId === pageId);
}

/**
 * The page under a point of the surface (x in mm): the panel whose trim spans x, or else the
 * nearest one (a point in the bleed or the cover's wrap belongs to the panel beside it).
 */
export function placedPageAt(surface: BookSurface, xMm: number): PlacedPage {
  const x = toUm(xMm);
  let best: PlacedPage | undefined;
  let bestDistance = Infinity;
  for (const placed of surface.pages) {
    const start = toUm(placed.panel.trim.x);
    const end = start + toUm(placed.panel.trim.width);
    const distance = x < start ? start - x : x >= end ? x - end + 1 : 0;
    if (distance < bestDistance) [best, bestDistance] = [placed, distance];
  }
  if (!best) throw new Error('a surface has at least one page');
  return best;
}

/** A frame's unrotated box in surface millimetres (its page's trim offset added, to the µm). */
export function frameBoxOnSurface(frame: Frame, placed: PlacedPage): Box {
  const { trim } = placed.panel;
  return {
    x: toMm(toUm(trim.x) + toUm(frame.xMm)),
    y: toMm(toUm(trim.y) + toUm(frame.yMm)),
    width: frame.widthMm,
    height: frame.heightMm,
  };
}

/** The upright box a rotated box covers (the box itself when it is not rotated). */
export function boundsOfRotated(box: Box, rotationDeg: number): Box {
  if (rotationDeg === 0) return box;
  const rad = (rotationDeg * Math.PI) / 180;
  const cos = Math.abs(Math.cos(rad));
  const sin = Math.abs(Math.sin(rad));
  const width = box.width * cos + box.height * sin;
  const height = box.width * sin + box.height * cos;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const um = (mm: number) => toMm(toUm(mm));
  return { x: um(cx - width / 2), y: um(cy - height / 2), width: um(width), height: um(height) };
}

/**
 * Everything a frame on this surface may snap to, in surface millimetres, most important
 * first (ties go to the earlier line): the binding, each page's trim edges and centre lines,
 * its safe box, then the other frames' edges and centres (upright bounds of rotated ones).
 * Frames named in `except` (the ones being dragged) are left out.
 */
export function snapTargets(
  book: Book,
  surface: BookSurface,
  except: ReadonlySet<string>,
): SnapLine[] {
  const lines: SnapLine[] = [];
  const { surface: geometry } = surface;
  const trim = geometry.trim;
  if (geometry.role === 'spread') {
    const binding = geometry.pages[1].trim.x;
    lines.push({ axis: 'x', at: binding, from: trim.y, to: trim.y + trim.height, kind: 'binding' });
  }
  for (const { panel } of surface.pages) {
    lines.push(...boxLines(panel.trim, 'trim', 'pageCentre'));
    lines.push(...boxLines(panel.safe, 'safe', null));
  }
  for (const placed of surface.pages) {
    for (const frame of framesOn(book, placed.pageId)) {
      if (except.has(frame.id)) continue;
      const bounds = boundsOfRotated(frameBoxOnSurface(frame, placed), frame.rotationDeg);
      lines.push(...boxLines(bounds, 'frameEdge', 'frameCentre'));
    }
  }
  return lines;
}
