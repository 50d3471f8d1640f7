/**
 * age encryption and decryption, ours (services/age) against Debian's `age`
 * tool, measured the same way on both sides (issue 9, "Speed, measured
 * fairly"): whole processes, each given the path of a file on disk and
 * writing to /dev/null, several interleaved rounds in one run, medians
 * reported. Last line of stdout is one JSON object (see TESTING.md).
 *
 *   npm run bench:crypto
 *   BENCH_CRYPTO_MB=256 BENCH_CRYPTO_ROUNDS=3 BENCH_CRYPTO_DIR=/tmp/c npm run bench:crypto
 *   BENCH_CRYPTO_AGE_SRC=/tmp/old/services/age npm run bench:crypto   # ours from other sources
 *
 * Ours runs as bench/crypto-cli.ts, transpiled to plain JavaScript before the
 * rounds (into node_modules/.cache), so Node starts it as `age` is started: no
 * TypeScript loader in the measured time. What tsx would add is measured
 * apart (`tsx_startup_ms`), as is each side's start-up on an empty file.
 *
 * The plaintext (deterministic noise, BENCH_CRYPTO_MB MiB) is written once
 * into BENCH_CRYPTO_DIR or the system's temp folder and kept for later runs.
 * Before the timed rounds, both directions are checked in full: our file
 * opens with `age -d`, `age`'s opens with ours, each output's SHA-256 equal to
 * the plaintext's; these runs also warm the page cache for both sides. Both
 * sides decrypt the same file (ours).
 *
 * Throughput is plaintext MiB per second of wall time, start-up included.
 * Each round runs ours and `age` back to back (alternating who goes first);
 * the ratios are medians of the per-round ours/age ratios, which hold up
 * when the machine's load drifts. CPU seconds (user + system, all threads,
 * from bash's `times`) are reported too: on a shared machine they are the
 * steadier figure. Our peak RSS is the process's own maxRSS.
 */
import { spawn } from 'node:child_process';
import { createCipheriv, createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import {
  mkdir,
  mkdtemp,
  open,
  readFile,
  readdir,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { createAgeEncryptor } from '../services/age';
import { emitResult, envNumber, log, median, MiB, printTable, round } from './support';

const AGE = process.env.BENCH_AGE_BIN || 'age';
const AGE_KEYGEN = process.env.BENCH_AGE_KEYGEN_BIN || 'age-keygen';
const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
/** Transpiled CLI; inside the repository so `@scure/base` resolves from its node_modules. */
const BUILD = join(ROOT, 'node_modules', '.cache', 'photodose-bench-crypto');
const SEED = 'bench-crypto';
const STARTUP_RUNS = 5;

interface Run {
  wallS: number;
  cpuS: number;
  /** Our CLI's own report (BENCH_CRYPTO_REPORT=1); absent for `age`. */
  report?: { maxRssKb: number };
}

/** bash reports its children's user and system time after the command ends. */
const TIMED = '"$@"; s=$?; times >&2; exit $s';

function parseTimes(stderr: string): number {
  const m = /(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/.exec(stderr);
  if (!m) throw new Error(`no CPU times in: ${stderr}`);
  return Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4]);
}

/** Runs `cmd` with stdout on /dev/null; wall time, CPU time of the process. */
async function measure(cmd: readonly string[]): Promise<Run> {
  const sink = await open('/dev/null', 'w');
  try {
    const start = process.hrtime.bigint();
    const child = spawn('bash', ['-c', TIMED, 'bench', ...cmd], {
      stdio: ['ignore', sink.fd, 'pipe'],
      env: { ...process.env, BENCH_CRYPTO_REPORT: '1' },
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    const wallS = Number(process.hrtime.bigint() - start) / 1e9;
    if (code !== 0) throw new Error(`${cmd.join(' ')} exited with ${code}: ${stderr.trim()}`);
    const reportLine = stderr.split('\n').find((l) => l.startsWith('{"maxRssKb"'));
    return {
      wallS,
      cpuS: parseTimes(stderr),
      ...(reportLine ? { report: JSON.parse(reportLine) as { maxRssKb: number } } : {}),
    };
  } finally {
    await sink.close();
  }
}

/** Runs `cmd` and returns the SHA-256 and length of its stdout (for the checks). */
async function digestOf(cmd: readonly string[]): Promise<{ sha256: string; bytes: number }> {
  const [bin, ...args] = cmd;
  const child = spawn(bin!, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const hash = createHash('sha256');
  let bytes = 0;
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => {
    hash.update(b);
    bytes += b.length;
  });
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) throw new Error(`${cmd.join(' ')} exited with ${code}: ${stderr.trim()}`);
  return { sha256: hash.digest('hex'), bytes };
}

/** Runs `cmd` and returns its stdout, trimmed. */
async function textOf(cmd: readonly string[]): Promise<string> {
  const [bin, ...args] = cmd;
  const child = spawn(bin!, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) throw new Error(`${cmd.join(' ')} exited with ${code}`);
  return out.trim();
}

/** Runs `cmd` with stdout into `file`. */
async function runInto(cmd: readonly string[], file: string): Promise<void> {
  const out = await open(file, 'w');
  try {
    const [bin, ...args] = cmd;
    const child = spawn(bin!, args, { stdio: ['ignore', out.fd, 'pipe'] });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    if (code !== 0) throw new Error(`${cmd.join(' ')} exited with ${code}: ${stderr.trim()}`);
  } finally {
    await out.close();
  }
}

/**
 * The plaintext: AES-256-CTR keystream under a key from the seed, written
 * once and kept with its SHA-256 beside it (a file without one is remade).
 */
async function ensurePlain(dir: string, bytes: number): Promise<{ file: string; sha256: string }> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, `plain-${bytes}.bin`);
  const sumFile = `${file}.sha256`;
  if (existsSync(sumFile) && (await stat(file).catch(() => null))?.size === bytes) {
    return { file, sha256: (await readFile(sumFile, 'utf8')).trim() };
  }
  log(`  writing ${(bytes / MiB).toFixed(0)} MiB of plaintext to ${file} (once)`);
  const key = createHash('sha256').update(`key:${SEED}`).digest();
  const iv = createHash('sha256').update(`iv:${SEED}`).digest().subarray(0, 16);
  const cipher = createCipheriv('aes-256-ctr', key, iv);
  const zeros = Buffer.alloc(4 * MiB);
  const hash = createHash('sha256');
  const partial = `${file}.partial`;
  const out = await open(partial, 'w');
  try {
    for (let done = 0; done < bytes;) {
      const n = Math.min(zeros.length, bytes - done);
      const block = cipher.update(zeros.subarray(0, n));
      hash.update(block);
      await out.write(block);
      done += n;
    }
  } finally {
    await out.close();
  }
  const sha256 = hash.digest('hex');
  await rename(partial, file);
  await writeFile(sumFile, `${sha256}\n`);
  return { file, sha256 };
}

/**
 * Transpiles services/age (or the copy in BENCH_CRYPTO_AGE_SRC, to compare
 * versions) and the CLI file by file into BUILD; returns the CLI's path.
 */
async function buildCli(): Promise<string> {
  await rm(BUILD, { recursive: true, force: true });
  const ageSrc = process.env.BENCH_CRYPTO_AGE_SRC || join(ROOT, 'services', 'age');
  const sources: [from: string, to: string][] = [
    ...(await readdir(ageSrc))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
      .map((f): [string, string] => [join(ageSrc, f), join('services', 'age', f)]),
    ...['file-reader.ts', 'file-writer.ts', 'lent-buffers.ts'].map((f): [string, string] => [
      join(ROOT, 'services', 'streams', f),
      join('services', 'streams', f),
    ]),
    [join(ROOT, 'bench', 'crypto-cli.ts'), join('bench', 'crypto-cli.ts')],
  ];
  for (const [from, rel] of sources) {
    const { outputText } = ts.transpileModule(await readFile(from, 'utf8'), {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: true,
      },
      fileName: rel,
    });
    const out = join(BUILD, rel.replace(/\.ts$/, '.js'));
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, outputText);
  }
  await writeFile(join(BUILD, 'package.json'), '{"type":"module"}\n');
  return join(BUILD, 'bench', 'crypto-cli.js');
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const b of createReadStream(file, { highWaterMark: 4 * MiB }))
    hash.update(b as Buffer);
  return hash.digest('hex');
}

interface Side {
  name: string;
  cmd: readonly string[];
  runs: Run[];
}

/** Runs each side once per round, alternating which goes first. */
async function rounds(label: string, n: number, mib: number, sides: Side[]): Promise<void> {
  for (let r = 0; r < n; r++) {
    const order = r % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) side.runs.push(await measure(side.cmd));
    const summary = sides
      .map((s) => {
        const last = s.runs.at(-1)!;
        return `${s.name} ${(mib / last.wallS).toFixed(0)} MiB/s (cpu ${last.cpuS.toFixed(2)} s)`;
      })
      .join(', ');
    log(`  ${label} round ${r + 1}/${n}: ${summary}`);
  }
}

/** Median start-up of `cmd` on an empty input, in ms. */
async function startupMs(cmd: readonly string[]): Promise<number> {
  const walls: number[] = [];
  for (let i = 0; i < STARTUP_RUNS; i++) walls.push((await measure(cmd)).wallS * 1000);
  return median(walls);
}

async function main(): Promise<void> {
  const wallStart = process.hrtime.bigint();
  const mib = envNumber('BENCH_CRYPTO_MB', 1024);
  const n = Math.round(envNumber('BENCH_CRYPTO_ROUNDS', 5));
  const bytes = Math.round(mib * MiB);
  const cacheDir = process.env.BENCH_CRYPTO_DIR || join(tmpdir(), 'photodose-bench-crypto');
  const work = await mkdtemp(join(tmpdir(), 'bench-crypto-'));
  try {
    log(`crypto bench: ${mib} MiB file, ${n} rounds, reference ${AGE}`);
    const plain = await ensurePlain(cacheDir, bytes);
    const cli = await buildCli();
    const ours = [process.execPath, cli];

    const keyFile = join(work, 'key.txt');
    await runInto([AGE_KEYGEN], keyFile);
    const recipient = await textOf([AGE_KEYGEN, '-y', keyFile]);

    // Full checks both ways; they also bring every file into the page cache.
    const oursAge = join(work, 'ours.age');
    const refAge = join(work, 'ref.age');
    await runInto([...ours, 'encrypt', recipient, plain.file], oursAge);
    const expected = createAgeEncryptor([recipient]).encryptedLength(bytes);
    const oursSize = (await stat(oursAge)).size;
    if (Math.abs(oursSize - expected) > 512) {
      throw new Error(`our file has ${oursSize} bytes, expected about ${expected}`);
    }
    await runInto([AGE, '-r', recipient, plain.file], refAge);
    const byRef = await digestOf([AGE, '-d', '-i', keyFile, oursAge]);
    const byOurs = await digestOf([...ours, 'decrypt', keyFile, refAge]);
    if (byRef.sha256 !== plain.sha256) throw new Error('age -d did not recover our file');
    if (byOurs.sha256 !== plain.sha256) throw new Error('ours did not recover the file from age');
    if ((await sha256OfFile(plain.file)) !== plain.sha256) throw new Error('plaintext changed');
    log('  checked in full: ours -> age -d, age -r -> ours');

    const empty = join(work, 'empty');
    await writeFile(empty, '');
    const emptyAge = join(work, 'empty.age');
    await runInto([AGE, '-r', recipient, empty], emptyAge);
    const tsxBin = join(ROOT, 'node_modules', '.bin', 'tsx');
    const startup = {
      ours: await startupMs([...ours, 'encrypt', recipient, empty]),
      age: await startupMs([AGE, '-r', recipient, empty]),
      tsx: await startupMs([
        tsxBin,
        join(ROOT, 'bench', 'crypto-cli.ts'),
        'encrypt',
        recipient,
        empty,
      ]),
    };
    log(
      `  start-up on an empty file: ours ${startup.ours.toFixed(0)} ms, age ${startup.age.toFixed(0)} ms` +
        ` (ours through tsx: ${startup.tsx.toFixed(0)} ms, not used below)`,
    );

    const enc: Side[] = [
      { name: 'ours', cmd: [...ours, 'encrypt', recipient, plain.file], runs: [] },
      { name: 'age', cmd: [AGE, '-r', recipient, plain.file], runs: [] },
    ];
    const dec: Side[] = [
      { name: 'ours', cmd: [...ours, 'decrypt', keyFile, oursAge], runs: [] },
      { name: 'age', cmd: [AGE, '-d', '-i', keyFile, oursAge], runs: [] },
    ];
    await rounds('encrypt', n, mib, enc);
    await rounds('decrypt', n, mib, dec);

    const rate = (s: Side) => median(s.runs.map((r) => mib / r.wallS));
    const cpuPerGiB = (s: Side) => median(s.runs.map((r) => (r.cpuS * 1024) / mib));
    /** Median over rounds of ours/age throughput, each pair measured back to back. */
    const paired = (ours: Side, ref: Side, of: (r: Run) => number) =>
      median(ours.runs.map((r, i) => of(ref.runs[i]!) / of(r)));
    const [oursEnc, ageEnc] = enc as [Side, Side];
    const [oursDec, ageDec] = dec as [Side, Side];
    const encRatio = paired(oursEnc, ageEnc, (r) => r.wallS);
    const decRatio = paired(oursDec, ageDec, (r) => r.wallS);
    const encCpuRatio = paired(oursEnc, ageEnc, (r) => r.cpuS);
    const decCpuRatio = paired(oursDec, ageDec, (r) => r.cpuS);
    const peakRssMb =
      Math.max(...[...oursEnc.runs, ...oursDec.runs].map((r) => r.report?.maxRssKb ?? 0)) / 1024;
    const wall = Number(process.hrtime.bigint() - wallStart) / 1e9;

    log('');
    printTable(
      [
        'median',
        'ours MiB/s',
        'age MiB/s',
        'ratio *',
        'ours cpu s/GiB',
        'age cpu s/GiB',
        'cpu ratio *',
      ],
      [
        [
          'encrypt',
          rate(oursEnc),
          rate(ageEnc),
          encRatio,
          cpuPerGiB(oursEnc),
          cpuPerGiB(ageEnc),
          encCpuRatio,
        ],
        [
          'decrypt',
          rate(oursDec),
          rate(ageDec),
          decRatio,
          cpuPerGiB(oursDec),
          cpuPerGiB(ageDec),
          decCpuRatio,
        ],
      ].map(([label, ...xs]) => [
        label as string,
        ...(xs as number[]).map((x, i) => x.toFixed(i === 0 || i === 1 ? 0 : 2)),
      ]),
    );
    log('* median of per-round ratios, ours over age (above 1: ours is faster)');
    log(`our peak RSS: ${peakRssMb.toFixed(0)} MiB; wall time ${wall.toFixed(0)} s`);

    const goal = (value: number) => ({
      value: round(value, 3),
      op: '>=' as const,
      target: 1,
      met: value >= 1,
    });
    emitResult({
      bench: 'crypto',
      mb: mib,
      rounds: n,
      ours_encrypt_mb_s: round(rate(oursEnc), 1),
      age_encrypt_mb_s: round(rate(ageEnc), 1),
      encrypt_ratio: round(encRatio, 3),
      ours_decrypt_mb_s: round(rate(oursDec), 1),
      age_decrypt_mb_s: round(rate(ageDec), 1),
      decrypt_ratio: round(decRatio, 3),
      ours_encrypt_cpu_s_per_gib: round(cpuPerGiB(oursEnc), 3),
      age_encrypt_cpu_s_per_gib: round(cpuPerGiB(ageEnc), 3),
      encrypt_cpu_ratio: round(encCpuRatio, 3),
      ours_decrypt_cpu_s_per_gib: round(cpuPerGiB(oursDec), 3),
      age_decrypt_cpu_s_per_gib: round(cpuPerGiB(ageDec), 3),
      decrypt_cpu_ratio: round(decCpuRatio, 3),
      ours_peak_rss_mb: round(peakRssMb, 1),
      ours_startup_ms: round(startup.ours, 0),
      age_startup_ms: round(startup.age, 0),
      tsx_startup_ms: round(startup.tsx, 0),
      wall_s: round(wall, 0),
      goals: { encrypt_ratio: goal(encRatio), decrypt_ratio: goal(decRatio) },
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();
