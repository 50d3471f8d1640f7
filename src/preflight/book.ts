import type { PhotoBook } from '../catalog/catalog';
import { contains, toMm, toUm, type Box } from '../geometry/box';
import type { CoverSurface, Panel } from '../geometry/surface';
import { backgroundBox } from '../model/backgrounds';
import type { Book, Frame, Page, PhotoAsset } from '../model/book';
import { frameIndexOf, framesOfPage } from '../model/frame-index';
import { surfacesOfBook, type BookSurface, type PlacedPage } from '../model/surfaces';
import { spineTextRefusal } from '../model/text-edits';
import { textOverrunMm, type MeasureText } from '../text/layout';
import type { Finding, Place } from './findings';
import { effectiveDpi, resolutionFinding } from './resolution';

/** What the check needs beyond the book: facts only the host and the screen know. */
export interface CheckContext {
  /** Photos the host can no longer read (moved, deleted, on an unplugged drive). */
  missingAssetIds: ReadonlySet<string>;
  /** Text widths in the fonts that print; without it, overflow is not checked. */
  measure?: MeasureText;
}

/**
 * Text past its frame by less than this is rounding, not overflow: frame heights are rounded to
 * the micrometre and a line box to the device pixel.
 */
const OVERRUN_TOLERANCE_MM = 0.1;
/** Geometry is exact to the micrometre; a frame on the safe line is inside. */
const EDGE_TOLERANCE_UM = 1;

/** Where a page sits, as much of its surface as its findings depend on. */
interface PageSpot {
  surfaceIndex: number;
  placed: PlacedPage;
  /** On the cover only: whether the spine is wide enough for text. */
  spine?: { allowed: boolean };
}

/** The findings of one page, and what they were computed from (see createBookCheck). */
interface PageEntry {
  frames: readonly Frame[];
  page: Page;
  spotKey: string;
  /** The photo records the page shows, as they were: importing other photos changes nothing. */
  used: readonly (PhotoAsset | undefined)[];
  context: CheckContext;
  findings: readonly Finding[];
}

/**
 * A book check that remembers each page's findings and what they came from, so a change to one
 * page re-checks that page only: on a 200-page book every change (each pointer move of a drag)
 * costs one page, not two hundred. Pages are recognised by the frame index's per-page arrays,
 * which stay the same objects while a page is unchanged (model/frame-index.ts).
 */
export function createBookCheck(): (
  book: Book,
  product: PhotoBook,
  context: CheckContext,
) => Finding[] {
  let entries = new Map<string, PageEntry>();
  return (book, product, context) => {
    const findings: Finding[] = [];
    const countProblem = pageCountFinding(book, product);
    if (countProblem) findings.push(countProblem);
    let surfaces: BookSurface[];
    try {
      surfaces = surfacesOfBook(book, product);
    } catch {
      // A count the geometry can't lay out (odd) has no pages to check beyond that.
      return findings;
    }
    const index = frameIndexOf(book.frames);
    const next = new Map<string, PageEntry>();
    const cover = surfaces[0]?.surface as CoverSurface;
    surfaces.forEach(({ pages }, surfaceIndex) => {
      for (const placed of pages) {
        const page = book.pages[placed.pageId];
        if (!page) continue;
        const spot: PageSpot = {
          surfaceIndex,
          placed,
          spine: placed.panel.name === 'spine' ? { allowed: cover.spine.textAllowed } : undefined,
        };
        const frames = framesOfPage(index, page.id);
        const spotKey = keyOf(spot);
        const before = entries.get(page.id);
        const entry =
          before &&
          before.frames === frames &&
          before.page === page &&
          before.spotKey === spotKey &&
          before.context === context &&
          sameAssets(before.used, usedAssets(book, page, frames))
            ? before
            : {
                frames,
                page,
                spotKey,
                used: usedAssets(book, page, frames),
                context,
                findings: checkPage(book, product, page, frames, spot, context),
              };
        next.set(page.id, entry);
        findings.push(...entry.findings);
      }
    });
    entries = next;
    return findings;
  };
}

/** The photo records a page shows (background first, then frames), missing ones as undefined. */
function usedAssets(book: Book, page: Page, frames: readonly Frame[]): (PhotoAsset | undefined)[] {
  const used: (PhotoAsset | undefined)[] = [];
  if (page.background.kind === 'photo') used.push(book.assets[page.background.assetId]);
  for (const frame of frames) {
    if (frame.kind === 'photo' && frame.assetId) used.push(book.assets[frame.assetId]);
  }
  return used;
}

const sameAssets = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Everything of a page's spot its findings read, as one comparable string. */
function keyOf({ surfaceIndex, placed, spine }: PageSpot): string {
  const { trim, safe, name } = placed.panel;
  return JSON.stringify([surfaceIndex, name, trim, safe, spine?.allowed]);
}

function pageCountFinding(book: Book, product: PhotoBook): Finding | null {
  const { min, max, step } = product.pages;
  const pageCount = book.pageIds.length;
  const fits = pageCount >= min && pageCount <= max && (pageCount - min) % step === 0;
  return fits
    ? null
    : {
        kind: 'pageCount',
        severity: 'blocking',
        place: { kind: 'design' },
        pageCount,
        min,
        max,
        step,
      };
}

function placeOf(spot: PageSpot, page: Page, frameId?: string): Place {
  const { panel } = spot.placed;
  const number = 'pageNumber' in panel ? (panel as { pageNumber: number }).pageNumber : undefined;
  const cover = panel.name === 'back' || panel.name === 'spine' || panel.name === 'front';
  return {
    kind: 'page',
    surfaceIndex: spot.surfaceIndex,
    pageId: page.id,
    ...(number !== undefined ? { pageNumber: number } : {}),
    ...(cover ? { panel: panel.name as 'back' | 'spine' | 'front' } : {}),
    ...(frameId !== undefined ? { frameId } : {}),
  };
}

function checkPage(
  book: Book,
  product: PhotoBook,
  page: Page,
  frames: readonly Frame[],
  spot: PageSpot,
  context: CheckContext,
): Finding[] {
  const findings: Finding[] = [];
  const { panel } = spot.placed;
  if (page.background.kind === 'photo') {
    const asset = book.assets[page.background.assetId];
    const box = backgroundBox(panel);
    if (asset) {
      const place = placeOf(spot, page);
      findings.push(...photoFindings(asset, page.background.crop, box, place, context));
    }
  }
  for (const frame of frames) {
    const place = placeOf(spot, page, frame.id);
    if (frame.kind === 'photo') {
      const asset = frame.assetId ? book.assets[frame.assetId] : undefined;
      if (!asset) {
        findings.push({ kind: 'emptyPhotoFrame', severity: 'warning', place });
        continue;
      }
      const box = { x: 0, y: 0, width: frame.widthMm, height: frame.heightMm };
      findings.push(...photoFindings(asset, frame.crop, box, place, context));
      continue;
    }
    // Empty text prints nothing: nothing to check.
    if (frame.text.trim() === '') continue;
    if (spot.spine && !spot.spine.allowed) {
      const refusal = spineTextRefusal(book, product);
      if (refusal) {
        const { spineMm, minMm, pagesNeeded } = refusal;
        findings.push({
          kind: 'spineTooThin',
          severity: 'warning',
          place,
          spineMm,
          minMm,
          pagesNeeded,
        });
      }
    }
    const overrun = context.measure ? textOverrunMm(frame, context.measure) : 0;
    if (overrun > OVERRUN_TOLERANCE_MM) {
      findings.push({
        kind: 'textOverflow',
        severity: 'problem',
        place,
        overrunMm: Math.round(overrun * 10) / 10,
      });
    }
    const safety = safetyOf(frame, panel);
    if (safety !== 'inside') {
      findings.push({
        kind: 'textOutsideSafeArea',
        severity: safety === 'beyondTrim' ? 'problem' : 'warning',
        place,
        beyondTrim: safety === 'beyondTrim',
        safeMm: panel.name === 'spine' ? 1 : product.safeMm,
      });
    }
  }
  return findings;
}

function photoFindings(
  asset: PhotoAsset,
  crop: Parameters<typeof effectiveDpi>[1],
  box: Box,
  place: Place,
  context: CheckContext,
): Finding[] {
  if (context.missingAssetIds.has(asset.id)) {
    return [
      {
        kind: 'photoMissing',
        severity: 'blocking',
        place,
        assetId: asset.id,
        assetName: asset.name,
      },
    ];
  }
  const dpi = effectiveDpi(asset, crop, box.width, box.height);
  const finding = resolutionFinding(asset, dpi, box.width, box.height);
  return finding ? [{ ...finding, place }] : [];
}

/**
 * Whether a text frame (its box turned by its rotation) lies inside its page's safe area,
 * between the safe area and the trim, or reaches beyond the trim where the cut takes it.
 * Frames are in millimetres from the panel's trim; panel boxes from the surface's corner.
 */
function safetyOf(frame: Frame, panel: Panel): 'inside' | 'nearEdge' | 'beyondTrim' {
  const turned = (frame.rotationDeg * Math.PI) / 180;
  const cos = Math.abs(Math.cos(turned));
  const sin = Math.abs(Math.sin(turned));
  const halfW = (frame.widthMm * cos + frame.heightMm * sin) / 2;
  const halfH = (frame.widthMm * sin + frame.heightMm * cos) / 2;
  const cx = panel.trim.x + frame.xMm + frame.widthMm / 2;
  const cy = panel.trim.y + frame.yMm + frame.heightMm / 2;
  const shrink = toMm(EDGE_TOLERANCE_UM);
  const bounds: Box = {
    x: cx - halfW + shrink,
    y: cy - halfH + shrink,
    width: Math.max(0, 2 * halfW - 2 * shrink),
    height: Math.max(0, 2 * halfH - 2 * shrink),
  };
  const exact = { ...bounds, x: toMm(toUm(bounds.x)), y: toMm(toUm(bounds.y)) };
  if (contains(panel.safe, exact)) return 'inside';
  return contains(panel.trim, exact) ? 'nearEdge' : 'beyondTrim';
}
