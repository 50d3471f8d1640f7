import { toMm, toUm, umBox, type Box, type Size } from '../geometry/box';
import type { PagePanel } from '../geometry/surface';
import { fitTemplate, type FitOptions } from './fit';
import type { LayoutTemplate } from './template';

/** One frame of a layout preview: where to draw it and what it holds. */
export interface ThumbnailRect {
  role: 'photo' | 'text';
  /** Millimetres on the trimmed page; a bleeding frame is cut at the trim as the book will be. */
  box: Box;
}

/**
 * What a layout picker draws for a template on a page: the trimmed page and a box per frame in
 * drawing order, as the customer will see the printed page. A view scales it to any size (an
 * SVG `viewBox` of `0 0 width height` draws it as it is).
 */
export interface Thumbnail {
  page: Size;
  rects: ThumbnailRect[];
}

/** The preview of `template` on `page`, from the same fitting the page itself will get. */
export function thumbnailOf(
  template: LayoutTemplate,
  page: PagePanel,
  options: FitOptions = {},
): Thumbnail {
  const width = toUm(page.trim.width);
  const height = toUm(page.trim.height);
  const clamp = (value: number, max: number) => Math.min(Math.max(value, 0), max);
  const rects = fitTemplate(template, page, options).map(({ role, box }): ThumbnailRect => {
    const left = clamp(toUm(box.x), width);
    const top = clamp(toUm(box.y), height);
    const right = clamp(toUm(box.x + box.width), width);
    const bottom = clamp(toUm(box.y + box.height), height);
    return { role, box: umBox(left, top, right - left, bottom - top) };
  });
  return { page: { width: toMm(width), height: toMm(height) }, rects };
}
