/**
 * `npm run bench:render`: the lab's renderer on a generated 100-page 30x30 cm photo book with
 * three 24-megapixel photos a page, sent as the app sends them (print-ready JPEGs). Each round
 * renders the book's PDFs (inner block and cover) in a process of its own, for its peak RSS,
 * beside the reference: the same process only copying the print-ready JPEGs into one file (the
 * bytes a PDF placing them unchanged must move at least). Medians of the rounds; JSON last. The
 * goal is pages per second of wall time; on a machine shared with other work the CPU seconds
 * (pages per CPU second) say what the renderer itself costs.
 *
 * BENCH_RENDER_PAGES (100), BENCH_RENDER_ROUNDS (3), BENCH_RENDER_DIR (inputs, kept between runs;
 * default <tmp>/photodose-bench-render).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { benchOrder } from './render-order';
import { emitResult, envNumber, log, median, printTable, round } from './support';

const run = promisify(execFile);
const pages = envNumber('BENCH_RENDER_PAGES', 100);
const rounds = envNumber('BENCH_RENDER_ROUNDS', 3);
const root = process.env['BENCH_RENDER_DIR'] || join(tmpdir(), 'photodose-bench-render');

interface Round {
  seconds: number;
  /** CPU seconds the round's process spent rendering (user and system): steadier on a busy machine. */
  cpuSeconds: number;
  pages: number;
  bytes: number;
  maxRssMb: number;
}

async function round1(dir: string, reference: boolean): Promise<Round> {
  const out = await mkdtemp(join(tmpdir(), 'photodose-bench-render-out-'));
  try {
    const script = resolve(import.meta.dirname, 'render-run.ts');
    const args = ['--import', 'tsx', script, dir, out, ...(reference ? ['--reference'] : [])];
    const { stdout } = await run(process.execPath, args, { maxBuffer: 1 << 20 });
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as Round;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

log(`bench:render: ${pages} pages, 3 photos of 24 MP a page, inputs in ${root}`);
const order = await benchOrder(root, pages);
log(`${order.files.length} print-ready images, ${round(order.imageBytes / 2 ** 20, 1)} MiB`);
const ours: Round[] = [];
const refs: Round[] = [];
for (let i = 0; i < rounds; i++) {
  refs.push(await round1(order.dir, true));
  ours.push(await round1(order.dir, false));
  log(
    `round ${i + 1}: ours ${round(ours.at(-1)!.seconds)} s, ${round(ours.at(-1)!.maxRssMb)} MB; ` +
      `reference ${round(refs.at(-1)!.seconds)} s; CPU ours ${round(ours.at(-1)!.cpuSeconds)} s`,
  );
}
const seconds = median(ours.map((r) => r.seconds));
const refSeconds = median(refs.map((r) => r.seconds));
const pagesPerS = pages / seconds;
const cpuSeconds = median(ours.map((r) => r.cpuSeconds));
const peakRssMb = Math.max(...ours.map((r) => r.maxRssMb));
printTable(
  ['', 'seconds', 'pages/s', 'MiB written', 'peak RSS MB'],
  [['ours', ours, seconds] as const, ['reference (copy)', refs, refSeconds] as const].map(
    ([name, list, s]) => [
      name,
      round(s).toString(),
      round(pages / s, 1).toString(),
      round(list[0]!.bytes / 2 ** 20, 1).toString(),
      round(Math.max(...list.map((r) => r.maxRssMb))).toString(),
    ],
  ),
);
emitResult({
  bench: 'render',
  pages,
  photos: order.files.length,
  image_mib: round(order.imageBytes / 2 ** 20, 1),
  pdf_mib: round(ours[0]!.bytes / 2 ** 20, 1),
  seconds: round(seconds),
  ref_seconds: round(refSeconds),
  ratio_to_copy: round(refSeconds / seconds),
  pages_per_s: round(pagesPerS, 1),
  cpu_seconds: round(cpuSeconds),
  pages_per_cpu_s: round(pages / cpuSeconds, 1),
  ref_cpu_seconds: round(median(refs.map((r) => r.cpuSeconds))),
  peak_rss_mb: round(peakRssMb),
  ref_peak_rss_mb: round(Math.max(...refs.map((r) => r.maxRssMb))),
  goals: {
    pages_per_s: { value: round(pagesPerS, 1), op: '>=', target: 10, met: pagesPerS >= 10 },
    peak_rss_mb: { value: round(peakRssMb), op: '<=', target: 500, met: peakRssMb <= 500 },
  },
});
