/**
 * What the project benchmark's page offers bench/project.ts, on `globalThis.photodoseProjectBench`.
 * Shared by both sides, so it names no DOM or Node type.
 */

/** Milliseconds from handing the project file to the app's open path. */
export interface OpenTiming {
  /** Until the designer's spread was painted (its photos still missing: they moved). */
  firstSpreadMs: number;
  /** Until every photo of the project had its thumbnail in the store, or null if some never did. */
  allFoundMs: number | null;
  /** Until the spread in view was painted with its photos decoded, after all were found. */
  allShownMs: number | null;
  /** Photos of the project whose thumbnails arrived, and how many it has. */
  found: number;
  total: number;
  /** The photo-restore phase at the end: 'idle' when all came back, 'missing' otherwise. */
  phase: string;
  /** performance.timeOrigin + the start, to line the host's wall-clock milestones up with. */
  startedAtEpochMs: number;
}

export interface ProjectBenchApi {
  /** Whether the app is up: its project controls have mounted and know the host. */
  ready(): boolean;
  /**
   * Opens the project text as the customer's picked file, through the app's own open path
   * (renderer/project/project-actions.ts), and times it until all photos are back or
   * `timeoutMs` passed.
   */
  open(
    text: string,
    fileName: string,
    spreadSelector: string,
    timeoutMs: number,
  ): Promise<OpenTiming>;
}

export const PROJECT_BENCH_GLOBAL = 'photodoseProjectBench';
