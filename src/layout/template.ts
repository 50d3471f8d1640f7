import { z } from 'zod';
import { CatalogId, uniqueById } from '../catalog/units';
import { parseOrThrow } from '../validation';

/**
 * Page layout templates, shipped as data in assets/layouts.json.
 *
 * A template is a grid laid over the page's safe box: columns and rows with integer weights
 * (`[2, 1]` is two thirds and one third) and frames that span whole cells. Why a grid and not
 * free fractions of the page: a grid says which frames are neighbours, so the fitter can put
 * exactly one gap between neighbours on any page shape (square, portrait, landscape) and round
 * to the micrometre without a neighbour's edge drifting by one. Why data and not code: STYLE.md
 * keeps layout templates in assets/ beside the catalog, so the lab's renderer and later designs
 * read the same file; the schema below checks every design rule when the file is loaded.
 */

/** An edge of the page. */
export const Side = z.enum(['top', 'right', 'bottom', 'left']);
export type Side = z.infer<typeof Side>;

/** Which photos a frame is drawn for: wider than tall, taller than wide, or either. */
export const AspectHint = z.enum(['landscape', 'portrait', 'any']);
export type AspectHint = z.infer<typeof AspectHint>;

/** What a text frame is for, so the editor can start it in a fitting style. */
export const TextPurpose = z.enum(['title', 'caption']);
export type TextPurpose = z.infer<typeof TextPurpose>;

const Weight = z.number().int({ error: 'weights are whole numbers' }).positive();
const CellIndex = z.number().int().nonnegative();
const Span = z.number().int().positive();

/** The cells a frame covers: its first column and row and how many of each it spans. */
export const GridArea = z.object({
  column: CellIndex,
  row: CellIndex,
  columnSpan: Span,
  rowSpan: Span,
});
export type GridArea = z.infer<typeof GridArea>;

/** A frame for one photo; `bleed` names the page edges it runs past the trim to. */
export const TemplatePhotoFrame = z.object({
  role: z.literal('photo'),
  area: GridArea,
  aspect: AspectHint,
  bleed: z.array(Side).default([]),
});
export type TemplatePhotoFrame = z.infer<typeof TemplatePhotoFrame>;

/**
 * A frame for text. Text never bleeds: trims land 2-3 mm off and a cut letter looks like a
 * mistake. `overlay` frames sit on top of a photo (the only overlap a template may have).
 */
export const TemplateTextFrame = z.object({
  role: z.literal('text'),
  area: GridArea,
  purpose: TextPurpose,
  overlay: z.boolean().default(false),
});
export type TemplateTextFrame = z.infer<typeof TemplateTextFrame>;

/** Any frame of a template. */
export const TemplateFrame = z.discriminatedUnion('role', [TemplatePhotoFrame, TemplateTextFrame]);
export type TemplateFrame = z.infer<typeof TemplateFrame>;

/** Whether two grid areas share a cell. */
export function areasOverlap(a: GridArea, b: GridArea): boolean {
  return (
    a.column < b.column + b.columnSpan &&
    b.column < a.column + a.columnSpan &&
    a.row < b.row + b.rowSpan &&
    b.row < a.row + a.rowSpan
  );
}

/** Whether the area reaches the grid's edge on that side (only there may a frame bleed). */
export function touchesEdge(area: GridArea, side: Side, columns: number, rows: number): boolean {
  switch (side) {
    case 'top':
      return area.row === 0;
    case 'left':
      return area.column === 0;
    case 'bottom':
      return area.row + area.rowSpan === rows;
    case 'right':
      return area.column + area.columnSpan === columns;
  }
}

/** Whether `top` is an overlay text frame lying on `under`, a photo listed (drawn) before it. */
function liesOn(top: TemplateFrame, topIndex: number, under: TemplateFrame, underIndex: number) {
  return top.role === 'text' && top.overlay && under.role === 'photo' && underIndex < topIndex;
}

type Issue = { path: (string | number)[]; message: string };

/** The design rules a template's frames keep, as issues with the path of the offending frame. */
function frameIssues(template: {
  grid: { columns: number[]; rows: number[] };
  frames: TemplateFrame[];
}): Issue[] {
  const issues: Issue[] = [];
  const columns = template.grid.columns.length;
  const rows = template.grid.rows.length;
  template.frames.forEach((frame, index) => {
    const at = ['frames', index];
    const { area } = frame;
    if (area.column + area.columnSpan > columns || area.row + area.rowSpan > rows) {
      issues.push({ path: [...at, 'area'], message: 'frame reaches past the grid' });
    }
    if (frame.role === 'photo') {
      if (new Set(frame.bleed).size !== frame.bleed.length) {
        issues.push({ path: [...at, 'bleed'], message: 'a side is named twice' });
      }
      for (const side of frame.bleed) {
        if (!touchesEdge(area, side, columns, rows)) {
          issues.push({
            path: [...at, 'bleed'],
            message: `bleeds ${side} but does not reach the ${side} of the grid`,
          });
        }
      }
    }
    template.frames.forEach((other, otherIndex) => {
      if (otherIndex === index || !areasOverlap(area, other.area)) return;
      if (liesOn(frame, index, other, otherIndex) || liesOn(other, otherIndex, frame, index))
        return;
      issues.push({ path: [...at, 'area'], message: `overlaps frame ${otherIndex}` });
    });
  });
  return issues;
}

/** One page design. `photoCount` and `textCount` say what the frames hold, for filtering. */
export const LayoutTemplate = z
  .object({
    id: CatalogId,
    photoCount: z.number().int().positive(),
    textCount: z.number().int().nonnegative(),
    grid: z.object({ columns: z.array(Weight).min(1), rows: z.array(Weight).min(1) }),
    frames: z.array(TemplateFrame).min(1),
  })
  .superRefine((template, ctx) => {
    const photos = template.frames.filter((f) => f.role === 'photo').length;
    if (photos !== template.photoCount) {
      ctx.addIssue({
        code: 'custom',
        path: ['photoCount'],
        message: `says ${template.photoCount} photos but has ${photos} photo frames`,
      });
    }
    const texts = template.frames.length - photos;
    if (texts !== template.textCount) {
      ctx.addIssue({
        code: 'custom',
        path: ['textCount'],
        message: `says ${template.textCount} texts but has ${texts} text frames`,
      });
    }
    for (const issue of frameIssues(template)) ctx.addIssue({ code: 'custom', ...issue });
  });
export type LayoutTemplate = z.infer<typeof LayoutTemplate>;

/** The layouts file: templates in the order the layout picker and shuffle show them. */
export const LayoutLibrary = z.object({ templates: uniqueById(LayoutTemplate, 'template id') });
export type LayoutLibrary = z.infer<typeof LayoutLibrary>;

/** Parses layout data and fails with the offending path when the file breaks a rule. */
export function parseLayouts(data: unknown): LayoutLibrary {
  return parseOrThrow(LayoutLibrary, data, 'layouts');
}
