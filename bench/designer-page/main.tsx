/**
 * The designer benchmark's page: the shipped renderer, started by its own entry (the real app,
 * the real host over the loopback), plus the measuring hooks the benchmark calls. Built only by
 * bench/designer.ts, so nothing of it reaches the app customers run.
 */
import { flushSync } from 'react-dom';
import '../../renderer/main';
import { useAppStore } from '../../renderer/stores/app-store';
import { editorFor } from '../../src/commands/editor';
import { BENCH_GLOBAL, type BenchApi, type DragLog, type Timing } from './api';

/** Resolves after the next frame was painted: a task queued from requestAnimationFrame. */
function afterPaint(): Promise<number> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    }),
  );
}

function inViewport(element: Element): boolean {
  const r = element.getBoundingClientRect();
  return r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
}

/** Waits until every photo in view under `selectors` is decoded; says whether any had to wait. */
async function photosDecoded(selectors: readonly string[]): Promise<boolean> {
  const images = selectors
    .flatMap((s) => [...document.querySelectorAll<HTMLImageElement>(`${s} img`)])
    .filter(inViewport);
  const pending = images.filter((img) => !img.complete);
  await Promise.all(images.map((img) => img.decode().catch(() => undefined)));
  return pending.length > 0;
}

/** From `start`: the first paint, then the paint with the photos in view decoded. */
async function paintedFrom(
  start: number,
  selectors: readonly string[],
  committed = start,
): Promise<Timing> {
  const painted = await afterPaint();
  const missing = selectors.filter((s) => !document.querySelector(s));
  if (missing.length > 0) throw new Error(`nothing painted matches ${missing.join(', ')}`);
  const waited = await photosDecoded(selectors);
  const withPhotos = waited ? await afterPaint() : painted;
  return { commitMs: committed - start, paintMs: painted - start, photosMs: withPhotos - start };
}

let armed: Promise<Timing> | null = null;
let drag: { log: DragLog; stop(): void } | null = null;

const api: BenchApi = {
  async open(book, thumbnails, selectors) {
    // The photos arrive first, as from the host's import (the product choice shows none of
    // them); the timing is the designer opening the book.
    const urls: Record<string, string> = {};
    for (const [id, base64] of Object.entries(thumbnails)) {
      const jpeg = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      urls[id] = URL.createObjectURL(new Blob([jpeg], { type: 'image/jpeg' }));
    }
    useAppStore.getState().thumbnailsArrived(urls);
    const start = performance.now();
    // Synchronously, so the timing starts with React's render and not with a scheduled task.
    flushSync(() => useAppStore.setState({ ...editorFor(book), view: 'designer' }));
    return paintedFrom(start, selectors, performance.now());
  },

  armSwitch(surfaceSelector) {
    const before = document.querySelector(surfaceSelector)?.getAttribute('data-surface-id');
    armed = new Promise((resolve, reject) => {
      let start = 0;
      const onInput = () => {
        start = performance.now();
        removeEventListener('keydown', onInput, true);
        removeEventListener('pointerdown', onInput, true);
      };
      addEventListener('keydown', onInput, true);
      addEventListener('pointerdown', onInput, true);
      const unsubscribe = useAppStore.subscribe((state, previous) => {
        if (state.surfaceIndex === previous.surfaceIndex) return;
        unsubscribe();
        paintedFrom(start, [surfaceSelector]).then((timing) => {
          const now = document.querySelector(surfaceSelector)?.getAttribute('data-surface-id');
          if (now === before) reject(new Error(`the spread view still shows ${before}`));
          else resolve(timing);
        }, reject);
      });
    });
  },

  switchResult() {
    if (!armed) throw new Error('no spread switch armed');
    return armed;
  },

  idleFrames(count) {
    return new Promise((resolve) => {
      const intervals: number[] = [];
      let last = 0;
      const tick = (now: number) => {
        if (last > 0) intervals.push(now - last);
        last = now;
        if (intervals.length < count) requestAnimationFrame(tick);
        else resolve(intervals);
      };
      requestAnimationFrame(tick);
    });
  },

  startDragLog() {
    const log: DragLog = { workMs: [], latencyMs: [], intervalMs: [] };
    let handling = false;
    let running = true;
    // Capturing on the window runs before any of the app's own handlers of the move.
    const onMove = (event: PointerEvent) => {
      if (handling) return;
      handling = true;
      const start = performance.now();
      void afterPaint().then((end) => {
        log.workMs.push(end - start);
        log.latencyMs.push(end - event.timeStamp);
        handling = false;
      });
    };
    let last = 0;
    const tick = (now: number) => {
      if (!running) return;
      if (last > 0) log.intervalMs.push(now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    addEventListener('pointermove', onMove, true);
    requestAnimationFrame(tick);
    drag = {
      log,
      stop() {
        running = false;
        removeEventListener('pointermove', onMove, true);
      },
    };
  },

  stopDragLog() {
    if (!drag) throw new Error('no drag log running');
    drag.stop();
    const { log } = drag;
    drag = null;
    return log;
  },
};

Object.assign(globalThis, { [BENCH_GLOBAL]: api });
