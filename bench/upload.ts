/**
 * An order end to end over loopback (issue 9, "Speed, measured fairly"):
 * the host imports photo files by path and sends them as an order of
 * originals (read, age-encrypt, tus upload, commit; each photo is hashed
 * once, at import) to the project's receiving server, against `curl`
 * sending the same number of already encrypted bytes to the same server in
 * one tus PATCH, several interleaved rounds in one run, medians reported.
 * Then one order of the larger size (ours only), for the client's peak RSS at
 * both sizes: memory must not grow with the order. Last line of stdout is one
 * JSON object (see TESTING.md).
 *
 *   npm run bench:upload
 *   BENCH_UPLOAD_MB=256 BENCH_UPLOAD_BIG_MB=1024 BENCH_UPLOAD_ROUNDS=2 npm run bench:upload
 *   BENCH_UPLOAD_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' npm run bench:upload
 *
 * The receiver (`photodose receiver`) and the client (bench/upload-client.ts,
 * bundled into plain JavaScript first, as the app runs its host) each run as
 * a process of their own; the client's time runs from submit to
 * the committed order (its start-up and the import are not counted), curl's
 * is its whole process. The photos are JPEGs of about 12 MiB (a real image,
 * then deterministic noise after its end, each file different), written to
 * a temporary folder that is deleted at the end, as is the receiver's data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir, mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import sharp from 'sharp';
import { createAgeEncryptor } from '../services/age';
import { FileReader } from '../services/streams/file-reader';
import { createOrder } from '../services/upload/receiver-api';
import { emitResult, envNumber, log, median, MiB, noise, printTable, round } from './support';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
/** The client bundled as the app ships its main process: inside the repository, so its packages resolve. */
const CLIENT = join(ROOT, 'node_modules', '.cache', 'photodose-bench-upload', 'client.mjs');
const PHOTO_BYTES = 12 * MiB;
const mb = (kb: number) => (kb / 1024).toFixed(0);

interface ClientReport {
  seconds: number;
  sentBytes: number;
  photos: number;
  maxRssKb: number;
  rssBeforeKb: number;
  sendingPeakRssKb: number;
  cpuS: number;
}

/** Runs a command to its end; its stdout, or an error with its stderr. */
function run(cmd: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${cmd} ${args.slice(0, 3).join(' ')}... exited ${code}: ${err}`)),
    );
  });
}

/** Photo-like files: a real JPEG, then noise up to the size (decoders stop at the image's end). */
async function makePhotos(dir: string, totalBytes: number): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const count = Math.max(1, Math.round(totalBytes / PHOTO_BYTES));
  const width = 1200;
  const height = 800;
  const image = await sharp(noise(width * height * 3, 'bench-upload-image'), {
    raw: { width, height, channels: 3 },
  })
    .jpeg({ quality: 90 })
    .toBuffer();
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const size = Math.floor(totalBytes / count) + (i < totalBytes % count ? 1 : 0);
    const file = join(dir, `IMG_${String(i + 1).padStart(4, '0')}.jpg`);
    await writeFile(file, Buffer.concat([image, noise(size - image.length, `photo-${i}`)]));
    files.push(file);
  }
  return files;
}

/** The same photos encrypted as the order encrypts them, one after the other in one file. */
async function encryptAll(files: readonly string[], recipient: string, out: string) {
  const sink = await open(out, 'w');
  try {
    for (const file of files) {
      const { size } = await stat(file);
      const encrypt = createAgeEncryptor([recipient]).encryptStream(size);
      await pipeline(new FileReader(file), encrypt, async (sealed: AsyncIterable<Buffer>) => {
        for await (const part of sealed) await sink.write(part);
      });
    }
  } finally {
    await sink.close();
  }
  return (await stat(out)).size;
}

/**
 * glibc's allocator settings for the receivers of both sides, as the README advises for a
 * receiver in production: keep up to 64 MiB of freed memory (16 MiB more when growing) rather
 * than hand it back to the system at once. Each 64 KiB the receiver reads from a socket lives
 * until a collection; freed and handed back, the next ones took fresh pages, which cost more
 * on this VM than the bytes put in them. Some runs faulted 208,000 pages for an order of 1 GiB
 * (16.6 s of the receiver's CPU), the others 39,000 to 43,000 (4.8 to 5.3 s); with these
 * settings every run 30,000 to 35,000. GLIBC_TUNABLES in the environment replaces them.
 */
const RECEIVER_MALLOC = 'glibc.malloc.trim_threshold=67108864:glibc.malloc.top_pad=16777216';

/** `photodose receiver` on a free port, with room for the bench's orders. */
async function startReceiver(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const nodeArgs = (process.env['BENCH_UPLOAD_RECEIVER_NODE_ARGS'] ?? '')
    .split(/\s+/)
    .filter(Boolean);
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      join(ROOT, 'bin', 'photodose.js'),
      'receiver',
      '--port',
      '0',
      '--data',
      dataDir,
      '--max-file-size',
      '8G',
      '--max-order-size',
      '64G',
      '--disk-reserve',
      '1M',
      '--orders-per-hour',
      '10000',
      '--order-burst',
      '1000',
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, GLIBC_TUNABLES: process.env['GLIBC_TUNABLES'] ?? RECEIVER_MALLOC },
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      const m = /Receiver running at (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the receiver exited (${code}): ${out}`)));
  });
  child.stdout!.resume();
  return { url, child };
}

/** Where the receivers keep their data: BENCH_UPLOAD_DATA_DIR, else memory, else the temp folder. */
function receiverDataParent(): string {
  const named = process.env['BENCH_UPLOAD_DATA_DIR'];
  if (named) return named;
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

/** User and system CPU seconds a process has used so far (Linux: /proc/PID/stat, 100 ticks a second). */
async function cpuSecondsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function stopReceiver(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/**
 * bench/upload-client.ts as one plain JavaScript file, packages left to node_modules: the app
 * runs its host from a bundle too (electron-vite), never through a TypeScript loader, whose
 * compiler would count in the client's peak RSS (about 40 MB here).
 */
async function bundleClient(): Promise<void> {
  await build({
    entryPoints: [join(ROOT, 'bench', 'upload-client.ts')],
    outfile: CLIENT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
}

async function oursOnce(url: string, recipient: string, files: readonly string[]) {
  // BENCH_UPLOAD_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof': a profile of each client run.
  const nodeArgs = (process.env['BENCH_UPLOAD_NODE_ARGS'] ?? '').split(/\s+/).filter(Boolean);
  const out = await run(process.execPath, [...nodeArgs, CLIENT, url, recipient, ...files]);
  const line = out.trim().split('\n').at(-1)!;
  return JSON.parse(line) as ClientReport;
}

/** curl sends `file` as one tus upload of an order of its own, in one PATCH; seconds of curl. */
async function curlOnce(url: string, file: string, size: number): Promise<number> {
  const order = await createOrder(url);
  const created = await fetch(order.uploadUrl, {
    method: 'POST',
    headers: {
      'Tus-Resumable': '1.0.0',
      Authorization: `Bearer ${order.uploadToken}`,
      'Upload-Length': String(size),
      'Upload-Metadata': `order ${Buffer.from(order.orderId).toString('base64')},name ${Buffer.from('all.age').toString('base64')}`,
    },
  });
  const location = created.headers.get('location');
  if (created.status !== 201 || !location) {
    throw new Error(`creating curl's upload: HTTP ${created.status} ${await created.text()}`);
  }
  const start = process.hrtime.bigint();
  const status = await run('curl', [
    '-sS',
    '-o',
    '/dev/null',
    '-w',
    '%{http_code}',
    '-X',
    'PATCH',
    '-T',
    file,
    '-H',
    'Expect:',
    '-H',
    'Tus-Resumable: 1.0.0',
    '-H',
    `Authorization: Bearer ${order.uploadToken}`,
    '-H',
    'Content-Type: application/offset+octet-stream',
    '-H',
    'Upload-Offset: 0',
    new URL(location, order.uploadUrl).href,
  ]);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (status.trim() !== '204') throw new Error(`curl's PATCH answered HTTP ${status}`);
  return seconds;
}

async function main(): Promise<void> {
  const wallStart = process.hrtime.bigint();
  const mib = envNumber('BENCH_UPLOAD_MB', 1024);
  const bigMib = envNumber('BENCH_UPLOAD_BIG_MB', 4096);
  const n = Math.round(envNumber('BENCH_UPLOAD_ROUNDS', 3));
  const work = await mkdtemp(join(tmpdir(), 'bench-upload-'));
  let receiver: ChildProcess | undefined;
  let dataRoot: string | undefined;
  try {
    log(`upload bench: ${mib} MiB order x ${n} rounds against curl, then ${bigMib} MiB (ours)`);
    await bundleClient();
    const keyFile = join(work, 'lab-key.txt');
    await run('age-keygen', ['-o', keyFile]);
    const recipient = (await run('age-keygen', ['-y', keyFile])).trim();
    const photos = await makePhotos(join(work, 'photos'), Math.round(mib * MiB));
    const cipherFile = join(work, 'all.age');
    const cipherBytes = await encryptAll(photos, recipient, cipherFile);
    log(
      `  ${photos.length} photos; curl sends ${(cipherBytes / MiB).toFixed(0)} MiB of ciphertext`,
    );
    // Written back before the rounds: the inputs' unwritten gigabytes would have the kernel
    // hold back the receiver's writes in the first runs (see onFreshReceiver).
    await run('sync', []);

    /**
     * Each side's run gets a receiver of its own on an empty data folder, deleted after it: on
     * this VM the disk writes back at about 80 MB/s, and the gigabytes earlier runs left unwritten
     * made the kernel hold the receiver's writes back (dirty pages at the background limit all
     * run long), which measured the disk's backlog rather than the client. A deleted file's
     * unwritten pages are dropped.
     * The folder is in memory (/dev/shm) where there is one, unless BENCH_UPLOAD_DATA_DIR names
     * another: then neither side's time holds this VM's disk, only the client and the receiver.
     * Even so the receiver's CPU for our order swings from run to run (3.2 to 14 s a GiB, curl's
     * 2.9 to 5.4): a slow run's profile shows seven times the time of a fast one in the web
     * stream adapter @tus/server reads bodies through and eight times the garbage collection,
     * with the same 64 KiB reads. Both processes share two cores here, so a receiver that falls
     * behind slows the client that feeds it.
     */
    const root = await mkdtemp(join(receiverDataParent(), 'bench-upload-receiver-'));
    dataRoot = root;
    log(`  each receiver keeps its data in ${root}`);
    const onFreshReceiver = async <T>(name: string, side: (url: string) => Promise<T>) => {
      const dataDir = join(root, name);
      const started = await startReceiver(dataDir);
      receiver = started.child;
      try {
        const cpuBefore = await cpuSecondsOf(started.child.pid!);
        const result = await side(started.url);
        receiverCpu.set(result, (await cpuSecondsOf(started.child.pid!)) - cpuBefore);
        return result;
      } finally {
        await stopReceiver(started.child);
        receiver = undefined;
        await rm(dataDir, { recursive: true, force: true });
      }
    };
    /** The receiver's CPU seconds during each side's run, by that run's result. */
    const receiverCpu = new Map<unknown, number>();
    const ours: ClientReport[] = [];
    const curl: { seconds: number }[] = [];
    for (let r = 0; r < n; r++) {
      const sides = [
        async () =>
          void ours.push(
            await onFreshReceiver('provider', (url) => oursOnce(url, recipient, photos)),
          ),
        async () =>
          void curl.push(
            await onFreshReceiver('provider', async (url) => ({
              seconds: await curlOnce(url, cipherFile, cipherBytes),
            })),
          ),
      ];
      for (const side of r % 2 === 0 ? sides : sides.reverse()) await side();
      const o = ours.at(-1)!;
      log(
        `  round ${r + 1}/${n}: ours ${o.seconds.toFixed(2)} s (cpu ${o.cpuS.toFixed(2)} s, ` +
          `RSS ${mb(o.rssBeforeKb)} MiB before, ${mb(o.sendingPeakRssKb)} sending, ` +
          `${mb(o.maxRssKb)} peak; receiver cpu ${receiverCpu.get(o)!.toFixed(2)} s), ` +
          `curl ${curl.at(-1)!.seconds.toFixed(2)} s (receiver cpu ` +
          `${receiverCpu.get(curl.at(-1))!.toFixed(2)} s)`,
      );
    }
    if (ours.some((o) => Math.abs(o.sentBytes - cipherBytes) > 1024 * 1024)) {
      throw new Error(`our order sent ${ours[0]!.sentBytes} bytes, curl ${cipherBytes}`);
    }
    await rm(join(work, 'photos'), { recursive: true, force: true });
    await rm(cipherFile, { force: true });

    // The larger order: ours only, for the peak RSS at that size.
    const bigPhotos = await makePhotos(join(work, 'photos-big'), Math.round(bigMib * MiB));
    // A customer's photos were not written in the last seconds: files changed within 3 s are
    // hashed again as they upload (services/photos/file-stamp.ts), as the last few made here were.
    await new Promise((resolve) => setTimeout(resolve, 3200));
    const bigRun = await onFreshReceiver('provider-big', (url) =>
      oursOnce(url, recipient, bigPhotos),
    );
    log(
      `  ${bigMib} MiB: ours ${bigRun.seconds.toFixed(2)} s, ${bigPhotos.length} photos, ` +
        `RSS ${mb(bigRun.rssBeforeKb)} MiB before, ${mb(bigRun.sendingPeakRssKb)} sending, ` +
        `${mb(bigRun.maxRssKb)} peak`,
    );

    const oursS = median(ours.map((o) => o.seconds));
    const curlS = median(curl.map((c) => c.seconds));
    const ratios = ours.map((o, i) => o.seconds / curl[i]!.seconds);
    const ratio = median(ratios);
    const rssMb = Math.max(...ours.map((o) => o.maxRssKb)) / 1024;
    const bigRssMb = bigRun.maxRssKb / 1024;
    const rssGrowth = Math.abs(bigRssMb - rssMb) / rssMb;
    const wall = Number(process.hrtime.bigint() - wallStart) / 1e9;

    log('');
    printTable(
      ['median', 'ours s', 'curl s', 'ratio *', 'ours MiB/s', 'curl MiB/s', 'ours cpu s'],
      [
        [
          `${mib} MiB`,
          oursS.toFixed(2),
          curlS.toFixed(2),
          ratio.toFixed(2),
          (cipherBytes / MiB / oursS).toFixed(0),
          (cipherBytes / MiB / curlS).toFixed(0),
          median(ours.map((o) => o.cpuS)).toFixed(2),
        ],
      ],
    );
    log('* median of per-round ratios, ours over curl (below 1: ours is faster)');
    log(
      `client peak RSS: ${rssMb.toFixed(0)} MiB at ${mib} MiB, ${bigRssMb.toFixed(0)} MiB at ` +
        `${bigMib} MiB; wall time ${wall.toFixed(0)} s`,
    );
    emitResult({
      bench: 'upload',
      mb: mib,
      big_mb: bigMib,
      rounds: n,
      photos: photos.length,
      cipher_bytes: cipherBytes,
      receiver_data_dir: dataRoot,
      ours_s: round(oursS, 2),
      curl_s: round(curlS, 2),
      ratio: round(ratio, 3),
      ours_cpu_s: round(median(ours.map((o) => o.cpuS)), 2),
      // The receiver's CPU while each side sent: on two cores it competes with the client.
      receiver_cpu_s_ours: round(median(ours.map((o) => receiverCpu.get(o)!)), 2),
      receiver_cpu_s_curl: round(median(curl.map((c) => receiverCpu.get(c)!)), 2),
      big_ours_s: round(bigRun.seconds, 2),
      client_peak_rss_mb: round(rssMb, 1),
      client_peak_rss_big_mb: round(bigRssMb, 1),
      client_sending_rss_mb: round(Math.max(...ours.map((o) => o.sendingPeakRssKb)) / 1024, 1),
      client_sending_rss_big_mb: round(bigRun.sendingPeakRssKb / 1024, 1),
      wall_s: round(wall, 0),
      goals: {
        ratio: { value: round(ratio, 3), op: '<=', target: 1.3, met: ratio <= 1.3 },
        rss_growth: {
          value: round(rssGrowth, 3),
          op: '<=',
          target: 0.1,
          met: rssGrowth <= 0.1,
        },
        client_peak_rss_mb: {
          value: round(Math.max(rssMb, bigRssMb), 1),
          op: '<=',
          target: 250,
          met: Math.max(rssMb, bigRssMb) <= 250,
        },
      },
    });
  } finally {
    if (receiver) await stopReceiver(receiver);
    await rm(work, { recursive: true, force: true });
    if (dataRoot) await rm(dataRoot, { recursive: true, force: true });
  }
}

await main();
