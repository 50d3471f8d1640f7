import type { Size } from '../geometry/box';
import { shapeOf, shapeOfRatio, type Shape } from './shape';

/** A photo to place: its asset id and width / height as it is shown (after EXIF rotation). */
export interface PhotoShape {
  id: string;
  aspectRatio: number;
}

/** A frame to fill: text frames are passed over, photo frames filled in the order given. */
export interface FrameToFill {
  role: 'photo' | 'text';
  box: Size;
}

/** Which photo goes into which frame. */
export interface Assignment {
  /** One entry per frame given: the photo's id, or null for a text frame or an empty frame. */
  photoIds: (string | null)[];
  /** Photos that were on the page but found no frame: the editor must say so, not drop them. */
  displaced: string[];
  /** Candidates that were not needed: the page was full. */
  unused: string[];
}

/**
 * How well a photo suits a frame, compared position by position: first the number of opposite
 * orientations (a landscape photo in a portrait frame loses most of itself), then pairings that
 * are only acceptable (a square photo in an oblong frame, an oblong photo in a square one), then
 * how far the photo moved from its place in the order, so the order is kept whenever the shapes
 * allow it.
 */
type Cost = readonly [mismatched: number, inexact: number, moved: number];

function pairCost(photo: Shape, frame: Shape, photoIndex: number, frameIndex: number): Cost {
  const mismatched = photo !== 'square' && frame !== 'square' && photo !== frame ? 1 : 0;
  const inexact = mismatched === 0 && photo !== frame ? 1 : 0;
  return [mismatched, inexact, Math.abs(photoIndex - frameIndex)];
}

const add = (a: Cost, b: Cost): Cost => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const less = (a: Cost, b: Cost): boolean =>
  a[0] !== b[0] ? a[0] < b[0] : a[1] !== b[1] ? a[1] < b[1] : a[2] < b[2];

/** Layouts hold at most six photos; the search below is exact up to far more than that. */
const MAX_PHOTO_FRAMES = 16;

/**
 * The best one-to-one pairing of `photos` (in order) with `frames` (at least as many), by
 * dynamic programming over the set of frames used: exact, and deterministic because ties keep
 * the pairing found first in a fixed order. Returns the frame index for each photo.
 */
function bestPairing(photos: readonly Shape[], frames: readonly Shape[]): number[] {
  const states = 1 << frames.length;
  const best: (Cost | undefined)[] = new Array<Cost | undefined>(states);
  const came: number[] = new Array<number>(states).fill(-1);
  best[0] = [0, 0, 0];
  const bitCount = (mask: number) => mask.toString(2).replaceAll('0', '').length;
  for (let mask = 0; mask < states; mask++) {
    const cost = best[mask];
    const photoIndex = bitCount(mask);
    const photo = photos[photoIndex];
    if (cost === undefined || photo === undefined) continue;
    frames.forEach((frame, frameIndex) => {
      const bit = 1 << frameIndex;
      if (mask & bit) return;
      const next = add(cost, pairCost(photo, frame, photoIndex, frameIndex));
      const current = best[mask | bit];
      if (current === undefined || less(next, current)) {
        best[mask | bit] = next;
        came[mask | bit] = frameIndex;
      }
    });
  }
  // The cheapest full state with one frame per photo, then walk back through it.
  let end = -1;
  for (let mask = 0; mask < states; mask++) {
    const cost = best[mask];
    if (cost === undefined || bitCount(mask) !== photos.length) continue;
    const bestEnd = end < 0 ? undefined : best[end];
    if (bestEnd === undefined || less(cost, bestEnd)) end = mask;
  }
  const frameOf = new Array<number>(photos.length).fill(-1);
  for (let mask = end, i = photos.length - 1; i >= 0; i--) {
    const frameIndex = came[mask] ?? -1;
    frameOf[i] = frameIndex;
    mask &= ~(1 << frameIndex);
  }
  return frameOf;
}

/**
 * Puts photos into a layout's frames. The photos already on the page come first and all stay
 * while there are frames for them; then the `candidates` not yet on the page fill the frames
 * left. Among all pairings, the one with the fewest photos in a frame of the opposite
 * orientation wins, then the one with the fewest merely acceptable pairings, then the one that
 * keeps the order best (placed photos first, in their order, then the candidates in theirs).
 * Pure and deterministic: the same input gives the same answer.
 */
export function assignPhotos(
  frames: readonly FrameToFill[],
  candidates: readonly PhotoShape[],
  placed: readonly PhotoShape[] = [],
): Assignment {
  const photoFrames = frames.flatMap((frame, index) =>
    frame.role === 'photo' ? [{ index, shape: shapeOf(frame.box) }] : [],
  );
  if (photoFrames.length > MAX_PHOTO_FRAMES) {
    throw new Error(`at most ${MAX_PHOTO_FRAMES} photo frames, not ${photoFrames.length}`);
  }
  // Each photo once: a candidate already on the page, or named twice, keeps its first place.
  const queue: PhotoShape[] = [];
  const seen = new Set<string>();
  for (const photo of [...placed, ...candidates]) {
    if (!seen.has(photo.id)) queue.push(photo);
    seen.add(photo.id);
  }
  const chosen = queue.slice(0, photoFrames.length);
  const pairing = bestPairing(
    chosen.map((p) => shapeOfRatio(p.aspectRatio)),
    photoFrames.map((f) => f.shape),
  );
  const photoIds = frames.map((): string | null => null);
  chosen.forEach((photo, i) => {
    const frame = photoFrames[pairing[i] ?? -1];
    if (frame) photoIds[frame.index] = photo.id;
  });
  const left = queue.slice(photoFrames.length);
  const onPage = new Set(placed.map((p) => p.id));
  return {
    photoIds,
    displaced: left.filter((p) => onPage.has(p.id)).map((p) => p.id),
    unused: left.filter((p) => !onPage.has(p.id)).map((p) => p.id),
  };
}
