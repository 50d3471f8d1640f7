import { findProduct, type Catalog } from '../catalog/catalog';
import type { PhotoAsset } from '../model/book';
import { placedAssets } from '../model/commands';
import { canvasSurfaceOf, type CanvasDoc } from '../model/canvas';
import type { Design } from '../model/design';
import { paperOf, printItems, type Prints } from '../model/prints';
import { createBookCheck, type CheckContext } from './book';
import type { Finding, Place } from './findings';
import { effectiveDpi, fittedDpi, resolutionFinding } from './resolution';

export type { CheckContext } from './book';

/**
 * The pre-order check of a design: every finding, in the order the customer meets them (the
 * book's page count first, then surface by surface, page by page, frames back to front; prints
 * in their list's order).
 */
export type DesignCheck = (
  design: Design,
  catalog: Catalog,
  context: CheckContext,
) => readonly Finding[];

/**
 * A check that remembers its work: per page for books (see createBookCheck), and the whole
 * answer while the design, catalog and context are the very same objects, so every view of one
 * state (frame badges, the strip's dots, the list) shares one result.
 */
export function createDesignCheck(): DesignCheck {
  const checkBook = createBookCheck();
  let last: { design: Design; catalog: Catalog; context: CheckContext } | undefined;
  let lastFindings: readonly Finding[] = [];
  return (design, catalog, context) => {
    if (
      last &&
      sameDocument(last.design, design) &&
      last.catalog === catalog &&
      last.context === context
    ) {
      return lastFindings;
    }
    last = { design, catalog, context };
    lastFindings = Object.freeze(checkDesign(design, catalog, context, checkBook));
    return lastFindings;
  };
}

/** Designs are rebuilt as `{ kind, book }` wrappers on every render; the document decides. */
function sameDocument(a: Design, b: Design): boolean {
  if (a.kind === 'photoBook' && b.kind === 'photoBook') return a.book === b.book;
  if (a.kind === 'prints' && b.kind === 'prints') return a.prints === b.prints;
  if (a.kind === 'canvas' && b.kind === 'canvas') return a.canvas === b.canvas;
  return false;
}

/** The findings of a design, checked from scratch (a fresh book check each call). */
export function preflight(design: Design, catalog: Catalog, context: CheckContext): Finding[] {
  return checkDesign(design, catalog, context, createBookCheck());
}

function checkDesign(
  design: Design,
  catalog: Catalog,
  context: CheckContext,
  checkBook: ReturnType<typeof createBookCheck>,
): Finding[] {
  switch (design.kind) {
    case 'photoBook': {
      const product = findProduct(catalog, design.book.productId, 'photoBook');
      const findings = checkBook(design.book, product, context);
      if (placedAssets(design.book).length === 0) {
        findings.unshift({
          kind: 'nothingToPrint',
          severity: 'blocking',
          place: { kind: 'design' },
        });
      }
      return findings;
    }
    case 'prints':
      return checkPrints(design.prints, catalog, context);
    case 'canvas':
      return checkCanvas(design.canvas, catalog, context);
  }
}

function missingOr(
  asset: PhotoAsset,
  place: Place,
  context: CheckContext,
  dpi: () => { dpi: number; width: number; height: number },
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
  const printed = dpi();
  const finding = resolutionFinding(asset, printed.dpi, printed.width, printed.height);
  return finding ? [{ ...finding, place }] : [];
}

/** Prints: each photo at its paper's size, cropped (fill) or whole on white (fit). */
function checkPrints(prints: Prints, catalog: Catalog, context: CheckContext): Finding[] {
  const product = findProduct(catalog, prints.productId, 'print');
  const items = printItems(prints);
  if (items.length === 0) {
    return [{ kind: 'nothingToPrint', severity: 'blocking', place: { kind: 'design' } }];
  }
  return items.flatMap((item, i) => {
    const asset = prints.assets[item.assetId];
    if (!asset) return [];
    const place: Place = { kind: 'print', printId: item.id, position: i + 1 };
    return missingOr(asset, place, context, () => {
      const { width, height } = paperOf(product, item).media;
      const dpi =
        item.fit === 'fit'
          ? fittedDpi(asset, width, height)
          : effectiveDpi(asset, item.crop, width, height);
      return { dpi, width, height };
    });
  });
}

/**
 * Canvas: the photo covers the whole surface, front and wrap (model/canvas.ts), so the wrap is
 * never left without image once there is a photo; without one there is nothing to stretch.
 * Its resolution is taken over the whole surface, as the lab prints it.
 */
function checkCanvas(canvas: CanvasDoc, catalog: Catalog, context: CheckContext): Finding[] {
  const product = findProduct(catalog, canvas.productId, 'canvas');
  const asset = canvas.assetId === null ? undefined : canvas.assets[canvas.assetId];
  const place: Place = { kind: 'canvas' };
  if (!asset) return [{ kind: 'emptyCanvas', severity: 'blocking', place }];
  return missingOr(asset, place, context, () => {
    const { width, height } = canvasSurfaceOf(product, canvas).media;
    return { dpi: effectiveDpi(asset, canvas.crop, width, height), width, height };
  });
}
