import type { Box } from '../../../src/geometry/box';
import type { Panel } from '../../../src/geometry/surface';
import type { Book, Crop, PhotoAsset, TextFrame } from '../../../src/model/book';
import { framesOn } from '../../../src/model/commands';
import { boundsOfRotated, frameBoxOnSurface } from '../../../src/model/frame-place';
import { visibleRegion, type Fractions } from '../../../src/model/crop';
import { intersection, photoUnder } from '../../../src/model/photo-under';
import { paintedBoxes, type BookSurface, type PlacedPage } from '../../../src/model/surfaces';

/**
 * What a printed surface shows, as a list of things to paint back to front, in the surface's
 * millimetres (origin top left of the media box, y down: geometry/surface's conventions). Built
 * from the document with the core's own geometry and crop arithmetic, and drawn by a painter (the
 * PDF one for books), so the decisions of what goes where live here, once, and the painter only
 * draws.
 */
export type Paint = ColourPaint | PhotoPaint | TextPaint;

/** A frame's turn: clockwise degrees about the centre of its box, as the designer turns it. */
export interface Turn {
  deg: number;
  centre: { x: number; y: number };
}

/** A box filled with one colour. */
export interface ColourPaint {
  kind: 'colour';
  box: Box;
  colour: string;
}

/** Part of a photo laid on a box, seen only inside `clip`, both turned by `turn`. */
export interface PhotoPaint {
  kind: 'photo';
  assetId: string;
  /** The part of the photo printed, in fractions of the upright photo. */
  region: Fractions;
  /** Where that part lands. */
  box: Box;
  clip: Box;
  turn?: Turn;
}

/** A text frame's text inside its box, cut at the box's edges, turned by `turn`. */
export interface TextPaint {
  kind: 'text';
  frame: TextFrame;
  box: Box;
  turn?: Turn;
}

/** Paper white: what shows where nothing is printed, as the designer paints an empty page. */
export const PAPER_WHITE = '#ffffff';

/**
 * Everything on one book surface, back to front: each page's background over its painted box,
 * then the frames of all its pages. As in the designer, every background lies behind every
 * frame; frames stack by z and, at equal z, the left page's first (the designer's DOM order), and
 * a frame that reaches across the binding is printed on both pages.
 */
export function paintBookSurface(book: Book, placed: BookSurface): Paint[] {
  const boxes = paintedBoxes(placed.pages, placed.surface.media);
  const backgrounds = placed.pages.flatMap((page, i) => backgroundPaints(book, page, boxes[i]!));
  const frames = placed.pages
    .flatMap((page, pageIndex) =>
      framesOn(book, page.pageId).map((frame) => ({ frame, page, pageIndex })),
    )
    // Array.prototype.sort is stable: equal z keep page order, then the page's own order.
    .sort((a, b) => a.frame.z - b.frame.z);
  return [
    ...backgrounds,
    ...frames.flatMap(({ frame, page }): Paint[] => {
      const box = frameBoxOnSurface(frame, page);
      const turn = turnOf(frame.rotationDeg, box);
      if (frame.kind === 'text') return [{ kind: 'text', frame, box, turn }];
      const asset = frame.assetId === null ? undefined : book.assets[frame.assetId];
      // An empty frame is a placeholder on screen and prints as nothing.
      if (!asset) return [];
      const region = visibleRegion(frame.crop, asset, frame);
      return [{ kind: 'photo', assetId: asset.id, region, box, clip: box, turn }];
    }),
  ];
}

function turnOf(deg: number, box: Box): Turn | undefined {
  if (deg === 0) return undefined;
  return { deg, centre: { x: box.x + box.width / 2, y: box.y + box.height / 2 } };
}

/**
 * A page's background: its colour over the painted box, or paper white with the photo over it.
 * The photo fills the page's bleed box (a cover panel's trim: it has none) at its crop
 * (model/backgrounds.ts) and shows wherever it overlaps the painted box.
 */
function backgroundPaints(book: Book, page: PlacedPage, painted: Box): Paint[] {
  const background = book.pages[page.pageId]?.background;
  if (!background || background.kind === 'colour') {
    return [{ kind: 'colour', box: painted, colour: background?.colour ?? PAPER_WHITE }];
  }
  const paper: Paint = { kind: 'colour', box: painted, colour: PAPER_WHITE };
  const asset = book.assets[background.assetId];
  if (!asset) return [paper];
  const fill =
    'bleed' in page.panel ? (page.panel as Panel & { bleed: Box }).bleed : page.panel.trim;
  const photo = photoOn(fill, background.crop, asset, painted);
  return photo ? [paper, photo] : [paper];
}

/**
 * A photo laid on `box` at `crop`, seen through `clip`: the part of the photo under the clip and
 * where it lands (model/photo-under: the order's print-ready images are cut by the same rule).
 * Undefined where they do not overlap.
 */
export function photoOn(
  box: Box,
  crop: Crop,
  asset: PhotoAsset,
  clip: Box,
): PhotoPaint | undefined {
  const under = photoUnder(box, crop, asset, clip);
  if (!under) return undefined;
  return { kind: 'photo', assetId: asset.id, region: under.region, box: under.seen, clip };
}

export { intersection };

/** The upright box a paint covers on the surface, turned or not: to skip paints off a page. */
export function extentOf(paint: Paint): Box {
  if (paint.kind === 'colour') return paint.box;
  const box =
    paint.kind === 'photo' ? (intersection(paint.box, paint.clip) ?? paint.box) : paint.box;
  // A turned paint turns about its frame's centre, which is the box's own centre only for text
  // and whole frames; the frame's bounds cover every part of it either way.
  if (!paint.turn) return box;
  const frame = paint.kind === 'photo' ? paint.clip : paint.box;
  return boundsOfRotated(frame, paint.turn.deg);
}
