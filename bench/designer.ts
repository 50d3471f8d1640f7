/**
 * The designer with a big book, in Debian's Chromium: a generated 200-page 30x30 book with 600
 * photos (three on every page), and beside it the same with a 24-page book (72 photos) as the
 * reference, in one run, several interleaved rounds, medians reported. Last line of stdout is one
 * JSON object with a `goals` object (see TESTING.md).
 *
 *   npm run bench:designer
 *   BENCH_DESIGNER_ROUNDS=5 BENCH_DESIGNER_SWITCHES=60 BENCH_DESIGNER_DRAG_STEPS=60 \
 *     npx tsx bench/designer.ts
 *   BENCH_DESIGNER_TRACE=/tmp/drag-trace.json npx tsx bench/designer.ts
 *
 * The last writes a performance trace of the first round in the big book (open, switches and
 * drag; open it in Chrome DevTools' Performance tab).
 * BENCH_DESIGNER_PAGES makes the big book smaller, for work on the benchmark itself, and
 * BENCH_DESIGNER_PHOTOS_DIR keeps the generated photos in a folder and reuses them next time.
 *
 * What runs: the shipped renderer code, bundled and minified as the app's build does, from its own
 * entry (bench/designer-page: the real app plus measuring hooks, built here into a temp folder, so
 * nothing of it ships), served by the real loopback host started in this process. The photos are
 * photo-like JPEGs made here and imported by the host's own import (hashes, 480 px thumbnails as
 * data URLs), so the renderer holds exactly what it holds after an import.
 *
 * What is measured, all inside the page (bench/designer-page/main.tsx):
 * - open: with the photos' thumbnails in the store (as after their import), from setting the book
 *   until the spread and the page strip are painted with the photos in view decoded (and, for
 *   information, React's commit and the first paint);
 * - spread switch: from the PageDown key event until the next spread is painted with its photos,
 *   many switches, 95th percentile;
 * - frame time while dragging: a real mouse drag of a photo frame in many small steps; for each
 *   frame that handled a move, from the move's handler until after that frame's paint (the work
 *   one drag frame costs), 95th percentile; input-to-paint latency and frame intervals beside it;
 * - JS heap: the page's used JS heap (CDP Performance.getMetrics, no forced collection: what the
 *   page holds at that moment), after opening and after the drags; the highest is the figure.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { labBuild } from '../scripts/lab-build';
import { DEFAULT_LAB } from '../services/lab/lab-folder';
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { build } from 'vite';
import catalogData from '../assets/catalog.json';
import { findProduct, parseCatalog } from '../src/catalog/catalog';
import type { Book } from '../src/model/book';
import { createHost } from '../services/host/create-host';
import { startLoopbackHost, type LoopbackHost } from '../services/loopback/server';
import { importPhotos } from '../services/photos/import';
import { generateIdentity } from '../services/age';
import { launchChromium } from '../tests/e2e/support/browser';
import { BENCH_GLOBAL, type BenchApi, type DragLog, type Timing } from './designer-page/api';
import { benchBook, writePhotos } from './designer-book';
import { emitResult, envNumber, log, median, MiB, printTable, round, type Goal } from './support';

const root = resolve(import.meta.dirname, '..');
const PRODUCT_ID = 'book-30x30-hardcover';
/** The book; smaller with BENCH_DESIGNER_PAGES while working on the benchmark itself. */
const BIG_PAGES = Math.round(envNumber('BENCH_DESIGNER_PAGES', 200));
const REF_PAGES = 24;
const PHOTOS_PER_PAGE = 3;
const VIEWPORT = { width: 1600, height: 1000 };

/** What the benchmark finds in the designer; the spread view is the open surface, large. */
const SPREAD = '.stage .surface';
const STRIP = '.strip';
const NEXT_KEY = 'PageDown';
const PREVIOUS_KEY = 'PageUp';

/** The figures of one book in one round. */
interface Figures {
  open: Timing;
  /** Frame intervals right after opening, with no input. */
  idle: number[];
  switches: Timing[];
  drag: DragLog;
  heapAfterOpenMb: number;
  heapAfterDragMb: number;
}

/** The `p`-th percentile (0-100), nearest rank: a value that was actually measured. */
function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Builds the benchmark page with the renderer's own settings into `outDir`. */
async function buildPage(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: join(root, 'bench', 'designer-page'),
    // The app's page imports the lab's name, logo and colours (Photo Dose's, the default).
    plugins: [react(), labBuild({ root, lab: DEFAULT_LAB })],
    logLevel: 'warn',
    // Minified like the app's build; BENCH_DESIGNER_MINIFY=0 keeps names readable in a trace.
    build: {
      outDir,
      emptyOutDir: true,
      minify: process.env.BENCH_DESIGNER_MINIFY !== '0',
      sourcemap: false,
    },
  });
}

async function heapMb(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  const used = metrics.find((m) => m.name === 'JSHeapUsedSize');
  if (!used) throw new Error('Chromium reported no JSHeapUsedSize');
  return used.value / MiB;
}

/** Every step in the page is bounded: a stuck step fails the run with its name. */
const STEP_TIMEOUT_MS = 60_000;

function bounded<T>(what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: no answer in ${STEP_TIMEOUT_MS} ms`)),
      STEP_TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const bench = (page: Page) =>
  ({
    /** Calls one of the page's hooks (bench/designer-page/api.ts) with JSON-able arguments. */
    call<K extends keyof BenchApi>(name: K, ...args: Parameters<BenchApi[K]>) {
      const result = page.evaluate(
        ([g, n, a]) =>
          (
            (globalThis as Record<string, unknown>)[g] as Record<
              string,
              (...x: unknown[]) => unknown
            >
          )[n]!(...a),
        [BENCH_GLOBAL, name, args] as const,
      ) as Promise<Awaited<ReturnType<BenchApi[K]>>>;
      return bounded(name, result);
    },
  }) as const;

/** Opens `book` in a fresh tab and measures it; the tab is closed afterwards. */
async function measureBook(
  context: BrowserContext,
  appUrl: string,
  book: Book,
  thumbnails: Record<string, string>,
  switchCount: number,
  dragSteps: number,
  /** Where to write a performance trace of it all (Chrome's trace format), if anywhere. */
  trace?: string,
): Promise<Figures> {
  const page = await context.newPage();
  try {
    await page.setViewportSize(VIEWPORT);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(appUrl);
    await page.waitForFunction((g) => g in globalThis, BENCH_GLOBAL);
    const measure = async (): Promise<Figures> => {
      const b = bench(page);
      const used = new Set(Object.keys(book.assets));
      const open = await b.call(
        'open',
        book,
        Object.fromEntries(Object.entries(thumbnails).filter(([id]) => used.has(id))),
        [SPREAD, STRIP],
      );
      const heapAfterOpenMb = await heapMb(cdp);
      const idle = await b.call('idleFrames', 30);

      // Forward through the book, and back when the end is near: every switch shows a new spread.
      const surfaces = book.options.pageCount / 2 + 2;
      const switches: Timing[] = [];
      let at = 1;
      let forward = true;
      for (let i = 0; i < switchCount; i++) {
        if (forward && at === surfaces - 1) forward = false;
        if (!forward && at === 1) forward = true;
        await b.call('armSwitch', SPREAD);
        await page.keyboard.press(forward ? NEXT_KEY : PREVIOUS_KEY);
        switches.push(await b.call('switchResult'));
        at += forward ? 1 : -1;
      }

      const drag = await dragFrame(page, dragSteps);
      const heapAfterDragMb = await heapMb(cdp);
      return { open, idle, switches, drag, heapAfterOpenMb, heapAfterDragMb };
    };
    return trace ? await traced(cdp, trace, measure) : await measure();
  } finally {
    await page.close();
  }
}

/** Runs `fn` while Chromium records a performance trace, and writes the trace to `file`. */
async function traced<T>(cdp: CDPSession, file: string, fn: () => Promise<T>): Promise<T> {
  const events: unknown[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: {
      includedCategories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'disabled-by-default-devtools.timeline.frame',
        'blink.user_timing',
        'v8.execute',
        'disabled-by-default-v8.cpu_profiler',
      ],
    },
  });
  const value = await fn();
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await complete;
  await writeFile(file, JSON.stringify({ traceEvents: events }));
  log(`  trace written to ${file}`);
  return value;
}

/**
 * Drags the open spread's first photo frame with the mouse: down at its centre, then round a
 * rectangle of 120 x 80 px in `steps` moves per side, and up where it began (one undo step).
 */
async function dragFrame(page: Page, steps: number): Promise<DragLog> {
  const frame = page.locator(`${SPREAD} .frame-photo`).first();
  const box = await frame.boundingBox();
  if (!box) throw new Error('no photo frame in view to drag');
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  const b = bench(page);
  await page.mouse.move(x, y);
  await b.call('startDragLog');
  await page.mouse.down();
  for (const [dx, dy] of [
    [120, 0],
    [120, 80],
    [0, 80],
    [0, 0],
  ] as const) {
    await page.mouse.move(x + dx, y + dy, { steps });
  }
  await page.mouse.up();
  return b.call('stopDragLog');
}

async function main(): Promise<void> {
  const wallStart = process.hrtime.bigint();
  const rounds = Math.round(envNumber('BENCH_DESIGNER_ROUNDS', 3));
  const switchCount = Math.round(envNumber('BENCH_DESIGNER_SWITCHES', 40));
  const dragSteps = Math.round(envNumber('BENCH_DESIGNER_DRAG_STEPS', 60));
  // A trace of the first round in the big book, to open in Chrome DevTools' Performance tab.
  const trace = process.env.BENCH_DESIGNER_TRACE || undefined;
  const dir = await mkdtemp(join(tmpdir(), 'bench-designer-'));
  let loopback: LoopbackHost | undefined;
  let context: BrowserContext | undefined;
  try {
    log(`designer bench: ${BIG_PAGES} pages against ${REF_PAGES}, ${rounds} rounds`);
    await buildPage(join(dir, 'page'));
    log('  page built');

    const host = createHost({
      version: (
        JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string }
      ).version,
      transport: 'loopback',
      // Nothing is ordered here: the lab's server address is never called.
      lab: {
        id: 'bench-lab',
        name: 'Bench Lab',
        city: 'Bremen',
        recipient: generateIdentity().recipient,
        serverUrl: 'http://127.0.0.1:9',
      },
    });
    const count = BIG_PAGES * PHOTOS_PER_PAGE;
    const paths = await writePhotos(
      process.env.BENCH_DESIGNER_PHOTOS_DIR || join(dir, 'photos'),
      count,
    );
    const imported = await importPhotos(
      paths.map((path) => ({ kind: 'path' as const, path })),
      { store: host.photos, maxBytes: host.browserFiles.limits.maxFileBytes },
    );
    if (imported.failures.length > 0) {
      throw new Error(`import refused ${imported.failures.map((f) => f.name).join(', ')}`);
    }
    const photos = imported.photos;
    const thumbnails = Object.fromEntries(
      photos.map((p) => [p.asset.id, host.photos.thumbnail(p.asset.id)!.toString('base64')]),
    );
    const thumbBytes = photos.reduce(
      (sum, p) => sum + host.photos.thumbnail(p.asset.id)!.length,
      0,
    );
    log(`  ${count} photos imported, thumbnails ${(thumbBytes / MiB).toFixed(1)} MiB of JPEG`);

    const product = findProduct(parseCatalog(catalogData), PRODUCT_ID, 'photoBook');
    const assets = photos.map((p) => p.asset);
    const big = benchBook(product, BIG_PAGES, assets);
    const ref = benchBook(product, REF_PAGES, assets.slice(0, REF_PAGES * PHOTOS_PER_PAGE));

    loopback = await startLoopbackHost({ ...host, staticDir: join(dir, 'page'), port: 0 });
    context = await launchChromium(join(dir, 'profile'));

    const sides = [
      { name: `${BIG_PAGES} pages`, book: big, figures: [] as Figures[] },
      { name: `${REF_PAGES} pages`, book: ref, figures: [] as Figures[] },
    ];
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) {
        const f = await measureBook(
          context,
          loopback.appUrl,
          side.book,
          thumbnails,
          switchCount,
          dragSteps,
          r === 0 && side.book === big ? trace : undefined,
        );
        side.figures.push(f);
        log(
          `  round ${r + 1}/${rounds} ${side.name}: open ${f.open.photosMs.toFixed(0)} ms, ` +
            `switch p95 ${percentile(
              f.switches.map((s) => s.photosMs),
              95,
            ).toFixed(1)} ms, drag frame p95 ${percentile(f.drag.workMs, 95).toFixed(1)} ms, ` +
            `heap ${Math.max(f.heapAfterOpenMb, f.heapAfterDragMb).toFixed(0)} MB`,
        );
      }
    }

    const summary = sides.map((side) => {
      const fs = side.figures;
      return {
        name: side.name,
        openMs: median(fs.map((f) => f.open.photosMs)),
        openPaintMs: median(fs.map((f) => f.open.paintMs)),
        openCommitMs: median(fs.map((f) => f.open.commitMs)),
        switchP95: median(
          fs.map((f) =>
            percentile(
              f.switches.map((s) => s.photosMs),
              95,
            ),
          ),
        ),
        switchMedian: median(fs.map((f) => median(f.switches.map((s) => s.photosMs)))),
        dragP95: median(fs.map((f) => percentile(f.drag.workMs, 95))),
        dragMedian: median(fs.map((f) => median(f.drag.workMs))),
        dragFrames: median(fs.map((f) => f.drag.workMs.length)),
        latencyP95: median(fs.map((f) => percentile(f.drag.latencyMs, 95))),
        intervalP95: median(fs.map((f) => percentile(f.drag.intervalMs, 95))),
        idleP95: median(fs.map((f) => percentile(f.idle, 95))),
        heapMb: Math.max(...fs.map((f) => Math.max(f.heapAfterOpenMb, f.heapAfterDragMb))),
        heapOpenMb: median(fs.map((f) => f.heapAfterOpenMb)),
      };
    });
    const [ours, refs] = summary as [(typeof summary)[0], (typeof summary)[0]];
    const ms = (n: number) => n.toFixed(1);
    log('');
    printTable(
      ['median of rounds', ours.name, refs.name, 'goal'],
      [
        ['open, with photos (ms)', ms(ours.openMs), ms(refs.openMs), '<= 1000'],
        ['open, first paint (ms)', ms(ours.openPaintMs), ms(refs.openPaintMs), ''],
        ['open, React commit (ms)', ms(ours.openCommitMs), ms(refs.openCommitMs), ''],
        ['spread switch p95 (ms)', ms(ours.switchP95), ms(refs.switchP95), '<= 50'],
        ['spread switch median (ms)', ms(ours.switchMedian), ms(refs.switchMedian), ''],
        ['drag frame p95 (ms)', ms(ours.dragP95), ms(refs.dragP95), '<= 16.7'],
        ['drag frame median (ms)', ms(ours.dragMedian), ms(refs.dragMedian), ''],
        ['drag frames measured', String(ours.dragFrames), String(refs.dragFrames), ''],
        ['drag input-to-paint p95 (ms)', ms(ours.latencyP95), ms(refs.latencyP95), ''],
        ['drag frame interval p95 (ms)', ms(ours.intervalP95), ms(refs.intervalP95), ''],
        ['idle frame interval p95 (ms)', ms(ours.idleP95), ms(refs.idleP95), ''],
        ['JS heap, highest (MB)', ms(ours.heapMb), ms(refs.heapMb), '<= 300'],
        ['JS heap after open (MB)', ms(ours.heapOpenMb), ms(refs.heapOpenMb), ''],
      ],
    );
    const wall = Number(process.hrtime.bigint() - wallStart) / 1e9;
    log(`MB = MiB; ${switchCount} switches and ${4 * dragSteps} drag moves per book and round`);
    log(`wall time: ${wall.toFixed(1)} s`);

    const goal = (value: number, target: number): Goal => ({
      value: round(value, 1),
      op: '<=',
      target,
      met: value <= target,
    });
    emitResult({
      bench: 'designer',
      pages: BIG_PAGES,
      photos: count,
      ref_pages: REF_PAGES,
      rounds,
      open_ms: round(ours.openMs, 1),
      ref_open_ms: round(refs.openMs, 1),
      open_first_paint_ms: round(ours.openPaintMs, 1),
      open_commit_ms: round(ours.openCommitMs, 1),
      switch_p95_ms: round(ours.switchP95, 1),
      ref_switch_p95_ms: round(refs.switchP95, 1),
      drag_frame_p95_ms: round(ours.dragP95, 1),
      ref_drag_frame_p95_ms: round(refs.dragP95, 1),
      drag_latency_p95_ms: round(ours.latencyP95, 1),
      drag_interval_p95_ms: round(ours.intervalP95, 1),
      heap_mb: round(ours.heapMb, 1),
      ref_heap_mb: round(refs.heapMb, 1),
      wall_s: round(wall, 1),
      goals: {
        open_ms: goal(ours.openMs, 1000),
        switch_p95_ms: goal(ours.switchP95, 50),
        drag_frame_p95_ms: goal(ours.dragP95, 16.7),
        heap_mb: goal(ours.heapMb, 300),
      },
    });
  } finally {
    await context?.close();
    await loopback?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
