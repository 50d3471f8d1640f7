import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Hit {
  file: string;
  what: string;
}

/** Every regular file below `dir` (missing folders are simply empty). */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/**
 * Looks through every file below the folders for each needle, as raw bytes
 * and, for text, also as UTF-16 (Chromium stores some things that way).
 */
export async function scanForNeedles(
  dirs: readonly string[],
  needles: Record<string, Buffer | string>,
): Promise<Hit[]> {
  const hits: Hit[] = [];
  for (const dir of dirs) {
    for (const file of await listFiles(dir)) {
      const bytes = await readFile(file).catch(() => undefined);
      if (!bytes) continue;
      for (const [what, needle] of Object.entries(needles)) {
        const forms =
          typeof needle === 'string'
            ? [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le')]
            : [needle];
        if (forms.some((form) => bytes.includes(form))) hits.push({ file, what });
      }
    }
  }
  return hits;
}
