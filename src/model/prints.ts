import { z } from 'zod';
import { Crop, PhotoAsset } from './book';
import { FILL } from './crop';
import type { MakeId } from './commands';
import type { Orientation } from '../geometry/flat';
import type { PrintSurface } from '../geometry/surface';
import { surfacesFor } from '../catalog/kinds';
import { OrientationSchema } from '../catalog/units';
import { MAX_PRINT_QUANTITY, type PhotoPrint, type PrintOptions } from '../catalog/kinds/print';

/**
 * The prints document, version 1: an ordered list of prints, each one photo on one paper size.
 * Like the book it holds photos only as asset records (never bytes) and no personal data.
 *
 * - items: one record per print line the customer sees: photo, paper size, finish, fill or fit,
 *   how many copies, the crop (pan and zoom, as in a book's frame, on the paper's aspect) and
 *   which way up the paper lies. `itemIds` orders them.
 * - assets: the imported photos, whether printed or still only in the tray.
 *
 * Fit shows the whole photo on the paper with a white border, so its crop is kept (switching
 * back to fill restores it) but not applied.
 */
export const PRINTS_FORMAT_VERSION = 1;

export const MAX_QUANTITY = MAX_PRINT_QUANTITY;

const Id = z.string().min(1).max(80);

export const Finish = z.enum(['glossy', 'matte']);
export type Finish = z.infer<typeof Finish>;
export const Fit = z.enum(['fill', 'fit']);
export type Fit = z.infer<typeof Fit>;

export const PrintItem = z.object({
  id: Id,
  assetId: Id,
  sizeId: z.string().min(1).max(40),
  finish: Finish,
  fit: Fit,
  quantity: z.number().int().min(1).max(MAX_QUANTITY),
  crop: Crop,
  orientation: OrientationSchema,
});
export type PrintItem = z.infer<typeof PrintItem>;

export const Prints = z.object({
  formatVersion: z.literal(PRINTS_FORMAT_VERSION),
  id: Id,
  productId: Id,
  itemIds: z.array(Id).max(10_000),
  items: z.record(Id, PrintItem),
  assets: z.record(Id, PhotoAsset),
});
export type Prints = z.infer<typeof Prints>;

/** The first dangling or doubled reference, in words that name the records, or null. */
export function printsProblem(prints: Prints): string | null {
  const listed = new Set<string>();
  for (const itemId of prints.itemIds) {
    if (listed.has(itemId)) return `print ${itemId} is listed twice`;
    listed.add(itemId);
    const item = prints.items[itemId];
    if (!item) return `print ${itemId} is listed but missing`;
    if (item.id !== itemId) return `print stored as ${itemId} calls itself ${item.id}`;
    if (!prints.assets[item.assetId]) {
      return `print ${itemId} refers to photo ${item.assetId}, which is missing`;
    }
  }
  for (const itemId of Object.keys(prints.items)) {
    if (!listed.has(itemId)) return `print ${itemId} is stored but not listed`;
  }
  for (const [assetId, asset] of Object.entries(prints.assets)) {
    if (asset.id !== assetId) return `photo stored as ${assetId} calls itself ${asset.id}`;
  }
  return null;
}

/** Prints checked down to their references, for documents that arrive from elsewhere. */
export const CheckedPrints = Prints.superRefine((prints, ctx) => {
  const problem = printsProblem(prints);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** An empty prints order for the product. */
export function newPrints(product: PhotoPrint, makeId: MakeId): Prints {
  return {
    formatVersion: PRINTS_FORMAT_VERSION,
    id: makeId('prints'),
    productId: product.id,
    itemIds: [],
    items: {},
    assets: {},
  };
}

/** The paper lies the way the photo does, so a new print needs no turning. */
export function orientationOf(photo: { widthPx: number; heightPx: number }): Orientation {
  return photo.widthPx > photo.heightPx ? 'landscape' : 'portrait';
}

/** The prints in the customer's order. */
export function printItems(prints: Prints): PrintItem[] {
  return prints.itemIds.map((id) => prints.items[id]).filter((i): i is PrintItem => !!i);
}

/** Photos actually printed, each once, in the order of their first print. */
export function printedAssets(prints: Prints): PhotoAsset[] {
  const ids = new Set(printItems(prints).map((item) => item.assetId));
  return [...ids].map((id) => prints.assets[id]).filter((a): a is PhotoAsset => !!a);
}

/** How many prints (lines, not copies) show each photo, for the tray's badges. */
export function printUsage(prints: Prints): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of printItems(prints)) counts[item.assetId] = (counts[item.assetId] ?? 0) + 1;
  return counts;
}

/** What the catalog's print kind prices and checks: one entry per print line, in order. */
export function printOptionsOf(prints: Prints): PrintOptions {
  return {
    prints: printItems(prints).map(({ sizeId, quantity, orientation, finish, fit }) => ({
      sizeId,
      quantity,
      orientation,
      finish,
      fit,
    })),
  };
}

/** The paper of a print: its size in mm (from the minilab's pixels) turned the print's way. */
export function paperOf(
  product: PhotoPrint,
  item: Pick<PrintItem, 'sizeId' | 'orientation'>,
): PrintSurface {
  const [paper] = surfacesFor(product, {
    prints: [{ sizeId: item.sizeId, quantity: 1, orientation: item.orientation }],
  });
  if (paper?.role !== 'print') throw new Error(`${product.id} has no paper ${item.sizeId}`);
  return paper;
}

/** The defaults a new print gets: the size customers pick most (10x15 where offered). */
export function defaultPrintSettings(product: PhotoPrint) {
  const size = product.sizes.find((s) => s.id === '10x15') ?? product.sizes[0]!;
  return { sizeId: size.id, finish: product.finishes[0]!, fit: product.fits[0]! };
}

/** Everything a customer can do to a prints order, one action at a time. */
export type PrintsAction =
  | { kind: 'addPhotos'; assets: readonly PhotoAsset[] }
  | { kind: 'addPrint'; itemId: string; assetId: string; product: PhotoPrint }
  | { kind: 'removePrint'; itemId: string }
  | {
      kind: 'setPrint';
      itemId: string;
      patch: Partial<Pick<PrintItem, 'sizeId' | 'finish' | 'fit' | 'orientation'>>;
    }
  | { kind: 'setQuantity'; itemId: string; quantity: number }
  | { kind: 'setCrop'; itemId: string; crop: Crop }
  | { kind: 'applyToAll'; patch: Partial<Pick<PrintItem, 'sizeId' | 'finish'>> };

const clampQuantity = (q: number) =>
  Number.isFinite(q) ? Math.min(MAX_QUANTITY, Math.max(1, Math.round(q))) : 1;

function update(prints: Prints, itemId: string, patch: Partial<PrintItem>): Prints {
  const item = prints.items[itemId];
  if (!item) throw new Error(`no print ${itemId}`);
  return { ...prints, items: { ...prints.items, [itemId]: { ...item, ...patch } } };
}

/**
 * The prints after one action: a pure reducer, so the store only holds the result. A new size or
 * orientation changes the paper's aspect, so the crop starts again from fill.
 */
export function editPrints(prints: Prints, action: PrintsAction): Prints {
  switch (action.kind) {
    case 'addPhotos': {
      const assets = { ...prints.assets };
      for (const asset of action.assets) assets[asset.id] ??= asset;
      return { ...prints, assets };
    }
    case 'addPrint': {
      const asset = prints.assets[action.assetId];
      if (!asset) throw new Error(`no photo ${action.assetId} in these prints`);
      const item: PrintItem = {
        id: action.itemId,
        assetId: asset.id,
        ...defaultPrintSettings(action.product),
        quantity: 1,
        crop: FILL,
        orientation: orientationOf(asset),
      };
      return {
        ...prints,
        itemIds: [...prints.itemIds, item.id],
        items: { ...prints.items, [item.id]: item },
      };
    }
    case 'removePrint': {
      const items = { ...prints.items };
      delete items[action.itemId];
      return { ...prints, itemIds: prints.itemIds.filter((id) => id !== action.itemId), items };
    }
    case 'setPrint': {
      const item = prints.items[action.itemId];
      const reshaped =
        item !== undefined &&
        ((action.patch.sizeId !== undefined && action.patch.sizeId !== item.sizeId) ||
          (action.patch.orientation !== undefined &&
            action.patch.orientation !== item.orientation));
      return update(
        prints,
        action.itemId,
        reshaped ? { ...action.patch, crop: FILL } : action.patch,
      );
    }
    case 'setQuantity':
      return update(prints, action.itemId, { quantity: clampQuantity(action.quantity) });
    case 'setCrop':
      return update(prints, action.itemId, { crop: action.crop });
    case 'applyToAll':
      return prints.itemIds.reduce(
        (next, itemId) => editPrints(next, { kind: 'setPrint', itemId, patch: action.patch }),
        prints,
      );
  }
}
