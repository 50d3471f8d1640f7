/**
 * What the designer benchmark's page offers the benchmark (bench/designer.ts), on
 * `globalThis.photodoseBench`. Shared by both sides, so it names no DOM or Node type.
 */
import type { Book } from '../../src/model/book';

/** Milliseconds from the start of some work to the paint that showed it. */
export interface Timing {
  /** Until React committed (JavaScript only); 0 where the commit is not the page's to time. */
  commitMs: number;
  /** Until the first frame painted after React committed. */
  paintMs: number;
  /** Until the photos in view were decoded too, and painted. */
  photosMs: number;
}

/** What was recorded while the benchmark dragged. */
export interface DragLog {
  /** Per frame that handled a pointer move: from the move's handler to after that frame's paint. */
  workMs: number[];
  /** From each handled move's timestamp (the input event) to after the paint that showed it. */
  latencyMs: number[];
  /** Intervals between animation frames while the drag ran. */
  intervalMs: number[];
}

export interface BenchApi {
  /**
   * Hands the photos' thumbnails (JPEG as base64, by asset id) to the store as object URLs, as
   * the app does with the bytes the host sends, then opens `book` in the designer and times that:
   * from setting the book until it is painted.
   */
  open(
    book: Book,
    thumbnails: Record<string, string>,
    selectors: readonly string[],
  ): Promise<Timing>;
  /**
   * Arms a measurement of the next spread switch: it starts at the next keydown or pointerdown
   * and ends when the open surface changed and was painted with its photos.
   */
  armSwitch(surfaceSelector: string): void;
  /** The armed switch's timing, once it has been painted. */
  switchResult(): Promise<Timing>;
  /** Intervals between the next `count` animation frames, with no input: is the page at rest? */
  idleFrames(count: number): Promise<number[]>;
  startDragLog(): void;
  stopDragLog(): DragLog;
}

export const BENCH_GLOBAL = 'photodoseBench';
