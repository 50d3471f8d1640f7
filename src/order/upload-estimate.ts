import type { PhotoAsset } from '../model/book';
import type { PrintReadyPiece } from './print-regions';

/**
 * About how many bytes a print-ready image will be, before it is made: its pixels times the
 * bytes a pixel takes at the order's JPEG settings (quality 97, 4:4:4). What a pixel takes
 * depends on the picture (a blue sky little, foliage and high-ISO noise a lot); a camera's own
 * JPEG says how busy its picture is, so its bytes per pixel, scaled to the finer settings and
 * the denser pixels of a scaled-down image, is the guess. Other formats compress differently
 * (PNG without loss, HEIC far better), so they get a typical photo's figure. Calibrated with
 * `npm run bench:print-ready` (24 MP photos in 10 x 15 cm frames: estimate 1.2 times the actual
 * bytes at a factor of 1.3, so 1.1); the checkout calls it "about".
 */
export function estimatePrintReadyBytes(piece: PrintReadyPiece, asset: PhotoAsset): number {
  const pixels = piece.px.width * piece.px.height;
  return Math.round(HEADER_BYTES + pixels * bytesPerPixel(piece, asset));
}

/** Bytes per pixel of a typical photo at quality 97, 4:4:4, when the original can't tell. */
const TYPICAL_BPP = 1.2;
/** A JPEG's header with the sRGB profile and quantisation and Huffman tables. */
const HEADER_BYTES = 1200;

function bytesPerPixel(piece: PrintReadyPiece, asset: PhotoAsset): number {
  if (asset.mime !== 'image/jpeg') return TYPICAL_BPP;
  const original = asset.byteSize / (asset.widthPx * asset.heightPx);
  // Scaling down packs the detail of several pixels into one: each carries more.
  const scale = Math.min(1, piece.px.width / piece.rect.width);
  const denser = 1 + 0.6 * (1 - scale);
  return clamp(original * 1.1 * denser, 0.3, 4);
}

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));
