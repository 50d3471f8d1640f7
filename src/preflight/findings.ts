/**
 * The pre-order check's findings: what could disappoint the customer in print, each with where it
 * is and the figures a view needs to say it in words. The core only finds; views translate.
 */

/**
 * How much a finding matters, mildest first:
 * - `info`: worth knowing, prints well enough (a photo at 200-300 dpi);
 * - `warning`: prints, but probably not as meant (an empty frame, text near the cut);
 * - `problem`: prints visibly wrong (text cut off, a blurry photo);
 * - `blocking`: the lab cannot make it (a photo it will never receive, a page count it can't bind).
 * Only `blocking` stops an order; `warning` and `problem` need an explicit "order anyway".
 */
export type Severity = 'info' | 'warning' | 'problem' | 'blocking';

export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'problem', 'blocking'];

/** Whether `severity` is at least `floor`. */
export function atLeast(severity: Severity, floor: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(floor);
}

/** Resolution tiers of SYSTEM.md: >= 300 dpi good, 200-300 ok, 150-200 warn, below 150 low. */
export type ResolutionTier = 'good' | 'ok' | 'warn' | 'low';

/**
 * Where a finding is. In a book, `surfaceIndex` counts as the designer's session does (0 the
 * cover, then the inner surfaces in print order) and `pageNumber` is the customer's page number
 * (absent on the cover, whose `panel` says back, spine or front).
 */
export type Place =
  | { kind: 'design' }
  | {
      kind: 'page';
      surfaceIndex: number;
      pageId: string;
      pageNumber?: number;
      panel?: 'back' | 'spine' | 'front';
      /** The frame, or absent for the page itself (its background photo). */
      frameId?: string;
    }
  | { kind: 'print'; printId: string; /** 1-based, as the list shows it. */ position: number }
  | { kind: 'canvas' };

/** A placed photo's resolution at its printed size. */
export interface ResolutionValues {
  assetId: string;
  assetName: string;
  /** Effective dots per inch of the visible part at the printed size, rounded down. */
  dpi: number;
  tier: ResolutionTier;
  /** The printed size of the frame (or paper, canvas) in millimetres. */
  printedMm: { width: number; height: number };
}

/** Every finding, by kind, with the figures its words need. */
export type Finding = {
  severity: Severity;
  place: Place;
} & (
  | ({ kind: 'resolution' } & ResolutionValues)
  | { kind: 'emptyPhotoFrame' }
  | {
      kind: 'textOverflow';
      /** How far the text runs past the frame's bottom. */ overrunMm: number;
    }
  | {
      kind: 'textOutsideSafeArea';
      /** Part of the text lies beyond the trim: it will be cut off, not only close to the cut. */
      beyondTrim: boolean;
      safeMm: number;
    }
  | { kind: 'photoMissing'; assetId: string; assetName: string }
  | { kind: 'pageCount'; pageCount: number; min: number; max: number; step: number }
  | { kind: 'spineTooThin'; spineMm: number; minMm: number; pagesNeeded: number }
  | { kind: 'emptyCanvas' }
  | { kind: 'nothingToPrint' }
);

export type FindingKind = Finding['kind'];

/** The worst severity among the findings, or null for none. */
export function worstSeverity(findings: readonly Finding[]): Severity | null {
  let worst = -1;
  for (const f of findings) worst = Math.max(worst, SEVERITIES.indexOf(f.severity));
  return worst < 0 ? null : SEVERITIES[worst]!;
}

/** Whether the lab cannot make the design as it stands: only then is ordering refused. */
export function blocksOrder(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'blocking');
}
