import { createHash } from 'node:crypto';
import type { PrintReadyPiece } from '../../src/order/print-regions';
import { HIGH_QUALITY_JPEG } from '../../src/order/print-pixels';
import { openUpright } from './decode';

/** A print-ready image: JPEG bytes, what they cover, and what the manifest says of them. */
export interface PrintReadyImage {
  jpeg: Buffer;
  sha256: string;
  widthPx: number;
  heightPx: number;
}

/**
 * Makes the print-ready image of one piece of the order's plan (src/order/print-regions) from
 * the photo's original bytes, in any format the import reads: the piece's rectangle of the
 * upright photo, scaled down to the piece's pixels (never up: the plan caps the scale at 1),
 * transparent parts on paper white, converted from the photo's own profile to sRGB with the
 * sRGB profile embedded, as high-quality baseline JPEG without the photo's EXIF (camera, place).
 *
 * The same bytes in always give the same bytes out (fixed options, one libvips, no dates), so an
 * upload interrupted and resumed after a restart continues the same file.
 */
export async function makePrintReady(
  original: Buffer,
  piece: PrintReadyPiece,
): Promise<PrintReadyImage> {
  const photo = await openUpright(original);
  if (photo.widthPx !== piece.photoPx.width || photo.heightPx !== piece.photoPx.height) {
    throw new Error(
      `photo ${piece.assetId} is ${photo.widthPx} x ${photo.heightPx} pixels, the design says ${piece.photoPx.width} x ${piece.photoPx.height}`,
    );
  }
  let image = photo.image.extract(piece.rect);
  if (piece.px.width !== piece.rect.width || piece.px.height !== piece.rect.height) {
    image = image.resize(piece.px.width, piece.px.height, { fit: 'fill', kernel: 'lanczos3' });
  }
  if (photo.hasAlpha) image = image.flatten({ background: '#ffffff' });
  const { data, info } = await image
    .toColourspace('srgb')
    .withIccProfile('srgb')
    .jpeg(HIGH_QUALITY_JPEG)
    .toBuffer({ resolveWithObject: true });
  return {
    jpeg: data,
    sha256: createHash('sha256').update(data).digest('hex'),
    widthPx: info.width,
    heightPx: info.height,
  };
}
