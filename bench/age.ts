/**
 * age v1 throughput, ours (services/age) against the reference `age` CLI, in
 * one run: encrypt and decrypt, several interleaved rounds, medians reported,
 * plus the peak RSS of this process to show our streams run in constant
 * memory. Last line of stdout is one JSON object (see TESTING.md).
 *
 *   npx tsx bench/age.ts
 *   BENCH_AGE_MB=512 BENCH_AGE_ROUNDS=5 BENCH_AGE_BIN=/usr/bin/age npx tsx bench/age.ts
 *
 * Sizes and rates are in MiB (the JSON's `mb` is MiB). Throughput is plaintext
 * MiB per second in both directions. Plaintext is generated on the fly
 * (deterministic noise, never written to disk) and fed to ours through a
 * Readable and to `age` through its stdin; outputs are counted and dropped.
 * The ciphertext for the decrypt rounds is made once by ours and held in
 * memory, so both sides decrypt the same bytes. The reference figures include
 * spawning `age` (a few ms).
 *
 * Each round runs ours and `age` back to back (alternating who goes first);
 * the ratios are the median of the per-round ours/age ratios, which holds up
 * better than a ratio of medians when the machine's speed drifts mid-run.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createAgeEncryptor, createDecryptStream, generateIdentity } from '../services/age';
import {
  collectingSink,
  countingSink,
  deterministicBytes,
  emitResult,
  envNumber,
  log,
  maxRss,
  median,
  MiB,
  printTable,
  replay,
  round,
  sampleRss,
  timed,
} from './support';

const AGE = process.env.BENCH_AGE_BIN || 'age';
const SEED = 'bench-age';
/** Size of the correctness check and warm-up, run before the timed rounds. */
const CHECK_BYTES = 8 * MiB + 12345;

/** Runs `age args`, streaming `input` into its stdin and its stdout into `output`. */
async function runAge(args: string[], input: Readable, output: Writable): Promise<void> {
  const child = spawn(AGE, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => {
    stderr += s;
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  // If age dies, feeding it fails with EPIPE: report age's own error instead.
  const fed = pipeline(input, child.stdin).then(
    () => null,
    (e: unknown) => e,
  );
  const drained = pipeline(child.stdout, output).then(
    () => null,
    (e: unknown) => e,
  );
  const code = await exited;
  const problem = (await fed) ?? (await drained);
  if (code !== 0) throw new Error(`${AGE} ${args.join(' ')} exited with ${code}: ${stderr.trim()}`);
  if (problem) throw problem;
}

function sha256(blocks: readonly Buffer[]): string {
  const h = createHash('sha256');
  for (const b of blocks) h.update(b);
  return h.digest('hex');
}

/** Both directions of interop on a small input; doubles as JIT warm-up. */
async function checkInterop(identity: string, recipient: string, keyFile: string): Promise<void> {
  const plain = collectingSink();
  await pipeline(deterministicBytes(CHECK_BYTES, SEED), plain);
  const want = sha256(plain.blocks);

  const oursCipher = collectingSink();
  await pipeline(
    replay(plain.blocks),
    createAgeEncryptor([recipient]).encryptStream(CHECK_BYTES),
    oursCipher,
  );
  const refPlain = collectingSink();
  await runAge(['-d', '-i', keyFile], replay(oursCipher.blocks), refPlain);

  const refCipher = collectingSink();
  await runAge(['-r', recipient], replay(plain.blocks), refCipher);
  const oursPlain = collectingSink();
  await pipeline(replay(refCipher.blocks), createDecryptStream([identity]), oursPlain);

  if (sha256(refPlain.blocks) !== want) throw new Error('age -d did not recover our ciphertext');
  if (sha256(oursPlain.blocks) !== want) throw new Error('we did not recover age ciphertext');
}

function expectBytes(what: string, got: number, want: number): void {
  if (got !== want) throw new Error(`${what}: ${got} bytes out, expected ${want}`);
}

/** MiB/s of `bytes` plaintext in `seconds`. */
const rate = (bytes: number, seconds: number): number => bytes / MiB / seconds;

interface Side {
  name: string;
  run: () => Promise<void>;
  rates: number[];
}

/** Runs each side once per round, alternating which goes first. */
async function rounds(label: string, n: number, bytes: number, sides: Side[]): Promise<void> {
  for (let r = 0; r < n; r++) {
    const order = r % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) {
      const { seconds } = await timed(side.run);
      side.rates.push(rate(bytes, seconds));
    }
    const summary = sides.map((s) => `${s.name} ${s.rates.at(-1)!.toFixed(0)}`).join(', ');
    log(`  ${label} round ${r + 1}/${n}: ${summary} MiB/s`);
  }
}

async function main(): Promise<void> {
  const wallStart = process.hrtime.bigint();
  const mb = envNumber('BENCH_AGE_MB', 512);
  const n = Math.round(envNumber('BENCH_AGE_ROUNDS', 5));
  const bytes = Math.round(mb * MiB);
  const { identity, recipient } = generateIdentity();
  const dir = await mkdtemp(join(tmpdir(), 'bench-age-'));
  const keyFile = join(dir, 'key.txt');

  try {
    await writeFile(keyFile, `# public key: ${recipient}\n${identity}\n`, { mode: 0o600 });
    log(`age bench: ${mb} MiB plaintext, ${n} rounds, reference ${AGE}`);
    await checkInterop(identity, recipient, keyFile);
    log('  interop check passed (ours -> age -d, age -> ours)');

    // Cost of making the input alone; it is part of every encrypt figure.
    const source: number[] = [];
    for (let r = 0; r < n; r++) {
      const sink = countingSink();
      const { seconds } = await timed(() => pipeline(deterministicBytes(bytes, SEED), sink));
      source.push(rate(bytes, seconds));
    }

    let encryptRss = 0;
    const oursEnc: Side = {
      name: 'ours',
      rates: [],
      run: async () => {
        const enc = createAgeEncryptor([recipient]);
        const sink = countingSink();
        const { peakRss } = await sampleRss(() =>
          pipeline(deterministicBytes(bytes, SEED), enc.encryptStream(bytes), sink),
        );
        encryptRss = Math.max(encryptRss, peakRss);
        expectBytes('ours encrypt', sink.bytes, enc.encryptedLength(bytes));
      },
    };
    const refEnc: Side = {
      name: 'age',
      rates: [],
      run: async () => {
        const sink = countingSink();
        await runAge(['-r', recipient], deterministicBytes(bytes, SEED), sink);
        // Same payload as ours; only the header's length may differ.
        const payload = createAgeEncryptor([recipient]).encryptedLength(bytes);
        if (Math.abs(sink.bytes - payload) > 512) expectBytes('age -r', sink.bytes, payload);
      },
    };
    await rounds('encrypt', n, bytes, [oursEnc, refEnc]);
    // The process high-water mark so far: streaming only, nothing held yet.
    const peakRss = maxRss();

    const cipher = collectingSink();
    await pipeline(
      deterministicBytes(bytes, SEED),
      createAgeEncryptor([recipient]).encryptStream(bytes),
      cipher,
    );

    let decryptGrowth = 0;
    const oursDec: Side = {
      name: 'ours',
      rates: [],
      run: async () => {
        const before = process.memoryUsage.rss();
        const sink = countingSink();
        const { peakRss: peak } = await sampleRss(() =>
          pipeline(replay(cipher.blocks), createDecryptStream([identity]), sink),
        );
        decryptGrowth = Math.max(decryptGrowth, peak - before);
        expectBytes('ours decrypt', sink.bytes, bytes);
      },
    };
    const refDec: Side = {
      name: 'age',
      rates: [],
      run: async () => {
        const sink = countingSink();
        await runAge(['-d', '-i', keyFile], replay(cipher.blocks), sink);
        expectBytes('age -d', sink.bytes, bytes);
      },
    };
    await rounds('decrypt', n, bytes, [oursDec, refDec]);

    const med = {
      oursEnc: median(oursEnc.rates),
      refEnc: median(refEnc.rates),
      oursDec: median(oursDec.rates),
      refDec: median(refDec.rates),
      source: median(source),
    };
    /** Median over rounds of ours/age, each pair measured back to back. */
    const pairedRatio = (ours: Side, ref: Side): number =>
      median(ours.rates.map((r, i) => r / ref.rates[i]!));
    const encRatio = pairedRatio(oursEnc, refEnc);
    const decRatio = pairedRatio(oursDec, refDec);
    const span = (xs: number[]): string =>
      `${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)}`;
    const wall = Number(process.hrtime.bigint() - wallStart) / 1e9;

    log('');
    printTable(
      ['MiB/s (median)', 'ours', 'ours range', 'age', 'age range', 'ours/age *'],
      [
        [
          'encrypt',
          med.oursEnc.toFixed(0),
          span(oursEnc.rates),
          med.refEnc.toFixed(0),
          span(refEnc.rates),
          encRatio.toFixed(2),
        ],
        [
          'decrypt',
          med.oursDec.toFixed(0),
          span(oursDec.rates),
          med.refDec.toFixed(0),
          span(refDec.rates),
          decRatio.toFixed(2),
        ],
      ],
    );
    log('* median of per-round ratios (each round runs both back to back)');
    log(`input generator alone (no copy): ${med.source.toFixed(0)} MiB/s`);
    log(
      `peak RSS, encrypt phase (maxRSS):  ${(peakRss / MiB).toFixed(0)} MiB (incl. 32 MiB input pool)`,
    );
    log(`peak RSS, ours encrypt (sampled):  ${(encryptRss / MiB).toFixed(0)} MiB`);
    log(`RSS growth during ours decrypt:    ${(decryptGrowth / MiB).toFixed(0)} MiB`);
    log(`maxRSS incl. held ciphertext:      ${(maxRss() / MiB).toFixed(0)} MiB`);
    log(`wall time:                         ${wall.toFixed(1)} s`);

    emitResult({
      bench: 'age',
      mb,
      rounds: n,
      ours_encrypt_mb_s: round(med.oursEnc, 1),
      ref_encrypt_mb_s: round(med.refEnc, 1),
      encrypt_ratio: round(encRatio, 3),
      ours_decrypt_mb_s: round(med.oursDec, 1),
      ref_decrypt_mb_s: round(med.refDec, 1),
      decrypt_ratio: round(decRatio, 3),
      peak_rss_mb: round(peakRss / MiB, 1),
      decrypt_rss_growth_mb: round(decryptGrowth / MiB, 1),
      source_mb_s: round(med.source, 1),
      wall_s: round(wall, 1),
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
