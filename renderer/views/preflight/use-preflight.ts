import { useMemo, useSyncExternalStore } from 'react';
import { catalog } from '../../catalog';
import { useAppStore, type AppState } from '../../stores/app-store';
import { designAssets, type Design } from '../../../src/model/design';
import { createDesignCheck, type CheckContext } from '../../../src/preflight/check';
import type { Finding } from '../../../src/preflight/findings';
import type { MeasureText } from '../../../src/text/layout';
import { useCurrentDesign } from '../use-design';
import { canvasMeasure } from './text-measure';
import { badgeFinding, flagsPage } from './finding-words';

/**
 * The pre-order check as the views see it: one check for the whole app, so the frame badges,
 * the strip's dots and the list share one result per change, and a change re-checks only its
 * page (src/preflight/book.ts).
 */
const check = createDesignCheck();

// One text measure for the app, made anew when a font file finishes loading (widths measured in
// the fallback font before it are wrong), which makes the check measure text again.
let measure: MeasureText | null = null;
const measureListeners = new Set<() => void>();
function fontLoaded() {
  measure = null;
  for (const listener of measureListeners) listener();
}
const currentMeasure = () => (measure ??= canvasMeasure(fontLoaded));
const subscribeMeasure = (listener: () => void) => {
  measureListeners.add(listener);
  return () => measureListeners.delete(listener);
};

// One context per (missing photos, measure): the check recognises an unchanged context by identity.
let lastContext: { key: string; context: CheckContext } | null = null;
function contextFor(missing: string, measureNow: MeasureText): CheckContext {
  if (lastContext?.key === missing && lastContext.context.measure === measureNow) {
    return lastContext.context;
  }
  const missingAssetIds = new Set(missing === '' ? [] : missing.split('\n'));
  const context = { missingAssetIds, measure: measureNow };
  lastContext = { key: missing, context };
  return context;
}

/**
 * Whether photos are still arriving: an import, or an opened project's photos being loaded or
 * searched for (renderer/project). Until they are in, a photo without a thumbnail is not missing.
 */
function photosArriving(state: AppState): boolean {
  // The project's restore state is read by name: it belongs to the project files' slice.
  const restore = (state as { photoRestore?: { phase: string } }).photoRestore;
  return (
    state.importProgress !== null || restore?.phase === 'loading' || restore?.phase === 'searching'
  );
}

/**
 * The photos of the design the host could not give us: placed, but without a thumbnail once no
 * photos are arriving any more (a project whose photos were moved and not found again). The
 * host's own check at submit stays the last word ('photo-missing').
 */
function missingKey(design: Design | null, thumbnails: Record<string, string>): string {
  if (!design) return '';
  return designAssets(design)
    .filter((asset) => !thumbnails[asset.id])
    .map((asset) => asset.id)
    .sort()
    .join('\n');
}

/** Every finding of the design being made, kept current with each change. */
export function usePreflight(): readonly Finding[] {
  const design = useCurrentDesign();
  const thumbnails = useAppStore((s) => s.thumbnails);
  const arriving = useAppStore(photosArriving);
  const measureNow = useSyncExternalStore(subscribeMeasure, currentMeasure);
  const missing = useMemo(
    () => (arriving ? '' : missingKey(design, thumbnails)),
    [arriving, design, thumbnails],
  );
  return useMemo(
    () => (design ? check(design, catalog, contextFor(missing, measureNow)) : []),
    [design, missing, measureNow],
  );
}

/**
 * The mark of each frame, for the spread view: the worst finding that has a mark on the frame.
 * A new function only when the findings change.
 */
export function useFrameFindings(): (frameId: string) => Finding | undefined {
  const findings = usePreflight();
  return useMemo(() => {
    const byFrame = new Map<string, Finding[]>();
    for (const finding of findings) {
      if (finding.place.kind !== 'page' || finding.place.frameId === undefined) continue;
      const list = byFrame.get(finding.place.frameId);
      if (list) list.push(finding);
      else byFrame.set(finding.place.frameId, [finding]);
    }
    return (frameId) => badgeFinding(byFrame.get(frameId));
  }, [findings]);
}

/**
 * The surfaces (by index) whose strip thumbnail gets a dot (see flagsPage), with the tone of
 * their worst such finding.
 */
export function useFlaggedSurfaces(): ReadonlyMap<number, 'warn' | 'bad'> {
  const findings = usePreflight();
  return useMemo(() => {
    const flagged = new Map<number, 'warn' | 'bad'>();
    for (const finding of findings) {
      if (finding.place.kind !== 'page' || !flagsPage(finding)) continue;
      const tone = finding.severity === 'warning' ? 'warn' : 'bad';
      if (flagged.get(finding.place.surfaceIndex) !== 'bad') {
        flagged.set(finding.place.surfaceIndex, tone);
      }
    }
    return flagged;
  }, [findings]);
}
