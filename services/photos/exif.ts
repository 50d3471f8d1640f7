import exifr from 'exifr';

/** What the camera wrote about a photo, as far as the import needs it. */
export interface PhotoExif {
  /**
   * When the photo was taken, as the camera's clock said: `2024-05-01T12:34:56`,
   * with its offset (`+02:00`) where the camera wrote one. EXIF has no time
   * zone otherwise, so no Date that would pretend to know it.
   */
  takenAt?: string;
  /** Make and model, e.g. "Apple iPhone 15 Pro" or "Canon EOS R6". */
  camera?: string;
  /** EXIF orientation 1-8; absent when the camera wrote none. */
  orientation?: number;
}

const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');

/**
 * Reads an EXIF block (libvips hands it over with its "Exif\0\0" header,
 * libheif as a bare TIFF stream) with exifr. A broken block is no reason to
 * refuse a photo: it then has no EXIF.
 */
export async function readExif(block: Buffer | undefined): Promise<PhotoExif> {
  if (!block || block.length < 8) return {};
  const tiff = block.subarray(0, 6).equals(EXIF_HEADER) ? block.subarray(6) : block;
  let tags: Record<string, unknown> | undefined;
  try {
    tags = (await exifr.parse(tiff, {
      pick: [
        'DateTimeOriginal',
        'CreateDate',
        'OffsetTimeOriginal',
        'Make',
        'Model',
        'Orientation',
      ],
      translateValues: false,
      reviveValues: false,
    })) as Record<string, unknown> | undefined;
  } catch {
    return {};
  }
  if (!tags) return {};
  const result: PhotoExif = {};
  const takenAt = exifDate(tags.DateTimeOriginal ?? tags.CreateDate, tags.OffsetTimeOriginal);
  if (takenAt) result.takenAt = takenAt;
  const camera = cameraName(tags.Make, tags.Model);
  if (camera) result.camera = camera;
  if (typeof tags.Orientation === 'number' && tags.Orientation >= 1 && tags.Orientation <= 8)
    result.orientation = tags.Orientation;
  return result;
}

/** "2024:05:01 12:34:56" (EXIF's own form) to "2024-05-01T12:34:56", refusing impossible dates. */
function exifDate(value: unknown, offset: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, ...number[]];
  // Cameras without a set clock write "0000:00:00 00:00:00".
  if (y! < 1900 || mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h! > 23 || mi! > 59 || s! > 60)
    return undefined;
  const zone =
    typeof offset === 'string' && /^[+-]\d{2}:\d{2}$/.test(offset.trim()) ? offset.trim() : '';
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${zone}`;
}

/** Make and model without the make twice ("Canon" + "Canon EOS R6" is "Canon EOS R6"). */
function cameraName(make: unknown, model: unknown): string | undefined {
  // The contract takes 200 characters; no camera name comes near, a forged file might.
  const clean = (v: unknown) =>
    typeof v === 'string'
      ? [...v]
          .filter((c) => c >= ' ')
          .join('')
          .trim()
          .slice(0, 80)
      : '';
  const maker = clean(make);
  const name = clean(model);
  if (!name) return maker || undefined;
  if (!maker || name.toLowerCase().startsWith(maker.split(' ')[0]!.toLowerCase())) return name;
  return `${maker} ${name}`;
}
