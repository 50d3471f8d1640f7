import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Stats } from 'node:fs';

export interface Hit {
  file: string;
  what: string;
}

/**
 * A scan that skips what it cannot read would report "nothing found" for
 * the one place it never looked, so every such place fails the scan, named.
 */
export class UnscannableError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'UnscannableError';
  }
}

/**
 * Every file below `dir`, links followed (a link may lead to data kept
 * elsewhere). Throws naming each entry that is missing, unreadable, or
 * neither a file nor a folder; `dir` itself must be a folder.
 */
export async function listFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  const problems: string[] = [];
  await walk(dir, true, { files, problems, seen: new Set() });
  if (problems.length > 0) throw new UnscannableError(problems);
  return files;
}

interface Walk {
  files: string[];
  problems: string[];
  /** Real paths of folders already walked, so a link back up cannot loop. */
  seen: Set<string>;
}

async function walk(path: string, isRoot: boolean, into: Walk): Promise<void> {
  const refuse = (why: string) => void into.problems.push(`cannot scan ${path}: ${why}`);
  let info: Stats;
  try {
    info = await stat(path);
  } catch (error) {
    return refuse(reason(error));
  }
  if (isRoot && !info.isDirectory()) return refuse('not a folder');
  if (info.isFile()) return void into.files.push(path);
  if (!info.isDirectory()) return refuse(`a ${kindOf(info)}, not a file or folder`);
  try {
    const real = await realpath(path);
    if (into.seen.has(real)) return;
    into.seen.add(real);
    for (const name of await readdir(path)) await walk(join(path, name), false, into);
  } catch (error) {
    refuse(reason(error));
  }
}

function kindOf(info: Stats): string {
  if (info.isFIFO()) return 'FIFO';
  if (info.isSocket()) return 'socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'device';
  return 'special file';
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'it does not exist';
  return error instanceof Error ? error.message : String(error);
}

/**
 * Looks through every file below the folders for each needle, as raw bytes
 * and, for text, also as UTF-16 (Chromium stores some things that way).
 * Throws an UnscannableError when any folder or file could not be read.
 */
export async function scanForNeedles(
  dirs: readonly string[],
  needles: Record<string, Buffer | string>,
): Promise<Hit[]> {
  const problems: string[] = [];
  const files: string[] = [];
  for (const dir of dirs) {
    try {
      files.push(...(await listFiles(dir)));
    } catch (error) {
      if (!(error instanceof UnscannableError)) throw error;
      problems.push(...error.problems);
    }
  }
  const searches = Object.entries(needles).map(([what, needle]) => ({
    what,
    forms:
      typeof needle === 'string'
        ? [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')]
        : [needle],
  }));
  const hits: Hit[] = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      problems.push(`cannot scan ${file}: ${reason(error)}`);
      continue;
    }
    for (const { what, forms } of searches) {
      if (forms.some((form) => bytes.includes(form))) hits.push({ file, what });
    }
  }
  if (problems.length > 0) throw new UnscannableError(problems);
  return hits;
}
