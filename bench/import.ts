/**
 * Photo import against libvips' own thumbnailer, in one run: 200 photo-like 12-megapixel JPEGs
 * (bench/import-photos.ts, made once and cached outside the repository) imported through the
 * host, and Debian's `vipsthumbnail` making thumbnails of the same size from the same files,
 * once as one process over all files and once as two processes side by side (half the files
 * each). Several interleaved rounds, medians reported. Then the same import over the loopback
 * transport, as a browser does it, with the host in a process of its own whose peak RSS is read
 * at 50, 100 and 200 photos. Last line of stdout is one JSON object with a `goals` object (see
 * TESTING.md).
 *
 *   npm run bench:import
 *   BENCH_IMPORT_ROUNDS=5 BENCH_IMPORT_PHOTOS=200 npx tsx bench/import.ts
 *   BENCH_IMPORT_PHOTOS_DIR=/somewhere/else npx tsx bench/import.ts
 *
 * Ours, in process: the desktop app's import (createHost, transport 'electron', path sources),
 * hashing each file, reading its EXIF and making its 480 px thumbnail in memory. The time to the
 * first thumbnail is until the first `photos.imported` event. The peak RSS is this process's,
 * sampled while the import runs (the photos are made in a child process, so their making is
 * not in it). Photos per second of the references include starting vipsthumbnail and writing
 * its thumbnails to a temp folder (small files, in the page cache).
 *
 * Beside photos per second, each side's CPU time a photo (all its threads; the references' from
 * the kernel's count for finished children): on a machine other work keeps busy, photos per
 * second drift with the load from one side to the next, CPU time a photo hardly does.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, openAsBlob } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import sharp from 'sharp';
import WebSocket from 'ws';
import { createLoopbackClient } from '../renderer/host/loopback-client';
import { EVENTS_PROTOCOL } from '../services/loopback/server';
import { createHost } from '../services/host/create-host';
import { THUMBNAIL_PX } from '../services/photos/decode';
import { generateIdentity } from '../services/age';
import { photoPath, photosDir } from './import-photos';
import {
  emitResult,
  envNumber,
  log,
  median,
  MiB,
  printTable,
  round,
  sampleRss,
  timed,
  type Goal,
} from './support';

const root = resolve(import.meta.dirname, '..');
const COUNT = Math.round(envNumber('BENCH_IMPORT_PHOTOS', 200));
const ROUNDS = Math.round(envNumber('BENCH_IMPORT_ROUNDS', 3));
const VIPSTHUMBNAIL = process.env.BENCH_IMPORT_VIPSTHUMBNAIL || 'vipsthumbnail';
/** Ours writes its thumbnails at this JPEG quality (decode.ts); the reference does the same. */
const THUMBNAIL_QUALITY = 78;

const lab = {
  id: 'bench-lab',
  name: 'Bench Lab',
  city: 'Bremen',
  recipient: generateIdentity().recipient,
  serverUrl: 'http://127.0.0.1:9',
};

const importId = () => randomBytes(12).toString('base64url');

/** Runs a command to its end; rejects with its stderr when it fails. */
function run(command: string, args: string[], inherit = false): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      stdio: ['ignore', inherit ? 'inherit' : 'ignore', inherit ? 'inherit' : 'pipe'],
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.once('error', fail);
    child.once('close', (code) =>
      code === 0 ? done() : fail(new Error(`${command} exited with ${code}: ${stderr.trim()}`)),
    );
  });
}

/** The cached photos, made in a child process where missing (their making is not measured). */
async function photos(): Promise<string[]> {
  const dir = photosDir();
  const paths = Array.from({ length: COUNT }, (_, i) => photoPath(dir, i));
  if (!paths.every((p) => existsSync(p))) {
    await run(
      process.execPath,
      ['--import', 'tsx', join(root, 'bench/import-photos.ts'), dir, String(COUNT)],
      true,
    );
  }
  // Read once so every side finds them in the page cache, the first one too.
  for (const p of paths) await readFile(p);
  return paths;
}

/** One import through the host in this process: seconds, first thumbnail, peak RSS. */
async function importInProcess(paths: readonly string[]) {
  const host = createHost({ version: 'bench', transport: 'electron', lab });
  const start = process.hrtime.bigint();
  let firstMs: number | undefined;
  const stop = host.events.subscribe((name) => {
    if (name === 'photos.imported' && firstMs === undefined)
      firstMs = Number(process.hrtime.bigint() - start) / 1e6;
  });
  const cpu = process.cpuUsage();
  try {
    const { peakRss, value } = await sampleRss(() =>
      host.services['photos.import']({
        importId: importId(),
        sources: paths.map((path) => ({ kind: 'path' as const, path })),
      }),
    );
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const { user, system } = process.cpuUsage(cpu);
    if (value.photos.length !== paths.length || value.failures.length > 0) {
      throw new Error(
        `ours imported ${value.photos.length} of ${paths.length}: ${JSON.stringify(value.failures.slice(0, 3))}`,
      );
    }
    return {
      seconds,
      firstMs: firstMs ?? seconds * 1000,
      peakRss,
      cpuSeconds: (user + system) / 1e6,
    };
  } finally {
    stop();
  }
}

/**
 * CPU seconds of this process's finished children (Linux: cutime and cstime of /proc/self/stat,
 * in clock ticks of 1/100 s): what the vipsthumbnail processes used, whatever the machine's load.
 */
async function childrenCpuSeconds(): Promise<number> {
  const stat = await readFile('/proc/self/stat', 'utf8');
  // Fields after the command name, which sits in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/** vipsthumbnail over `paths` in `processes` processes side by side; checks what it made. */
async function vipsthumbnail(
  paths: readonly string[],
  processes: number,
): Promise<{ seconds: number; cpuSeconds: number }> {
  const out = await mkdtemp(join(tmpdir(), 'bench-import-vips-'));
  const cpuBefore = await childrenCpuSeconds();
  try {
    const share = Math.ceil(paths.length / processes);
    const { seconds } = await timed(() =>
      Promise.all(
        Array.from({ length: processes }, (_, i) =>
          run(VIPSTHUMBNAIL, [
            '--size',
            String(THUMBNAIL_PX),
            '-o',
            `${out}/%s.jpg[Q=${THUMBNAIL_QUALITY}]`,
            ...paths.slice(i * share, (i + 1) * share),
          ]),
        ),
      ),
    );
    const made = await readdir(out);
    if (made.length !== paths.length)
      throw new Error(`vipsthumbnail made ${made.length} of ${paths.length}`);
    const meta = await sharp(join(out, made[0]!)).metadata();
    if (Math.max(meta.width, meta.height) !== THUMBNAIL_PX) {
      throw new Error(`vipsthumbnail made ${meta.width} x ${meta.height}, not ${THUMBNAIL_PX} px`);
    }
    return { seconds, cpuSeconds: (await childrenCpuSeconds()) - cpuBefore };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** Photo counts at which the loopback host reports its peak RSS. */
const RSS_MARKS = [50, 100, 200].map((n) => Math.round((n * COUNT) / 200));

/**
 * The import as a browser makes it, against the loopback host in a child process: the page's
 * client code (renderer/host/loopback-client.ts) with file-backed Blobs for the customer's
 * `File`s, sending each photo when the host asks for it and fetching each thumbnail as its
 * `photos.imported` event arrives.
 */
async function importOverLoopback(paths: readonly string[]) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'bench/import-host.ts'), ...RSS_MARKS.map(String)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout! });
  const peakRss = new Map<number, number>();
  const ready = new Promise<{ origin: string; token: string }>((done, fail) => {
    child.once('exit', (code) => fail(new Error(`loopback host exited with ${code}`)));
    lines.on('line', (line) => {
      const said = JSON.parse(line) as {
        origin?: string;
        token?: string;
        done?: number;
        peakRssBytes?: number;
      };
      if (said.origin && said.token) done({ origin: said.origin, token: said.token });
      if (said.done !== undefined) peakRss.set(said.done, said.peakRssBytes!);
    });
  });
  try {
    const { origin, token } = await ready;
    let socket: WebSocket | undefined;
    const client = createLoopbackClient(origin, token, (deliver) => {
      socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/host/events`, [
        EVENTS_PROTOCOL,
        token,
      ]);
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { event: string; payload: unknown };
        deliver(message.event, message.payload);
      });
    });
    await new Promise((done, fail) => socket!.once('open', done).once('error', fail));
    const files = await Promise.all(
      paths.map(
        async (path) => new File([await openAsBlob(path)], basename(path), { type: 'image/jpeg' }),
      ),
    );

    const start = process.hrtime.bigint();
    const since = () => Number(process.hrtime.bigint() - start) / 1e6;
    let firstMs: number | undefined;
    const thumbnails: Promise<void>[] = [];
    const stop = client.on('photos.imported', ({ photo }) => {
      thumbnails.push(
        client.invoke('photos.thumbnail', { assetId: photo.asset.id }).then((jpeg) => {
          if (jpeg.length === 0) throw new Error('an empty thumbnail');
          firstMs ??= since();
        }),
      );
    });
    const result = await client.invoke('photos.import', {
      importId: importId(),
      sources: client.sourcesFor(files),
    });
    await Promise.all(thumbnails);
    const seconds = since() / 1000;
    stop();
    socket!.close();
    if (result.photos.length !== paths.length || result.failures.length > 0) {
      throw new Error(
        `loopback imported ${result.photos.length} of ${paths.length}: ${JSON.stringify(result.failures.slice(0, 3))}`,
      );
    }
    // The last mark is said when the last photo is done, a moment before the import answers.
    await new Promise((done) => setTimeout(done, 200));
    return {
      seconds,
      firstMs: firstMs ?? seconds * 1000,
      peakRss: RSS_MARKS.map((n) => peakRss.get(n) ?? NaN),
    };
  } finally {
    child.stdin!.end();
    await new Promise((done) => (child.exitCode === null ? child.once('exit', done) : done(null)));
  }
}

interface Side {
  name: string;
  run: () => Promise<{ seconds: number; cpuSeconds: number }>;
  perSecond: number[];
  /** CPU milliseconds a photo, all threads and processes of the side: steady under load. */
  cpuMs: number[];
}

const goal = (value: number, op: Goal['op'], target: number): Goal => ({
  value: round(value, 3),
  op,
  target,
  met: op === '>=' ? value >= target : value <= target,
});

async function main(): Promise<void> {
  const wallStart = process.hrtime.bigint();
  const paths = await photos();
  log(`import bench: ${COUNT} photos of 12 MP, ${ROUNDS} rounds, reference ${VIPSTHUMBNAIL}`);

  // Warm-up: loads sharp, exifr and the code paths; vipsthumbnail's libraries into the page cache.
  await importInProcess(paths.slice(0, 4));
  await vipsthumbnail(paths.slice(0, 2), 1);

  const firstMs: number[] = [];
  let peakRss = 0;
  const ours: Side = {
    name: 'ours',
    perSecond: [],
    cpuMs: [],
    run: async () => {
      const figures = await importInProcess(paths);
      firstMs.push(figures.firstMs);
      peakRss = Math.max(peakRss, figures.peakRss);
      return figures;
    },
  };
  const one: Side = {
    name: 'vips x1',
    perSecond: [],
    cpuMs: [],
    run: () => vipsthumbnail(paths, 1),
  };
  const two: Side = {
    name: 'vips x2',
    perSecond: [],
    cpuMs: [],
    run: () => vipsthumbnail(paths, 2),
  };
  const sides = [ours, one, two];
  for (let r = 0; r < ROUNDS; r++) {
    // Who goes first turns each round: a machine whose speed drifts favours no one.
    const order = sides.map((_, i) => sides[(i + r) % sides.length]!);
    for (const side of order) {
      const { seconds, cpuSeconds } = await side.run();
      side.perSecond.push(COUNT / seconds);
      side.cpuMs.push((cpuSeconds * 1000) / COUNT);
    }
    log(
      `  round ${r + 1}/${ROUNDS}: ${sides.map((s) => `${s.name} ${s.perSecond.at(-1)!.toFixed(1)}`).join(', ')} photos/s`,
    );
  }
  /** Per round, ours against the faster reference of that round; the median of those. */
  const ratio = median(
    ours.perSecond.map((o, i) => o / Math.max(one.perSecond[i]!, two.perSecond[i]!)),
  );
  const med = {
    ours: median(ours.perSecond),
    one: median(one.perSecond),
    two: median(two.perSecond),
  };
  const cpuMs = { ours: median(ours.cpuMs), one: median(one.cpuMs), two: median(two.cpuMs) };
  const first = median(firstMs);

  log('  over the loopback transport, host in a process of its own...');
  const loopback = await importOverLoopback(paths);
  const [rss50, rss100, rss200] = loopback.peakRss as [number, number, number];
  const growth = rss200 / rss50;
  const wall = Number(process.hrtime.bigint() - wallStart) / 1e9;

  log('');
  printTable(
    ['photos/s (median)', 'ours', 'vips x1', 'vips x2', 'ours/faster *'],
    [
      ['in process', med.ours.toFixed(1), med.one.toFixed(1), med.two.toFixed(1), ratio.toFixed(2)],
      ['CPU ms a photo', cpuMs.ours.toFixed(0), cpuMs.one.toFixed(0), cpuMs.two.toFixed(0), ''],
    ],
  );
  log('* median of per-round ratios to the faster reference of that round');
  log(
    `first thumbnail after ${first.toFixed(0)} ms; host peak RSS ${(peakRss / MiB).toFixed(0)} MiB`,
  );
  log(`wall time: ${wall.toFixed(1)} s`);

  emitResult({
    bench: 'import',
    photos: COUNT,
    megapixels: 12.2,
    rounds: ROUNDS,
    ours_per_s: round(med.ours, 2),
    ref_one_process_per_s: round(med.one, 2),
    ref_two_processes_per_s: round(med.two, 2),
    ratio: round(ratio, 3),
    ours_cpu_ms_per_photo: round(cpuMs.ours, 1),
    ref_one_process_cpu_ms_per_photo: round(cpuMs.one, 1),
    ref_two_processes_cpu_ms_per_photo: round(cpuMs.two, 1),
    first_thumbnail_ms: round(first, 0),
    peak_rss_mb: round(peakRss / MiB, 1),
    loopback_per_s: round(COUNT / loopback.seconds, 2),
    loopback_first_thumbnail_ms: round(loopback.firstMs, 0),
    loopback_peak_rss_mb_at_50: round(rss50 / MiB, 1),
    loopback_peak_rss_mb_at_100: round(rss100 / MiB, 1),
    loopback_peak_rss_mb_at_200: round(rss200 / MiB, 1),
    wall_s: round(wall, 1),
    goals: {
      ratio: goal(ratio, '>=', 1.0),
      loopback_rss_200_over_50: goal(growth, '<=', 1.25),
    },
  });
}

await main();
