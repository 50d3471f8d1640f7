/**
 * The receiving server under load (issue 13): 200 simulated customers, each sending an order
 * (a manifest and four files of ciphertext-like bytes, 2 MB by default) with the customer's
 * own tus client (services/upload) through the round-robin proxy to receiver processes, 50 at
 * a time (BENCH_RECEIVER_CONCURRENCY=200: all at once). Runs against 1 receiver, against 3, and against 3 with one killed (SIGKILL) in the
 * middle of the run; each run stops by itself at its deadline. BENCH_RECEIVER_RUNS=store_stalled
 * adds a run against 3 whose object store stops answering writes for a while (a full Ceph
 * cluster blocks writes): memory must stay flat and every order arrive once writes go on. Then the lab's side checks what
 * arrived: every order the customer saw committed is at the lab exactly once, with its files at
 * their sizes, and the first BENCH_RECEIVER_VERIFY orders byte for byte (the integration tests
 * in tests/integration/scaled/ compare every byte; here the download would double the run).
 *
 *   npm run bench:receiver
 *   BENCH_RECEIVER_FILE_MB=5 BENCH_RECEIVER_SECONDS=300 npm run bench:receiver  (20 MB orders)
 *   BENCH_RECEIVER_CUSTOMERS=50 BENCH_RECEIVER_RUNS=one,three BENCH_RECEIVER_BACKEND=files ...
 *
 * Backends (BENCH_RECEIVER_BACKEND): `scaled`, the default, starts PostgreSQL and radosgw
 * (tests/support/scaled-engines.ts) and every run uses them, so 1 and 3 receivers compare on
 * the same engines, each run on its own database and bucket; `files` makes only the 1-receiver
 * run, on the embedded default (receivers on files share nothing).
 *
 * Figures: orders per minute (committed orders over the run's wall time), p50 and p99 of the
 * order time (create to commit, per customer), peak RSS of each receiver (VmHWM), and orders
 * lost (committed for the customer but not at the lab, or other bytes), duplicated (a customer
 * with two complete orders) and failed (the customer's client gave up with an error); orders
 * the deadline stopped are counted apart as unfinished: a figure of capacity, not of
 * correctness. On 2 cores the bench process (customers and proxy) competes with the receivers,
 * and so does anything else running: load_avg_1m in the result says how busy the machine was.
 */
import { setMaxListeners } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { deleteOrder, downloadFile, listOrders } from '../services/upload/lab-api';
import { commitOrder, createOrder } from '../services/upload/receiver-api';
import { uploadResumable } from '../services/upload/tus-client';
import { startHoldingProxy, type HoldingProxy } from '../tests/support/holding-proxy';
import { startReceiverCluster, type ReceiverCluster } from '../tests/support/receiver-cluster';
import { startEngines, startScaledCluster, type Engines } from '../tests/support/scaled-engines';
import { emitResult, envNumber, log, MiB, noise, printTable, round, type Goal } from './support';

const CUSTOMERS = envNumber('BENCH_RECEIVER_CUSTOMERS', 200);
/**
 * 0.5 MB files (2 MB orders) by default, so the three runs end within about two minutes here:
 * radosgw in memory on this shared 2-core machine took about 6 MB/s. The example,
 * 20 MB orders: BENCH_RECEIVER_FILE_MB=5 (and a longer BENCH_RECEIVER_SECONDS).
 */
const FILE_BYTES = envNumber('BENCH_RECEIVER_FILE_MB', 0.5) * 1_000_000;
const FILES = envNumber('BENCH_RECEIVER_FILES', 4);
/** Each run's deadline: orders not committed by then are stopped and counted as unfinished. */
const RUN_SECONDS = envNumber('BENCH_RECEIVER_SECONDS', 30);
/**
 * Customers sending at the same time: the next one starts as one finishes. 200 (all at once)
 * is the memory test; with fewer, orders finish through the run and their times mean something.
 * 20 by default: at radosgw's few MB/s here, 50 at once share the line so evenly that none
 * finishes within the run (0 orders/min measured), which says nothing about the receivers.
 */
const CONCURRENCY = Math.min(CUSTOMERS, envNumber('BENCH_RECEIVER_CONCURRENCY', 20));
/** Orders whose every file the lab downloads and compares; the rest by manifest and listing. */
const VERIFY_ORDERS = envNumber('BENCH_RECEIVER_VERIFY', 10);
/**
 * The 3-receiver run with a kill: the kill comes when this share of the bytes is sent, or this
 * share of the run's time has passed, whichever is first.
 */
const KILL_AT = 0.3;
const RSS_GOAL_MB = 300;
/**
 * The run with a stalling store (BENCH_RECEIVER_RUNS=...,store_stalled): writes hang from this
 * share of the run's time to that one; receivers give a write up after STORE_STALL_MS.
 */
const STALL_FROM = 0.2;
const STALL_UNTIL = 0.5;
const STORE_STALL_MS = 5000;
const CHUNK = 256 * 1024;

/** The bytes all files are cut from; each file differs in its first 16 bytes (who, which). */
const POOL = noise(FILE_BYTES, 'bench-receiver');

function fileStart(customer: number, file: number): Buffer {
  const head = Buffer.alloc(16);
  head.write(`c${customer}f${file}`.padEnd(16, '.'), 'latin1');
  return head;
}

/** File `file` of `customer`, from `offset`, in chunks. */
function fileStream(customer: number, file: number, offset: number): Readable {
  const head = fileStart(customer, file);
  return Readable.from(
    (function* () {
      for (let at = offset; at < FILE_BYTES; at += CHUNK - (at % CHUNK)) {
        const end = Math.min(FILE_BYTES, at - (at % CHUNK) + CHUNK);
        if (at < 16) yield Buffer.concat([head.subarray(at), POOL.subarray(16, end)]);
        else yield POOL.subarray(at, end);
      }
    })(),
    { objectMode: false },
  );
}

const manifestOf = (customer: number) => Buffer.from(`{"customer":${customer}}`.padEnd(2000));

interface Outcome {
  customer: number;
  orderId?: string;
  ms?: number;
  error?: string;
  /** Stopped by the run's deadline, not by an error. */
  unfinished?: boolean;
}

/** The customer's client: pauses short enough for a bench, the same order of retries. */
const RETRY_DELAYS = [0, 200, 500, 1000, 1000, 2000, 2000, 2000, 2000, 2000];

/** createOrder and commitOrder, tried again on a network error or 5xx as the order runner does. */
async function again<T>(what: () => Promise<T>, signal: AbortSignal): Promise<T> {
  let last: unknown;
  for (const delay of RETRY_DELAYS) {
    signal.throwIfAborted();
    if (delay) await new Promise((r) => setTimeout(r, delay));
    try {
      return await what();
    } catch (err) {
      last = err;
      const message = err instanceof Error ? err.message : String(err);
      if (!/network error|ECONN|socket hang up|status 5\d\d|\b50[234]\b|timeout/i.test(message)) {
        throw err;
      }
    }
  }
  throw last;
}

async function customer(
  n: number,
  url: string,
  signal: AbortSignal,
  onBytes: (bytes: number) => void,
): Promise<Outcome> {
  const started = performance.now();
  try {
    const order = await again(() => createOrder(url, { signal }), signal);
    const manifest = manifestOf(n);
    const files = [
      { name: 'manifest.json.age', size: manifest.length, open: () => Readable.from([manifest]) },
      ...Array.from({ length: FILES }, (_, f) => ({
        name: `photo-${String(f + 1).padStart(4, '0')}.jpg.age`,
        size: FILE_BYTES,
        open: (offset: number) => fileStream(n, f, offset),
      })),
    ];
    for (const file of files) {
      let reported = 0;
      await uploadResumable({
        endpoint: order.uploadUrl,
        token: order.uploadToken,
        metadata: { order: order.orderId, name: file.name },
        size: file.size,
        open: file.open,
        signal,
        retryDelaysMs: RETRY_DELAYS,
        onProgress: (sent) => {
          if (sent > reported) onBytes(sent - reported);
          reported = Math.max(reported, sent);
        },
      });
    }
    const listing = files.map(({ name, size }) => ({ name, size }));
    await again(
      () => commitOrder(url, order.orderId, order.uploadToken, listing, { signal }),
      signal,
    );
    return { customer: n, orderId: order.orderId, ms: performance.now() - started };
  } catch (err) {
    if (signal.aborted) return { customer: n, unfinished: true };
    return { customer: n, error: err instanceof Error ? err.message : String(err) };
  }
}

/** radosgw behind a proxy that holds every write while `full()` says so. */
async function stallingStore(engines: Engines, full: () => boolean): Promise<HoldingProxy> {
  const endpoint = new URL(engines.ceph.endpoint);
  return startHoldingProxy({
    target: { host: endpoint.hostname, port: Number(endpoint.port) },
    hold: (req) => full() && (req.method === 'PUT' || req.method === 'POST'),
  });
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Streams a file from the lab API and compares it with what the customer sent. */
async function sameBytes(stream: NodeJS.ReadableStream, customer: number, file: number) {
  let at = 0;
  let same = true;
  const head = fileStart(customer, file);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const expected =
      at < 16
        ? Buffer.concat([head.subarray(at), POOL.subarray(16, at + chunk.length)])
        : POOL.subarray(at, at + chunk.length);
    if (!expected.equals(chunk)) same = false;
    at += chunk.length;
  }
  return same && at === FILE_BYTES;
}

/** What the lab finds: each customer's complete orders, bytes checked; then they are deleted. */
async function labCheck(cluster: ReceiverCluster, outcomes: Outcome[]) {
  const url = cluster.proxy.url;
  const token = cluster.labToken;
  const complete = await again(() => listOrders(url, token), new AbortController().signal);
  const ordersOf = new Map<number, string[]>();
  let badBytes = 0;
  let checked = 0;
  for (const order of complete) {
    const manifest = await readAll(
      await downloadFile(url, token, order.orderId, 'manifest.json.age'),
    );
    const who = (JSON.parse(manifest.toString('utf8')) as { customer: number }).customer;
    ordersOf.set(who, [...(ordersOf.get(who) ?? []), order.orderId]);
    // Sizes are the listing's (the commit checked them); bytes for the first few orders.
    const sizes = order.files.filter((f) => f.name.startsWith('photo-')).map((f) => f.size);
    if (sizes.length !== FILES || sizes.some((size) => size !== FILE_BYTES)) badBytes++;
    for (let f = 0; f < (checked < VERIFY_ORDERS ? FILES : 0); f++) {
      const name = `photo-${String(f + 1).padStart(4, '0')}.jpg.age`;
      if (!(await sameBytes(await downloadFile(url, token, order.orderId, name), who, f))) {
        badBytes++;
        log(`order ${order.orderId} of customer ${who}: ${name} differs`);
      }
    }
    checked++;
    await deleteOrder(url, token, order.orderId);
  }
  const committed = outcomes.filter((o) => o.orderId !== undefined);
  const lost =
    committed.filter((o) => !(ordersOf.get(o.customer) ?? []).includes(o.orderId!)).length +
    badBytes;
  const duplicated = [...ordersOf.values()].reduce((sum, ids) => sum + ids.length - 1, 0);
  return { lost, duplicated, atLab: complete.length };
}

function atMost(value: number, target: number): Goal {
  return { value, op: '<=', target, met: value <= target };
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface RunResult {
  name: string;
  receivers: number;
  ordersPerMin: number;
  p50S: number;
  p99S: number;
  peakRssMb: number[];
  lost: number;
  duplicated: number;
  failed: number;
  unfinished: number;
  seconds: number;
  mbPerS: number;
}

async function run(
  name: string,
  count: number,
  engines: Engines | undefined,
  fault: 'kill' | 'stall' | undefined,
): Promise<RunResult> {
  const dir = await mkdtemp(join(tmpdir(), 'photodose-bench-receiver-'));
  const kill = fault === 'kill';
  // The store stalling: radosgw behind a proxy that, for a while, takes writes and never
  // answers them, as a full Ceph cluster does.
  let storeFull = false;
  const store =
    fault === 'stall' && engines ? await stallingStore(engines, () => storeFull) : undefined;
  // Every customer comes from 127.0.0.1: no rate limit in the way.
  const cluster = engines
    ? await startScaledCluster(engines, {
        count,
        dir,
        limits: { ordersPerHour: 100_000, orderBurst: 100_000 },
        uploads: store ? { endpoint: store.url, stallMs: STORE_STALL_MS } : undefined,
      })
    : await startReceiverCluster({
        count,
        dir,
        args: ['--orders-per-hour', '100000', '--order-burst', '100000'],
      });
  const peak = new Map<number, number>();
  const sampleRss = async () => {
    for (const r of cluster.receivers) {
      const rss = await r.peakRss();
      if (rss !== undefined) peak.set(r.index, Math.max(peak.get(r.index) ?? 0, rss));
    }
  };
  const sampler = setInterval(() => void sampleRss(), 500);
  running.add(cluster.stop);
  try {
    log(
      `${name}: ${CUSTOMERS} customers, ${CONCURRENCY} at a time, ${count} receiver(s), ${RUN_SECONDS} s at most`,
    );
    const deadline = new AbortController();
    // Every customer's requests listen to the one deadline.
    setMaxListeners(CUSTOMERS * 4, deadline.signal);
    const timer = setTimeout(() => deadline.abort(), RUN_SECONDS * 1000);
    const total = CUSTOMERS * (FILES * FILE_BYTES + 2000);
    let sent = 0;
    let killed: Promise<void> | undefined;
    const killOne = () => {
      if (!kill || killed) return;
      log(
        `${name}: SIGKILL to receiver 1 at ${Math.round((100 * sent) / total)}% of the bytes sent`,
      );
      killed = sampleRss().then(() => cluster.receivers[1]!.kill());
    };
    const killTimer = setTimeout(killOne, KILL_AT * RUN_SECONDS * 1000);
    const stallTimers = store
      ? [
          setTimeout(
            () => {
              log(`${name}: the object store stops answering writes`);
              storeFull = true;
            },
            STALL_FROM * RUN_SECONDS * 1000,
          ),
          setTimeout(
            () => {
              log(`${name}: the object store takes writes again`);
              storeFull = false;
              store.release();
            },
            STALL_UNTIL * RUN_SECONDS * 1000,
          ),
        ]
      : [];
    const onBytes = (bytes: number) => {
      sent += bytes;
      if (sent >= KILL_AT * total) killOne();
    };
    const started = performance.now();
    let done = 0;
    const progress = setInterval(() => {
      const s = (performance.now() - started) / 1000;
      log(
        `${name}: ${Math.round(s)} s, ${Math.round(sent / 1e6)} MB sent, ${done} orders committed`,
      );
    }, 5000);
    const outcomes: Outcome[] = [];
    let nextCustomer = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let n = nextCustomer++; n < CUSTOMERS; n = nextCustomer++) {
          if (deadline.signal.aborted) {
            outcomes.push({ customer: n, unfinished: true });
            continue;
          }
          const outcome = await customer(n, cluster.proxy.url, deadline.signal, onBytes);
          if (outcome.orderId) done++;
          outcomes.push(outcome);
        }
      }),
    );
    clearInterval(progress);
    clearTimeout(killTimer);
    for (const t of stallTimers) clearTimeout(t);
    const seconds = (performance.now() - started) / 1000;
    clearTimeout(timer);
    await killed;
    await sampleRss();
    const failures = outcomes.filter((o) => o.error !== undefined);
    for (const f of failures.slice(0, 5)) log(`customer ${f.customer} failed: ${f.error}`);
    if (failures.length > 0) {
      for (const r of cluster.receivers) {
        const tail = r.output().trim().split('\n').slice(-8).join('\n  ');
        log(`receiver ${r.index}, its last lines:\n  ${tail}`);
      }
    }
    const { lost, duplicated } = await labCheck(cluster, outcomes);
    const times = outcomes.flatMap((o) => (o.ms === undefined ? [] : [o.ms / 1000]));
    return {
      name,
      receivers: count,
      ordersPerMin: round((times.length / seconds) * 60, 1),
      p50S: round(percentile(times, 50), 2),
      p99S: round(percentile(times, 99), 2),
      peakRssMb: cluster.receivers.map((r) => round((peak.get(r.index) ?? 0) / MiB, 0)),
      lost,
      duplicated,
      failed: failures.length,
      unfinished: outcomes.filter((o) => o.unfinished).length,
      seconds: round(seconds, 1),
      mbPerS: round(sent / 1e6 / seconds, 1),
    };
  } finally {
    clearInterval(sampler);
    running.delete(cluster.stop);
    await cluster.stop();
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Room in Ceph's memory for a run's uploads: the lab deletes each run's orders after it. */
const MEMSTORE_BYTES = Math.max(2 * 1024 ** 3, CUSTOMERS * (FILES * FILE_BYTES + 2000) * 1.5);

/** What to stop if the bench is interrupted (Ctrl-C, timeout): receivers and engines. */
const running = new Set<() => Promise<void>>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping the receivers and engines`);
    void Promise.allSettled([...running].map((stop) => stop())).then(() => process.exit(130));
  });
}

async function main() {
  const kind = process.env['BENCH_RECEIVER_BACKEND'] ?? 'scaled';
  if (kind !== 'scaled' && kind !== 'files') {
    throw new Error(`BENCH_RECEIVER_BACKEND=${kind}: use scaled or files`);
  }
  if (kind === 'scaled') log('starting PostgreSQL and radosgw...');
  const backends =
    kind === 'scaled' ? await startEngines({ memstoreBytes: MEMSTORE_BYTES }) : undefined;
  if (backends) running.add(backends.stop);
  try {
    const runs: RunResult[] = [];
    const wanted = (process.env['BENCH_RECEIVER_RUNS'] ?? 'one,three,three_killed').split(',');
    if (wanted.includes('one')) runs.push(await run('one', 1, backends, undefined));
    if (backends) {
      if (wanted.includes('three')) runs.push(await run('three', 3, backends, undefined));
      if (wanted.includes('three_killed'))
        runs.push(await run('three_killed', 3, backends, 'kill'));
      if (wanted.includes('store_stalled')) {
        runs.push(await run('store_stalled', 3, backends, 'stall'));
      }
    } else {
      log(
        'BENCH_RECEIVER_BACKEND=files: only the 1-receiver run (receivers on files share nothing)',
      );
    }
    printTable(
      [
        'run',
        'receivers',
        'orders/min',
        'p50 s',
        'p99 s',
        'MB/s',
        'peak RSS MB',
        'lost',
        'dup',
        'failed',
        'unfinished',
      ],
      runs.map((r) => [
        r.name,
        String(r.receivers),
        String(r.ordersPerMin),
        String(r.p50S),
        String(r.p99S),
        String(r.mbPerS),
        r.peakRssMb.join('/'),
        String(r.lost),
        String(r.duplicated),
        String(r.failed),
        String(r.unfinished),
      ]),
    );
    const flat: Record<string, number | string> = {
      backend: backends ? 'postgres+radosgw' : 'files',
      customers: CUSTOMERS,
      concurrency: CONCURRENCY,
      order_mb: round((FILES * FILE_BYTES + 2000) / 1e6, 1),
      run_limit_s: RUN_SECONDS,
      // Other work on the machine during the bench: the figures are only as quiet as it was.
      load_avg_1m: round(loadavg()[0]!, 1),
    };
    for (const r of runs) {
      flat[`${r.name}_orders_per_min`] = r.ordersPerMin;
      flat[`${r.name}_p50_s`] = r.p50S;
      flat[`${r.name}_p99_s`] = r.p99S;
      flat[`${r.name}_mb_per_s`] = r.mbPerS;
      flat[`${r.name}_seconds`] = r.seconds;
      flat[`${r.name}_peak_rss_mb`] = Math.max(...r.peakRssMb);
      flat[`${r.name}_lost`] = r.lost;
      flat[`${r.name}_duplicated`] = r.duplicated;
      flat[`${r.name}_failed`] = r.failed;
      flat[`${r.name}_unfinished`] = r.unfinished;
    }
    const three = runs.find((r) => r.name === 'three');
    if (three) flat['scaling_3_over_1'] = round(three.ordersPerMin / runs[0]!.ordersPerMin, 2);
    const sum = (key: 'lost' | 'duplicated' | 'failed') => runs.reduce((s, r) => s + r[key], 0);
    emitResult({
      bench: 'receiver',
      ...flat,
      goals: {
        peak_rss_mb: atMost(Math.max(...runs.flatMap((r) => r.peakRssMb)), RSS_GOAL_MB),
        lost: atMost(sum('lost'), 0),
        duplicated: atMost(sum('duplicated'), 0),
        failed: atMost(sum('failed'), 0),
      },
    });
  } finally {
    await backends?.stop();
  }
}

await main();
