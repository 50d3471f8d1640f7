import { z } from 'zod';
import fontData from '../../assets/fonts.json';
import { parseOrThrow } from '../validation';

/**
 * The bundled fonts, shipped as data in assets/fonts.json with their TrueType files and licence
 * texts under assets/fonts/. The designer draws with these files and the lab's print renderer
 * embeds the very same ones, so what the customer sees is what is printed; each file's SHA-256 is
 * in the catalog, so either side can prove it reads the same bytes. No remote fonts: the app
 * works offline.
 */

/** The four faces a family may have; `regular` always exists. */
export const FONT_STYLES = ['regular', 'bold', 'italic', 'boldItalic'] as const;
export type FontStyle = (typeof FONT_STYLES)[number];

/** A path below assets/fonts/: lower-case folder, then a file name; no way out of the folder. */
const FontPath = z.string().regex(/^[a-z0-9-]+\/[A-Za-z0-9-]+\.(ttf|txt)$/, 'expected folder/file');

/** One TrueType file of a family. */
export const FontFile = z.object({
  path: FontPath.refine((p) => p.endsWith('.ttf'), { error: 'a font file ends in .ttf' }),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in hex'),
});
export type FontFile = z.infer<typeof FontFile>;

export const FontEntry = z
  .object({
    /** What a text frame's `fontId` names; stable, since saved books refer to it. */
    id: z.string().regex(/^[a-z0-9-]+$/),
    /** The family name as the font calls itself and as the font picker shows it. */
    family: z.string().min(1),
    category: z.enum(['serif', 'sans', 'script', 'display', 'mono']),
    /** Only open licences that allow bundling and embedding in print files. */
    licence: z.enum(['OFL-1.1', 'Apache-2.0']),
    licenceFile: FontPath,
    copyright: z.string().min(1),
    /** Where the files came from, so an update is a deliberate step. */
    source: z.string().min(1),
    files: z.object({
      regular: FontFile,
      bold: FontFile.optional(),
      italic: FontFile.optional(),
      boldItalic: FontFile.optional(),
    }),
  })
  .refine((f) => !f.files.boldItalic || (f.files.bold && f.files.italic), {
    error: 'bold italic without bold and italic',
  });
export type FontEntry = z.infer<typeof FontEntry>;

export const FontCatalog = z
  .object({
    defaultFontId: z.string(),
    fonts: z.array(FontEntry).min(1),
  })
  .refine((c) => new Set(c.fonts.map((f) => f.id)).size === c.fonts.length, {
    error: 'a font id twice',
  })
  .refine((c) => c.fonts.some((f) => f.id === c.defaultFontId), {
    error: 'the default font is not in the catalog',
  });
export type FontCatalog = z.infer<typeof FontCatalog>;

/** Parses font catalog data; the error names the bad field. */
export function parseFontCatalog(data: unknown): FontCatalog {
  return parseOrThrow(FontCatalog, data, 'font catalog');
}

const catalog = parseFontCatalog(fontData);

/** The bundled fonts in the order the font picker lists them. */
export const FONTS: readonly FontEntry[] = catalog.fonts;

/** The font of a new text frame. */
export const DEFAULT_FONT_ID: string = catalog.defaultFontId;

/** The bundled font of this id, or undefined for one the app does not ship. */
export function fontById(id: string): FontEntry | undefined {
  return FONTS.find((f) => f.id === id);
}

/**
 * The font a frame is drawn and printed in: its own, or the default when a book names a font
 * this version does not ship (say, one made by a newer app), so a page never goes blank.
 */
export function fontOrDefault(id: string): FontEntry {
  return fontById(id) ?? fontById(DEFAULT_FONT_ID)!;
}

/** The face for a combination of bold and italic. */
export function styleOf(bold: boolean, italic: boolean): FontStyle {
  if (bold) return italic ? 'boldItalic' : 'bold';
  return italic ? 'italic' : 'regular';
}

/** Whether the family has a bold face: without one, bold is refused rather than faked. */
export function hasBold(font: FontEntry): boolean {
  return font.files.bold !== undefined;
}

/** Whether the family has an italic face: without one, italic is refused rather than slanted. */
export function hasItalic(font: FontEntry): boolean {
  return font.files.italic !== undefined;
}

/**
 * The file that prints this combination: the face itself, or, for a combination the family
 * lacks, the nearest it has (bold italic falls back to bold, then italic, then regular). Never a
 * synthesised face, since the print could not reproduce it.
 */
export function fontFileFor(font: FontEntry, bold: boolean, italic: boolean): FontFile {
  const { files } = font;
  const wanted = files[styleOf(bold, italic)];
  if (wanted) return wanted;
  return (bold ? files.bold : undefined) ?? (italic ? files.italic : undefined) ?? files.regular;
}

/** Millimetres of a point (1/72 inch): type sizes are in points, the page in millimetres. */
export const MM_PER_PT = 25.4 / 72;
