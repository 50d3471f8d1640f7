import type { PhotoBook } from '../catalog/catalog';
import { toMm, toUm, type Box } from '../geometry/box';
import type { PagePanel } from '../geometry/surface';
import { PAPER, type Book, type Frame, type PhotoAsset, type TextFrame } from '../model/book';
import { applyChanges, type Change } from '../model/changes';
import { framesOn, type MakeId } from '../model/commands';
import { FILL } from '../model/crop';
import { surfacesOfBook } from '../model/surfaces';
import { assignPhotos } from './assign';
import { isDesigned } from './designed';
import { fitTemplate, type FittedFrame } from './fit';
import type { LayoutTemplate } from './template';

/**
 * The assistant: fills the book's pages with the tray's photos in the order they were taken,
 * choosing for each page a layout whose frames suit its photos' shapes, adding pages (within the
 * product's limits) when there are many photos. Pure: it returns changes, which the editor
 * records as one undo step, and every frame it makes is an ordinary frame at fill crop, so the
 * customer can move, swap, crop or re-lay out anything afterwards.
 *
 * How photos are spread: the pages to fill are taken in book order and the photos in capture
 * order; each page takes the next few photos. How many each page takes is chosen by dynamic
 * programming over the whole book: as even as possible, but a page may take one photo more or
 * less when that lets its photos into frames of their own shape (a landscape photo alone on a
 * portrait page loses half of itself; two of them one above the other lose a tenth).
 */

/** Which photos the assistant places and which pages it may change. */
export interface FillOptions {
  /**
   * `unused`: the photos not already on a page the fill keeps (frames, backgrounds, the cover);
   * `all`: every photo of the tray, even those placed elsewhere already.
   */
  photos: 'unused' | 'all';
  /** `keep`: pages the customer designed (designed.ts) stay as they are; `redo`: every inner page. */
  pages: 'keep' | 'redo';
}

/** What a customer gets without choosing: only new photos, and their own pages kept. */
export const DEFAULT_FILL: FillOptions = { photos: 'unused', pages: 'keep' };

/** What the assistant needs besides the book: the product's rules and the layout library. */
export interface FillContext {
  product: PhotoBook;
  templates: readonly LayoutTemplate[];
  makeId: MakeId;
}

/** A page holds up to this many photos before the assistant adds pages instead. */
export const COMFORTABLE_PHOTOS_PER_PAGE = 4;
/** No page gets more, even when the book cannot grow: the photos left over stay in the tray. */
export const MAX_PHOTOS_PER_PAGE = 6;

/** What a fill does: its changes (one undo step) and figures for the customer and tests. */
export interface FilledBook {
  changes: Change[];
  /** Photos put into frames. */
  placedPhotos: number;
  /** Photos with no room even in the largest book the product allows: they stay in the tray. */
  leftOver: number;
  /** Pages laid out anew. */
  filledPages: number;
  /** Pages added to the book. */
  addedPages: number;
  /** The average share of a placed photo's area its frame cuts off (0 nothing, 1 all). */
  meanCropLoss: number;
  /** Frames narrowed to their photo's shape rather than cut into it (NARROW_ABOVE). */
  narrowedFrames: number;
  /** Whether the empty front cover got the first photo. */
  coverFilled: boolean;
}

/** The share of a photo's area cut off when it fills a frame at fill crop (centred, no zoom). */
export function cropLoss(photoAspect: number, frameAspect: number): number {
  const ratio = photoAspect / frameAspect;
  return 1 - Math.min(ratio, 1 / ratio);
}

/** File names compared as a person reads them: IMG_2 before IMG_10. Fixed locale: same everywhere. */
const byFileName = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * Photos in the order they were taken, by the camera's clock. Without dates, file order: by
 * name, numbers as numbers, since cameras and phones number their files as they shoot (the
 * tray's order is the order the import finished them, which is not the customer's). A photo
 * without a date stays next to the photo before it in that order, so scans and edited copies
 * among dated photos keep their place; equal dates keep file order.
 */
export function captureOrder(assets: readonly PhotoAsset[]): PhotoAsset[] {
  const files = assets
    .map((asset, index) => ({ asset, index }))
    .sort((a, b) => byFileName.compare(a.asset.name, b.asset.name) || a.index - b.index)
    .map((f) => f.asset);
  let previous = '';
  const keyed = files.map((asset, index) => {
    // The clock part only: a camera's clock is the local time the customer remembers.
    if (asset.takenAt) previous = asset.takenAt.slice(0, 19);
    return { asset, index, key: previous };
  });
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index));
  return keyed.map((k) => k.asset);
}

interface InnerPage {
  pageId: string;
  panel: PagePanel;
}

function innerPages(book: Book, product: PhotoBook): InnerPage[] {
  return surfacesOfBook(book, product)
    .slice(1)
    .flatMap((s) => s.pages)
    .map((p) => ({ pageId: p.pageId, panel: p.panel as PagePanel }));
}

/** New blank pages before the last page (glued to the endsheet), as addSpreads adds them. */
function addPages(book: Book, count: number, makeId: MakeId): Change[] {
  if (count === 0) return [];
  const added = Array.from({ length: count }, () => makeId('page'));
  const last = book.pageIds.length - 1;
  const pageIds = [...book.pageIds.slice(0, last), ...added, ...book.pageIds.slice(last)];
  return [
    ...added.map((id): Change => ({
      kind: 'page',
      id,
      before: undefined,
      after: { id, background: PAPER },
    })),
    { kind: 'pageOrder', before: book.pageIds, after: pageIds },
    {
      kind: 'options',
      before: book.options,
      after: { ...book.options, pageCount: book.options.pageCount + count },
    },
  ];
}

/** How many pages to add so that `photos` fit `pages` comfortably, within the product's rule. */
function pagesToAdd(book: Book, product: PhotoBook, photos: number, pages: number): number {
  const wanted = Math.ceil(photos / COMFORTABLE_PHOTOS_PER_PAGE) - pages;
  if (wanted <= 0) return 0;
  // Whole spreads, in the product's steps, as the page strip adds them.
  const unit = 2 * Math.max(1, product.pages.step / 2);
  const room = Math.floor((product.pages.max - book.options.pageCount) / unit) * unit;
  return Math.min(Math.ceil(wanted / unit) * unit, Math.max(0, room));
}

/** A layout for a page's photos: the template, which photo goes in which frame, and the loss. */
interface PageChoice {
  template: LayoutTemplate;
  /** Per fitted frame, the index of its photo among the page's photos. */
  photoOf: number[];
  /** Per fitted frame, its box: the template's, or narrowed to its photo (see narrowed). */
  boxes: Box[];
  /** Crop loss summed over the page's photos. */
  loss: number;
  /** How many frames were narrowed to their photo. */
  narrowed: number;
  /** What the choice costs: crop loss, plus the paper a narrowed frame leaves white. */
  cost: number;
}

/**
 * A frame would cut off more than this share of its photo (a third: a 3:2 photo in a square
 * frame is cut just under it, a landscape photo in a portrait frame loses half): it is narrowed
 * to the photo's shape instead, unless it bleeds, where a white edge would look like a mistake.
 */
export const NARROW_ABOVE = 0.34;
/** Paper left white by a narrowed frame counts this much against the photo area it saves. */
const WHITE_COST = 0.5;

/** The frame's box narrowed to the photo's aspect, centred in it: nothing of the photo is cut. */
function narrowed(box: Box, photoAspect: number): Box {
  const width = Math.min(box.width, box.height * photoAspect);
  const height = Math.min(box.height, box.width / photoAspect);
  const round = (mm: number) => toMm(toUm(mm));
  return {
    x: round(box.x + (box.width - width) / 2),
    y: round(box.y + (box.height - height) / 2),
    width: round(width),
    height: round(height),
  };
}

/** Chooses layouts for pages, with the fitting and choosing of each kind of page remembered. */
class LayoutChooser {
  private readonly fitted = new Map<string, FittedFrame[]>();
  private readonly choices = new Map<string, PageChoice[]>();
  private readonly byCount = new Map<number, LayoutTemplate[]>();

  constructor(templates: readonly LayoutTemplate[]) {
    for (let k = 1; k <= MAX_PHOTOS_PER_PAGE; k++) {
      const all = templates.filter((t) => t.photoCount === k);
      // The assistant writes no text: layouts without text frames leave no empty boxes behind.
      const textless = all.filter((t) => t.textCount === 0);
      this.byCount.set(k, textless.length > 0 ? textless : all);
    }
  }

  /** Whether some template holds `k` photos. */
  holds(k: number): boolean {
    return (this.byCount.get(k)?.length ?? 0) > 0;
  }

  fit(template: LayoutTemplate, panel: PagePanel, key: string): FittedFrame[] {
    const cacheKey = `${key}|${template.id}`;
    let frames = this.fitted.get(cacheKey);
    if (!frames) {
      frames = fitTemplate(template, panel);
      this.fitted.set(cacheKey, frames);
    }
    return frames;
  }

  /** The layouts for these photos on this page, least crop loss first (library order on ties). */
  options(panel: PagePanel, key: string, aspects: readonly number[]): PageChoice[] {
    const cacheKey = `${key}|${aspects.map((a) => a.toFixed(3)).join(',')}`;
    const cached = this.choices.get(cacheKey);
    if (cached) return cached;
    const shapes = aspects.map((aspectRatio, i) => ({ id: String(i), aspectRatio }));
    const result = (this.byCount.get(aspects.length) ?? []).map((template): PageChoice => {
      const frames = this.fit(template, panel, key);
      const { photoIds } = assignPhotos(
        frames.map((f) => ({ role: f.role, box: f.box })),
        shapes,
      );
      const photoOf = photoIds.map((id) => (id === null ? -1 : Number(id)));
      let loss = 0;
      let cost = 0;
      let narrowedCount = 0;
      const boxes = frames.map((frame, f) => {
        const aspect = aspects[photoOf[f] ?? -1];
        if (aspect === undefined || frame.role !== 'photo') return frame.box;
        const lost = cropLoss(aspect, frame.box.width / frame.box.height);
        if (lost > NARROW_ABOVE && frame.bleed.length === 0) {
          cost += WHITE_COST * lost;
          narrowedCount++;
          return narrowed(frame.box, aspect);
        }
        loss += lost;
        cost += lost;
        return frame.box;
      });
      return { template, photoOf, boxes, loss, cost, narrowed: narrowedCount };
    });
    result.sort((a, b) => a.cost - b.cost);
    this.choices.set(cacheKey, result);
    return result;
  }
}

/** Pages of the same side and size lay out alike: one key for all of them. */
function panelKey(panel: PagePanel): string {
  const rel = (b: { x: number; y: number; width: number; height: number }) =>
    [b.x - panel.trim.x, b.y - panel.trim.y, b.width, b.height].map((v) => v.toFixed(3)).join(',');
  return `${panel.name}:${rel(panel.trim)}:${rel(panel.safe)}:${rel(panel.bleed)}`;
}

/** How much a page's photo count straying from the even share costs, against crop loss. */
const UNEVEN_COST = 0.1;
/** How far a page's photo count may stray from the even share. */
const SPREAD = 2;
/** A layout this much worse per photo than the best may still be taken, for variety. */
const VARIETY_SLACK = 0.03;

/**
 * How many photos each page takes: exactly `photos` in all, every page at least one, as even as
 * possible, but trading evenness (UNEVEN_COST) against crop loss. Dynamic programming over
 * (page, photos used so far), kept to a band round the even share so 600 photos stay fast.
 */
function partition(
  pages: readonly InnerPage[],
  aspects: readonly number[],
  chooser: LayoutChooser,
): number[] {
  const m = pages.length;
  const n = aspects.length;
  const ideal = n / m;
  const kLow = Math.max(1, Math.floor(ideal) - SPREAD);
  let kHigh = Math.min(MAX_PHOTOS_PER_PAGE, Math.ceil(ideal) + SPREAD);
  while (kHigh > kLow && !chooser.holds(kHigh)) kHigh--;
  const band = 2 * kHigh;
  const keys = pages.map((p) => panelKey(p.panel));
  // cost[j] maps photos used before page j to the cheapest cost and the count page j-1 took.
  let layer = new Map<number, { cost: number; took: number }>([[0, { cost: 0, took: 0 }]]);
  const layers = [layer];
  for (let j = 0; j < m; j++) {
    const next = new Map<number, { cost: number; took: number }>();
    const page = pages[j]!;
    for (const [used, { cost }] of layer) {
      for (let k = kLow; k <= kHigh; k++) {
        const after = used + k;
        const left = m - j - 1;
        if (after > n || n - after < left * kLow || n - after > left * kHigh) continue;
        if (Math.abs(after - Math.round((j + 1) * ideal)) > band && left > 0) continue;
        if (!chooser.holds(k)) continue;
        const best = chooser.options(page.panel, keys[j]!, aspects.slice(used, after))[0];
        if (!best) continue;
        const total = cost + best.cost + UNEVEN_COST * (k - ideal) ** 2;
        const current = next.get(after);
        if (!current || total < current.cost - 1e-12) next.set(after, { cost: total, took: k });
      }
    }
    layer = next;
    layers.push(layer);
  }
  if (!layer.has(n)) {
    // The band cut off every way through (it should not): fall back to an even split.
    return pages.map((_, j) => Math.round(((j + 1) * n) / m) - Math.round((j * n) / m));
  }
  const counts = new Array<number>(m).fill(0);
  for (let j = m, used = n; j > 0; j--) {
    const took = layers[j]!.get(used)!.took;
    counts[j - 1] = took;
    used -= took;
  }
  return counts;
}

/**
 * Fills the book; see the module comment and FillOptions. Returns no changes when there is no
 * photo to place or no page to place it on.
 */
export function fillBook(book: Book, options: FillOptions, context: FillContext): FilledBook {
  const { product, templates, makeId } = context;
  const empty: FilledBook = {
    changes: [],
    placedPhotos: 0,
    leftOver: 0,
    filledPages: 0,
    addedPages: 0,
    meanCropLoss: 0,
    narrowedFrames: 0,
    coverFilled: false,
  };
  const targets = new Set(
    innerPages(book, product)
      .filter(
        (p) =>
          options.pages === 'redo' ||
          !isDesigned(book, p.pageId, p.panel, templates, product.bleedMm),
      )
      .map((p) => p.pageId),
  );

  // Photos that stay where they are: in frames on pages the fill keeps, and in backgrounds.
  const staying = new Set<string>();
  for (const frame of Object.values(book.frames)) {
    if (frame.kind === 'photo' && frame.assetId && !targets.has(frame.pageId)) {
      staying.add(frame.assetId);
    }
  }
  for (const page of Object.values(book.pages)) {
    if (page.background.kind === 'photo') staying.add(page.background.assetId);
  }
  const photos = captureOrder(Object.values(book.assets)).filter(
    (a) => options.photos === 'all' || !staying.has(a.id),
  );
  if (photos.length === 0 || targets.size === 0) return empty;

  const added = pagesToAdd(book, product, photos.length, targets.size);
  const pageChanges = addPages(book, added, makeId);
  const grown = applyChanges(book, pageChanges, 'forward');
  for (const id of grown.pageIds) if (!book.pages[id]) targets.add(id);
  const targetPages = innerPages(grown, product).filter((p) => targets.has(p.pageId));

  const placeable = Math.min(photos.length, targetPages.length * MAX_PHOTOS_PER_PAGE);
  const used = targetPages.slice(0, Math.min(targetPages.length, placeable));
  const toPlace = photos.slice(0, placeable);
  const aspects = toPlace.map((a) => a.widthPx / a.heightPx);
  const chooser = new LayoutChooser(templates);
  const counts = partition(used, aspects, chooser);

  const frameChanges: Change[] = [];
  let next = 0;
  let loss = 0;
  let narrowedFrames = 0;
  let previous: string | undefined;
  targetPages.forEach((page, j) => {
    const k = counts[j] ?? 0;
    // In `keep` mode a target page the photos do not reach is blank already: leave it so.
    if (k === 0 && options.pages === 'keep') return;
    const mine = toPlace.slice(next, next + k);
    const key = panelKey(page.panel);
    const all = k > 0 ? chooser.options(page.panel, key, aspects.slice(next, next + k)) : [];
    const best = all[0];
    // Among layouts nearly as good, one other than the page before's, so pages don't repeat.
    const choice =
      all.find(
        (c) => c.template.id !== previous && best && c.cost <= best.cost + VARIETY_SLACK * k,
      ) ?? best;
    previous = choice?.template.id;
    next += k;
    loss += choice?.loss ?? 0;
    narrowedFrames += choice?.narrowed ?? 0;
    frameChanges.push(...layOutPage(grown, page, choice, mine, makeId));
  });

  const coverChanges = coverPhoto(grown, product, photos[0], makeId);
  return {
    changes: [...pageChanges, ...frameChanges, ...coverChanges],
    coverFilled: coverChanges.length > 0,
    placedPhotos: toPlace.length,
    leftOver: photos.length - toPlace.length,
    filledPages: counts.filter((k) => k > 0).length,
    addedPages: added,
    meanCropLoss: toPlace.length > 0 ? loss / toPlace.length : 0,
    narrowedFrames,
  };
}

/**
 * A page's new frames: its photo frames and empty text frames go, written text stays in front
 * (words are never dropped), and the chosen layout's frames come with their photos at fill crop.
 * Without a choice (no photos reach the page) the page is only cleared.
 */
function layOutPage(
  book: Book,
  page: InnerPage,
  choice: PageChoice | undefined,
  photos: readonly PhotoAsset[],
  makeId: MakeId,
): Change[] {
  const existing = framesOn(book, page.pageId);
  const written = existing.filter((f): f is TextFrame => f.kind === 'text' && f.text.trim() !== '');
  const changes: Change[] = existing
    .filter((f) => !written.includes(f as TextFrame))
    .map((f): Change => ({ kind: 'frame', id: f.id, before: f, after: undefined }));
  const boxes = choice?.boxes ?? [];
  boxes.forEach((box, index) => {
    const photo = photos[choice?.photoOf[index] ?? -1];
    // Templates without text come first; a text frame of a fallback template stays unmade.
    if (!photo && choice?.template.frames[index]?.role !== 'photo') return;
    const frame: Frame = {
      id: makeId('frame'),
      kind: 'photo',
      pageId: page.pageId,
      xMm: box.x,
      yMm: box.y,
      widthMm: box.width,
      heightMm: box.height,
      rotationDeg: 0,
      z: index,
      assetId: photo?.id ?? null,
      crop: FILL,
    };
    changes.push({ kind: 'frame', id: frame.id, before: undefined, after: frame });
  });
  written.forEach((frame, i) => {
    const after = { ...frame, z: boxes.length + i };
    if (after.z !== frame.z) changes.push({ kind: 'frame', id: frame.id, before: frame, after });
  });
  return changes;
}

/**
 * The first photo on the front cover, whole, as large as the cover's safe area allows, when the
 * front is still empty (no frame, no photo background): a book whose cover is blank looks
 * unfinished in the preview. The photo stays in the pages too, as on most photo books. A front
 * with anything on it is the customer's, and stays as it is.
 */
function coverPhoto(
  book: Book,
  product: PhotoBook,
  photo: PhotoAsset | undefined,
  makeId: MakeId,
): Change[] {
  const frontId = book.cover.frontId;
  const front = book.pages[frontId];
  if (!photo || !front || front.background.kind === 'photo') return [];
  if (framesOn(book, frontId).length > 0) return [];
  const panel = surfacesOfBook(book, product)[0]?.pages.find((p) => p.pageId === frontId)?.panel;
  if (!panel) return [];
  const safe = {
    x: panel.safe.x - panel.trim.x,
    y: panel.safe.y - panel.trim.y,
    width: panel.safe.width,
    height: panel.safe.height,
  };
  const box = narrowed(safe, photo.widthPx / photo.heightPx);
  const frame: Frame = {
    id: makeId('frame'),
    kind: 'photo',
    pageId: frontId,
    xMm: box.x,
    yMm: box.y,
    widthMm: box.width,
    heightMm: box.height,
    rotationDeg: 0,
    z: 0,
    assetId: photo.id,
    crop: FILL,
  };
  return [{ kind: 'frame', id: frame.id, before: undefined, after: frame }];
}
