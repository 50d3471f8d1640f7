import type { Box } from '../geometry/box';
import type { Panel } from '../geometry/surface';
import { findProduct, type Catalog } from '../catalog/catalog';
import type { PhotoAsset } from '../model/book';
import { canvasSurfaceOf } from '../model/canvas';
import { framesOn } from '../model/commands';
import { visibleRegion, type Fractions } from '../model/crop';
import type { Design } from '../model/design';
import { photoUnder } from '../model/photo-under';
import { paperOf, printItems } from '../model/prints';
import { paintedBoxes, surfacesOfBook } from '../model/surfaces';
import {
  PRINT_DPI,
  mmToPx,
  rectFractions,
  regionPx,
  type PixelRect,
  type PixelSize,
} from './print-pixels';

/**
 * Which parts of which photo an order prints, and at how many pixels: what the host's
 * print-ready images must hold so the lab prints as well from them as from the originals.
 */

/** One place a photo is printed: the part shown and its pixels on paper. */
export interface RegionNeed {
  assetId: string;
  /** Fractions of the upright photo. */
  region: Fractions;
  /** The region's size in print pixels (300 dpi, or a minilab's own paper pixels). */
  px: PixelSize;
}

/**
 * Every place the design prints a photo, in print order: a book's page backgrounds (the part
 * under the page's painted box, as the lab paints it) and photo frames on every surface,
 * cover included, at 300 dpi of their printed size; each print line at its paper's pixels (fit:
 * the whole photo inside the paper); a canvas's whole surface with its wrap at 300 dpi.
 */
export function regionNeeds(design: Design, catalog: Catalog): RegionNeed[] {
  switch (design.kind) {
    case 'photoBook': {
      const { book } = design;
      const product = findProduct(catalog, book.productId, 'photoBook');
      const needs: RegionNeed[] = [];
      const atMm = (assetId: string, region: Fractions, mm: { width: number; height: number }) =>
        needs.push({
          assetId,
          region,
          px: { width: mmToPx(mm.width, PRINT_DPI), height: mmToPx(mm.height, PRINT_DPI) },
        });
      for (const placed of surfacesOfBook(book, product)) {
        const painted = paintedBoxes(placed.pages, placed.surface.media);
        placed.pages.forEach((page, i) => {
          const background = book.pages[page.pageId]?.background;
          const asset = background?.kind === 'photo' ? book.assets[background.assetId] : undefined;
          if (background?.kind === 'photo' && asset) {
            const under = photoUnder(
              backgroundBox(page.panel),
              background.crop,
              asset,
              painted[i]!,
            );
            if (under) atMm(asset.id, under.region, under.seen);
          }
          for (const frame of framesOn(book, page.pageId)) {
            if (frame.kind !== 'photo' || frame.assetId === null) continue;
            const photo = book.assets[frame.assetId];
            if (!photo) continue;
            atMm(photo.id, visibleRegion(frame.crop, photo, frame), {
              width: frame.widthMm,
              height: frame.heightMm,
            });
          }
        });
      }
      return needs;
    }
    case 'prints': {
      const { prints } = design;
      const product = findProduct(catalog, prints.productId, 'print');
      return printItems(prints).flatMap((item): RegionNeed[] => {
        const asset = prints.assets[item.assetId];
        if (!asset) return [];
        const paper = paperOf(product, item);
        if (item.fit === 'fit') {
          return [{ assetId: asset.id, region: WHOLE, px: fitInside(asset, paper.px) }];
        }
        const media = { widthMm: paper.media.width, heightMm: paper.media.height };
        return [
          { assetId: asset.id, region: visibleRegion(item.crop, asset, media), px: paper.px },
        ];
      });
    }
    case 'canvas': {
      const { canvas } = design;
      const asset = canvas.assetId === null ? undefined : canvas.assets[canvas.assetId];
      if (!asset) return [];
      const product = findProduct(catalog, canvas.productId, 'canvas');
      const { media } = canvasSurfaceOf(product, canvas);
      const region = visibleRegion(canvas.crop, asset, {
        widthMm: media.width,
        heightMm: media.height,
      });
      const px = { width: mmToPx(media.width, PRINT_DPI), height: mmToPx(media.height, PRINT_DPI) };
      return [{ assetId: asset.id, region, px }];
    }
  }
}

/** The whole photo. */
export const WHOLE: Fractions = { x: 0, y: 0, w: 1, h: 1 };

/** The box a page's background fills: its bleed box, or its trim on the cover (backgrounds.ts). */
function backgroundBox(panel: Panel): Box {
  return 'bleed' in panel ? (panel as Panel & { bleed: Box }).bleed : panel.trim;
}

/** A photo's pixels scaled to lie inside `px` (a print ordered "fit"). */
function fitInside(photo: PhotoAsset, px: PixelSize): PixelSize {
  const scale = Math.min(px.width / photo.widthPx, px.height / photo.heightPx);
  return {
    width: Math.max(1, Math.round(photo.widthPx * scale)),
    height: Math.max(1, Math.round(photo.heightPx * scale)),
  };
}

/** One print-ready image to make: a rectangle of the upright photo, scaled, never enlarged. */
export interface PrintReadyPiece {
  assetId: string;
  /** The photo's upright pixel size the plan was made for (the asset's). */
  photoPx: PixelSize;
  /** Whole pixels of the upright photo it covers. */
  rect: PixelRect;
  /** `rect` as fractions of the photo: what the manifest says the image covers. */
  covers: Fractions;
  /** The image's own pixel size: `rect` scaled by the sharpest need inside it, at most 1. */
  px: PixelSize;
}

/** A group of needs of one photo: their bounding region and the finest scale among them. */
interface Group {
  region: Fractions;
  /** Image pixels per photo pixel, at most 1 (never enlarged). */
  scale: number;
}

/**
 * The print-ready images an order sends: for each photo, rectangles that hold every part
 * printed at its print resolution.
 *
 * A photo used several times is sent as one image per distinct part, except where one image of
 * the parts together costs no more pixels than the separate images: two frames of the same
 * photo that overlap or lie close, or one part inside another, become one image of the region
 * round both at the finer of their resolutions; two small crops from opposite corners of a large
 * photo stay two images (one image round both would carry the whole photo between them). Pixels
 * are what a JPEG's bytes grow with, so fewer pixels means fewer bytes to upload. Greedy: the
 * pair that saves the most is merged first, until no merge saves anything; the answer depends
 * only on the design, so the same order always gives the same images.
 */
export function planPrintReady(
  needs: readonly RegionNeed[],
  assets: Readonly<Record<string, PhotoAsset>> | readonly PhotoAsset[],
): PrintReadyPiece[] {
  const byId = new Map(
    (Array.isArray(assets) ? assets : Object.values(assets)).map((a: PhotoAsset) => [a.id, a]),
  );
  const groups = new Map<string, Group[]>();
  for (const need of needs) {
    const photo = byId.get(need.assetId);
    if (!photo) throw new Error(`photo ${need.assetId} is printed but not known`);
    const list = groups.get(need.assetId) ?? [];
    list.push({ region: need.region, scale: scaleFor(need, photo) });
    groups.set(need.assetId, list);
  }
  const pieces: PrintReadyPiece[] = [];
  for (const [assetId, list] of groups) {
    const photo = byId.get(assetId)!;
    const photoPx = { width: photo.widthPx, height: photo.heightPx };
    for (const group of mergeGroups(list, photoPx)) {
      const rect = regionPx(group.region, photoPx, 'outward');
      pieces.push({
        assetId,
        photoPx,
        rect,
        covers: rectFractions(rect, photoPx),
        px: scaledPx(rect, group.scale),
      });
    }
  }
  return pieces;
}

/** How far a need scales the photo's pixels down: its print pixels over the region's, at most 1. */
function scaleFor(need: RegionNeed, photo: PhotoAsset): number {
  const wide = need.px.width / (need.region.w * photo.widthPx);
  const high = need.px.height / (need.region.h * photo.heightPx);
  // The larger of the two: a region of not quite the print's aspect is not printed too soft.
  return Math.min(1, Math.max(wide, high));
}

function scaledPx(rect: PixelRect, scale: number): PixelSize {
  if (scale >= 1) return { width: rect.width, height: rect.height };
  return {
    width: Math.max(1, Math.round(rect.width * scale)),
    height: Math.max(1, Math.round(rect.height * scale)),
  };
}

function cost(group: Group, photo: PixelSize): number {
  const { w, h } = group.region;
  return w * photo.width * group.scale * (h * photo.height * group.scale);
}

function merged(a: Group, b: Group): Group {
  const x = Math.min(a.region.x, b.region.x);
  const y = Math.min(a.region.y, b.region.y);
  const right = Math.max(a.region.x + a.region.w, b.region.x + b.region.w);
  const bottom = Math.max(a.region.y + a.region.h, b.region.y + b.region.h);
  return { region: { x, y, w: right - x, h: bottom - y }, scale: Math.max(a.scale, b.scale) };
}

function mergeGroups(list: readonly Group[], photo: PixelSize): Group[] {
  const groups = [...list];
  for (;;) {
    let best: { i: number; j: number; group: Group; saved: number } | undefined;
    for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        const group = merged(groups[i]!, groups[j]!);
        const saved = cost(groups[i]!, photo) + cost(groups[j]!, photo) - cost(group, photo);
        // A relative tolerance: identical parts save exactly nothing but float noise.
        const tolerance = 1e-9 * cost(group, photo);
        if (saved >= -tolerance && (!best || saved > best.saved)) best = { i, j, group, saved };
      }
    }
    if (!best) return groups;
    groups.splice(best.j, 1);
    groups[best.i] = best.group;
  }
}

/** A print-ready image as the lab knows it from the manifest. */
export interface CoveringImage {
  covers: Fractions;
  widthPx: number;
  heightPx: number;
}

/** Slack for float noise when asking whether a region lies inside another. */
const EPS = 1e-9;

const inside = (inner: Fractions, outer: Fractions) =>
  inner.x >= outer.x - EPS &&
  inner.y >= outer.y - EPS &&
  inner.x + inner.w <= outer.x + outer.w + EPS &&
  inner.y + inner.h <= outer.y + outer.h + EPS;

/**
 * Of the images given, the one that holds all of `region` at the most pixels per part of the
 * photo, with the region as fractions of that image; none when no image holds it whole.
 */
export function coveringImage<T extends CoveringImage>(
  images: readonly T[],
  region: Fractions,
): { image: T; region: Fractions } | undefined {
  let best: T | undefined;
  for (const image of images) {
    if (!inside(region, image.covers)) continue;
    if (!best || image.widthPx / image.covers.w > best.widthPx / best.covers.w) best = image;
  }
  if (!best) return undefined;
  const c = best.covers;
  const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
  const x = clamp01((region.x - c.x) / c.w);
  const y = clamp01((region.y - c.y) / c.h);
  return {
    image: best,
    region: {
      x,
      y,
      w: Math.min(1 - x, region.w / c.w),
      h: Math.min(1 - y, region.h / c.h),
    },
  };
}
