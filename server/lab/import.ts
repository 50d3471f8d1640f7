import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { parseIdentityFile } from '../../services/age';
import {
  MAX_PACKAGE_INDEX_BYTES,
  PACKAGE_INDEX_FILE,
  parsePackageIndex,
  type OrderPackageIndex,
} from '../../src/order/package-index';
import { checkOrdersDir, defaultOrdersDir } from './orders-dir';
import { OrderDamage, TAKEN_IN, finishIntake, takeIn } from './intake';
import type { IntakeContext } from './intake';
import { withIntakeSession } from './intake-session';
import type { Clock, LabStore } from './store/lab-store';

const help = `photodose lab import DIR --identity FILE [--out DIR]

Takes in an order package from a USB stick, disk or DVD: the folder
photodose-order-<order id>/ the app exported, or a folder holding several.
Every file is checked against the package's index (present, size, SHA-256 of
the ciphertext) and copied off the medium, then decrypted and verified like a
pulled order. A damaged package is named file by file and quarantined in
DIR/quarantine/<order id>/; a package still being written (.partial) is refused.

  --identity FILE   the lab's age identity (from 'photodose lab keygen')
  --out DIR         the orders folder (default ~/photodose-lab-orders)`;

export interface ImportOptions {
  /** A package folder, or a folder whose photodose-order-* folders are packages. */
  source: string;
  identities: string[];
  outDir: string;
  log?: (line: string) => void;
  store?: LabStore;
  clock?: Clock;
}

export interface ImportReport {
  imported: { orderId: string; dir: string; photos: number }[];
  failed: { package: string; orderId?: string; reason: string; quarantined?: string }[];
  alreadyHad: string[];
}

/** Imports every order package found at `options.source`. */
export async function importPackages(options: ImportOptions): Promise<ImportReport> {
  return withIntakeSession(options, async (ctx) => {
    const report: ImportReport = { imported: [], failed: [], alreadyHad: [] };
    for (const dir of await packagesAt(options.source, report)) {
      await importOne(ctx, dir, report);
    }
    return report;
  });
}

/** The package folders at `source`: itself if it has an index, else its package folders. */
async function packagesAt(source: string, report: ImportReport): Promise<string[]> {
  if (basename(source).endsWith('.partial')) {
    report.failed.push({ package: source, reason: partialReason });
    return [];
  }
  if (await stat(join(source, PACKAGE_INDEX_FILE)).catch(() => undefined)) return [source];
  const found: string[] = [];
  for (const entry of (await readdir(source, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (!entry.isDirectory() || !entry.name.startsWith('photodose-order-')) continue;
    const dir = join(source, entry.name);
    if (entry.name.endsWith('.partial'))
      report.failed.push({ package: dir, reason: partialReason });
    else found.push(dir);
  }
  if (found.length === 0 && report.failed.length === 0) {
    throw new Error(
      `${source} holds no order package (no ${PACKAGE_INDEX_FILE}, no photodose-order-* folder)`,
    );
  }
  return found;
}

const partialReason =
  'the package is incomplete (.partial: still being written, or the export was interrupted)';

async function importOne(ctx: IntakeContext, dir: string, report: ImportReport): Promise<void> {
  let index: OrderPackageIndex;
  try {
    index = await readIndex(dir);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    report.failed.push({ package: dir, reason });
    ctx.log(`${dir}: FAILED: ${reason}`);
    return;
  }
  const { orderId } = index;
  const record = await ctx.store.get(orderId);
  if (record && TAKEN_IN.includes(record.state)) {
    report.alreadyHad.push(orderId);
    ctx.log(`${orderId}: already ${record.state} at the lab, not imported again`);
    return;
  }
  try {
    const outcome = await takeIn(ctx, orderId, 'medium', (cipherDir) =>
      copyChecked(dir, index, cipherDir),
    );
    if (outcome.kind === 'quarantined') {
      report.failed.push({
        package: dir,
        orderId,
        reason: outcome.reason,
        quarantined: outcome.dir,
      });
      return;
    }
    await finishIntake(ctx.ordersDir, orderId);
    report.imported.push({ orderId, dir: outcome.dir, photos: outcome.photos });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    report.failed.push({ package: dir, orderId, reason });
    ctx.log(`${orderId}: FAILED: ${reason}`);
  }
}

/** Reads and checks `order-package.json`, bounded in size before it is read. */
async function readIndex(dir: string): Promise<OrderPackageIndex> {
  const path = join(dir, PACKAGE_INDEX_FILE);
  const info = await stat(path);
  if (info.size > MAX_PACKAGE_INDEX_BYTES) {
    throw new Error(`${PACKAGE_INDEX_FILE} is ${info.size} bytes, more than an index can be`);
  }
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    throw new Error(`${PACKAGE_INDEX_FILE} is not valid JSON`);
  }
  return parsePackageIndex(data);
}

/**
 * Copies the package's files off the medium into `cipherDir`, hashing what it copies: a file
 * missing, of another size or another SHA-256 than the index says is named, file by file.
 * Hashing the copy (not the medium a second time) means the bytes checked are the bytes used.
 */
async function copyChecked(
  dir: string,
  index: OrderPackageIndex,
  cipherDir: string,
): Promise<string[]> {
  const problems: string[] = [];
  const listed = new Set(index.files.map((f) => f.name));
  for (const name of await readdir(dir)) {
    // Dot files are the medium's (macOS writes ._name beside each file on FAT sticks).
    if (name === PACKAGE_INDEX_FILE || name.startsWith('.') || listed.has(name)) continue;
    problems.push(`${name}: in the folder, not in the package index`);
  }
  for (const file of index.files) {
    const from = join(dir, file.name);
    const info = await stat(from).catch(() => undefined);
    if (!info?.isFile()) {
      problems.push(`${file.name}: missing from the package`);
      continue;
    }
    if (info.size !== file.byteSize) {
      problems.push(`${file.name}: ${info.size} bytes, the index says ${file.byteSize}`);
      continue;
    }
    const part = join(cipherDir, `.part-${file.name}`);
    const hash = createHash('sha256');
    const hashing = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    await pipeline(createReadStream(from), hashing, createWriteStream(part, { mode: 0o600 }));
    if (hash.digest('hex') !== file.sha256) {
      await rm(part, { force: true });
      problems.push(`${file.name}: SHA-256 differs from the index (damaged or altered)`);
      continue;
    }
    await rename(part, join(cipherDir, file.name));
  }
  if (problems.length > 0) throw new OrderDamage(`package damaged: ${problems.join('; ')}`);
  return index.files.map((f) => f.name);
}

export async function runImport(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      identity: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void console.log(help);
  if (positionals.length !== 1) throw new Error(`name one package folder\n\n${help}`);
  if (!values.identity) throw new Error(`--identity is required\n\n${help}`);
  const outDir = await checkOrdersDir(values.out ?? defaultOrdersDir());
  const identities = parseIdentityFile(await readFile(values.identity, 'utf8'));
  const report = await importPackages({
    source: positionals[0]!,
    identities,
    outDir,
    log: (line) => console.log(line),
  });
  for (const failed of report.failed) {
    console.log(
      `${failed.orderId ?? failed.package}: not imported: ${failed.reason}` +
        (failed.quarantined ? ` (quarantined in ${failed.quarantined})` : ''),
    );
  }
  console.log(
    `${report.imported.length} orders imported into ${outDir}, ${report.failed.length} failed`,
  );
  if (report.failed.length > 0) process.exitCode = 1;
}
