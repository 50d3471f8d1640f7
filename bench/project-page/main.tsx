/**
 * The project benchmark's page: the shipped renderer, started by its own entry (the real app,
 * the real host over the loopback), plus the hooks bench/project.ts calls. Built only by the
 * benchmark, so nothing of it reaches the app customers run.
 */
import '../../renderer/main';
import { openProjectFile } from '../../renderer/project/project-actions';
import { desktopHost } from '../../renderer/project/restore-photos';
import { useAppStore } from '../../renderer/stores/app-store';
import { PROJECT_BENCH_GLOBAL, type OpenTiming, type ProjectBenchApi } from './api';

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

/** Resolves after the paint of the first frame in which `selector` matches something. */
function paintedWhenThere(selector: string): Promise<number> {
  return new Promise((resolve) => {
    const check = () => {
      if (!document.querySelector(selector)) return requestAnimationFrame(check);
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    };
    requestAnimationFrame(check);
  });
}

/** The photos the project names whose thumbnails are in the store. */
function foundCount(): number {
  const { projectPhotos, thumbnails } = useAppStore.getState();
  return projectPhotos.filter((p) => Object.hasOwn(thumbnails, p.assetId)).length;
}

/** Resolves when every photo is back (true), the app says some are missing (false), or time is up. */
function allBack(timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const settle = (value: boolean) => {
      unsubscribe();
      clearTimeout(timer);
      resolve(value);
    };
    const check = () => {
      const { projectPhotos, photoRestore } = useAppStore.getState();
      if (projectPhotos.length > 0 && foundCount() === projectPhotos.length) settle(true);
      else if (photoRestore.phase === 'missing') settle(false);
    };
    const unsubscribe = useAppStore.subscribe(check);
    const timer = setTimeout(() => settle(false), timeoutMs);
  });
}

/** Waits until the photos in `selector` are decoded. */
async function photosDecoded(selector: string): Promise<void> {
  const images = [...document.querySelectorAll<HTMLImageElement>(`${selector} img`)];
  await Promise.all(images.map((img) => img.decode().catch(() => undefined)));
}

let hostKnown = false;

const api: ProjectBenchApi = {
  ready() {
    // The project controls set the host when they mount; ask it once it answers as the desktop's.
    if (!hostKnown) void desktopHost().then((client) => (hostKnown = client !== null));
    return hostKnown;
  },

  async open(text, fileName, spreadSelector, timeoutMs) {
    const file = new File([text], fileName, { type: 'application/json' });
    const back = allBack(timeoutMs);
    const start = performance.now();
    const opening = openProjectFile(file, null);
    // A refused file shows no spread: the open's answer ends the wait then.
    const spreadAt = await Promise.race([
      paintedWhenThere(spreadSelector),
      opening.then((opened) => {
        if (!opened) throw new Error('the app refused the project file');
        return new Promise<never>(() => {});
      }),
    ]);
    const allFound = await back;
    const foundAt = performance.now();
    let shownAt: number | null = null;
    if (allFound) {
      await photosDecoded(spreadSelector);
      shownAt = await afterPaint();
    }
    const timing: OpenTiming = {
      firstSpreadMs: spreadAt - start,
      allFoundMs: allFound ? foundAt - start : null,
      allShownMs: shownAt === null ? null : shownAt - start,
      found: foundCount(),
      total: useAppStore.getState().projectPhotos.length,
      phase: useAppStore.getState().photoRestore.phase,
      startedAtEpochMs: performance.timeOrigin + start,
    };
    return timing;
  },
};

Object.assign(globalThis, { [PROJECT_BENCH_GLOBAL]: api });
