import type { Crop, PhotoAsset } from '../model/book';
import { visibleRegion } from '../model/crop';
import type { ResolutionTier, ResolutionValues, Severity } from './findings';

const MM_PER_INCH = 25.4;

/** Lower bounds of the tiers in dpi (SYSTEM.md): 300 good, 200 ok, 150 warn, below that low. */
export const TIER_FLOORS = { good: 300, ok: 200, warn: 150 } as const;

/**
 * Effective resolution of a photo at a crop in a box printed `widthMm` x `heightMm`: the pixels
 * of the visible part (crop.ts, the arithmetic the designer draws and the lab cuts with) over
 * the printed inches. Pan and zoom keep the region the box's shape, so both axes agree; the
 * smaller is taken against rounding.
 */
export function effectiveDpi(
  photo: Pick<PhotoAsset, 'widthPx' | 'heightPx'>,
  crop: Crop,
  widthMm: number,
  heightMm: number,
): number {
  const region = visibleRegion(crop, photo, { widthMm, heightMm });
  const across = (region.w * photo.widthPx) / (widthMm / MM_PER_INCH);
  const down = (region.h * photo.heightPx) / (heightMm / MM_PER_INCH);
  return Math.min(across, down);
}

/**
 * Resolution of the whole photo fitted inside a box (a print with a white border): scaled to
 * the side that meets the box, so the finer of the two axes is what prints.
 */
export function fittedDpi(
  photo: Pick<PhotoAsset, 'widthPx' | 'heightPx'>,
  widthMm: number,
  heightMm: number,
): number {
  return Math.max(
    photo.widthPx / (widthMm / MM_PER_INCH),
    photo.heightPx / (heightMm / MM_PER_INCH),
  );
}

/** Float noise of the millimetre arithmetic: 1800 px over 152.4 mm is 300 dpi, not 299.99999. */
const NOISE_DPI = 1e-6;

/** The tier of a resolution; the exact figure decides, not the rounded one shown. */
export function tierOf(dpi: number): ResolutionTier {
  const at = dpi + NOISE_DPI;
  if (at >= TIER_FLOORS.good) return 'good';
  if (at >= TIER_FLOORS.ok) return 'ok';
  if (at >= TIER_FLOORS.warn) return 'warn';
  return 'low';
}

/** How much each tier matters: good needs no finding at all. */
const TIER_SEVERITY: Record<Exclude<ResolutionTier, 'good'>, Severity> = {
  ok: 'info',
  warn: 'warning',
  low: 'problem',
};

/** The resolution finding's figures and severity, or null where the photo prints well. */
export function resolutionFinding(
  asset: PhotoAsset,
  dpi: number,
  widthMm: number,
  heightMm: number,
): (ResolutionValues & { kind: 'resolution'; severity: Severity }) | null {
  const tier = tierOf(dpi);
  if (tier === 'good') return null;
  return {
    kind: 'resolution',
    severity: TIER_SEVERITY[tier],
    assetId: asset.id,
    assetName: asset.name,
    dpi: Math.floor(dpi),
    tier,
    printedMm: { width: widthMm, height: heightMm },
  };
}
