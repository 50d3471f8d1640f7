import { z } from 'zod';
import { PhotoAsset } from '../model/book';
import type { Design } from '../model/design';

/**
 * The `.pdbook` project file, version 1: what the customer saves and opens again. It holds the
 * design (a photo book, prints or a canvas, exactly as src/model stores it) and, per photo, what
 * is needed to find the photo again: content hash, byte size, name, pixel size and, in the desktop
 * app, the path it was last seen at. Design only: no personal data, no image bytes, no thumbnails.
 * FORMAT.md beside this file documents every field.
 */
export const PROJECT_FORMAT_VERSION = 1;

/** What the file says it is, so a JSON file of another kind is named as such. */
export const PROJECT_MAGIC = 'photodose.project';

/** The file name extension the pickers offer and the download gets. */
export const PROJECT_EXTENSION = '.pdbook';

/** A project of 200 pages and 600 photos is well under 1 MB; anything past this is refused unread. */
export const MAX_PROJECT_BYTES = 16 * 1024 * 1024;

/** More photos than any design holds (prints may have 10,000 lines). */
export const MAX_PROJECT_PHOTOS = 10_000;

/** The longest path the host accepts for a photo (PhotoSource in the host contract). */
export const MAX_PATH_LENGTH = 4096;

/** One photo of the design, as the project remembers it. */
export const ProjectPhoto = z
  .object({
    /** The design's asset record this photo is (`photo-` and the hash's first 32 hex digits). */
    assetId: PhotoAsset.shape.id,
    sha256: PhotoAsset.shape.sha256,
    byteSize: PhotoAsset.shape.byteSize,
    name: PhotoAsset.shape.name,
    widthPx: PhotoAsset.shape.widthPx,
    heightPx: PhotoAsset.shape.heightPx,
    /** Where the desktop app last read it (absolute); never present in a browser's file. */
    lastKnownPath: z.string().min(1).max(MAX_PATH_LENGTH).optional(),
  })
  .strict();
export type ProjectPhoto = z.infer<typeof ProjectPhoto>;

/**
 * The envelope as read before the design: the design stays unknown here, because a photo book
 * is migrated from older versions before it is checked (see read-project.ts).
 */
export const ProjectEnvelope = z
  .object({
    format: z.literal(PROJECT_MAGIC),
    formatVersion: z.literal(PROJECT_FORMAT_VERSION),
    design: z.object({ kind: z.enum(['photoBook', 'prints', 'canvas']) }).loose(),
    photos: z.array(ProjectPhoto).max(MAX_PROJECT_PHOTOS),
  })
  .strict();

/** A project as the app holds it after reading: the design checked down to its references. */
export interface Project {
  format: typeof PROJECT_MAGIC;
  formatVersion: typeof PROJECT_FORMAT_VERSION;
  design: Design;
  photos: ProjectPhoto[];
}

/** Every photo record of the design, placed or only in the tray. */
export function documentAssets(design: Design): PhotoAsset[] {
  switch (design.kind) {
    case 'photoBook':
      return Object.values(design.book.assets);
    case 'prints':
      return Object.values(design.prints.assets);
    case 'canvas':
      return Object.values(design.canvas.assets);
  }
}

/**
 * The project of a design: one photo entry per asset record, with the path it was last read
 * from where the desktop app knows one (`locations`, by asset id). A browser passes none.
 */
export function projectOf(
  design: Design,
  locations: Readonly<Record<string, string>> = {},
): Project {
  const photos = documentAssets(design).map((asset): ProjectPhoto => {
    const path = Object.hasOwn(locations, asset.id) ? locations[asset.id] : undefined;
    return {
      assetId: asset.id,
      sha256: asset.sha256,
      byteSize: asset.byteSize,
      name: asset.name,
      widthPx: asset.widthPx,
      heightPx: asset.heightPx,
      ...(path ? { lastKnownPath: path } : {}),
    };
  });
  return { format: PROJECT_MAGIC, formatVersion: PROJECT_FORMAT_VERSION, design, photos };
}

/** The file's text: stable key order as built, two-space indent so a support person can read it. */
export function serializeProject(project: Project): string {
  return `${JSON.stringify(project, null, 2)}\n`;
}
