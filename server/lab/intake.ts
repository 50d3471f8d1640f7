import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createDecryptStream } from '../../services/age';
import { AgeError } from '../../services/age/errors';
import { MANIFEST_FILE, parseManifest } from '../../src/order/manifest';
import type { Clock, LabOrderState, LabStore, OrderSource } from './store/lab-store';
import {
  INCOMING_DIR,
  REASON_FILE,
  incomingDir,
  isOrderId,
  orderDir,
  quarantineDir,
} from './order-folder';
import { verifyOrderFolder } from './verify';
import { QUARANTINE_RETENTION_DAYS } from './retention';
import { decryptedName } from '../../src/order/decrypted-name';

/**
 * Taking an order in, from the server (lab pull) or a medium (lab import): its ciphertext is
 * staged in DIR/.incoming/<id>/cipher, decrypted into .../plain, checked against the manifest,
 * and only then moved to DIR/<id> in one rename and recorded as received. A damaged order goes
 * to DIR/quarantine/<id> with its reason; it is never half in the orders folder. Anything else
 * that stops the work (the network, a full disk) leaves the staged ciphertext for the next run.
 */

/** A manifest as the lab reads it (any version). */
type ReadManifest = ReturnType<typeof parseManifest>;

/** The order itself is damaged or tampered with: it is quarantined, not retried. */
export class OrderDamage extends Error {
  override name = 'OrderDamage';
}

/** The steps of taking in, where a test may end the process to show a crash is survived. */
export type IntakePoint = 'downloaded' | 'decrypted' | 'moved' | 'recorded';

export interface IntakeContext {
  ordersDir: string;
  store: LabStore;
  clock: Clock;
  identities: string[];
  log: (line: string) => void;
  /** Called after each step; tests end the process here. */
  checkpoint?: (point: IntakePoint, orderId: string) => void | Promise<void>;
}

export type IntakeOutcome =
  | { kind: 'received'; orderId: string; dir: string; photos: number }
  | { kind: 'quarantined'; orderId: string; dir: string; reason: string };

/** States in which the lab has the order (or had it, and let it go on purpose). */
export const TAKEN_IN: readonly LabOrderState[] = [
  'received',
  'in-production',
  'shipped',
  'purged',
  'erased',
];

/**
 * Stages an order's ciphertext (`stage` writes it into the folder it is given and returns
 * the files' names), decrypts and verifies it, and records it as received or quarantined.
 * Throws only for what a later run can cure; the staged ciphertext is then kept.
 */
export async function takeIn(
  ctx: IntakeContext,
  orderId: string,
  source: OrderSource,
  stage: (cipherDir: string) => Promise<string[]>,
): Promise<IntakeOutcome> {
  const paths = incomingDir(ctx.ordersDir, orderId);
  await mkdir(paths.cipher, { recursive: true, mode: 0o700 });
  await writeFile(join(paths.root, 'source'), source);
  try {
    const names = await stage(paths.cipher);
    await ctx.checkpoint?.('downloaded', orderId);
    const manifest = await decryptAndVerify(ctx, orderId, paths, names);
    await ctx.checkpoint?.('decrypted', orderId);
    const dir = orderDir(ctx.ordersDir, orderId);
    if (await exists(dir)) throw new Error(`${dir} exists already, without a record of the lab`);
    await rename(paths.plain, dir);
    await ctx.checkpoint?.('moved', orderId);
    await ctx.store.recordReceived(orderId, { source, photos: manifest.files.length });
    // Taken in at a second try: its quarantined copy has served.
    await rm(quarantineDir(ctx.ordersDir, orderId), { recursive: true, force: true });
    await ctx.checkpoint?.('recorded', orderId);
    ctx.log(`${orderId}: ${manifest.files.length} photos verified -> ${dir}`);
    return { kind: 'received', orderId, dir, photos: manifest.files.length };
  } catch (error) {
    await rm(paths.plain, { recursive: true, force: true });
    if (!(error instanceof OrderDamage)) throw error;
    return quarantine(ctx, orderId, source, error.message);
  }
}

/** Removes what taking an order in left behind, once the order is recorded. */
export async function finishIntake(ordersDir: string, orderId: string): Promise<void> {
  await rm(incomingDir(ordersDir, orderId).root, { recursive: true, force: true });
  // The staging folder goes too once nothing else is being taken in.
  await rmdir(join(ordersDir, INCOMING_DIR)).catch(() => undefined);
}

async function decryptAndVerify(
  ctx: IntakeContext,
  orderId: string,
  paths: ReturnType<typeof incomingDir>,
  names: string[],
): Promise<ReadManifest> {
  await rm(paths.plain, { recursive: true, force: true });
  await mkdir(paths.plain, { recursive: true, mode: 0o700 });
  if (!names.includes(MANIFEST_FILE)) throw new OrderDamage(`the order has no ${MANIFEST_FILE}`);
  // The manifest first: it names the photos and their types, and a wrong key fails fast.
  const manifestPath = join(paths.plain, 'manifest.json');
  const manifestProblem = await decryptFile(ctx, join(paths.cipher, MANIFEST_FILE), manifestPath);
  if (manifestProblem) throw new OrderDamage(`${MANIFEST_FILE}: ${manifestProblem}`);
  const manifest = readManifest(await readFile(manifestPath, 'utf8'));
  if (manifest.orderId !== orderId) {
    throw new OrderDamage(`the manifest belongs to order ${manifest.orderId}, not ${orderId}`);
  }
  const listed = new Set(manifest.files.map((f) => f.name));
  const problems = [
    ...manifest.files
      .filter((f) => !names.includes(f.name))
      .map((f) => `${f.name}: in the manifest, missing from the order`),
    ...names
      .filter((n) => n !== MANIFEST_FILE && !listed.has(n))
      .map((n) => `${n}: in the order, not in the manifest`),
  ];
  if (problems.length > 0) throw new OrderDamage(problems.join('; '));
  for (const file of manifest.files) {
    const target = join(paths.plain, decryptedName(file.name, file.mime));
    const problem = await decryptFile(ctx, join(paths.cipher, file.name), target);
    if (problem) problems.push(`${file.name}: ${problem}`);
  }
  if (problems.length === 0) problems.push(...(await verifyOrderFolder(paths.plain, manifest)));
  if (problems.length > 0) throw new OrderDamage(problems.join('; '));
  return manifest;
}

/** Decrypts one file; returns what is wrong with it, or undefined. Other errors are thrown. */
async function decryptFile(
  ctx: IntakeContext,
  from: string,
  to: string,
): Promise<string | undefined> {
  try {
    await pipeline(
      createReadStream(from),
      createDecryptStream(ctx.identities),
      createWriteStream(to, { mode: 0o600 }),
    );
    return undefined;
  } catch (error) {
    if (error instanceof AgeError) return error.message;
    throw error;
  }
}

/** Parses the decrypted manifest; its errors name the field, never quote the content. */
function readManifest(text: string): ReadManifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // JSON.parse quotes the text around the error: it could be the customer's address.
    throw new OrderDamage('the manifest is not valid JSON');
  }
  try {
    return parseManifest(data);
  } catch (error) {
    throw new OrderDamage(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Moves the order's ciphertext to DIR/quarantine/<id> with a reason file, drops anything
 * decrypted, and records the order as quarantined.
 */
export async function quarantine(
  ctx: IntakeContext,
  orderId: string,
  source: OrderSource,
  reason: string,
): Promise<IntakeOutcome> {
  const paths = incomingDir(ctx.ordersDir, orderId);
  const dir = quarantineDir(ctx.ordersDir, orderId);
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, '..'), { recursive: true });
  if (await exists(paths.cipher)) await rename(paths.cipher, dir);
  else await mkdir(dir);
  for (const name of await readdir(dir)) {
    if (name.startsWith('.part-')) await rm(join(dir, name), { force: true });
  }
  await writeFile(
    join(dir, REASON_FILE),
    [
      `Order ${orderId} was not taken in: it is damaged or was tampered with.`,
      '',
      `Reason: ${reason}`,
      `Came by: ${source === 'pull' ? 'lab pull (left on the receiving server)' : 'lab import (a medium)'}`,
      `Quarantined: ${ctx.clock().toISOString()}`,
      '',
      'The files here are the ciphertext as it arrived. The manifest (customer data) can be read',
      'with the lab key: age -d -i IDENTITY manifest.age. Ask the customer to send the order again;',
      "'photodose lab pull --retry-quarantined' tries a pulled order again.",
      `'photodose lab purge' deletes this folder ${QUARANTINE_RETENTION_DAYS} days after the quarantine.`,
      '',
    ].join('\n'),
  );
  await finishIntake(ctx.ordersDir, orderId);
  await ctx.store.recordQuarantined(orderId, source, reason);
  ctx.log(`${orderId}: QUARANTINED: ${reason} -> ${dir}`);
  return { kind: 'quarantined', orderId, dir, reason };
}

/**
 * Makes the orders folder agree with the database after a crash: an order folder without a
 * record (moved, not yet recorded, or pulled before the lab had a database) is verified again
 * and recorded; leftovers of orders already recorded are removed.
 */
export async function recoverIntake(ctx: IntakeContext): Promise<void> {
  for (const name of await readdir(ctx.ordersDir).catch(() => [] as string[])) {
    if (!isOrderId(name) || (await ctx.store.get(name))) continue;
    const dir = orderDir(ctx.ordersDir, name);
    if (!(await stat(dir)).isDirectory()) continue;
    const problems = await verifyExisting(dir, name);
    if (problems.length > 0) {
      ctx.log(
        `${name}: folder without a record does not verify, left alone: ${problems.join('; ')}`,
      );
      continue;
    }
    const source = await readFile(join(incomingDir(ctx.ordersDir, name).root, 'source'), 'utf8')
      .then((s) => (s === 'medium' ? 'medium' : 'pull') as OrderSource)
      .catch(() => 'pull' as const);
    const manifest = parseManifest(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')));
    await ctx.store.recordReceived(name, { source, photos: manifest.files.length });
    ctx.log(`${name}: found verified in the orders folder, recorded as received`);
  }
  const incoming = join(ctx.ordersDir, INCOMING_DIR);
  for (const name of await readdir(incoming).catch(() => [] as string[])) {
    const record = await ctx.store.get(name);
    if (record && TAKEN_IN.includes(record.state)) await finishIntake(ctx.ordersDir, name);
  }
}

async function verifyExisting(dir: string, orderId: string): Promise<string[]> {
  try {
    const manifest = readManifest(await readFile(join(dir, 'manifest.json'), 'utf8'));
    if (manifest.orderId !== orderId) return [`the manifest belongs to ${manifest.orderId}`];
    return await verifyOrderFolder(dir, manifest);
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined;
}
